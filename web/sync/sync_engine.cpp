// [SECTION] index
//   Store      client.json (client id, seq counter, version, pending, rejected), base.json (snapshot)
//   View       base + pending ops, through the core's apply
//   Editing    submit, discard
//   Sync loop  push pending ops in order, then pull since the version; backoff on failure
//   Words      describe_op
#include "sync/sync_engine.h"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <variant>

#include "core/entity_codec.h"
#include "core/op_codec.h"
#include "core/protocol.h"
#include "core/snapshot.h"
#include "json_field.h"
#include "local_time.h"
#include "nlohmann/json.hpp"
#include "shell/http.h"
#include "shell/network.h"
#include "shell/render_loop.h"
#include "shell/storage.h"
#include "shell/tab_lock.h"
#include "shell/timer.h"

namespace pathways {
namespace {

using json = nlohmann::json;

constexpr const char* meta_file = "client.json";
constexpr const char* base_file = "base.json";
constexpr double pull_every_ms = 20000;
constexpr double max_backoff_ms = 60000;

EM_JS(void, js_random_hex, (char* out, int bytes), {
  var a = new Uint8Array(bytes);
  crypto.getRandomValues(a);
  var s = "";
  for (var i = 0; i < bytes; ++i) s += (a[i] < 16 ? "0" : "") + a[i].toString(16);
  stringToUTF8(s, out, bytes * 2 + 1);
});

// Does this change touch what lists of people show (who is in which programme, names)?
// Sessions, slots, notes, grants and mail never do; a user's last activity or a pathway's
// completion (which follow every booking and marking) do not either.
bool changes_people(const State& before, const Change& change) {
  if (change.deleted) return true;
  return std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, Session>) {
          // A pathway's first session starts its list in the state: lists of people that
          // keep a reference to the list take the new one.
          return before.sessions_of(e.pathway).empty();
        } else if constexpr (std::is_same_v<T, Slot> || std::is_same_v<T, Note> || std::is_same_v<T, Grant> ||
                             std::is_same_v<T, OutboxMessage> || std::is_same_v<T, Escalation>) {
          return false;
        } else if constexpr (std::is_same_v<T, User>) {
          const User* old = before.user(e.id);
          return !old || old->name != e.name || old->archived != e.archived || old->role != e.role;
        } else if constexpr (std::is_same_v<T, Pathway>) {
          const Pathway* old = before.pathway(e.id);
          return !old || old->participant != e.participant || old->cohort != e.cohort || old->journey != e.journey ||
                 old->coach != e.coach;
        } else {
          return true;
        }
      },
      change.entity);
}

std::string random_hex(int bytes) {
  std::string out(static_cast<std::size_t>(bytes) * 2 + 1, '\0');
  js_random_hex(out.data(), bytes);
  out.resize(static_cast<std::size_t>(bytes) * 2);
  return out;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// An entity of `kind` that carries only its id: enough for State::commit to delete it.
std::optional<Entity> blank_entity(EntityKind kind, const Id& id) {
  switch (kind) {
    case EntityKind::company: {
      Company e;
      e.id = id;
      return e;
    }
    case EntityKind::project: {
      Project e;
      e.id = id;
      return e;
    }
    case EntityKind::journey: {
      Journey e;
      e.id = id;
      return e;
    }
    case EntityKind::cohort: {
      Cohort e;
      e.id = id;
      return e;
    }
    case EntityKind::user: {
      User e;
      e.id = id;
      return e;
    }
    case EntityKind::pathway: {
      Pathway e;
      e.id = id;
      return e;
    }
    case EntityKind::session: {
      Session e;
      if (!split_session_id(id, e.pathway, e.key)) return std::nullopt;
      return e;
    }
    case EntityKind::slot: {
      Slot e;
      e.id = id;
      return e;
    }
    case EntityKind::grant: {
      Grant e;
      e.id = id;
      return e;
    }
    case EntityKind::note: {
      Note e;
      e.id = id;
      return e;
    }
    case EntityKind::outbox: {
      OutboxMessage e;
      e.id = id;
      return e;
    }
    case EntityKind::escalation: {
      Escalation e;
      e.id = id;
      return e;
    }
  }
  return std::nullopt;
}

}  // namespace

