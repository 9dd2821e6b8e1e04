// What each user may see (DESIGN.md §1, R7, R8): the server's pull sends exactly this,
// and the client draws from it. Hidden sessions never leave the server for a participant.
#pragma once

#include <functional>

#include "state.h"

namespace pathways {

// R7 with R8: a participant sees a session their cohort's blueprint shows; when the
// journey's "My Coaching" tab is on, also every session with activity (booked or marked).
bool participant_sees_session(const State& state, const Session& session);

// Is the session in the cohort's blueprint (R6)?
bool in_blueprint(const State& state, const Session& session);

// Whether `viewer` may see this entity at all.
bool in_scope(const State& state, const User& viewer, const Entity& entity);

// Calls `visit` for every entity in the viewer's scope (a full pull).
void for_each_in_scope(const State& state, const User& viewer, const std::function<void(const Entity&)>& visit);

// May `viewer` see another user's e-mail address?
bool may_see_email(const State& state, const User& viewer, const User& other);

}  // namespace pathways
