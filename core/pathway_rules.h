// Rules about whole pathways, journeys and cohorts, by name (R6, R9–R11, R13, R14).
#pragma once

#include <cstdint>

#include <unordered_map>
#include <utility>
#include <vector>

#include "ops.h"
#include "rejection.h"
#include "state.h"

namespace pathways {

// R13: complete when every session that is not greyed out is Completed or Missed (and at
// least one session was marked: an all-greyed pathway has not happened).
bool rule_pathway_complete(const std::vector<Session>& sessions);

// R11: granted extra sessions on one pathway stay within the journey's cap.
Check rule_grant_within_cap(const State& state, const Pathway& pathway, int count);
int granted_sessions(const State& state, const Id& pathway_id);

// R6: blueprint (visible) and grey-out (bookable) disagree.
enum class MismatchKind : std::uint8_t { visible_but_greyed_out, hidden_but_bookable };
struct Mismatch {
  Id session;
  Id participant;
  MismatchKind kind;
};
std::vector<Mismatch> find_mismatches(const State& state, const Id& cohort_id);
// The same for one pathway, appended to `out`.
void find_mismatches(const State& state, const Pathway& pathway, std::vector<Mismatch>& out);
// The same for one pathway as a bit per session (in the order of sessions_of, the first
// 64) for each kind: what views keep per row, without building ids.
struct MismatchFlags {
  std::uint64_t visible_but_greyed_out = 0;
  std::uint64_t hidden_but_bookable = 0;
  std::uint64_t any() const { return visible_but_greyed_out | hidden_but_bookable; }
};
MismatchFlags mismatch_flags(const State& state, const Pathway& pathway);
// The same from the pathway's cohort (null if unknown) and sessions, for callers that keep
// them at hand.
MismatchFlags mismatch_flags(const Cohort* cohort, const std::vector<Session>& sessions);
// The one-click reconcile: un-grey what is visible, grey out what is hidden and unbooked.
std::vector<OpBody> reconcile_ops(const std::vector<Mismatch>& mismatches);

// R14: participants with no booking or attendance activity for 3 months or more, not
// archived, and with no Booked session starting after `now` (a booking ahead is not
// inactivity: it must be cancelled before archiving).
constexpr int inactivity_months = 3;
std::vector<Id> inactive_participants(const State& state, Time now);

// Scheduled job: unbooked sessions nudge the participant at most once a week (R12 keys),
// and never within R19's rolling 7 days of any reminder to them.
std::vector<OutboxMessage> due_unbooked_reminders(const State& state, Time now);

// [SECTION] R19 reminder pacing

// R19: at most one unbooked reminder per participant per rolling 7 days, whoever sends it
// (the job's unbooked_reminder, a lead's or admin's reminder) and however often it is retried.
constexpr Seconds reminder_pacing_window = days(7);

// When each participant was last sent a reminder (either kind), read from the outbox,
// which is the memory of every mail (R12). One pass over the outbox.
using LastReminders = std::unordered_map<Id, Time>;
LastReminders last_reminders(const State& state);

// R19: may `participant` be reminded at `now`? already_exists with a sentence naming the
// last reminder's time when one was sent in the 7 days before `now` (a window that rolls:
// 7 days after the last one, not the next calendar week).
Check rule_reminder_pacing(const LastReminders& last, const Id& participant, Time now);

// R19: a bulk reminder (a programme lead's "remind all"): who is reminded, and who is
// skipped, with the time of the reminder that makes it too soon, so the lead is told.
struct BulkReminderPlan {
  std::vector<Id> send;                      // in the order asked, without repeats
  std::vector<std::pair<Id, Time>> skipped;  // reminded too recently, and when
};
BulkReminderPlan plan_bulk_reminder(const State& state, const std::vector<Id>& participants, Time now);

}  // namespace pathways
