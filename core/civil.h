// Calendar dates without a clock or a zone: the proleptic Gregorian calendar as day
// numbers, for wall-clock arithmetic (R17) that must give the same answer natively and in
// WebAssembly. Day numbers count days since 1970-01-01 (day 0).
#pragma once

#include <compare>

namespace pathways {

// A date on the calendar, as people write it: year, month 1-12, day 1-31.
struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;

  auto operator<=>(const CivilDate&) const = default;
};

// Days since 1970-01-01 of a valid date (negative before it).
long long days_from_civil(long long year, unsigned month, unsigned day);
inline long long day_number(CivilDate d) {
  return days_from_civil(d.year, static_cast<unsigned>(d.month), static_cast<unsigned>(d.day));
}

// The date of a day number.
CivilDate civil_from_days(long long day_number);

bool is_leap_year(long long year);
// 28-31; `month` is 1-12.
unsigned days_in_month(long long year, unsigned month);

// Whether year/month/day names a real date (2026-02-30 does not).
bool valid_date(int year, int month, int day);

// The date `n` days later (earlier when negative).
inline CivilDate add_days(CivilDate d, long long n) { return civil_from_days(day_number(d) + n); }

// ISO weekday: 1 Monday ... 7 Sunday.
int iso_weekday(CivilDate d);

}  // namespace pathways