// [SECTION] Store

void SyncEngine::start(const Login& login) {
  push_verdicts_.clear();  // verdicts are by seq: they belong to this client id and cycle
  ++generation_;
  login_ = login;
  actor_ = Actor{login.user.id, login.user.role};
  base_ = State{};
  pending_.clear();
  rejected_.clear();
  has_base_ = false;
  version_ = 0;
  load_store();
  rebuild_view();
  running_ = true;
  failures_ = 0;
  busy_ = false;
  sign_in_refused_ = false;
  problem_.clear();
  if (listening_) return schedule(0);
  listening_ = true;
  network::on_change([this](bool online) {
    if (online && running_) sync_now();
  });
  tab_lock::on_change([this](tab_lock::Role role) {
    // A tab that waited read the store when it opened; the syncing tab has written since.
    // Taking over, it starts afresh from what is stored now.
    static tab_lock::Role previous = tab_lock::Role::unknown;
    if (previous == tab_lock::Role::waiting && role == tab_lock::Role::syncing)
      emscripten_run_script("location.reload()");
    previous = role;
    if (role == tab_lock::Role::syncing && running_) sync_now();
  });
  schedule(0);
}

void SyncEngine::stop_and_clear() {
  push_verdicts_.clear();  // verdicts are by seq: they belong to this client id and cycle
  ++generation_;
  running_ = false;
  if (timer_) timer::cancel(timer_);
  timer_ = 0;
  storage::remove(meta_file);
  storage::remove(base_file);
  storage::flush();
  base_ = State{};
  view_ = State{};
  pending_.clear();
  rejected_.clear();
  has_base_ = false;
  version_ = 0;
  last_sync_.clear();
}

void SyncEngine::load_store() {
  const auto meta_text = storage::load(meta_file);
  const json meta = meta_text ? json::parse(*meta_text, nullptr, false) : json();
  const bool same_user = meta.is_object() && json_field(meta, "user", "") == login_.user.id;
  if (!same_user) {
    // Another user's data (or none): this browser starts over for the signed-in user.
    client_id_ = random_hex(16);
    next_seq_ = 1;
    storage::remove(base_file);
    save_meta();
    storage::flush();
    return;
  }
  client_id_ = json_field(meta, "client_id", random_hex(16));
  next_seq_ = json_field(meta, "next_seq", std::int64_t{1});
  version_ = json_field(meta, "version", std::int64_t{0});
  clock_offset_s_ = static_cast<long long>(json_field(meta, "clock_offset", std::int64_t{0}));
  last_sync_ = json_field(meta, "last_sync", "");
  if (meta.contains("pending") && meta["pending"].is_array())
    for (const json& op : meta["pending"]) {
      auto decoded = decode_op_value(op);
      if (decoded) pending_.push_back({std::move(decoded.value()), {}});
    }
  if (meta.contains("rejected") && meta["rejected"].is_array())
    for (const json& r : meta["rejected"])
      rejected_.push_back({json_field(r, "seq", std::int64_t{0}), json_field(r, "op", ""), json_field(r, "summary", ""),
                           json_field(r, "code", ""), json_field(r, "message", "")});
  if (const auto base_text = storage::load(base_file)) {
    auto state = load_snapshot(*base_text);
    if (state) {
      base_ = std::move(state.value());
      has_base_ = true;
    }
  }
  if (!has_base_) version_ = 0;  // no base: the next pull is a full one
}

void SyncEngine::save_meta() {
  json pending = json::array();
  for (const PendingOp& p : pending_) pending.push_back(encode_op(p.op));
  json rejected = json::array();
  for (const RejectedOp& r : rejected_)
    rejected.push_back(
        {{"seq", r.seq}, {"op", r.op_json}, {"summary", r.summary}, {"code", r.code}, {"message", r.message}});
  const json meta{{"user", login_.user.id},        {"client_id", client_id_},         {"next_seq", next_seq_},
                  {"version", version_},           {"clock_offset", clock_offset_s_}, {"last_sync", last_sync_},
                  {"pending", std::move(pending)}, {"rejected", std::move(rejected)}};
  storage::save(meta_file, dump(meta));
}

