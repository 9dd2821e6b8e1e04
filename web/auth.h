// Signing in and out against the server's /api/login and /api/logout, and the ways in for
// new users: a password an admin sets, or a one-time sign-in link (core/protocol.h).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app_state.h"
#include "core/protocol.h"

namespace pathways::auth {

struct SignInResult {
  std::optional<Login> login;  // set on success
  std::string error;           // a sentence for the person otherwise
};

// POST /api/login {email, password} -> {token, user: {id, name, role, email}}.
void sign_in(std::string_view email, std::string_view password, std::function<void(SignInResult)> done);

// Tells the server the token is done with (best effort: signing out works offline too).
void sign_out(const Login& login);

// Why the server refused a stored sign-in (GET /api/me with the old token): its sentence
// ("This account has been deactivated. …", a changed role, expiry), or empty when no
// sentence came (offline, or the token works again).
void why_signed_out(std::string_view token, std::function<void(std::string)> done);

// What an admin's request for a user came to: done, or a sentence saying why not.
struct AdminResult {
  bool done = false;
  std::string error;
  std::optional<protocol::SignInLink> link;  // for make_sign_in_link
};
// PUT /api/users/<id>/password {password} (admins; at least 8 characters).
void set_password(const Login& admin, const Id& user, std::string_view password, std::function<void(AdminResult)> done);
// POST /api/users/<id>/sign-in-link (admins): a one-time link's token, valid 7 days.
void make_sign_in_link(const Login& admin, const Id& user, std::function<void(AdminResult)> done);

// A sign-in link opened in this browser: whose it is (user set), or the server's sentence
// (protocol::link_not_valid_message for a used, expired or unknown link).
struct WelcomeCheck {
  std::optional<User> user;
  std::string error;
};
void check_welcome(std::string_view token, std::function<void(WelcomeCheck)> done);
// Chooses the password through the link and signs in (the link is then used).
void use_welcome(std::string_view token, std::string_view password, std::function<void(SignInResult)> done);

}  // namespace pathways::auth
