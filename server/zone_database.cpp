#include "server/zone_database.h"

#include <date/tz.h>

#include <algorithm>
#include <exception>

namespace pathways::server {

std::optional<ZoneRules> read_zone_rules(std::string_view name) {
  ZoneRules rules;
  rules.name = std::string(name);
  // Checked first, so no path-like name ever reaches the file system.
  if (validate_zone_rules(ZoneRules{rules.name, {ZonePeriod{earliest_time, 0, "UTC"}}})) return std::nullopt;
  try {
    const date::time_zone* zone = date::locate_zone(rules.name);
    const date::sys_seconds last{date::sys_days{date::year{zone_rules_last_year} / 12 / 31}};
    date::sys_seconds t{date::sys_days{date::year{zone_rules_first_year} / 1 / 1}};
    const Time since_1900{date::sys_days{date::year{1900} / 1 / 1}.time_since_epoch()};
    while (t < last && rules.periods.size() < max_zone_periods) {
      const date::sys_info info = zone->get_info(t);
      const int offset = static_cast<int>(info.offset.count());
      // Periods that differ only in DST flag or name-less changes are merged: the core
      // needs the offset and what people call it.
      if (rules.periods.empty() || rules.periods.back().offset_s != offset ||
          rules.periods.back().abbrev != info.abbrev)
        // The first period covers everything before it too; its own start is kept only
        // as far back as 1900 (zones without changes begin at the dawn of time).
        rules.periods.push_back(
            ZonePeriod{std::max(Time{info.begin.time_since_epoch()}, since_1900), offset, info.abbrev});
      if (info.end <= t) break;
      t = info.end;
    }
  } catch (const std::exception&) {
    return std::nullopt;  // unknown zone, or tzdata unreadable
  }
  if (validate_zone_rules(rules)) return std::nullopt;
  return rules;
}

std::optional<ZoneRules> ZoneDatabase::rules(std::string_view name) {
  const ZoneRules* found = find(name);
  return found ? std::optional<ZoneRules>(*found) : std::nullopt;
}

const ZoneRules* ZoneDatabase::find(std::string_view name) {
  std::lock_guard lock(mutex_);
  auto it = cache_.find(name);
  if (it == cache_.end()) it = cache_.emplace(std::string(name), read_zone_rules(name)).first;
  return it->second ? &*it->second : nullptr;
}

}  // namespace pathways::server
