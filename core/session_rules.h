// The session status rules, by name. Handlers in rules/ call these; views call them to
// explain a disabled action; tests call them by the same names (R-numbers in comments).
#pragma once

#include <optional>

#include "ops.h"
#include "rejection.h"
#include "state.h"

namespace pathways {

// R1: Completed / Missed only on a Booked session whose start is before the action.
Check rule_mark_needs_past_booking(const Session& session, Time at);

// R3: a free place in a slot of the pathway's coach, of the session's kind, that does not
// overlap another booking of the same participant. Participants book future slots only.
Check rule_booking_fits_slot(const State& state, const Session& session, const Pathway& pathway, const Slot& slot,
                             const Actor& actor, Time at);

// R4: what a cancellation does. 24 h or more before start: Unbooked, place freed. Later:
// a participant's cancellation is Missed (late_cancellation, billable); staff's is Unbooked.
struct CancellationOutcome {
  SessionStatus status = SessionStatus::unbooked;
  MissedReason reason = MissedReason::none;
  bool late = false;
};
constexpr Seconds cancellation_window = hours(24);
CancellationOutcome rule_cancellation_window(const Session& session, Role actor_role, Time at);

// R4, DESIGN.md §5: a participant's cancellation is judged when the server receives it, so
// one made offline may arrive late. Before the person confirms, a view says from when it
// would count as late: start − 24 h. Nothing when the window does not bind the actor (staff)
// or the cancellation is late already at `now` (the prediction shows it as Missed).
std::optional<Time> cancellation_late_from(const Session& session, Role actor_role, Time now);

// R4b: once a session has started nobody cancels it (it is marked, or an admin corrects
// it). Refused `already_started` when the cancellation's effective time `at` or its receipt
// `received` is at or after the start: a cancellation that arrives after the start is
// refused for staff and participants alike, whatever time it claims.
Check rule_no_cancel_after_start(const Session& session, Time at, Time received);

// R4a: Missed always carries a reason; coaches mark no_show; coach_no_show is the admin's;
// late_cancellation only ever comes from a cancellation.
Check rule_missed_reason(Role actor_role, std::optional<MissedReason> reason);

// R5: only an Unbooked session can be greyed out (a Booked one is cancelled first).
Check rule_grey_out_needs_unbooked(const Session& session);

// R15: Completed, and Missed for no_show or late_cancellation.
bool is_billable(const Session& session);

// R18: does this session occupy a place in its slot? (A late cancellation frees it.)
bool holds_place(const Session& session);

// R3: a booked session of this participant that overlaps [start, end), if any.
const Session* overlapping_booking(const State& state, const Id& participant, Time start, Time end,
                                   const Session* except);

}  // namespace pathways
