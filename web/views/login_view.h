// The sign-in screen: a centred card with email, password and the server's answer.
#pragma once

#include <string>

#include "app_state.h"

namespace pathways {

class LoginView {
 public:
  void draw(AppState& state);

 private:
  void submit(AppState& state);

  std::string email_;
  std::string password_;
  std::string error_;
  bool busy_ = false;
  bool focus_email_ = true;
  float card_height_ = 360.0f;  // measured without messages, to centre the card on the next frame
};

}  // namespace pathways
