// [SECTION] index
//   Request helpers   JSON bodies, fields, the caller
//   Route wrapper     authentication, errors, exceptions: the server's edge
//   Routes            one function per endpoint
#include "server/http_api.h"

#include <httplib.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/pathway_rules.h"
#include "core/protocol.h"
#include "server/auth.h"
#include "server/http_errors.h"
#include "server/storage/sqlite.h"
#include "server/sync_service.h"

namespace pathways::server {
namespace {

using json = nlohmann::json;
namespace code = protocol::code;

// [SECTION] Request helpers

struct Caller {
  User user;
  std::string token;
};

struct Reply {
  int status = 200;
  std::string body;  // JSON text
};

Reply ok(const json& body) { return {200, body.dump(-1, ' ', false, json::error_handler_t::replace)}; }

// Request bodies are at most this deep. Ops are flat (an op, maybe a list of ids in it), and
// serialising or comparing JSON recurses: a body of 100,000 '[' would overflow the stack.
constexpr int max_json_depth = 32;

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

json parse_body(const httplib::Request& req) {
  if (nested_deeper_than(req.body, max_json_depth))
    throw api_error(code::bad_request, "The request body is nested too deeply.");
  json body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) throw api_error(code::bad_request, "The request body is not valid JSON.");
  if (!body.is_object()) throw api_error(code::bad_request, "The request body must be a JSON object.");
  return body;
}

const std::string& string_field(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end()) throw api_error(code::bad_request, std::string("Field \"") + name + "\" is required.");
  if (!it->is_string()) throw api_error(code::bad_request, std::string("Field \"") + name + "\" must be a string.");
  return it->get_ref<const std::string&>();
}

// Client ids are chosen by clients (DESIGN.md §5: random 128-bit); they name rows and
// log lines, so they are short and printable.
const std::string& client_id_of(const std::string& id) {
  const bool ok = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':';
  });
  if (!ok) throw api_error(code::bad_request, "\"client_id\" must be 1-64 letters, digits or - _ . :");
  return id;
}

// What the edge checks of each pushed op: enough to put it in order. Everything else
// about it is the core's to judge, and a bad op is a rejected result, not a bad request.
bool has_valid_seq(const json& op) {
  if (!op.is_object()) return false;
  auto seq = op.find("seq");
  if (seq == op.end() || !seq->is_number_integer()) return false;
  constexpr std::uint64_t max_seq = 1ULL << 53;  // exact in JavaScript
  if (seq->is_number_unsigned()) return seq->get<std::uint64_t>() >= 1 && seq->get<std::uint64_t>() <= max_seq;
  return seq->get<std::int64_t>() >= 1;
}

json user_json(const User& u) {
  return {{"id", u.id}, {"name", u.name}, {"email", u.email}, {"role", to_string(u.role)}};
}

std::string bearer_token(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view scheme = "bearer ";
  if (header.size() <= scheme.size()) return {};
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(header[i])) != scheme[i]) return {};
  return header.substr(scheme.size());
}

Caller authenticate(const ApiServices& s, const httplib::Request& req) {
  const std::string token = bearer_token(req);
  if (token.empty()) throw api_error(code::unauthorized, "Sign in first: this needs an Authorization: Bearer token.");
  const auto user_id = s.auth.authenticate(token);
  if (!user_id) throw api_error(code::unauthorized, "Your session has expired or is not valid; sign in again.");
  auto user = s.sync.read([&](const State& state) -> std::optional<User> {
    const User* u = state.user(*user_id);
    return u ? std::optional<User>(*u) : std::nullopt;
  });
  if (!user) throw api_error(code::unauthorized, "Your account no longer exists.");
  return {std::move(*user), token};
}

// The client states the protocol version it speaks (header or absent); too old → 426.
void check_protocol(const httplib::Request& req) {
  const std::string v = req.get_header_value("X-Pathways-Protocol");
  if (v.empty()) return;
  int version = 0;
  for (char c : v.substr(0, 6)) {
    if (c < '0' || c > '9') throw api_error(code::bad_request, "X-Pathways-Protocol must be a number.");
    version = version * 10 + (c - '0');
  }
  if (version < protocol::oldest_supported_version)
    throw api_error(code::update_needed, "This app is out of date; reload to update it.");
}

// [SECTION] Route wrapper

enum class Access { anyone, signed_in };
using Handler = std::function<Reply(const ApiServices&, const httplib::Request&, const Caller*)>;

httplib::Server::Handler wrap(const ApiServices& services, Access access, Handler handler) {
  return [services, access, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    try {
      std::optional<Caller> caller;
      if (access == Access::signed_in) caller = authenticate(services, req);
      Reply reply = handler(services, req, caller ? &*caller : nullptr);
      res.status = reply.status;
      res.set_content(std::move(reply.body), "application/json");
    } catch (const ApiError& e) {
      write_error(res, e);
    } catch (const sql::Error& e) {
      std::fprintf(stderr, "%s %s: database: %s\n", req.method.c_str(), req.path.c_str(), e.what());
      ApiError busy = api_error(code::unavailable, "The database is busy; retry shortly.");
      busy.retry_after = 1;
      write_error(res, busy);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s %s: internal error: %s\n", req.method.c_str(), req.path.c_str(), e.what());
      write_error(res, internal_error());
    }
  };
}

