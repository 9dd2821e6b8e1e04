// Time in Pathways: every instant is UTC seconds (R17). The core never reads a clock;
// callers pass the time of the action. Text form is RFC 3339 ("2026-11-22T10:00:00Z").
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace pathways {

using Time = std::chrono::sys_seconds;
using Seconds = std::chrono::seconds;

constexpr Seconds minutes(long long n) { return Seconds{n * 60}; }
constexpr Seconds hours(long long n) { return Seconds{n * 3600}; }
constexpr Seconds days(long long n) { return Seconds{n * 86400}; }

// The instants the system accepts: from 2000 up to (not including) 3000: times outside
// are almost always a unit mistake (milliseconds for seconds) and are refused as input.
constexpr Time earliest_time{Seconds{946684800}};
constexpr Time latest_time{Seconds{32503680000}};

// Parses RFC 3339 with "Z" or a numeric offset (converted to UTC); fractional seconds are
// accepted and truncated. Returns nothing for anything else, including out-of-range times.
std::optional<Time> parse_time(std::string_view text);

// Always UTC with a "Z" suffix, whole seconds.
std::string format_time(Time t);

// The same instant `months` calendar months earlier, day clamped to the month's length.
Time months_before(Time t, int months);

// Unix seconds, for storage columns.
inline long long unix_seconds(Time t) { return t.time_since_epoch().count(); }
inline Time from_unix_seconds(long long s) { return Time{Seconds{s}}; }

}  // namespace pathways
