// The reports' date presets (R17): local dates around the viewer's today.
#include "core/report_dates.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

using namespace pathways;

namespace {
std::string text(std::pair<CivilDate, CivilDate> range) {
  auto one = [](CivilDate d) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
    return std::string(buffer);
  };
  return one(range.first) + ".." + one(range.second);
}
}  // namespace

TEST_CASE("R17 preset_dates: weeks run Monday to Sunday, months to their last day, in local dates") {
  // Tuesday 1 December 2026.
  const CivilDate tuesday{2026, 12, 1};
  CHECK(text(preset_dates(DatePreset::this_week, tuesday)) == "2026-11-30..2026-12-06");
  CHECK(text(preset_dates(DatePreset::last_4_weeks, tuesday)) == "2026-11-04..2026-12-01");
  CHECK(text(preset_dates(DatePreset::this_month, tuesday)) == "2026-12-01..2026-12-31");
  // A Sunday belongs to the week that began the Monday before (ISO 8601), across a year end.
  CHECK(text(preset_dates(DatePreset::this_week, CivilDate{2027, 1, 3})) == "2026-12-28..2027-01-03");
  CHECK(text(preset_dates(DatePreset::this_week, CivilDate{2026, 11, 30})) == "2026-11-30..2026-12-06");
  CHECK(text(preset_dates(DatePreset::this_month, CivilDate{2028, 2, 10})) == "2028-02-01..2028-02-29");
  CHECK(text(preset_dates(DatePreset::this_month, CivilDate{2027, 2, 28})) == "2027-02-01..2027-02-28");
  CHECK(text(preset_dates(DatePreset::last_4_weeks, CivilDate{2027, 3, 1})) == "2027-02-02..2027-03-01");
}
