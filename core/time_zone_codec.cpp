#include "time_zone_codec.h"

#include <nlohmann/json.hpp>

namespace pathways {

using json = nlohmann::json;

json zone_rules_json(const ZoneRules& rules) {
  json periods = json::array();
  for (const ZonePeriod& p : rules.periods)
    periods.push_back(json::array({unix_seconds(p.from), p.offset_s, p.abbrev}));
  return json{{"name", rules.name}, {"periods", std::move(periods)}};
}

Result<ZoneRules> zone_rules_from_json(const json& data) {
  auto wrong = [] { return reject(RejectCode::wrong_type, "Time zone rules must be {\"name\", \"periods\"}."); };
  if (!data.is_object()) return wrong();
  auto name = data.find("name");
  auto periods = data.find("periods");
  if (name == data.end() || !name->is_string() || periods == data.end() || !periods->is_array()) return wrong();
  if (periods->size() > max_zone_periods)
    return reject(RejectCode::invalid_value, "Time zone rules hold too many periods.");
  ZoneRules rules;
  rules.name = name->get<std::string>();
  rules.periods.reserve(periods->size());
  for (const json& p : *periods) {
    if (!p.is_array() || p.size() != 3 || !p[0].is_number_integer() || !p[1].is_number_integer() || !p[2].is_string())
      return wrong();
    const long long from = p[0].get<long long>();
    const long long offset = p[1].get<long long>();
    // Far outside the instants Pathways handles: refused before any arithmetic on them.
    if (from < -(1LL << 40) || from > (1LL << 40) || offset < -max_utc_offset_s || offset > max_utc_offset_s)
      return reject(RejectCode::invalid_value, "Time zone rules hold an impossible period.");
    rules.periods.push_back(ZonePeriod{from_unix_seconds(from), static_cast<int>(offset), p[2].get<std::string>()});
  }
  if (Check bad = validate_zone_rules(rules)) return *bad;
  return rules;
}

}  // namespace pathways
