// The sign-in screen: a centred card with email, password and the server's answer.
#pragma once

#include <cstddef>
#include <string>

#include "app_state.h"

namespace pathways {

class LoginView {
 public:
  void draw(AppState& state);
  // The server no longer accepts the stored sign-in (expired or revoked): ask again for the
  // same person, saying why and what is kept.
  // `unsent`: changes stored in this browser for that person, which signing in as someone
  // else would discard.
  void sign_in_again(std::string email, std::string notice, std::size_t unsent);

 private:
  void submit(AppState& state);

  std::string email_;
  std::string password_;
  std::string error_;
  std::string notice_;
  std::string expected_email_;  // whose sign-in expired
  std::size_t unsent_ = 0;
  bool busy_ = false;
  bool focus_email_ = true;
  bool focus_password_ = false;
  float card_height_ = 360.0f;  // measured without messages, to centre the card on the next frame
};

}  // namespace pathways
