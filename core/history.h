// R21: what an applied op did to sessions, for the audit history. Every applied op is one
// audit entry (Applied::audit: who, the op, its subject, its effective time, its claimed
// time and the server's receipt); an op that changes a session's status also records, per
// session, the status before and after and the missed reason. The server keeps these beside
// its op log and serves a session's history and a participant's timeline to the staff who may
// see that participant.
#pragma once

#include <vector>

#include "rejection.h"
#include "state.h"

namespace pathways {

struct StatusChange {
  Id session;
  Id participant;  // of the session's pathway ("" when the pathway is unknown)
  SessionStatus from = SessionStatus::unbooked;
  SessionStatus to = SessionStatus::unbooked;
  MissedReason reason = MissedReason::none;  // after the change (R4a: set when `to` is Missed)
};

// The sessions whose status or missed reason `changes` alter, compared with `before` (the
// state the op was applied to, before its changes are committed), in the order of `changes`.
// A session the changes create (enrolment, a grant, a publish) is listed only when it starts
// in a status other than Unbooked (e.g. greyed out by the blueprint); a deleted session is not
// a status change.
std::vector<StatusChange> status_changes(const State& before, const std::vector<Change>& changes);

// The participant an op's audit subject is about, for their timeline: the participant
// themself (a user), or the participant of a pathway, session ("pathway/key"),
// a note's session, a grant or an escalation; empty for anything else (slots, journeys, cohorts, companies, staff
// users).
Id participant_of_subject(const State& state, const Id& subject);

// R21: may `viewer` read the history of `participant` (their timeline, their sessions')?
// Staff who may see the participant (Scope: admins, leads of their companies, their coaches).
// Participants are refused (forbidden), their own history included: it names the staff who
// acted and every correction. Anyone else, or an id that is not a participant: not_found.
Check may_read_history(const State& state, const User& viewer, const Id& participant);

}  // namespace pathways
