#include "report_dates.h"

namespace pathways {

std::pair<CivilDate, CivilDate> preset_dates(DatePreset preset, CivilDate today) {
  switch (preset) {
    case DatePreset::this_week: {
      const CivilDate monday = add_days(today, 1 - iso_weekday(today));
      return {monday, add_days(monday, 6)};
    }
    case DatePreset::last_4_weeks:
      return {add_days(today, -27), today};
    case DatePreset::this_month:
      return {CivilDate{today.year, today.month, 1},
              CivilDate{today.year, today.month,
                        static_cast<int>(days_in_month(today.year, static_cast<unsigned>(today.month)))}};
  }
  return {today, today};
}

const char* label(DatePreset preset) {
  switch (preset) {
    case DatePreset::this_week:
      return "This week";
    case DatePreset::last_4_weeks:
      return "Last 4 weeks";
    case DatePreset::this_month:
      return "This month";
  }
  return "";
}

}  // namespace pathways
