// The "Choose your password" card: a one-time sign-in link (`#welcome=<token>`) opened in
// this browser. It asks the server whose link it is (a used, expired or unknown link says so
// at once), takes the new password twice, and signs the person in.
#pragma once

#include <optional>
#include <string>

#include "views/view.h"

namespace pathways {

class WelcomeView : public View {
 public:
  // The link's token, read from the address at start; empty: no link was opened.
  void open(std::string token);
  bool active() const { return !token_.empty(); }
  void draw(ViewContext& ctx) override;  // hands the sign-in to ctx.signed_in

 private:
  enum class Step { checking, choosing, refused };
  void submit();

  std::string token_;
  Step step_ = Step::checking;
  bool check_sent_ = false;
  std::optional<User> user_;  // whose link it is
  std::string password_;
  std::string repeat_;
  std::string error_;
  bool busy_ = false;
  bool focus_ = true;
  std::optional<Login> accepted_;  // the server's yes, handed over on the next frame
};

}  // namespace pathways
