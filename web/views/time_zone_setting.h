// The signed-in person's own time zone (R17, DESIGN.md §9): shown with where it comes from
// (their record, or this browser's when they have none) and changed through an update_user
// of their own time_zone, the one field of their record the core lets them set.
#pragma once

#include <string>

#include "views/view.h"

namespace pathways {

class TimeZoneSetting {
 public:
  // Draws the setting (heading, zone list, Save) inside the caller's card.
  void draw(ViewContext& ctx);

 private:
  std::string chosen_;  // the zone picked in the list, not yet saved; empty: none picked
  std::string search_;
  std::string message_;
  bool message_is_error_ = false;
};

}  // namespace pathways