void SyncEngine::save_base() { storage::save(base_file, save_snapshot(base_)); }

// [SECTION] View

void SyncEngine::rebuild_view() {
  ++revision_;
  ++people_revision_;  // a pull may have changed anything
  view_ = base_;
  for (PendingOp& p : pending_) {
    auto result = apply(view_, p.op, actor_, p.op.at);
    if (result) {
      view_.commit(result->changes);
      p.conflict.clear();
    } else {
      // Still sent: the server's verdict is final (DESIGN.md section 5).
      p.conflict = result.rejection().message;
    }
  }
}

Time SyncEngine::now() const { return local_time::browser_now() + Seconds{clock_offset_s_}; }

// Only the tab holding the lock writes the store: before the lock has answered, this tab
// may be the second one, and its copy of the store may be stale.
bool SyncEngine::may_edit() const { return tab_lock::role() == tab_lock::Role::syncing; }

void SyncEngine::fill_status(SyncStatus& status) const {
  status.pending = static_cast<int>(pending_.size());
  status.last_sync = last_sync_;
  status.rejected = static_cast<int>(rejected_.size());
  status.busy = busy_;
  status.problem = problem_;
}

// [SECTION] Editing

Check SyncEngine::submit(OpBody body) {
  std::vector<OpBody> one;
  one.push_back(std::move(body));
  return submit_all(std::move(one));
}

Check SyncEngine::submit_all(std::vector<OpBody> bodies) {
  if (!may_edit()) return reject(RejectCode::forbidden, "Another Pathways tab is open; make changes there.");
  Check refused;
  std::size_t queued = 0;
  bool people_changed = false;
  for (OpBody& body : bodies) {
    Op op{next_seq_, now(), std::move(body)};
    auto result = apply(view_, op, actor_, op.at);
    if (!result) {
      refused = result.rejection();
      break;
    }
    for (const Change& change : result->changes) people_changed = people_changed || changes_people(view_, change);
    view_.commit(result->changes);
    ++next_seq_;
    pending_.push_back({std::move(op), {}});
    ++queued;
  }
  if (queued == 0) return refused;
  ++revision_;
  if (people_changed) ++people_revision_;
  save_meta();
  // Written before it is sent: the push waits for this flush (DESIGN.md section 5).
  storage::flush();
  sync_now();
  return refused;
}

void SyncEngine::discard_rejected(std::int64_t seq) {
  if (!may_edit()) return;  // the store is the syncing tab's to write
  std::erase_if(rejected_, [&](const RejectedOp& r) { return r.seq == seq; });
  save_meta();
  storage::flush();
}

std::optional<OpBody> SyncEngine::rejected_body(std::int64_t seq) const {
  const auto r = std::find_if(rejected_.begin(), rejected_.end(), [&](const RejectedOp& x) { return x.seq == seq; });
  if (r == rejected_.end()) return std::nullopt;
  auto op = decode_op(r->op_json);
  if (!op) return std::nullopt;
  return std::move(op->body);
}

Check SyncEngine::redo_rejected(std::int64_t seq) {
  auto body = rejected_body(seq);
  if (!body) return reject(RejectCode::malformed, "This change can no longer be read; discard it.");
  if (auto refused = submit(std::move(*body))) return refused;
  discard_rejected(seq);
  return std::nullopt;
}

Id SyncEngine::new_id(std::string_view prefix) { return std::string(prefix) + "-" + random_hex(8); }

void SyncEngine::load_for_benchmark(State state) {
  base_ = std::move(state);
  has_base_ = true;
  running_ = false;  // a benchmark state must never meet the server
  ++generation_;
  pending_.clear();
  rebuild_view();
}

// [SECTION] Sync loop

void SyncEngine::schedule(double ms) {
  if (timer_) timer::cancel(timer_);
  timer_ = timer::after(ms, [this] {
    timer_ = 0;
    tick();
  });
}

