// R17: every time in the data is UTC; text is RFC 3339.
#include "core/time.h"

#include <doctest/doctest.h>

using namespace pathways;

TEST_CASE("R17 parse_time: offsets are converted to UTC and written back with Z") {
  auto t = parse_time("2026-11-22T12:30:00+02:00");
  REQUIRE(t);
  CHECK(format_time(*t) == "2026-11-22T10:30:00Z");
  CHECK(format_time(*parse_time("2026-11-22T10:30:00Z")) == "2026-11-22T10:30:00Z");
  CHECK(format_time(*parse_time("2026-11-22T05:00:00-05:30")) == "2026-11-22T10:30:00Z");
  CHECK(format_time(*parse_time("2026-11-22T10:30:00.987Z")) == "2026-11-22T10:30:00Z");
  CHECK(format_time(*parse_time("2028-02-29T23:59:59Z")) == "2028-02-29T23:59:59Z");
}

TEST_CASE("R17 parse_time: anything else is refused") {
  for (const char* bad :
       {"", "2026-11-22", "2026-11-22 10:30:00Z", "2026-11-22T10:30:00", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
        "2026-11-22T24:00:00Z", "2026-11-22T10:30:00+2:00", "1999-12-31T23:59:59Z", "3000-01-01T00:00:00Z",
        "2026-11-22T10:30:00Zjunk", "２026-11-22T10:30:00Z", "2026-11-22T10:30:00.Z"})
    CHECK_MESSAGE(!parse_time(bad), std::string(bad));
}

TEST_CASE("months_before clamps to the month's length") {
  CHECK(format_time(months_before(*parse_time("2026-05-31T08:00:00Z"), 3)) == "2026-02-28T08:00:00Z");
  CHECK(format_time(months_before(*parse_time("2026-01-15T00:00:00Z"), 1)) == "2025-12-15T00:00:00Z");
  CHECK(format_time(months_before(*parse_time("2026-01-15T00:00:00Z"), -13)) == "2027-02-15T00:00:00Z");
}
