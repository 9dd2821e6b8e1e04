// A whole state as one JSON document, and back: how a client stores its base state and
// how benchmarks and tools move a world around. Loading checks every entity and refuses
// the document with the first problem found.
//
// Format 3: {"format": 3, "counts": {"<kind>": n, …}, "<kind>": [entity data, …], …,
// "session_columns": [...], "session_rows": [[…], …]}. Sessions, by far the most
// numerous, are rows of values with trailing defaults left out, grouped by pathway.
// "counts" lets the reader size its maps before the lists arrive; format 2 (the same
// without it) still loads. A state of 1.2 million sessions loads in about 0.6 s natively
// (snapshot_load.cpp reads the text with JsonCursor, straight into the state).
#pragma once

#include <string>
#include <string_view>

#include "rejection.h"
#include "state.h"

namespace pathways {

std::string save_snapshot(const State& state);
Result<State> load_snapshot(std::string_view text);

}  // namespace pathways
