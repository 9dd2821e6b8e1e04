#include "auth.h"

#include "api_error.h"
#include "core/protocol.h"
#include "shell/http.h"

#include <nlohmann/json.hpp>

namespace pathways::auth {
namespace {

SignInResult read_sign_in(const http::Response& response) {
  if (!response) return {std::nullopt, describe_failure(response)};
  auto reply = protocol::decode_login_reply(response.body);
  if (!reply) return {std::nullopt, reply.error().message};
  return {Login{std::move(reply->token), std::move(reply->user)}, {}};
}

}  // namespace

void sign_in(std::string_view email, std::string_view password, std::function<void(SignInResult)> done) {
  const std::string body = protocol::encode_login_request({std::string(email), std::string(password)});
  http::post_json(protocol::path::login, body, "",
                  [done = std::move(done)](const http::Response& response) { done(read_sign_in(response)); });
}

void sign_out(const Login& login) {
  http::post_json(protocol::path::logout, "{}", login.token, [](const http::Response&) {});
}

void set_password(const Login& admin, const Id& user, std::string_view password,
                  std::function<void(AdminResult)> done) {
  const std::string body = nlohmann::json{{"password", std::string(password)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  http::put_json(protocol::user_password_path(user), body, admin.token,
                 [done = std::move(done)](const http::Response& response) {
                   if (!response) return done({false, describe_failure(response), std::nullopt});
                   done({true, {}, std::nullopt});
                 });
}

void make_sign_in_link(const Login& admin, const Id& user, std::function<void(AdminResult)> done) {
  http::post_json(protocol::user_sign_in_link_path(user), "{}", admin.token,
                  [done = std::move(done)](const http::Response& response) {
                    if (!response) return done({false, describe_failure(response), std::nullopt});
                    auto link = protocol::decode_sign_in_link(response.body);
                    if (!link) return done({false, link.error().message, std::nullopt});
                    done({true, {}, std::move(link.value())});
                  });
}

void why_signed_out(std::string_view token, std::function<void(std::string)> done) {
  http::get(protocol::path::me, token, [done = std::move(done)](const http::Response& response) {
    const auto error = response.status == 401 ? protocol::decode_error(response.body) : std::nullopt;
    // Plain expiry keeps the client's own sentence (it also counts the unsent changes).
    done(error && error->message != protocol::expired_sign_in ? error->message : std::string());
  });
}

void check_welcome(std::string_view token, std::function<void(WelcomeCheck)> done) {
  const std::string body =
      nlohmann::json{{"token", std::string(token)}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  http::post_json(protocol::path::welcome_check, body, "", [done = std::move(done)](const http::Response& response) {
    if (!response) return done({std::nullopt, describe_failure(response)});
    auto user = protocol::decode_user_reply(response.body);
    if (!user) return done({std::nullopt, user.error().message});
    done({std::move(user.value()), {}});
  });
}

void use_welcome(std::string_view token, std::string_view password, std::function<void(SignInResult)> done) {
  const std::string body = protocol::encode_welcome_request({std::string(token), std::string(password)});
  http::post_json(protocol::path::welcome, body, "",
                  [done = std::move(done)](const http::Response& response) { done(read_sign_in(response)); });
}

}  // namespace pathways::auth
