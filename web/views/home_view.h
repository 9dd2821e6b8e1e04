// What a signed-in user sees before the programme views: a greeting, the session status
// colours every view uses, how this browser is set up for working offline, and the person's
// own time zone.
#pragma once

#include "views/time_zone_setting.h"
#include "views/view.h"

namespace pathways {

class HomeView : public View {
 public:
  void draw(ViewContext& ctx) override;

 private:
  TimeZoneSetting zone_;
};

}  // namespace pathways
