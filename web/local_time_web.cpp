// local_time.h in the browser: shell/clock.h for the clock, Date for the zone offset, formatting in C++ so
// the format is the same in every browser locale.
#include <emscripten/emscripten.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "local_time.h"
#include "shell/clock.h"

namespace pathways::local_time {
namespace {

// clang-format off
EM_JS(double, js_performance_now, (), { return performance.now(); });
// clang-format on
// getTimezoneOffset is minutes *behind* UTC; negate for the usual sign.
// clang-format off
EM_JS(int, js_utc_offset_minutes, (double unix_ms), { return -new Date(unix_ms).getTimezoneOffset(); });
// clang-format on

// clang-format off
EM_JS(char*, js_zone_name, (), {
  var name = "";
  try { name = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) {}
  var size = lengthBytesUTF8(name) + 1;
  var buffer = _malloc(size);
  stringToUTF8(name, buffer, size);
  return buffer;
});
// clang-format on

constexpr std::array<const char*, 7> weekdays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Fields {
  int year, month, day, weekday, hour, minute;
};

Fields local_fields(Time t) {
  const long long local = unix_seconds(t) + 60LL * utc_offset_minutes(t);
  long long days_since = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const long long secs = local - days_since * 86400;
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days_since}}};
  Fields f{};
  f.year = static_cast<int>(ymd.year());
  f.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  f.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  f.weekday = static_cast<int>(((days_since % 7) + 7 + 3) % 7);  // 0 = Monday; 1970-01-01 was a Thursday
  f.hour = static_cast<int>(secs / 3600);
  f.minute = static_cast<int>(secs % 3600 / 60);
  return f;
}

}  // namespace

Time browser_now() { return clock::now(); }
double monotonic_ms() { return js_performance_now(); }

std::string zone_name() {
  char* name = js_zone_name();
  std::string out = name ? name : "";
  std::free(name);
  return out;
}

int utc_offset_minutes(Time t) { return js_utc_offset_minutes(static_cast<double>(unix_seconds(t)) * 1000.0); }

std::string format_date(Time t) {
  const Fields f = local_fields(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s %d %s %d", weekdays[f.weekday], f.day, months[f.month - 1], f.year);
  return buf;
}

std::string format_clock(Time t) {
  const Fields f = local_fields(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", f.hour, f.minute);
  return buf;
}

std::string format_date_time(Time t) { return format_date(t) + ", " + format_clock(t); }

std::string format_short_date(Time t) {
  const Fields f = local_fields(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d %s", f.day, months[f.month - 1]);
  return buf;
}

std::string format_date(CivilDate date) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s %d %s %d", weekdays[static_cast<std::size_t>(iso_weekday(date) - 1)], date.day,
                months[static_cast<std::size_t>(date.month - 1)], date.year);
  return buf;
}

std::string format_date(const ZoneRules& zone, Time t) { return format_date(local_date(zone, t)); }

std::string format_clock(const ZoneRules& zone, Time t) {
  const LocalDateTime local = to_local(zone, t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", local.hour, local.minute);
  return buf;
}

std::string format_date_time(const ZoneRules& zone, Time t) {
  return format_date(zone, t) + ", " + format_clock(zone, t);
}

std::string describe_clock_offset(long long server_minus_device_s) {
  // A pull's server_time has whole seconds and the reply takes a moment: a minute is noise.
  const long long off = server_minus_device_s < 0 ? -server_minus_device_s : server_minus_device_s;
  if (off <= 60) return {};
  const long long minutes_off = (off + 30) / 60;
  std::string amount;
  if (minutes_off >= 60) amount = std::to_string(minutes_off / 60) + " h";
  if (minutes_off % 60 != 0) amount += (amount.empty() ? "" : " ") + std::to_string(minutes_off % 60) + " min";
  // The server is behind this device: the device runs fast.
  return amount + (server_minus_device_s < 0 ? " fast" : " slow");
}

Time start_of_local_day(Time t) {
  const Fields f = local_fields(t);
  return at_local_time(t - Seconds{f.hour * 3600LL + f.minute * 60LL + unix_seconds(t) % 60}, 0, 0);
}

Time start_of_local_week(Time t) {
  const Time day = start_of_local_day(t);
  const Fields f = local_fields(day);
  return start_of_local_day(day - days(f.weekday) + hours(12));
}

Time at_local_time(Time day, int hour, int minute) {
  // `day` is (about) a local midnight; read the offset at the target to cross zone changes.
  const Fields f = local_fields(day + hours(12));
  const std::chrono::sys_days date{std::chrono::year{f.year} / f.month / f.day};
  const Time naive = Time{std::chrono::duration_cast<Seconds>(date.time_since_epoch())} + hours(hour) + minutes(minute);
  return naive - minutes(utc_offset_minutes(naive - minutes(utc_offset_minutes(naive))));
}

}  // namespace pathways::local_time
