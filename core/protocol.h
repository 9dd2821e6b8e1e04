// The sync protocol in one place (DESIGN.md §5, §5a, §6): its version and the header that
// carries it, the paths, the limits, the request-level error codes, and the typed request
// and reply shapes with their encode and decode. The server (server/http_api.cpp,
// server/sync_service.*, server/http_errors.*) and the browser client (web/sync/,
// web/auth.cpp) both use it, so neither side spells a path, a key or a code of its own.
//
// Decoding never throws (the browser client is built without exceptions): what does not
// fit the shape is a ProtocolError with a stable code and a sentence.
//
// One shape is written elsewhere: the pull reply's bytes come from the server's fast
// writer (server/pull.cpp), which uses the key names decode_pull_reply reads; the native
// sync suite (tests/sync) decodes the real server's pulls through this header.
//
// [SECTION] index
//   Version     version, oldest_supported_version, version_header, check_client_version
//   Paths       path::*
//   Limits      body size, ops per push, client ids, seqs, op times
//   Errors      ErrorCode (stable names), http_status, the error body
//   Login       LoginRequest, LoginReply
//   Sign-in links   SignInLink, WelcomeRequest (a new user's way in)
//   Push        PushRequest, OpResult, PushReply
//   Pull        PullRequest, EntityChange, PullReply
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "enums.h"
#include "state.h"
#include "time.h"

namespace pathways::protocol {

// [SECTION] Version

// Bumped when the wire format changes incompatibly; the server answers "update needed"
// (426, ErrorCode::update_needed) to clients below its oldest supported version.
constexpr int version = 1;
constexpr int oldest_supported_version = 1;

// The header every browser request carries: the decimal protocol version it speaks. A
// request without it (scripts, curl) is served as the current version.
constexpr std::string_view version_header = "X-Pathways-Protocol";

// [SECTION] Paths (GET and POST bodies are JSON; see the shapes below)

namespace path {
constexpr std::string_view login = "/api/login";     // POST LoginRequest → LoginReply
constexpr std::string_view logout = "/api/logout";   // POST {} → {}
constexpr std::string_view me = "/api/me";           // GET → {user}
constexpr std::string_view push = "/api/sync/push";  // POST PushRequest → PushReply
constexpr std::string_view pull = "/api/sync/pull";  // GET ?client_id=…&since=V → PullReply

// POST {} → {}: ends every sign-in (token) of the caller, this one included.
constexpr std::string_view logout_everywhere = "/api/logout/everywhere";

constexpr std::string_view user_password = R"(/api/users/([^/]+)/password)";  // PUT (a pattern: the user id)
constexpr std::string_view inactive = "/api/participants/inactive";           // GET (admins), R14
constexpr std::string_view healthz = "/api/healthz";                          // GET, liveness
// GET → ZoneRules JSON (core/time_zone_codec.h), 404 for an unknown zone (R17, §9). A
// pattern: the IANA name, slashes included; time_zone_path(name) spells one.
constexpr std::string_view time_zone = R"(/api/time-zones/([A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*))";
constexpr std::string_view time_zone_prefix = "/api/time-zones/";
// GET ?company=…&project=…&cohort=…&coach=…&status=…&from=YYYY-MM-DD&to=…&tz=IANA&clean=0|1
// (core/named_reports.h's query) → {"report", "totals", "header", "rows"}, or with ".csv" the same
// cells as CSV (R16). A pattern: the report's name (ReportName), then ".csv" or nothing.
constexpr std::string_view report = R"(/api/reports/([a-z-]+?)(\.csv)?)";
constexpr std::string_view mail_status = "/api/mail/status";               // GET (admins): queued, sent, parked
constexpr std::string_view calendar_feed = "/api/me/calendar-feed";        // POST → {path}: a new feed address
constexpr std::string_view calendar = R"(/calendar/([0-9a-f]{64})\.ics)";  // GET: the feed (no sign-in)
constexpr std::string_view report_prefix = "/api/reports/";
// R21: GET → {"entries": [...]}: a session's history and a participant's timeline, for the
// staff who may see that participant (participants get 403). Each entry: actor, actor_name,
// op, subject, claimed_at, received_at, effective_at (RFC 3339 UTC) and, when it changed a
// session's status, session, from, to, reason. Patterns: the session id ("pathway/key", the
// slash as is or as %2F) and the participant id.
constexpr std::string_view session_history = R"(/api/sessions/([^/]+/[^/]+)/history)";
constexpr std::string_view participant_timeline = R"(/api/participants/([^/]+)/timeline)";
// A one-time sign-in link for a user (admins): POST {} → SignInLink. A pattern: the user id.
constexpr std::string_view user_sign_in_link = R"(/api/users/([^/]+)/sign-in-link)";
constexpr std::string_view welcome_check = "/api/welcome/check";  // POST {token} → {user}; link_not_valid
constexpr std::string_view welcome = "/api/welcome";              // POST WelcomeRequest → LoginReply
}  // namespace path

// The path of a user's password (PUT) and of their sign-in link (POST), for `user` (an id
// without '/': the patterns above take one path segment).
std::string user_password_path(std::string_view user);
std::string user_sign_in_link_path(std::string_view user);

// [SECTION] Limits

constexpr std::size_t max_body_bytes = 1024 * 1024;  // 413 above
constexpr std::size_t max_ops_per_push = 500;
constexpr std::size_t max_client_id_bytes = 64;
constexpr std::int64_t max_seq = std::int64_t{1} << 53;  // exact in JavaScript
// Request bodies are at most this deep: ops are flat, and serialising or comparing JSON
// recurses, so a body of 100,000 '[' would overflow the stack.
constexpr int max_json_depth = 32;

// Time bounds on an op's `at`: not in the server's future (beyond clock skew), and not
// older than the offline window.
constexpr Seconds max_future_skew = minutes(5);
constexpr Seconds offline_window = days(30);

// [SECTION] Errors

// Request-level error codes (op rejections inside a push use RejectCode). The names are
// the wire format's and never change; the values are not sent.
enum class ErrorCode : std::uint8_t {
  bad_request,
  unauthorized,
  forbidden,
  not_found,
  too_large,
  rate_limited,
  seq_gap,            // a push skipped a seq
  client_taken,       // the client_id belongs to another user
  update_needed,      // the client's protocol version is too old (426)
  unavailable,        // temporary; retry (503)
  time_out_of_range,  // an op's time is outside the server's bounds
  internal,           // the server failed; logged there
  link_not_valid,     // a sign-in link that is unknown, used or expired (410)
};

// The HTTP status each code is sent with: 400, 401, 403, 404, 409, 410, 413, 426, 429, 503, 500.
int http_status(ErrorCode code);

struct ProtocolError {
  ErrorCode code = ErrorCode::bad_request;
  std::string message;  // a sentence for a person
};

// A decoded shape, or why the input did not fit it. Converts to bool like core Result.
template <class T>
class Decoded {
 public:
  Decoded(T value) : data_(std::move(value)) {}
  Decoded(ProtocolError error) : data_(std::move(error)) {}

