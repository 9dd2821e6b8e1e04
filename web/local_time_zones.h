// The zone rules this client keeps (R17, DESIGN.md §9). The browser has no zone database:
// the rules of the zones it needs (the signed-in person's, their coach's, the calendar's)
// come from the server (GET /api/time-zones/<IANA name>) and are kept in the store
// ("zones.json"), so local dates, weeks and weekly repeats are computed offline by the core
// exactly as the server computes them.
#pragma once

#include <string>
#include <string_view>

#include "core/apply.h"
#include "core/time_zone.h"

namespace pathways::local_time {

// The rules of `name` ("Europe/London") if this client has them, else null; "UTC" is always
// known. A name not yet known is asked of the server once per visit (asynchronously: the
// render loop wakes when it arrives); the answer is kept in the store.
const ZoneRules* zone_rules(std::string_view name);

// Why `name`'s rules are not here yet, in words: "" while they are on their way or known,
// else "offline", "not a time zone the server knows" or the reason they were refused.
std::string zone_problem(std::string_view name);

// zone_rules as the core's lookup (for apply and check), knowing only what is kept.
ZoneLookup zone_lookup();

// The zone a person's times are read in: their own `time_zone`, else this browser's
// (zone_name()), else "UTC".
std::string zone_of(const std::string& time_zone);

}  // namespace pathways::local_time
