// Finding an entity in the state by kind and id, whatever its kind (the core's lookups are
// one per kind). Used to undo commits and to turn changed database rows into pull data.
#pragma once

#include <optional>

#include "core/state.h"

namespace pathways::server {

// The entity's current value (same kind and id as `like`), if present.
std::optional<Entity> current_value(const State& state, const Entity& like);

// The entity of this kind and id, if present. Session ids are "<pathway>/<key>".
std::optional<Entity> find_entity(const State& state, EntityKind kind, const Id& id);

}  // namespace pathways::server
