// The system's time-zone database (Debian's tzdata in /usr/share/zoneinfo), read through
// Howard Hinnant's date library, turned into the core's ZoneRules data (DESIGN.md §9): the
// core never reads zone files, so the server hands it, and the browser, the rules it needs.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/time_zone.h"

namespace pathways::server {

// The years zone rules cover: every instant Pathways accepts (core/time.h) up to 2100, as
// far as the system's zone files list changes: Debian's list them to 2037, and the date
// library does not extend them by the files' closing rule, so later instants keep 2037's
// last offset.
constexpr int zone_rules_first_year = 1999;
constexpr int zone_rules_last_year = 2100;

class ZoneDatabase {
 public:
  // The rules of the IANA zone `name` ("Europe/London"), periods from
  // zone_rules_first_year to zone_rules_last_year; nothing for a name tzdata does not know
  // (or one that is not a valid IANA name). Thread-safe; each zone is read once.
  std::optional<ZoneRules> rules(std::string_view name);

  // The same rules in place, or null: valid for the database's life (entries are never
  // removed). This is the core's ZoneLookup (core/apply.h) on the server.
  const ZoneRules* find(std::string_view name);

 private:
  std::mutex mutex_;
  std::map<std::string, std::optional<ZoneRules>, std::less<>> cache_;
};

// The rules of one zone, straight from tzdata (no cache).
std::optional<ZoneRules> read_zone_rules(std::string_view name);

}  // namespace pathways::server
