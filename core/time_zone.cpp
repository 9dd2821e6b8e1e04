// Wall-clock arithmetic over zone rules given as data (R17). Local readings are handled
// as "local seconds" (seconds since 1970-01-01 00:00 on the zone's clock), which makes a
// period's local span simply its UTC span shifted by its offset.
#include "time_zone.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace pathways {
namespace {

constexpr long long seconds_per_day = 86400;

long long local_seconds(const LocalDateTime& l) {
  return day_number(l.date) * seconds_per_day + l.hour * 3600LL + l.minute * 60LL + l.second;
}

LocalDateTime from_local_seconds(long long s) {
  long long day = s / seconds_per_day;
  long long rem = s % seconds_per_day;
  if (rem < 0) {
    rem += seconds_per_day;
    --day;
  }
  LocalDateTime l;
  l.date = civil_from_days(day);
  l.hour = static_cast<int>(rem / 3600);
  l.minute = static_cast<int>(rem / 60 % 60);
  l.second = static_cast<int>(rem % 60);
  return l;
}

// Index of the period in force at `t`.
std::size_t period_index(const ZoneRules& rules, Time t) {
  const auto& p = rules.periods;
  auto it = std::upper_bound(p.begin(), p.end(), t, [](Time value, const ZonePeriod& z) { return value < z.from; });
  return it == p.begin() ? 0 : static_cast<std::size_t>(it - p.begin() - 1);
}

// The UTC span [begin, end) of period i; the first and last are unbounded.
bool in_period(const ZoneRules& rules, std::size_t i, Time t) {
  if (i > 0 && t < rules.periods[i].from) return false;
  if (i + 1 < rules.periods.size() && t >= rules.periods[i + 1].from) return false;
  return true;
}

std::string hh_mm(long long local_s) {
  const LocalDateTime l = from_local_seconds(local_s);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", l.hour, l.minute);
  return buf;
}

bool valid_zone_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                    c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return name.front() != '/' && name.back() != '/' && name.find("//") == std::string::npos &&
         name.find("..") == std::string::npos;
}

}  // namespace

ZoneRules utc_zone() { return ZoneRules{"UTC", {ZonePeriod{earliest_time, 0, "UTC"}}}; }

Check validate_zone_rules(const ZoneRules& rules) {
  if (!valid_zone_name(rules.name))
    return reject(RejectCode::invalid_value, "A time zone needs an IANA name such as Europe/London.");
  if (rules.periods.empty() || rules.periods.size() > max_zone_periods)
    return reject(RejectCode::invalid_value, "The rules of time zone " + rules.name + " are incomplete.");
  for (std::size_t i = 0; i < rules.periods.size(); ++i) {
    const ZonePeriod& p = rules.periods[i];
    if (i > 0 && !(rules.periods[i - 1].from < p.from))
      return reject(RejectCode::invalid_value, "The rules of time zone " + rules.name + " are out of order.");
    if (p.offset_s < -max_utc_offset_s || p.offset_s > max_utc_offset_s)
      return reject(RejectCode::invalid_value, "The rules of time zone " + rules.name + " hold an impossible offset.");
    if (p.abbrev.empty() || p.abbrev.size() > 10 ||
        !std::all_of(p.abbrev.begin(), p.abbrev.end(), [](char c) { return c > ' ' && c < 127; }))
      return reject(RejectCode::invalid_value, "The rules of time zone " + rules.name + " hold an unreadable name.");
  }
  return std::nullopt;
}

const ZonePeriod& period_at(const ZoneRules& rules, Time t) {
  static const ZonePeriod utc{earliest_time, 0, "UTC"};
  if (rules.periods.empty()) return utc;
  return rules.periods[period_index(rules, t)];
}

LocalDateTime to_local(const ZoneRules& rules, Time t) {
  return from_local_seconds(unix_seconds(t) + utc_offset(rules, t));
}

