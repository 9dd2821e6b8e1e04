// "Preview as participant" (R7): the state a participant's own client holds, built by the
// same scope and redaction the server's pull uses, so a preview shows exactly what they see.
#pragma once

#include "state.h"

namespace pathways {

// The state of `participant`'s own client after a full pull: every entity their Scope
// holds (core/scope.h), each written as the pull writes it for them (entity_data, which
// leaves out hidden placeholders, staff-only fields and e-mails they may not read) and read
// back as their client reads it (entity_from_data). Hidden sessions are never in it (R7).
// Empty when `participant` is not a participant of `state`.
State scoped_state(const State& state, const Id& participant);

// The participant a cohort's preview starts with: the first of its participants by name,
// then id; empty when it has none.
Id first_participant(const State& state, const Id& cohort);

}  // namespace pathways
