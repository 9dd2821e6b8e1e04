// Entities as JSON: the `data` of pull changes (DESIGN.md §5a), redacted for the viewer,
// and the full form used by the server's storage.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "rejection.h"
#include "state.h"

namespace pathways {

// The entity's fields as `viewer` may read them (emails, notes, internal fields are
// left out where the viewer's role may not see them). `viewer` null: everything, for
// storage and snapshots, without derived display fields.
nlohmann::json entity_data(const State& state, const Entity& entity, const User* viewer);

// Reads an entity back from its data (what a client does with pulled changes).
Result<Entity> entity_from_data(EntityKind kind, const nlohmann::json& data);

}  // namespace pathways
