#include "server_client.h"

#include <httplib.h>

#include <ostream>
#include <random>

#include "core/entity_codec.h"
#include "core/op_codec.h"

namespace pathways::cli {

std::string random_hex(std::size_t digits) {
  static std::random_device device;
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < digits; ++i) out += hex[device() % 16];
  return out;
}

namespace {

httplib::Headers headers(const std::string& token) {
  httplib::Headers h{{std::string(protocol::version_header), std::to_string(protocol::version)}};
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  return h;
}

// Why a request failed: the server's own sentence when it sent one.
Failure failed(int status, const std::string& body, const std::string& what) {
  if (auto error = protocol::decode_error(body))
    return {what + ": " + error->message + " (" + error->code + ", HTTP " + std::to_string(status) + ")"};
  return {what + ": HTTP " + std::to_string(status) + "."};
}
Failure failed(const httplib::Result& r, const std::string& what) {
  if (!r) return {"The server cannot be reached (" + httplib::to_string(r.error()) + ")."};
  return failed(r->status, r->body, what);
}

}  // namespace

ServerClient::ServerClient(const std::string& url)
    : http_(std::make_unique<httplib::Client>(url)), client_id_("cli-" + random_hex(16)) {
  http_->set_connection_timeout(10);
  http_->set_read_timeout(120);  // a push of 500 enrolments writes them all before it answers
  http_->set_write_timeout(60);
}

ServerClient::~ServerClient() = default;

Outcome<User> ServerClient::sign_in(const std::string& email, const std::string& password) {
  auto r = http_->Post(std::string(protocol::path::login), headers(""),
                       protocol::encode_login_request({email, password}), "application/json");
  if (!r || r->status != 200) return failed(r, "Sign-in refused");
  auto reply = protocol::decode_login_reply(r->body);
  if (!reply) return Failure{"The sign-in reply was not understood: " + reply.error().message};
  token_ = reply->token;
  return reply->user;
}

Outcome<Pulled> ServerClient::pull() {
  auto r = http_->Get(protocol::pull_target({client_id_, 0}), headers(token_));
  if (!r || r->status != 200) return failed(r, "The server did not send its data");
  auto reply = protocol::decode_pull_reply(r->body);
  if (!reply) return Failure{"The server's data was not understood: " + reply.error().message};
  Pulled out;
  for (protocol::EntityChange& change : reply->changes) {
    if (!change.kind || change.deleted) continue;
    if (auto entity = entity_from_data(*change.kind, change.data)) out.state.commit(Change{std::move(entity.value())});
  }
  if (!reply->server_time) return Failure{"The server did not say its time."};
  out.server_time = *reply->server_time;
  return out;
}

Outcome<std::vector<protocol::OpResult>> ServerClient::push(const std::vector<OpBody>& ops, Time at) {
  std::vector<protocol::OpResult> results;
  std::int64_t seq = 1;
  for (std::size_t start = 0; start < ops.size(); start += protocol::max_ops_per_push) {
    protocol::PushRequest request{client_id_, nlohmann::json::array()};
    const std::size_t end = std::min(ops.size(), start + protocol::max_ops_per_push);
    for (std::size_t i = start; i < end; ++i) request.ops.push_back(encode_op(Op{seq++, at, ops[i]}));
    auto r = http_->Post(std::string(protocol::path::push), headers(token_), protocol::encode_push_request(request),
                         "application/json");
    if (!r || r->status != 200) return failed(r, "The server refused the changes");
    auto reply = protocol::decode_push_reply(r->body);
    if (!reply) return Failure{"The server's answer was not understood: " + reply.error().message};
    results.insert(results.end(), reply->results.begin(), reply->results.end());
  }
  return results;
}

Outcome<std::size_t> ServerClient::download(const std::string& target, std::ostream& out) {
  int status = 0;
  std::string refusal;  // a non-200 reply's body: the server's sentence
  std::size_t bytes = 0;
  constexpr std::size_t refusal_at_most = 1 << 16;
  auto r = http_->Get(
      target, headers(token_),
      [&](const httplib::Response& response) {
        status = response.status;
        return true;
      },
      [&](const char* data, std::size_t length) {
        if (status != 200) {
          refusal.append(data, std::min(length, refusal_at_most - std::min(refusal.size(), refusal_at_most)));
          return true;
        }
        out.write(data, static_cast<std::streamsize>(length));
        bytes += length;
        return static_cast<bool>(out);
      });
  if (!r) {
    if (status == 200 && !out) return Failure{"The output could not be written."};
    return failed(r, "The report could not be fetched");
  }
  if (status != 200) return failed(status, refusal, "The server refused the report");
  return bytes;
}

}  // namespace pathways::cli
