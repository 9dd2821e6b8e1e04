// Users and pathways of a snapshot, read straight from the text into their fields.
//
// A state holds as many users and pathways as participants. Building a JSON object for
// each and then decoding it cost about as much as all the session rows, so these two
// kinds are read field by field, with the checks and messages of entity_from_data
// (core/entity_codec.cpp): the same data gives the same entity or the same refusal.
// Other kinds are few and go through entity_from_data.
#pragma once

#include <optional>

#include "json_cursor.h"
#include "rejection.h"
#include "state.h"

namespace pathways {

// Each reads the object at the cursor. False when the text is not JSON (the cursor has
// failed); otherwise `problem` holds the first wrong field, in entity_from_data's order,
// or nothing when `out` is good. Unknown fields are checked as JSON and ignored.
bool read_user_record(JsonCursor& cursor, User& out, std::optional<Rejection>& problem);
bool read_pathway_record(JsonCursor& cursor, Pathway& out, std::optional<Rejection>& problem);

}  // namespace pathways
