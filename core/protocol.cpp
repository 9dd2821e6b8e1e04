// Encoding and decoding of the protocol's shapes (protocol.h). Everything read goes
// through the non-throwing accessors below: the browser client has no exceptions.
#include "protocol.h"

#include <algorithm>

#include "entity_codec.h"

namespace pathways::protocol {
namespace {

using json = nlohmann::json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

ProtocolError bad(std::string message) { return {ErrorCode::bad_request, std::move(message)}; }

const json* member(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string string_or(const json& object, const char* key, std::string fallback = {}) {
  const json* value = member(object, key);
  return value && value->is_string() ? value->get<std::string>() : std::move(fallback);
}

std::int64_t int_or(const json& object, const char* key, std::int64_t fallback) {
  const json* value = member(object, key);
  return value && value->is_number_integer() ? value->get<std::int64_t>() : fallback;
}

bool bool_or(const json& object, const char* key, bool fallback) {
  const json* value = member(object, key);
  return value && value->is_boolean() ? value->get<bool>() : fallback;
}

// Nesting depth of JSON text, counted before parsing (brackets inside strings don't count).
bool nested_deeper_than(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

bool has_valid_seq(const json& op) {
  const json* seq = member(op, "seq");
  if (!seq || !seq->is_number_integer()) return false;
  if (seq->is_number_unsigned()) return seq->get<std::uint64_t>() >= 1 && seq->get<std::uint64_t>() <= max_seq;
  return seq->get<std::int64_t>() >= 1;
}

constexpr const char* applied_status = "applied";
constexpr const char* rejected_status = "rejected";

OpResult read_verdict(const json& item, bool applied) {
  return {int_or(item, "seq", 0), applied, string_or(item, "code"), string_or(item, "message")};
}

}  // namespace

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_request:
    case ErrorCode::time_out_of_range:
      return 400;
    case ErrorCode::unauthorized:
      return 401;
    case ErrorCode::forbidden:
    case ErrorCode::client_taken:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::seq_gap:
      return 409;
    case ErrorCode::link_not_valid:
      return 410;
    case ErrorCode::too_large:
      return 413;
    case ErrorCode::update_needed:
      return 426;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::unavailable:
      return 503;
    case ErrorCode::internal:
      return 500;
  }
  return 500;
}

// [SECTION] Errors and the version

std::string encode_error(std::string_view code, std::string_view message) {
  return dump(json{{"error", {{"code", code}, {"message", message}}}});
}

std::optional<ErrorReply> decode_error(std::string_view body) {
  const json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  const json* error = member(doc, "error");
  if (!error || !error->is_object()) return std::nullopt;
  return ErrorReply{string_or(*error, "code"), string_or(*error, "message")};
}

std::optional<ProtocolError> check_client_version(std::string_view header, int oldest) {
  if (header.empty()) return std::nullopt;
  int client = 0;
  for (char c : header.substr(0, 6)) {
    if (c < '0' || c > '9') return bad(std::string(version_header) + " must be a number.");
    client = client * 10 + (c - '0');
  }
  if (client < oldest) return ProtocolError{ErrorCode::update_needed, "This app is out of date; reload to update it."};
  return std::nullopt;
}

Decoded<json> parse_request_body(std::string_view text) {
  if (nested_deeper_than(text, max_json_depth)) return bad("The request body is nested too deeply.");
  json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return bad("The request body is not valid JSON.");
  if (!body.is_object()) return bad("The request body must be a JSON object.");
  return body;
}

bool valid_client_id(std::string_view id) {
  return !id.empty() && id.size() <= max_client_id_bytes && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == ':';
  });
}

// [SECTION] Login

std::string encode_login_request(const LoginRequest& request) {
  return dump(json{{"email", request.email}, {"password", request.password}});
}

Decoded<LoginRequest> decode_login_request(const json& body) {
  LoginRequest request;
  for (auto [name, out] : {std::pair{"email", &request.email}, std::pair{"password", &request.password}}) {
    const json* value = member(body, name);
    if (!value) return bad(std::string("Field \"") + name + "\" is required.");
    if (!value->is_string()) return bad(std::string("Field \"") + name + "\" must be a string.");
    *out = value->get<std::string>();
  }
  return request;
}

json encode_user(const User& user) {
  return {{"id", user.id}, {"name", user.name}, {"email", user.email}, {"role", to_string(user.role)}};
}

std::string encode_login_reply(const LoginReply& reply) {
  return dump(json{{"token", reply.token}, {"user", encode_user(reply.user)}});
}

Decoded<LoginReply> decode_login_reply(std::string_view text) {
  const json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  const json* token = member(body, "token");
  const json* user = member(body, "user");
  if (!token || !token->is_string() || !user) return bad("The server's answer to sign-in was not understood.");
  auto entity = entity_from_data(EntityKind::user, *user);
  if (!entity) return bad("The server's answer to sign-in was not understood: " + entity.rejection().message);
  return LoginReply{token->get<std::string>(), std::get<User>(entity.value())};
}

// [SECTION] Sign-in links

std::string user_password_path(std::string_view user) { return "/api/users/" + std::string(user) + "/password"; }
std::string user_sign_in_link_path(std::string_view user) {
  return "/api/users/" + std::string(user) + "/sign-in-link";
}

std::string encode_sign_in_link(const SignInLink& link) {
  return dump(json{{"token", link.token}, {"expires_at", format_time(link.expires_at)}, {"user", link.user}});
}

