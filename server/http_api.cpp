// [SECTION] index
//   Request helpers   JSON bodies, fields, the caller
//   Route wrapper     authentication, errors, exceptions: the server's edge
//   Routes            one function per endpoint
#include "server/http_api.h"

#include <httplib.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/history.h"
#include "core/named_reports.h"
#include "core/pathway_rules.h"
#include "core/permissions.h"
#include "core/protocol.h"
#include "core/time_zone_codec.h"
#include "server/auth.h"
#include "server/http_errors.h"
#include "server/http_server.h"
#include "server/storage/sqlite.h"
#include "server/sync_service.h"

namespace pathways::server {
namespace {

using json = nlohmann::json;
using protocol::ErrorCode;

// [SECTION] Request helpers

struct Caller {
  User user;
  std::string token;
};

struct Reply {
  Reply(int status_, std::string body_, std::string content_type_ = "application/json")
      : status(status_), body(std::move(body_)), content_type(std::move(content_type_)) {}
  int status = 200;
  std::string body;  // JSON text, unless content_type says otherwise
  std::string content_type;
  std::string download_name;  // when set, sent as an attachment of this file name (RFC 6266)
  // When set, the body is sent in pieces as this gives them (HTTP chunked transfer), not
  // `body`: it fills `piece` with the next bytes and returns false when none are left. A
  // large export is never one string in memory.
  std::function<bool(std::string& piece)> pieces;
};

Reply ok(const json& body) { return {200, body.dump(-1, ' ', false, json::error_handler_t::replace)}; }

template <class T>
T decoded_or_throw(protocol::Decoded<T> decoded) {
  if (!decoded) throw api_error(decoded.error());
  return std::move(decoded.value());
}

json parse_body(const httplib::Request& req) { return decoded_or_throw(protocol::parse_request_body(req.body)); }

const std::string& string_field(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end()) throw api_error(ErrorCode::bad_request, std::string("Field \"") + name + "\" is required.");
  if (!it->is_string())
    throw api_error(ErrorCode::bad_request, std::string("Field \"") + name + "\" must be a string.");
  return it->get_ref<const std::string&>();
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
  if (token.empty())
    throw api_error(ErrorCode::unauthorized, "Sign in first: this needs an Authorization: Bearer token.");
  const auto user_id = s.auth.authenticate(token);
  if (!user_id) {
    // A sign-in ended by an admin says why (deactivated, archived, a new role), not "expired".
    if (const auto ended = s.auth.ended_sign_in(token)) {
      const auto why = s.sync.read([&](const State& state) -> std::optional<std::string> {
        const User* u = state.user(*ended);
        return u ? why_not_signed_in(*u) : std::nullopt;
      });
      throw api_error(ErrorCode::unauthorized,
                      why ? *why : "An administrator changed your account (for example its role); sign in again.");
    }
    throw api_error(ErrorCode::unauthorized, std::string(protocol::expired_sign_in));
  }
  auto user = s.sync.read([&](const State& state) -> std::optional<User> {
    const User* u = state.user(*user_id);
    return u ? std::optional<User>(*u) : std::nullopt;
  });
  if (!user) throw api_error(ErrorCode::unauthorized, "Your account no longer exists.");
  if (auto why = why_not_signed_in(*user)) {
    // Deactivated or archived since this token was issued: it ends now, and reactivating
    // the account later needs a new sign-in.
    s.auth.end_sign_ins(user->id);
    throw api_error(ErrorCode::unauthorized, *why);
  }
  return {std::move(*user), token};
}

// The client states the protocol version it speaks (header or absent); too old → 426.
void check_protocol(const ApiServices& s, const httplib::Request& req) {
  const std::string header = req.get_header_value(std::string(protocol::version_header).c_str());
  if (auto refused = protocol::check_client_version(header, s.oldest_protocol)) throw api_error(*refused);
}

// [SECTION] Route wrapper

enum class Access { anyone, signed_in };
using Handler = std::function<Reply(const ApiServices&, const httplib::Request&, const Caller*)>;

httplib::Server::Handler wrap(const ApiServices& services, Access access, Handler handler) {
  return [services, access, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    try {
      check_protocol(services, req);
      std::optional<Caller> caller;
      if (access == Access::signed_in) caller = authenticate(services, req);
      Reply reply = handler(services, req, caller ? &*caller : nullptr);
      res.status = reply.status;
      if (!reply.download_name.empty())
        res.set_header("Content-Disposition", "attachment; filename=\"" + reply.download_name + "\"");
      if (reply.pieces)
        res.set_chunked_content_provider(reply.content_type,
                                         [next = std::move(reply.pieces)](std::size_t, httplib::DataSink& sink) {
                                           std::string piece;
                                           if (next(piece)) return sink.write(piece.data(), piece.size());
                                           sink.done();
                                           return true;
                                         });
      else
        res.set_content(std::move(reply.body), reply.content_type);
    } catch (const ApiError& e) {
      write_error(res, e);
    } catch (const sql::Error& e) {
      std::fprintf(stderr, "%s %s: database: %s\n", log_escaped(req.method).c_str(), log_escaped(req.path).c_str(),
                   e.what());
      ApiError busy = api_error(ErrorCode::unavailable, "The database is busy; retry shortly.");
      busy.retry_after = 1;
      write_error(res, busy);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s %s: internal error: %s\n", log_escaped(req.method).c_str(),
                   log_escaped(req.path).c_str(), e.what());
      write_error(res, internal_error());
    }
  };
}

