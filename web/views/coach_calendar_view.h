// The coach's calendar: a week of slots and bookings (Monday to Sunday, local time), moving
// by week, and a form to add a slot, repeated weekly for N more weeks. Those who manage more
// than one calendar (admins: managed_calendars) pick the coach.
#pragma once

#include <string>

#include "views/view.h"

namespace pathways {

class CoachCalendarView : public View {
 public:
  void draw(ViewContext& ctx) override;

 private:
  Id coach_;
  int week_offset_ = 0;  // weeks from the current one
  int day_ = 0;          // 0 = Monday of the shown week
  std::string start_text_ = "10:00";
  int duration_ = 60;
  bool pod_ = false;
  int capacity_ = 6;
  int repeat_ = 0;
  std::string message_;
  bool message_is_error_ = false;
};

}  // namespace pathways
