// Who may do what (DESIGN.md §1). Every "may this actor…" question is answered here, so
// the browser hides what the server would refuse, and the server refuses it anyway.
#pragma once

#include <string_view>

#include "ops.h"
#include "rejection.h"
#include "state.h"

namespace pathways {

enum class SessionAction : std::uint8_t { book, cancel, mark, note };

// R2 and the role table: coaches act on their own participants' sessions, participants
// book and cancel their own, admins act on any, programme leads never change sessions.
Check may_act_on_session(const Actor& actor, const Pathway& pathway, SessionAction action);

// Admin-only operations (R5 grey-out, corrections, journeys, cohorts, users, grants).
Check need_admin(const Actor& actor, std::string_view what);

// A coach manages their own calendar; admins manage anyone's.
Check may_manage_slots_of(const Actor& actor, const Id& coach);

// Programme leads act on participants of their companies; admins on anyone.
Check may_chase_participant(const State& state, const Actor& actor, const Id& participant);

// The companies a participant's pathways belong to (through cohort → project → company).
bool participant_in_companies(const State& state, const Id& participant, const std::vector<Id>& companies);
Id company_of_pathway(const State& state, const Pathway& pathway);

}  // namespace pathways