Result<ResolvedLocalTime> resolve_local(const ZoneRules& rules, const LocalDateTime& local) {
  if (rules.periods.empty()) return ResolvedLocalTime{Time{Seconds{local_seconds(local)}}, false, {}, "UTC"};
  const long long ls = local_seconds(local);
  // Candidates: periods in force within a day either side (offsets are within ±18 h).
  const std::size_t lo = period_index(rules, Time{Seconds{ls - seconds_per_day}});
  const std::size_t hi = period_index(rules, Time{Seconds{ls + seconds_per_day}});
  ResolvedLocalTime out;
  int found = 0;
  for (std::size_t i = lo; i <= hi; ++i) {
    const Time t{Seconds{ls - rules.periods[i].offset_s}};
    if (!in_period(rules, i, t)) continue;
    if (found == 0) {
      out.at = t;
      out.abbrev = rules.periods[i].abbrev;
    } else {
      out.repeated = true;
      out.second_at = t;
    }
    ++found;
  }
  if (found > 0) return out;
  // Skipped: find the change whose jump covers this reading, to say what happened.
  for (std::size_t i = std::max<std::size_t>(lo, 1); i <= hi; ++i) {
    const long long change = unix_seconds(rules.periods[i].from);
    const long long before = change + rules.periods[i - 1].offset_s;
    const long long after = change + rules.periods[i].offset_s;
    if (before <= ls && ls < after)
      return reject(RejectCode::nonexistent_local_time, describe_local(local) + " does not exist in " + rules.name +
                                                            ": clocks go forward from " + hh_mm(before) + " to " +
                                                            hh_mm(after) + " that day. Choose another time.");
  }
  return reject(RejectCode::nonexistent_local_time, describe_local(local) + " does not exist in " + rules.name + ".");
}

Time start_of_day(const ZoneRules& rules, CivilDate date) {
  const LocalDateTime midnight{date, 0, 0, 0};
  auto resolved = resolve_local(rules, midnight);
  if (resolved) return resolved->at;
  // Midnight was skipped: the day starts at the change that skipped it.
  const long long ls = local_seconds(midnight);
  for (const ZonePeriod& p : rules.periods)
    if (p.from + Seconds{p.offset_s} > Time{Seconds{ls}}) return p.from;
  return Time{Seconds{ls}};
}

TimeRange local_date_range(const ZoneRules& rules, CivilDate first, CivilDate last) {
  const Time begin = start_of_day(rules, first);
  if (last < first) return {begin, begin};
  return {begin, start_of_day(rules, add_days(last, 1))};
}

TimeRange local_week(const ZoneRules& rules, Time t) {
  const CivilDate today = local_date(rules, t);
  const CivilDate monday = add_days(today, 1 - iso_weekday(today));
  return local_date_range(rules, monday, add_days(monday, 6));
}

std::vector<Result<ResolvedLocalTime>> weekly_repeat(const ZoneRules& rules, Time first, int weeks) {
  std::vector<Result<ResolvedLocalTime>> out;
  if (weeks <= 0) return out;
  out.reserve(static_cast<std::size_t>(weeks));
  const LocalDateTime start = to_local(rules, first);
  for (int w = 0; w < weeks; ++w) {
    LocalDateTime l = start;
    l.date = add_days(start.date, 7LL * w);
    // [mutation R17 weekly repeat] -> Result<ResolvedLocalTime> r = ResolvedLocalTime{first + days(7LL * w)};
    auto r = resolve_local(rules, l);
    // [end mutation]
    // The first occurrence is the instant given, even in a repeated hour's second pass.
    if (w == 0 && r) r->at = first;
    out.push_back(std::move(r));
  }
  return out;
}

std::string describe_local(const LocalDateTime& l) {
  static constexpr std::array<const char*, 7> weekdays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[40];
  const int month = std::clamp(l.date.month, 1, 12);
  std::snprintf(buf, sizeof buf, "%s %d %s %d %02d:%02d", weekdays[static_cast<std::size_t>(iso_weekday(l.date) - 1)],
                l.date.day, months[static_cast<std::size_t>(month - 1)], l.date.year, l.hour, l.minute);
  return buf;
}

}  // namespace pathways
