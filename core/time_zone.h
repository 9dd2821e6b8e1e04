// Wall-clock time in a person's zone (R17, DESIGN.md §9). The core reads no zone database:
// a zone's rules come in as data (ZoneRules, made on the server from the system's tzdata
// and kept by the browser in its store), so both sides compute the same local times.
//
// What a person means in wall-clock terms stays in wall-clock terms: a weekly slot keeps
// its local start across clock changes, a day runs from local midnight to local midnight,
// and a local time that the clocks skip is refused with a reason, never moved.
#pragma once

#include <string>
#include <vector>

#include "civil.h"
#include "rejection.h"
#include "time.h"

namespace pathways {

// One stretch of a zone's history: from `from` (UTC) until the next period's `from`, local
// time is UTC + `offset_s` seconds, and people call it `abbrev` ("BST", "CDT", "+0530").
struct ZonePeriod {
  Time from{};
  int offset_s = 0;
  std::string abbrev;

  bool operator==(const ZonePeriod&) const = default;
};

// A zone's rules as data: its IANA name and its periods, sorted by `from`, strictly
// increasing. The first period also covers every earlier instant and the last every later
// one (the server writes the periods tzdata lists, to 2037 on Debian; clock changes after
// the last period are not modelled).
struct ZoneRules {
  std::string name;  // IANA name, "Europe/London"; "UTC" for the zone with no changes
  std::vector<ZonePeriod> periods;

  bool operator==(const ZoneRules&) const = default;
};

// Coordinated Universal Time as ZoneRules (one period, offset 0).
ZoneRules utc_zone();

// Limits on zone data from outside (a pull, the store): it is refused beyond these.
constexpr std::size_t max_zone_periods = 1000;
constexpr int max_utc_offset_s = 18 * 3600;

// Checks rules read from outside: a valid IANA-style name (letters, digits, "/_-+", at most
// 64 bytes), 1 to max_zone_periods periods in strictly increasing order, offsets within
// ±18 h, abbreviations of 1 to 10 printable ASCII characters. invalid_value otherwise.
Check validate_zone_rules(const ZoneRules& rules);

// [SECTION] Instants to wall-clock time

// A wall-clock reading: a calendar date and minutes and seconds since its midnight.
struct LocalDateTime {
  CivilDate date;
  int hour = 0;    // 0-23
  int minute = 0;  // 0-59
  int second = 0;  // 0-59

  auto operator<=>(const LocalDateTime&) const = default;
};

// The period in force at `t`.
const ZonePeriod& period_at(const ZoneRules& rules, Time t);
// Seconds east of UTC in force at `t`.
inline int utc_offset(const ZoneRules& rules, Time t) { return period_at(rules, t).offset_s; }
// What a clock in the zone shows at `t`.
LocalDateTime to_local(const ZoneRules& rules, Time t);
inline CivilDate local_date(const ZoneRules& rules, Time t) { return to_local(rules, t).date; }

// [SECTION] Wall-clock time to instants

// A wall-clock time resolved to an instant. In the autumn hour that happens twice, `at`
// is the first (earlier) of the two and `repeated` says so, with `second_at` the later.
struct ResolvedLocalTime {
  Time at{};
  bool repeated = false;
  Time second_at{};
  std::string abbrev;  // of the period `at` falls in, to say which of the two was meant
};

// The instant a clock in the zone shows `local`. A time the clocks skip (spring forward)
// is refused with RejectCode::nonexistent_local_time and a sentence naming the change
// ("Sun 29 Mar 2026 01:30 does not exist in Europe/London: clocks go forward from 01:00
// to 02:00."). A repeated time resolves to its first occurrence (`repeated` set).
Result<ResolvedLocalTime> resolve_local(const ZoneRules& rules, const LocalDateTime& local);

// The first instant of `date` in the zone: local midnight, or where midnight is skipped
// (zones that change clocks at 00:00), the moment the day begins after the change.
Time start_of_day(const ZoneRules& rules, CivilDate date);

// A half-open span of UTC instants [begin, end).
struct TimeRange {
  Time begin{};
  Time end{};
  bool contains(Time t) const { return begin <= t && t < end; }
};

// R17: the instants of the local dates `first` through `last` inclusive, from the midnight
// starting `first` to the one ending `last`, in the zone. `last` before `first` gives an
// empty range at `first`'s midnight.
TimeRange local_date_range(const ZoneRules& rules, CivilDate first, CivilDate last);

// The local week (Monday to Sunday) holding `t`.
TimeRange local_week(const ZoneRules& rules, Time t);

// R17: a weekly repeat keeps its wall-clock start. The instants of `first`'s local time
// on the same weekday for `weeks` weeks (the first included). A week whose local time the
// clocks skip gives that week's rejection; a repeated local time takes its first instant.
std::vector<Result<ResolvedLocalTime>> weekly_repeat(const ZoneRules& rules, Time first, int weeks);

// "Sun 29 Mar 2026 01:30": a local reading in words (English, 24-hour clock).
std::string describe_local(const LocalDateTime& local);

}  // namespace pathways
