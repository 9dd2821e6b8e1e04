#include "auth.h"

#include <variant>

#include "api_error.h"
#include "core/entity_codec.h"
#include "nlohmann/json.hpp"
#include "shell/http.h"

namespace pathways::auth {
namespace {

SignInResult read_sign_in(const http::Response& response) {
  if (!response) return {std::nullopt, describe_failure(response)};
  const auto body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("token") || !body["token"].is_string() || !body.contains("user"))
    return {std::nullopt, "The server's answer to sign-in was not understood."};
  auto user = entity_from_data(EntityKind::user, body["user"]);
  if (!user) return {std::nullopt, "The server's answer to sign-in was not understood: " + user.rejection().message};
  return {Login{body["token"].get<std::string>(), std::get<User>(user.value())}, {}};
}

}  // namespace

void sign_in(std::string_view email, std::string_view password, std::function<void(SignInResult)> done) {
  const nlohmann::json body{{"email", email}, {"password", password}};
  http::post_json("/api/login", body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "",
                  [done = std::move(done)](const http::Response& response) { done(read_sign_in(response)); });
}

void sign_out(const Login& login) {
  http::post_json("/api/logout", "{}", login.token, [](const http::Response&) {});
}

}  // namespace pathways::auth
