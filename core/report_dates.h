// The date presets of the reports' filter bar (DESIGN.md §7, R17): "this week", "last 4
// weeks", "this month", as local dates of the viewer's zone; the query's range then runs
// from the first date's local midnight to the midnight after the last (ReportQuery::range).
#pragma once

#include <array>
#include <cstdint>
#include <utility>

#include "civil.h"
#include "enums.h"

namespace pathways {

enum class DatePreset : std::uint8_t { this_week, last_4_weeks, this_month };
template <>
struct EnumNames<DatePreset> {
  static constexpr std::array names{"this-week", "last-4-weeks", "this-month"};
};

// The inclusive local dates of `preset` around `today` (the viewer's local date):
// this_week: Monday to Sunday (ISO 8601 weeks); last_4_weeks: the 28 days ending today;
// this_month: the 1st to the month's last day.
std::pair<CivilDate, CivilDate> preset_dates(DatePreset preset, CivilDate today);

// "this week", "last 4 weeks", "this month": the words on the preset's button.
const char* label(DatePreset preset);

}  // namespace pathways