  explicit operator bool() const { return data_.index() == 0; }
  T& value() { return std::get<0>(data_); }
  const T& value() const { return std::get<0>(data_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const ProtocolError& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, ProtocolError> data_;
};

// The error body {"error": {"code": "…", "message": "…"}}. `code` is an ErrorCode's name
// or, for a core rejection that refuses a whole request, a RejectCode's.
struct ErrorReply {
  std::string code;
  std::string message;
};
std::string encode_error(std::string_view code, std::string_view message);
// Nothing when `body` is not such a document (a proxy or a static file server answered).
std::optional<ErrorReply> decode_error(std::string_view body);

// The value of version_header for a request: empty (absent) is the current version. Errors:
// bad_request when it is not a decimal number, update_needed when it is below `oldest`.
std::optional<ProtocolError> check_client_version(std::string_view header, int oldest = oldest_supported_version);

// A request body as a JSON object: bad_request when it is nested deeper than
// max_json_depth, is not JSON, or is not an object.
Decoded<nlohmann::json> parse_request_body(std::string_view text);

// Client ids are chosen by clients (random 128-bit, hex); they name rows and log lines, so
// they are 1-64 letters, digits or - _ . :
bool valid_client_id(std::string_view id);

// [SECTION] Login

struct LoginRequest {
  std::string email;
  std::string password;
};
std::string encode_login_request(const LoginRequest& request);
// bad_request when a field is missing or not a string.
Decoded<LoginRequest> decode_login_request(const nlohmann::json& body);

// {token, user: {id, name, email, role}}; GET /api/me answers {user} alone.
struct LoginReply {
  std::string token;
  User user;
};
nlohmann::json encode_user(const User& user);
std::string encode_login_reply(const LoginReply& reply);
// bad_request when the token or the user is missing or not understood.
Decoded<LoginReply> decode_login_reply(std::string_view text);
// {user} (GET /api/me, POST path::welcome_check); bad_request when not understood.
Decoded<User> decode_user_reply(std::string_view text);

// [SECTION] Sign-in links

// The shortest password the server stores, in characters (the browser says so before sending).
constexpr std::size_t min_password_characters = 8;
// How long a one-time sign-in link stays valid.
constexpr Seconds sign_in_link_lifetime = days(7);
// The 401 sentence for a token that expired, was signed out or never existed. A client
// that asks why it was signed out keeps its own wording for this one; any other 401
// sentence (deactivated, archived, a role changed by an admin) is shown as the server says it.
constexpr std::string_view expired_sign_in = "Your session has expired or is not valid; sign in again.";
// The sentence for a link that cannot be used, whichever the reason (unknown, used,
// expired): the person's next step is the same.
constexpr std::string_view link_not_valid_message =
    "This sign-in link cannot be used: it has already been used, has expired or is not complete. "
    "Ask your administrator for a new one.";
// The browser opens a link as `<origin>/#welcome=<token>`.
constexpr std::string_view welcome_fragment = "welcome=";

// {token, expires_at, user}: a new link's secret (shown once; only its digest is stored).
struct SignInLink {
  std::string token;  // 64 hex characters
  Time expires_at{};  // UTC
  Id user;
};
std::string encode_sign_in_link(const SignInLink& link);
// bad_request when the document is not such a reply.
Decoded<SignInLink> decode_sign_in_link(std::string_view text);

// {token, password}: choosing a password through a link (signs the person in). `check`
// requests carry the token alone.
struct WelcomeRequest {
  std::string token;
  std::string password;
};
std::string encode_welcome_request(const WelcomeRequest& request);
// bad_request when token (or, unless `token_only`, password) is missing or not a string.
Decoded<WelcomeRequest> decode_welcome_request(const nlohmann::json& body, bool token_only = false);

// [SECTION] Push

// {client_id, ops: [op, …]}: ops in the wire format of §5a (core/op_codec.h). The server
// judges each op with the core; the request only has to put them in order.
struct PushRequest {
  std::string client_id;
  nlohmann::json ops = nlohmann::json::array();  // each an object with a whole `seq` in [1, max_seq]
};
std::string encode_push_request(const PushRequest& request);
// bad_request: client_id or ops missing or ill-formed, an op without a valid seq;
// too_large: more than max_ops_per_push ops.
Decoded<PushRequest> decode_push_request(const nlohmann::json& body);

// One op's verdict: applied, or rejected with the core's stable code and sentence.
struct OpResult {
  std::int64_t seq = 0;
  bool applied = true;
  std::string code;  // RejectCode name when rejected
  std::string message;
};

// {results: [{seq, status: "applied" | "rejected", code?, message?}], version}
struct PushReply {
  std::vector<OpResult> results;  // one per pushed op, in order
  std::int64_t version = 0;       // the server version after the push
};
std::string encode_push_reply(const PushReply& reply);
// bad_request when the document is not a push reply; results that are not objects are skipped.
Decoded<PushReply> decode_push_reply(std::string_view text);

// [SECTION] Pull

// GET path::pull?client_id=…&since=V: every change after server version V (0: everything).
struct PullRequest {
  std::string client_id;
  std::int64_t since = 0;
};
// The request's path and query (client ids need no escaping: see valid_client_id).
std::string pull_target(const PullRequest& request);
// From the query's parameters (nullptr: absent). bad_request: client_id missing or
// ill-formed, since not a whole number of at most 18 digits.
Decoded<PullRequest> decode_pull_request(const std::string* client_id, const std::string* since);

// {kind, id, version, deleted, data}: one entity as the viewer may see it (§5a).
struct EntityChange {
  std::optional<EntityKind> kind;  // nothing: a kind this build does not know (skip it)
  std::string id;
  std::int64_t version = 0;
  bool deleted = false;
  nlohmann::json data;  // the entity's fields (entity_from_data reads them); null for deletions
};

// {version, reset, last_seq, server_time, changes: [EntityChange], rejections: [{seq, code, message}]}
struct PullReply {
  std::int64_t version = 0;   // the server version the client now has
  bool reset = false;         // `since` was unknown or too old: the changes are everything
  std::int64_t last_seq = 0;  // the highest seq of this client the server has processed
  std::optional<Time> server_time;
  std::vector<EntityChange> changes;
  std::vector<OpResult> rejections;  // applied is false in each
};
// bad_request when the document is not a pull reply (no version or no changes).
Decoded<PullReply> decode_pull_reply(std::string_view text);

}  // namespace pathways::protocol

namespace pathways {
template <>
struct EnumNames<protocol::ErrorCode> {
  static constexpr std::array names{
      "bad_request",  "unauthorized",  "forbidden",   "not_found",         "too_large", "rate_limited",  "seq_gap",
      "client_taken", "update_needed", "unavailable", "time_out_of_range", "internal",  "link_not_valid"};
};
}  // namespace pathways
