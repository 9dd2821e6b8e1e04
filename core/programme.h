// One participant's programme as an admin changes it: moving cohort (R10), extra sessions
// (R11), archiving (R14). The ops' handlers decide; these answer what a form offers and
// shows before it submits.
#pragma once

#include <vector>

#include "apply.h"
#include "ops.h"
#include "rejection.h"
#include "state.h"

namespace pathways {

// R11: extra sessions the pathway's journey allows per pathway (its max_extra_sessions; 0
// when the journey is unknown), and how many of them are still to grant (cap − granted,
// never below 0).
int grant_cap(const State& state, const Pathway& pathway);
int remaining_grants(const State& state, const Pathway& pathway);

// R10: the cohorts `pathway` may move to: the same journey, not archived, not its own; by
// name, then id.
std::vector<const Cohort*> move_targets(const State& state, const Pathway& pathway);

// R10: the greyed-out sessions of `pathway` that `cohort`'s blueprint shows, offered for
// un-greying with the move: the MoveParticipant handler's `suggest_ungrey`. Empty when the
// move would be refused.
std::vector<Id> unlocked_by_move(const State& state, const Id& pathway, const Id& cohort, const Actor& actor, Time at);

// R14: the participant's Booked sessions that start after `now` (UTC), by start.
std::vector<Id> bookings_ahead(const State& state, const Id& participant, Time now);

// R14: a participant with a booking ahead is archived only after that booking is
// cancelled. invalid_transition naming the count otherwise.
Check rule_archive_needs_no_booking_ahead(const State& state, const Id& participant, Time now);

// R14: archiving as the admin is offered it: cancel each booking ahead, then archive; to be
// submitted together (submit_all).
std::vector<OpBody> archive_ops(const State& state, const Id& participant, Time now);

}  // namespace pathways
