// RFC 3339 parsing and formatting without the C library's time zone machinery, so the
// result is the same natively and in WebAssembly and never depends on the host's zone.
#include "time.h"

#include <algorithm>

#include "civil.h"

#include <cstdio>

namespace pathways {
namespace {

// Reads exactly `width` digits at `pos`.
bool digits(std::string_view s, size_t pos, size_t width, int& out) {
  if (pos + width > s.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  out = value;
  return true;
}

}  // namespace

std::optional<Time> parse_time(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)
  int year, month, day, hour, minute, second;
  if (s.size() < 20 || s.size() > 40) return std::nullopt;
  if (!digits(s, 0, 4, year) || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-' || !digits(s, 8, 2, day) ||
      (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, hour) || s[13] != ':' || !digits(s, 14, 2, minute) ||
      s[16] != ':' || !digits(s, 17, 2, second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > static_cast<int>(days_in_month(year, static_cast<unsigned>(month))) ||
      hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos >= s.size()) return std::nullopt;
  long long offset = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om) ||
        oh > 23 || om > 59)
      return std::nullopt;
    // [mutation R17] -> offset = 0;
    offset = (oh * 3600LL + om * 60LL) * (s[pos] == '-' ? -1 : 1);
    // [end mutation]
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  // A leap second is only ever the last second of a UTC day, 23:59:60Z (RFC 3339 §5.6,
  // §5.7); it folds into 23:59:59. Second 60 of any other minute is not a time.
  if (second == 60) {
    // [mutation time leap second]
    const long long utc_minute = ((hour * 60LL + minute - offset / 60) % 1440 + 1440) % 1440;
    if (utc_minute != 23 * 60 + 59) return std::nullopt;
    // [end mutation]
    second = 59;
  }
  const long long secs = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400LL +
                         hour * 3600LL + minute * 60LL + second - offset;
  const Time t{Seconds{secs}};
  if (t < earliest_time || t >= latest_time) return std::nullopt;
  return t;
}

std::string format_time(Time t) {
  const long long secs = unix_seconds(t);
  long long day = secs / 86400;
  long long rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --day;
  }
  const CivilDate c = civil_from_days(day);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02lld:%02lld:%02lldZ", c.year, c.month, c.day, rem / 3600,
                (rem / 60) % 60, rem % 60);
  return buf;
}

Time months_before(Time t, int months) {
  const long long secs = unix_seconds(t);
  long long day = secs / 86400;
  long long rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --day;
  }
  CivilDate c = civil_from_days(day);
  long long total = c.year * 12LL + (c.month - 1) - months;
  const long long year = total >= 0 ? total / 12 : (total - 11) / 12;
  const unsigned month = static_cast<unsigned>(total - year * 12 + 1);
  const unsigned d = std::min(static_cast<unsigned>(c.day), days_in_month(year, month));
  return Time{Seconds{days_from_civil(year, month, d) * 86400 + rem}};
}

}  // namespace pathways