// [SECTION] Routes

Reply login(const ApiServices& s, const httplib::Request& req, const Caller*) {
  const json body = parse_body(req);
  const std::string& email = string_field(body, "email");
  const std::string& password = string_field(body, "password");
  auto result = s.auth.login(email, password, req.remote_addr);
  if (!result) throw api_error(result.error());
  return ok({{"token", result->token}, {"user", user_json(result->user)}});
}

Reply logout(const ApiServices& s, const httplib::Request&, const Caller* caller) {
  s.auth.logout(caller->token);
  return ok(json::object());
}

Reply me(const ApiServices&, const httplib::Request&, const Caller* caller) {
  return ok({{"user", user_json(caller->user)}});
}

Reply push(const ApiServices& s, const httplib::Request& req, const Caller* caller) {
  check_protocol(req);
  const json body = parse_body(req);
  const std::string& client_id = client_id_of(string_field(body, "client_id"));
  auto ops = body.find("ops");
  if (ops == body.end() || !ops->is_array()) throw api_error(code::bad_request, "Field \"ops\" must be a list of ops.");
  if (ops->size() > protocol::max_ops_per_push)
    throw api_error(code::too_large, "Push at most " + std::to_string(protocol::max_ops_per_push) + " ops at a time.");
  for (const json& op : *ops)
    if (!has_valid_seq(op))
      throw api_error(code::bad_request, "Every op must be an object with a whole-number \"seq\" of 1 or more.");
  const Actor actor{caller->user.id, caller->user.role};
  auto result = s.sync.push(actor, client_id, *ops);
  if (!result) throw api_error(result.error());
  json results = json::array();
  for (const auto& r : result->results) {
    json item{{"seq", r.seq}, {"status", r.applied ? "applied" : "rejected"}};
    if (!r.applied) {
      item["code"] = r.code;
      item["message"] = r.message;
    }
    results.push_back(std::move(item));
  }
  return ok({{"results", std::move(results)}, {"version", result->version}});
}

Reply pull(const ApiServices& s, const httplib::Request& req, const Caller* caller) {
  check_protocol(req);
  if (!req.has_param("client_id")) throw api_error(code::bad_request, "Parameter \"client_id\" is required.");
  const std::string client_id = req.get_param_value("client_id");
  client_id_of(client_id);
  std::int64_t since = 0;
  if (req.has_param("since")) {
    const std::string text = req.get_param_value("since");
    const bool digits = !text.empty() && text.size() <= 18 && std::all_of(text.begin(), text.end(), ::isdigit);
    if (!digits) throw api_error(code::bad_request, "Parameter \"since\" must be a version number (0 or more).");
    since = std::stoll(text);
  }
  auto result = s.sync.pull(caller->user.id, client_id, since);
  if (!result) throw api_error(result.error());
  return {200, std::move(result.value())};
}

Reply set_password(const ApiServices& s, const httplib::Request& req, const Caller* caller) {
  const std::string target = req.matches[1];
  const json body = parse_body(req);
  const std::string& password = string_field(body, "password");
  const bool exists = s.sync.read([&](const State& state) { return state.user(target) != nullptr; });
  if (caller->user.role != Role::admin) {
    if (caller->user.id != target) throw api_error(code::forbidden, "Only an admin can set another user's password.");
    // Users change their own password by proving they know the current one.
    const std::string current = body.contains("current") ? string_field(body, "current") : std::string();
    auto changed = s.auth.change_password(caller->user, current, password, req.remote_addr);
    if (!changed) throw api_error(changed.error());
    return ok(json::object());
  }
  if (!exists) throw api_error(code::not_found, "No user " + target + ".");
  auto result = s.auth.set_password(target, password);
  if (!result) throw api_error(result.error());
  return ok(json::object());
}

Reply inactive(const ApiServices& s, const httplib::Request&, const Caller* caller) {
  if (caller->user.role != Role::admin)
    throw api_error(code::forbidden, "Only an admin can list inactive participants.");
  const auto ids = s.sync.read([&](const State& state) { return inactive_participants(state, s.clock()); });
  return ok({{"participants", ids}});
}

Reply healthz(const ApiServices& s, const httplib::Request&, const Caller*) {
  return ok({{"status", "ok"}, {"version", s.sync.version()}, {"protocol", protocol::version}});
}

}  // namespace

void register_api_routes(httplib::Server& http, const ApiServices& services) {
  http.Post("/api/login", wrap(services, Access::anyone, login));
  http.Post("/api/logout", wrap(services, Access::signed_in, logout));
  http.Get("/api/me", wrap(services, Access::signed_in, me));
  http.Post("/api/sync/push", wrap(services, Access::signed_in, push));
  http.Get("/api/sync/pull", wrap(services, Access::signed_in, pull));
  http.Put(R"(/api/users/([^/]+)/password)", wrap(services, Access::signed_in, set_password));
  http.Get("/api/participants/inactive", wrap(services, Access::signed_in, inactive));
  http.Get("/api/healthz", wrap(services, Access::anyone, healthz));
}

}  // namespace pathways::server