Decoded<SignInLink> decode_sign_in_link(std::string_view text) {
  const json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  const json* token = member(body, "token");
  const json* expires = member(body, "expires_at");
  const json* user = member(body, "user");
  if (!token || !token->is_string() || !expires || !expires->is_string() || !user || !user->is_string())
    return bad("The server's answer with the sign-in link was not understood.");
  auto at = parse_time(expires->get_ref<const std::string&>());
  if (!at) return bad("The server's answer with the sign-in link was not understood.");
  return SignInLink{token->get<std::string>(), *at, user->get<std::string>()};
}

std::string encode_welcome_request(const WelcomeRequest& request) {
  return dump(json{{"token", request.token}, {"password", request.password}});
}

Decoded<WelcomeRequest> decode_welcome_request(const json& body, bool token_only) {
  WelcomeRequest request;
  for (auto [name, out] : {std::pair{"token", &request.token}, std::pair{"password", &request.password}}) {
    if (token_only && out == &request.password) break;
    const json* value = member(body, name);
    if (!value) return bad(std::string("Field \"") + name + "\" is required.");
    if (!value->is_string()) return bad(std::string("Field \"") + name + "\" must be a string.");
    *out = value->get<std::string>();
  }
  return request;
}

Decoded<User> decode_user_reply(std::string_view text) {
  const json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  const json* user = member(body, "user");
  if (!user) return bad("The server's answer was not understood.");
  auto entity = entity_from_data(EntityKind::user, *user);
  if (!entity) return bad("The server's answer was not understood: " + entity.rejection().message);
  return std::get<User>(entity.value());
}

// [SECTION] Push

std::string encode_push_request(const PushRequest& request) {
  return dump(json{{"client_id", request.client_id}, {"ops", request.ops}});
}

Decoded<PushRequest> decode_push_request(const json& body) {
  const json* client_id = member(body, "client_id");
  if (!client_id) return bad("Field \"client_id\" is required.");
  if (!client_id->is_string()) return bad("Field \"client_id\" must be a string.");
  if (!valid_client_id(client_id->get_ref<const std::string&>()))
    return bad("\"client_id\" must be 1-64 letters, digits or - _ . :");
  const json* ops = member(body, "ops");
  if (!ops || !ops->is_array()) return bad("Field \"ops\" must be a list of ops.");
  if (ops->size() > max_ops_per_push)
    return ProtocolError{ErrorCode::too_large, "Push at most " + std::to_string(max_ops_per_push) + " ops at a time."};
  for (const json& op : *ops)
    if (!has_valid_seq(op)) return bad("Every op must be an object with a whole-number \"seq\" of 1 or more.");
  return PushRequest{client_id->get<std::string>(), *ops};
}

std::string encode_push_reply(const PushReply& reply) {
  json results = json::array();
  for (const OpResult& r : reply.results) {
    json item{{"seq", r.seq}, {"status", r.applied ? applied_status : rejected_status}};
    if (!r.applied) {
      item["code"] = r.code;
      item["message"] = r.message;
    }
    results.push_back(std::move(item));
  }
  return dump(json{{"results", std::move(results)}, {"version", reply.version}});
}

Decoded<PushReply> decode_push_reply(std::string_view text) {
  const json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  const json* results = member(body, "results");
  if (!results || !results->is_array()) return bad("The server's answer to the push was not understood.");
  PushReply reply;
  reply.version = int_or(body, "version", 0);
  for (const json& item : *results)
    if (item.is_object()) reply.results.push_back(read_verdict(item, string_or(item, "status") != rejected_status));
  return reply;
}

// [SECTION] Pull

std::string pull_target(const PullRequest& request) {
  return std::string(path::pull) + "?client_id=" + request.client_id + "&since=" + std::to_string(request.since);
}

Decoded<PullRequest> decode_pull_request(const std::string* client_id, const std::string* since) {
  if (!client_id) return bad("Parameter \"client_id\" is required.");
  if (!valid_client_id(*client_id)) return bad("\"client_id\" must be 1-64 letters, digits or - _ . :");
  PullRequest request{*client_id, 0};
  if (since) {
    const bool digits = !since->empty() && since->size() <= 18 &&
                        std::all_of(since->begin(), since->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return bad("Parameter \"since\" must be a version number (0 or more).");
    for (char c : *since) request.since = request.since * 10 + (c - '0');
  }
  return request;
}

Decoded<PullReply> decode_pull_reply(std::string_view text) {
  json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  const json* changes = member(body, "changes");
  if (!member(body, "version") || !changes || !changes->is_array())
    return bad("The server's changes were not understood.");
  PullReply reply;
  reply.version = int_or(body, "version", 0);
  reply.reset = bool_or(body, "reset", false);
  reply.last_seq = int_or(body, "last_seq", 0);
  reply.server_time = parse_time(string_or(body, "server_time"));
  reply.changes.reserve(changes->size());
  for (json& change : body["changes"]) {
    if (!change.is_object()) continue;
    EntityChange out;
    out.kind = parse_enum<EntityKind>(string_or(change, "kind"));
    out.id = string_or(change, "id");
    out.version = int_or(change, "version", 0);
    out.deleted = bool_or(change, "deleted", false);
    if (auto data = change.find("data"); data != change.end()) out.data = std::move(*data);
    reply.changes.push_back(std::move(out));
  }
  if (const json* rejections = member(body, "rejections"); rejections && rejections->is_array())
    for (const json& item : *rejections)
      if (item.is_object()) reply.rejections.push_back(read_verdict(item, false));
  return reply;
}

}  // namespace pathways::protocol
