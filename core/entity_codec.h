// Entities as JSON: the `data` of pull changes (DESIGN.md §5a), redacted for the viewer,
// and the full form used by the server's storage.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "rejection.h"
#include "state.h"

namespace pathways {

class Scope;

// The entity's fields as `viewer` may read them, an object keyed by wire name (each
// entity's list in core/entity_fields.h says which fields a role may not read: e-mails,
// internal fields, hidden placeholders). `viewer` null: every stored field, for storage
// and snapshots, without derived display fields (title, in_blueprint, billable).
nlohmann::json entity_data(const State& state, const Entity& entity, const User* viewer);
// The same for the scope's viewer; a Scope built once serves a whole pull.
nlohmann::json entity_data(const Scope& scope, const Entity& entity);

// A journey's placeholder as stored: {"duration_min", "id", "kind", "retired", "title"}.
nlohmann::json placeholder_data(const Placeholder& placeholder);
Result<Placeholder> placeholder_from_data(const nlohmann::json& data);

// Reads an entity back from its data (what a client does with pulled changes). Refuses
// with the first problem in field-list order: missing_field for an absent required field,
// wrong_type for a value of the wrong type or range, malformed for a non-object.
Result<Entity> entity_from_data(EntityKind kind, const nlohmann::json& data);

}  // namespace pathways
