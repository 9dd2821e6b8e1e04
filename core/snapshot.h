// A whole state as one JSON document, and back: how a client stores its base state and
// how benchmarks and tools move a world around. Loading checks every entity and refuses
// the document with the first problem found.
//
// Format 2: {"format": 2, "<kind>": [entity data, …], …, "session_columns": [...],
// "session_rows": [[…], …]}. Sessions, by far the most numerous, are rows of values
// with trailing defaults left out, so a state of 1.2 million sessions loads in well
// under a second.
#pragma once

#include <string>
#include <string_view>

#include "rejection.h"
#include "state.h"

namespace pathways {

std::string save_snapshot(const State& state);
Result<State> load_snapshot(std::string_view text);

}  // namespace pathways
