// Signing in and out against the server's /api/login and /api/logout.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app_state.h"

namespace pathways::auth {

struct SignInResult {
  std::optional<Login> login;  // set on success
  std::string error;           // a sentence for the person otherwise
};

// POST /api/login {email, password} -> {token, user: {id, name, role, email}}.
void sign_in(std::string_view email, std::string_view password, std::function<void(SignInResult)> done);

// Tells the server the token is done with (best effort: signing out works offline too).
void sign_out(const Login& login);

}  // namespace pathways::auth