void SyncEngine::sync_now() {
  if (!running_) return;
  if (busy_) {
    again_ = true;
    return;
  }
  failures_ = 0;
  schedule(0);
}

void SyncEngine::tick() {
  if (!running_ || busy_) return;
  if (tab_lock::role() != tab_lock::Role::syncing || !network::online()) {
    schedule(1000);  // cheap to look again; the network and the lock also wake it
    return;
  }
  busy_ = true;
  again_ = false;
  render_loop::wake();
  const unsigned generation = generation_;
  storage::flush([this, generation](bool ok) {
    if (generation != generation_) return;
    if (!ok) return finish_cycle(false, "This browser refused to save changes; they are not sent until it can.");
    push();
  });
}

void SyncEngine::push() {
  if (pending_.empty()) return pull();
  json ops = json::array();
  for (const PendingOp& p : pending_) {
    if (ops.size() == protocol::max_ops_per_push) break;
    ops.push_back(encode_op(p.op));
  }
  const json body{{"client_id", client_id_}, {"ops", std::move(ops)}};
  const unsigned generation = generation_;
  http::post_json("/api/sync/push", dump(body), login_.token, [this, generation](const http::Response& r) {
    if (generation != generation_) return;
    if (r.status == 401) return refuse_sign_in();
    if (!r) {
      const json err = json::parse(r.body, nullptr, false);
      std::string message = r.unreachable() ? "The server cannot be reached." : "The server refused the changes.";
      if (err.is_object() && err.contains("error") && err["error"].is_object())
        message = json_field(err["error"], "message", message);
      return finish_cycle(false, message);
    }
    const json reply = json::parse(r.body, nullptr, false);
    if (reply.is_object() && reply.contains("results") && reply["results"].is_array())
      for (const json& result : reply["results"])
        if (result.is_object() && json_field(result, "status", "") == "rejected")
          push_verdicts_.push_back({json_field(result, "seq", std::int64_t{0}),
                                    {json_field(result, "code", ""), json_field(result, "message", "")}});
    pull();
  });
}

void SyncEngine::refuse_sign_in() {
  push_verdicts_.clear();  // verdicts are by seq: they belong to this client id and cycle
  ++generation_;
  running_ = false;
  busy_ = false;
  if (timer_) timer::cancel(timer_);
  timer_ = 0;
  sign_in_refused_ = true;
  render_loop::wake();
}

void SyncEngine::pull() {
  const std::string url = "/api/sync/pull?client_id=" + client_id_ + "&since=" + std::to_string(version_);
  const unsigned generation = generation_;
  http::get(url, login_.token, [this, generation](const http::Response& r) {
    if (generation != generation_) return;
    if (r.status == 401) return refuse_sign_in();
    if (!r) {
      const json err = json::parse(r.body, nullptr, false);
      std::string message = r.unreachable() ? "The server cannot be reached." : "The server did not send changes.";
      if (err.is_object() && err.contains("error") && err["error"].is_object())
        message = json_field(err["error"], "message", message);
      return finish_cycle(false, message);
    }
    read_pull(r.body);
  });
}

