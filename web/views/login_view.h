// The sign-in screen: a centred card with email, password and the server's answer.
#pragma once

#include <cstddef>
#include <string>

#include <optional>

#include "views/view.h"

namespace pathways {

class LoginView : public View {
 public:
  void draw(ViewContext& ctx) override;  // hands an accepted sign-in to ctx.signed_in
  // The server no longer accepts the stored sign-in (expired or revoked): ask again for the
  // same person, saying why and what is kept. Why is the server's sentence for the old
  // `token` (deactivated, a new role, expired), asked for first so the first thing said is
  // right; `kept` follows it (what this browser will send once signed in).
  // `unsent`: changes stored in this browser for that person, which signing in as someone
  // else would discard.
  void sign_in_again(std::string email, std::string token, std::string kept, std::size_t unsent);

 private:
  void submit();

  std::string email_;
  std::string password_;
  std::string error_;
  std::string notice_;
  bool asking_why_ = false;      // waiting for the server's reason for sign_in_again
  unsigned why_generation_ = 0;  // a later sign_in_again or sign-in makes an older answer stale
  std::string expected_email_;   // whose sign-in expired
  std::size_t unsent_ = 0;
  bool busy_ = false;
  std::optional<Login> accepted_;  // the server's yes, handed over on the next frame
  bool focus_email_ = true;
  bool focus_password_ = false;
  float card_height_ = 360.0f;  // measured without messages, to centre the card on the next frame
};

}  // namespace pathways
