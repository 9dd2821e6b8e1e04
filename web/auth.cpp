#include "auth.h"

#include "api_error.h"
#include "core/protocol.h"
#include "shell/http.h"

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

}  // namespace pathways::auth
