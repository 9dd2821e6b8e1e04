// Zone rules as JSON, for the server to hand them to the browser and the browser to keep
// them in its store (DESIGN.md §9):
//   {"name": "Europe/London", "periods": [[from, offset_s, "abbrev"], ...]}
// where `from` is Unix seconds (UTC) and `offset_s` seconds east of UTC.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "time_zone.h"

namespace pathways {

nlohmann::json zone_rules_json(const ZoneRules& rules);

// Reads and validates (validate_zone_rules); wrong shapes give wrong_type, bad values
// invalid_value, each with a sentence.
Result<ZoneRules> zone_rules_from_json(const nlohmann::json& data);

}  // namespace pathways