// [SECTION] Routes

Reply login(const ApiServices& s, const httplib::Request& req, const Caller*) {
  const auto request = decoded_or_throw(protocol::decode_login_request(parse_body(req)));
  auto result = s.auth.login(request.email, request.password, req.remote_addr);
  if (!result) throw api_error(result.error());
  return {200, protocol::encode_login_reply({result->token, result->user})};
}

Reply logout(const ApiServices& s, const httplib::Request&, const Caller* caller) {
  s.auth.logout(caller->token);
  return ok(json::object());
}

// Ends every sign-in of the caller, this one included (a lost laptop, a shared computer).
Reply logout_everywhere(const ApiServices& s, const httplib::Request&, const Caller* caller) {
  s.auth.end_sign_ins(caller->user.id);
  return ok(json::object());
}

Reply me(const ApiServices&, const httplib::Request&, const Caller* caller) {
  return ok({{"user", protocol::encode_user(caller->user)}});
}

// An applied deactivation (update_user with deactivated: true), role change (update_user
// with a role) or archiving (R14) ends the person's sign-ins at once: their tokens go, so
// reactivation needs a new sign-in, and a new role is read at that sign-in. (Each request
// also checks the flags, so a token is refused even before this runs.)
void end_sign_ins_of_removed(const ApiServices& s, const protocol::PushRequest& request,
                             const protocol::PushReply& reply) {
  // Only applied ops count, and the core's codec has checked their fields' types by then.
  auto text = [](const json& op, const char* name) {
    auto it = op.find(name);
    return it != op.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  // A replayed push answers with the stored result; the person may have been reactivated
  // since, so their sign-ins end only while the state still says so.
  auto end_if_removed = [&](const Id& id) {
    const bool removed = s.sync.read([&](const State& state) {
      const User* u = state.user(id);
      return u && why_not_signed_in(*u).has_value();
    });
    if (removed) s.auth.end_sign_ins(id);
  };
  for (const auto& r : reply.results) {
    if (!r.applied) continue;
    for (const json& op : request.ops) {
      if (op.value("seq", std::int64_t{0}) != r.seq) continue;
      const std::string type = text(op, "type");
      const auto deactivated = op.find("deactivated");
      if (type == to_string(OpType::update_user) && deactivated != op.end() && *deactivated == true)
        end_if_removed(text(op, "user"));
      else if (type == to_string(OpType::update_user) && op.contains("role"))
        s.auth.end_sign_ins(text(op, "user"));
      else if (type == to_string(OpType::archive_participant))
        end_if_removed(text(op, "participant"));
    }
  }
}

Reply push(const ApiServices& s, const httplib::Request& req, const Caller* caller) {
  const auto request = decoded_or_throw(protocol::decode_push_request(parse_body(req)));
  const Actor actor{caller->user.id, caller->user.role};
  auto result = s.sync.push(actor, request);
  if (!result) throw api_error(result.error());
  end_sign_ins_of_removed(s, request, result.value());
  return {200, protocol::encode_push_reply(result.value())};
}

Reply pull(const ApiServices& s, const httplib::Request& req, const Caller* caller) {
  const std::string client_id = req.get_param_value("client_id");
  const std::string since = req.get_param_value("since");
  const auto request = decoded_or_throw(protocol::decode_pull_request(req.has_param("client_id") ? &client_id : nullptr,
                                                                      req.has_param("since") ? &since : nullptr));
  auto result = s.sync.pull(caller->user.id, request);
  if (!result) throw api_error(result.error());
  return {200, std::move(result.value())};
}

Reply set_password(const ApiServices& s, const httplib::Request& req, const Caller* caller) {
  const std::string target = req.matches[1];
  const json body = parse_body(req);
  const std::string& password = string_field(body, "password");
  const bool exists = s.sync.read([&](const State& state) { return state.user(target) != nullptr; });
  if (caller->user.role != Role::admin) {
    if (caller->user.id != target)
      throw api_error(ErrorCode::forbidden, "Only an admin can set another user's password.");
    // Users change their own password by proving they know the current one.
    const std::string current = body.contains("current") ? string_field(body, "current") : std::string();
    auto changed = s.auth.change_password(caller->user, current, password, req.remote_addr, caller->token);
    if (!changed) throw api_error(changed.error());
    return ok(json::object());
  }
  if (!exists) throw api_error(ErrorCode::not_found, "No user " + target + ".");
  // An admin setting their own password stays signed in here; every other sign-in ends.
  auto result = s.auth.set_password(target, password, target == caller->user.id ? caller->token : std::string());
  if (!result) throw api_error(result.error());
  return ok(json::object());
}

Reply sign_in_link(const ApiServices& s, const httplib::Request& req, const Caller* caller) {
  if (caller->user.role != Role::admin) throw api_error(ErrorCode::forbidden, "Only an admin can make sign-in links.");
  const std::string target = req.matches[1];
  const auto user = s.sync.read([&](const State& state) -> std::optional<User> {
    const User* u = state.user(target);
    return u ? std::optional<User>(*u) : std::nullopt;
  });
  if (!user) throw api_error(ErrorCode::not_found, "No user " + target + ".");
  if (auto why = why_not_signed_in(*user))
    throw api_error(ErrorCode::forbidden, "No sign-in link for " + user->name + ": " + *why);
  return {200, protocol::encode_sign_in_link(s.auth.create_sign_in_link(user->id, caller->user.id))};
}

// The browser checks a link as it opens, so a used or expired one says so before the person
// types a password.
Reply welcome_check(const ApiServices& s, const httplib::Request& req, const Caller*) {
  const auto request = decoded_or_throw(protocol::decode_welcome_request(parse_body(req), /*token_only=*/true));
  auto user = s.auth.check_sign_in_link(request.token);
  if (!user) throw api_error(user.error());
  return ok({{"user", protocol::encode_user(user.value())}});
}

Reply welcome(const ApiServices& s, const httplib::Request& req, const Caller*) {
  const auto request = decoded_or_throw(protocol::decode_welcome_request(parse_body(req)));
  auto result = s.auth.use_sign_in_link(request.token, request.password);
  if (!result) throw api_error(result.error());
  return {200, protocol::encode_login_reply({result->token, result->user})};
}

Reply inactive(const ApiServices& s, const httplib::Request&, const Caller* caller) {
  if (caller->user.role != Role::admin)
    throw api_error(ErrorCode::forbidden, "Only an admin can list inactive participants.");
  const auto ids = s.sync.read([&](const State& state) { return inactive_participants(state, s.clock()); });
  return ok({{"participants", ids}});
}

// DESIGN.md §7, R16: a named report for the caller's scope (admins everything, programme
// leads their companies, coaches their participants), as JSON cells or as CSV; the same
// core table either way, so an export holds exactly what the screen shows.
Reply report(const ApiServices& s, const httplib::Request& req, const Caller* caller) {
  const Actor actor{caller->user.id, caller->user.role};
  if (auto no = may(actor, Capability::see_reports)) throw api_error(*no);
  const std::string name_text = req.matches[1];
  const auto name = parse_enum<ReportName>(name_text);
  if (!name) throw api_error(ErrorCode::not_found, "No report is called \"" + name_text + "\".");
  const bool csv = req.matches[2].length() > 0;
  std::map<std::string, std::string> params;
  for (const auto& [key, value] : req.params)
    if (!params.emplace(key, value).second)
      throw api_error(ErrorCode::bad_request, "The parameter \"" + key + "\" is given twice.");
  auto query = decode_report_query(params, [&](std::string_view zone) { return s.sync.zones().find(zone); });
  if (!query) throw api_error(query.rejection());
  const Time now = s.clock();
  NamedReport report =
      s.sync.read([&](const State& state) { return run_named_report(*name, state, caller->user, query.value(), now); });
  if (csv) {
    // table_csv's bytes, streamed: the byte-order mark and header, then rows a piece at a
    // time, written as the client reads them.
    Reply reply{200, "", "text/csv; charset=utf-8"};
    reply.download_name = "pathways-" + name_text + "-" + format_time(now).substr(0, 10) + ".csv";
    auto table = std::make_shared<const ReportTable>(std::move(report.table));
    reply.pieces = [table, row = std::size_t{0}, started = false](std::string& piece) mutable {
      constexpr std::size_t piece_bytes = 256 * 1024;
      piece.reserve(piece_bytes + 4096);
      if (!started) {
        piece += csv_byte_order_mark;
        append_csv_line(piece, table->header);
        started = true;
      }
      while (row < table->rows.size() && piece.size() < piece_bytes) append_csv_line(piece, table->rows[row++]);
      return !piece.empty();
    };
    return reply;
  }
  const ReportTable& table = report.table;
  // Totals stay out of the CSV (R16) but travel in the JSON, as the screen draws them.
  auto totals = json::array();
  for (const ReportTotal& t : report.totals)
    totals.push_back({{"label", t.label}, {"value", t.value}, {"text", t.text()}});
  return ok({{"report", name_text}, {"totals", totals}, {"header", table.header}, {"rows", table.rows}});
}

// R21: a history reaches only the staff who may see the participant it is about
// (may_read_history, core/history.h): participants get 403, their own included; a participant
// or session the caller may not see is answered as not found.
constexpr int history_limit = 1000;

json history_json(const State& state, const std::vector<storage::HistoryRecord>& records) {
  json entries = json::array();
  for (const auto& r : records) {
    const User* actor = state.user(r.user);
    json e{{"actor", r.user},
           {"actor_name", actor ? actor->name : r.user},
           {"op", r.op_type},
           {"subject", r.subject},
           {"claimed_at", format_time(r.claimed_at)},
           {"received_at", format_time(r.received_at)},
           {"effective_at", format_time(r.effective_at)}};
    if (!r.change.session.empty()) {
      e["session"] = r.change.session;
      e["from"] = r.change.from;
      e["to"] = r.change.to;
      e["reason"] = r.change.reason;
    }
    entries.push_back(std::move(e));
  }
  return {{"entries", std::move(entries)}};
}

Reply session_history(const ApiServices& s, const httplib::Request& req, const Caller* caller) {
  const std::string session = req.matches[1];
  s.sync.read([&](const State& state) {
    const Session* found = state.session(session);
    const Pathway* pw = found ? state.pathway(found->pathway) : nullptr;
    if (auto no = may_read_history(state, caller->user, pw ? pw->participant : Id{})) {
      if (no->code == RejectCode::forbidden) throw api_error(*no);
      throw api_error(ErrorCode::not_found, "No session " + session + " among yours.");
    }
    return 0;
  });
  const auto records = s.sync.session_history(session, history_limit);
  return ok(s.sync.read([&](const State& state) { return history_json(state, records); }));
}

Reply participant_timeline(const ApiServices& s, const httplib::Request& req, const Caller* caller) {
  const std::string participant = req.matches[1];
  s.sync.read([&](const State& state) {
    if (auto no = may_read_history(state, caller->user, participant)) throw api_error(*no);
    return 0;
  });
  const auto records = s.sync.participant_timeline(participant, history_limit);
  return ok(s.sync.read([&](const State& state) { return history_json(state, records); }));
}

// DESIGN.md §10: what an admin needs to see of delivery: counts, and the messages parked
// or failing with their reasons.
Reply mail_status(const ApiServices& s, const httplib::Request&, const Caller* caller) {
  if (auto no = may(Actor{caller->user.id, caller->user.role}, Capability::see_mail_delivery)) throw api_error(*no);
  const storage::OutboxStatus st = s.mail_status ? s.mail_status() : storage::OutboxStatus{};
  auto list = [](const std::vector<storage::ParkedMail>& mails) {
    json out = json::array();
    for (const auto& m : mails)
      out.push_back({{"id", m.id},
                     {"kind", m.kind},
                     {"recipient", m.recipient},
                     {"attempts", m.attempts},
                     {"at", format_time(m.parked_at)},
                     {"reason", m.reason}});
    return out;
  };
  return ok({{"queued", st.queued},
             {"retrying", st.retrying},
             {"sent", st.sent},
             {"parked", st.parked},
             {"parked_messages", list(st.recent_parked)},
             {"failing_messages", list(st.recent_failures)}});
}

// DESIGN.md §10: a new secret feed address for the caller; the old one stops at once.
Reply calendar_feed(const ApiServices& s, const httplib::Request&, const Caller* caller) {
  if (!s.calendar_feeds) throw api_error(ErrorCode::unavailable, "Calendar feeds are not available.");
  const std::string secret = s.calendar_feeds->renew(caller->user.id);
  return ok({{"path", "/calendar/" + secret + ".ics"}});
}

// The feed itself: the secret in the address is the only credential (calendar programs
// cannot sign in). An unknown or replaced secret is 404, as if nothing were there.
Reply calendar(const ApiServices& s, const httplib::Request& req, const Caller*) {
  const auto owner = s.calendar_feeds ? s.calendar_feeds->owner(std::string(req.matches[1])) : std::nullopt;
  if (!owner) throw api_error(ErrorCode::not_found, "No calendar at this address.");
  const Time now = s.clock();
  std::string feed = s.sync.read([&](const State& state) { return user_feed(state, *owner, now); });
  Reply reply{200, std::move(feed), "text/calendar; charset=utf-8"};
  return reply;
}

// Liveness for anyone; the state's version (how much has happened) only for signed-in staff.
Reply healthz(const ApiServices& s, const httplib::Request& req, const Caller*) {
  json body{{"status", "ok"}, {"protocol", protocol::version}};
  const std::string token = bearer_token(req);
  if (const auto id = token.empty() ? std::nullopt : s.auth.authenticate(token)) {
    const bool staff = s.sync.read([&](const State& state) {
      const User* u = state.user(*id);
      return u && u->role != Role::participant && !why_not_signed_in(*u);
    });
    if (staff) body["version"] = s.sync.version();
  }
  return ok(body);
}

// R17, DESIGN.md §9: a zone's rules as data, for the browser to store and apply with.
Reply time_zone(const ApiServices& s, const httplib::Request& req, const Caller*) {
  const std::string name = req.matches[1];
  const ZoneRules* rules = s.sync.zones().find(name);
  if (!rules) throw api_error(ErrorCode::not_found, "No time zone is known by the name \"" + name + "\".");
  return ok(zone_rules_json(*rules));
}

}  // namespace

