// What a signed-in user sees before the programme views: a greeting, the session status
// colours every view uses, and how this browser is set up for working offline.
#pragma once

#include "app_state.h"

namespace pathways {

class HomeView {
 public:
  void draw(const AppState& state);
};

}  // namespace pathways