void SyncEngine::read_pull(const std::string& body) {
  const json reply = json::parse(body, nullptr, false);
  if (!reply.is_object() || !reply.contains("version") || !reply.contains("changes"))
    return finish_cycle(false, "The server's changes were not understood.");
  if (json_field(reply, "reset", false) || version_ == 0) base_ = State{};
  for (const json& change : reply["changes"]) {
    if (!change.is_object()) continue;
    const auto kind = parse_enum<EntityKind>(json_field(change, "kind", ""));
    if (!kind) continue;  // a kind this client does not know yet
    if (json_field(change, "deleted", false)) {
      if (auto blank = blank_entity(*kind, json_field(change, "id", ""))) base_.commit(Change{std::move(*blank), true});
      continue;
    }
    auto entity = entity_from_data(*kind, change.contains("data") ? change["data"] : json());
    if (entity) base_.commit(Change{std::move(entity.value()), false});
  }
  version_ = json_field(reply, "version", version_);
  has_base_ = true;

  // Acknowledged ops leave the queue; those the server refused go to the rejected list.
  const std::int64_t last_seq = json_field(reply, "last_seq", std::int64_t{0});
  if (reply.contains("rejections") && reply["rejections"].is_array())
    for (const json& r : reply["rejections"])
      if (r.is_object())
        push_verdicts_.push_back(
            {json_field(r, "seq", std::int64_t{0}), {json_field(r, "code", ""), json_field(r, "message", "")}});
  std::vector<PendingOp> still;
  for (PendingOp& p : pending_) {
    if (p.op.seq > last_seq) {
      still.push_back(std::move(p));
      continue;
    }
    auto verdict =
        std::find_if(push_verdicts_.begin(), push_verdicts_.end(), [&](const auto& v) { return v.first == p.op.seq; });
    if (verdict != push_verdicts_.end())
      rejected_.push_back({p.op.seq, encode_op_text(p.op), describe_op(view_, p.op.body), verdict->second.first,
                           verdict->second.second});
  }
  pending_ = std::move(still);
  push_verdicts_.clear();
  if (last_seq >= next_seq_) next_seq_ = last_seq + 1;  // never reuse a number the server has seen

  if (auto server_time = parse_time(json_field(reply, "server_time", "")))
    clock_offset_s_ = unix_seconds(*server_time) - unix_seconds(local_time::browser_now());
  last_sync_ = format_time(now());
  rebuild_view();
  save_base();
  save_meta();
  storage::flush();
  finish_cycle(true, {});
}

void SyncEngine::finish_cycle(bool ok, std::string problem) {
  busy_ = false;
  problem_ = std::move(problem);
  render_loop::wake();
  if (ok) {
    failures_ = 0;
    // More to send (an edit arrived meanwhile, or more than one push's worth): go again.
    schedule(again_ ? 0 : !pending_.empty() ? 1000 : pull_every_ms);
    return;
  }
  ++failures_;
  const double backoff = std::min(max_backoff_ms, 1000.0 * (1 << std::min(failures_, 6)));
  schedule(again_ ? 0 : backoff);
}

// [SECTION] Words

std::string describe_op(const State& state, const OpBody& body) {
  auto session_words = [&](const Id& id) {
    const Session* s = state.session(id);
    if (!s) return id;
    std::string words = session_title(state, *s);
    if (const Pathway* p = state.pathway(s->pathway))
      if (const User* u = state.user(p->participant)) words += ", " + u->name;
    return words;
  };
  return std::visit(
      [&](const auto& op) -> std::string {
        using T = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<T, BookSession>) {
          std::string words = "Book " + session_words(op.session);
          if (const Slot* slot = state.slot(op.slot)) words += " at " + local_time::format_date_time(slot->start);
          return words;
        } else if constexpr (std::is_same_v<T, CancelBooking>) {
          return "Cancel booking of " + session_words(op.session);
        } else if constexpr (std::is_same_v<T, MarkAttendance>) {
          return std::string(op.outcome == Outcome::completed ? "Mark Completed: " : "Mark Missed: ") +
                 session_words(op.session);
        } else if constexpr (std::is_same_v<T, CorrectStatus>) {
          return "Set " + std::string(label(op.status)) + ": " + session_words(op.session);
        } else if constexpr (std::is_same_v<T, GreyOut>) {
          return "Grey out " + session_words(op.session);
        } else if constexpr (std::is_same_v<T, Ungrey>) {
          return "Un-grey " + session_words(op.session);
        } else if constexpr (std::is_same_v<T, AddNote>) {
          return "Note on " + session_words(op.session);
        } else if constexpr (std::is_same_v<T, AddSlot>) {
          std::string words = "Add slot " + local_time::format_date_time(op.start);
          if (op.repeat_weeks && *op.repeat_weeks > 0)
            words += ", weekly for " + std::to_string(*op.repeat_weeks) + " more weeks";
          return words;
        } else if constexpr (std::is_same_v<T, RemoveSlot>) {
          return "Remove slot " + op.slot;
        } else {
          return std::string(to_string(T::type));
        }
      },
      body);
}

}  // namespace pathways
