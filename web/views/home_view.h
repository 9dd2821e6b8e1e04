// What a signed-in user sees before the programme views: a greeting, the session status
// colours every view uses, and how this browser is set up for working offline.
#pragma once

#include "views/view.h"

namespace pathways {

class HomeView : public View {
 public:
  void draw(ViewContext& ctx) override;
};

}  // namespace pathways