void register_api_routes(httplib::Server& http, const ApiServices& services) {
  namespace path = protocol::path;
  auto at = [](std::string_view p) { return std::string(p); };
  http.Post(at(path::login), wrap(services, Access::anyone, login));
  http.Post(at(path::logout), wrap(services, Access::signed_in, logout));
  http.Post(at(path::logout_everywhere), wrap(services, Access::signed_in, logout_everywhere));
  http.Get(at(path::me), wrap(services, Access::signed_in, me));
  http.Post(at(path::push), wrap(services, Access::signed_in, push));
  http.Get(at(path::pull), wrap(services, Access::signed_in, pull));
  http.Put(at(path::user_password), wrap(services, Access::signed_in, set_password));
  http.Post(at(path::user_sign_in_link), wrap(services, Access::signed_in, sign_in_link));
  http.Post(at(path::welcome_check), wrap(services, Access::anyone, welcome_check));
  http.Post(at(path::welcome), wrap(services, Access::anyone, welcome));
  http.Get(at(path::inactive), wrap(services, Access::signed_in, inactive));
  http.Get(at(path::healthz), wrap(services, Access::anyone, healthz));
  http.Get(at(path::time_zone), wrap(services, Access::anyone, time_zone));
  http.Get(at(path::report), wrap(services, Access::signed_in, report));
  http.Get(at(path::session_history), wrap(services, Access::signed_in, session_history));
  http.Get(at(path::participant_timeline), wrap(services, Access::signed_in, participant_timeline));
  http.Get(at(path::mail_status), wrap(services, Access::signed_in, mail_status));
  http.Post(at(path::calendar_feed), wrap(services, Access::signed_in, calendar_feed));
  http.Get(at(path::calendar), wrap(services, Access::anyone, calendar));
}

}  // namespace pathways::server
