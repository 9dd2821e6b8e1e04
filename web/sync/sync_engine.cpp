// [SECTION] index
//   Blank entities  what a tombstone deletes (to be replaced by the core's)
//   Store      client.json (sync/client_record.h), base.json (a snapshot)
//   View       base + pending ops, through the core's apply
//   Editing    submit, discard
//   Sync loop  push pending ops in order, then pull since the version; backoff on failure;
//              401 and 426 stop it and keep the store
#include "sync/sync_engine.h"

#include <algorithm>
#include <iterator>
#include <variant>

#include "core/entity_codec.h"
#include "core/op_codec.h"
#include "core/protocol.h"
#include "core/snapshot.h"
#include "nlohmann/json.hpp"
#include "shell/clock.h"
#include "shell/http.h"
#include "shell/network.h"
#include "shell/page.h"
#include "shell/random.h"
#include "shell/render_loop.h"
#include "shell/storage.h"
#include "shell/tab_lock.h"
#include "shell/timer.h"

namespace pathways {
namespace {

using json = nlohmann::json;

constexpr double pull_every_ms = 20000;
constexpr double max_backoff_ms = 60000;

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

// Why a request failed, for people: the server's own sentence when it sent one.
std::string failure_sentence(const http::Response& r, const char* refused) {
  if (r.unreachable()) return "The server cannot be reached.";
  const auto error = protocol::decode_error(r.body);
  return error && !error->message.empty() ? error->message : refused;
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
  stored_version_ = 0;
  settle_owed_ = false;
  cancel_together();
  together_outcome_.reset();
  load_store();
  rebuild_view();
  running_ = true;
  failures_ = 0;
  busy_ = false;
  sign_in_refused_ = false;
  update_needed_ = false;
  problem_.clear();
  if (listening_) return schedule(0);
  listening_ = true;
  network::on_change([this](bool online) {
    if (online && running_) sync_now();
  });
  tab_lock::on_change([this](tab_lock::Role role) {
    // A tab that waited read the store when it opened; the syncing tab has written since.
    // Taking over, it starts afresh from what is stored now.
    if (lock_role_ == tab_lock::Role::waiting && role == tab_lock::Role::syncing) page::reload();
    lock_role_ = role;
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
  storage::remove(client_file);
  storage::remove(base_file);
  storage::flush();
  base_ = State{};
  view_ = State{};
  pending_.clear();
  rejected_.clear();
  has_base_ = false;
  version_ = 0;
  stored_version_ = 0;
  settle_owed_ = false;
  if (together_timer_) timer::cancel(together_timer_);
  together_timer_ = 0;
  together_.reset();
  together_outcome_.reset();
  last_sync_.clear();
}

void SyncEngine::load_store() {
  const auto text = storage::load(client_file);
  const auto record = text ? decode_client_record(*text) : std::nullopt;
  if (!record || record->user != login_.user.id) {
    // Another user's data (or none): this browser starts over for the signed-in user.
    client_id_ = random::hex(16);
    next_seq_ = 1;
    storage::remove(base_file);
    save_meta();
    storage::flush();
    return;
  }
  client_id_ = record->client_id.empty() ? random::hex(16) : record->client_id;
  next_seq_ = record->next_seq;
  version_ = record->version;
  clock_offset_s_ = record->clock_offset_s;
  last_sync_ = record->last_sync;
  for (const Op& op : record->pending) pending_.push_back({op, {}, {}});
  rejected_ = record->rejected;
  if (const auto base_text = storage::load(base_file)) {
    auto state = load_snapshot(*base_text);
    if (state) {
      base_ = std::move(state.value());
      has_base_ = true;
    }
  }
  if (!has_base_) version_ = 0;  // no base: the next pull is a full one
  stored_version_ = version_;
}

void SyncEngine::save_meta() {
  ClientRecord record{login_.user.id, client_id_, next_seq_, stored_version_, clock_offset_s_,
                      last_sync_,     {},         {},        rejected_};
  record.pending_wire.reserve(pending_.size());
  for (PendingOp& p : pending_) {
    if (p.wire.empty()) p.wire = encode_op_text(p.op);
    record.pending_wire.push_back(p.wire);
  }
  storage::save(client_file, encode_client_record(record));
}

void SyncEngine::save_base() {
  storage::save(base_file, save_snapshot(base_));
  stored_version_ = version_;
}

// [SECTION] View

void SyncEngine::rebuild_view() {
  ++revision_;
  ++people_revision_;  // a pull may have changed anything
  replay_view();
  if (!together_) return;
  // A batch under way stays applied on top; if the core now refuses one of its ops, the
  // batch ends with that refusal (apply_together_next reports it) and the view is without it.
  for (const PendingOp& p : together_->applied) {
    auto result = apply(view_, p.op, actor_, OpTimes{p.op.at, p.op.at}, zones_);
    if (!result) {
      together_->refused = result.rejection();
      together_->applied.clear();
      replay_view();
      return;
    }
    view_.commit(result->changes);
  }
}

void SyncEngine::replay_view() {
  view_ = base_;
  // DESIGN.md §5: predict the server's verdict as if each op arrived now (its receipt).
  const Time received = now();
  for (PendingOp& p : pending_) {
    auto result = apply(view_, p.op, actor_, OpTimes{p.op.at, received}, zones_);
    if (result) {
      view_.commit(result->changes);
      p.conflict.clear();
    } else {
      // Still sent: the server's verdict is final (DESIGN.md section 5).
      p.conflict = result.rejection().message;
    }
  }
}

// The view and the store catch up with the pulls a long queue's pushes skipped: the view is
// rebuilt from the base and what is still pending, and the base is stored with its version.
void SyncEngine::settle_view() {
  settle_owed_ = false;
  rebuild_view();
  save_base();
  save_meta();
  storage::flush();
}

Time SyncEngine::now() const { return clock::now() + Seconds{clock_offset_s_}; }

// Only the tab holding the lock writes the store: before the lock has answered, this tab
// may be the second one, and its copy of the store may be stale.
bool SyncEngine::may_edit() const { return tab_lock::role() == tab_lock::Role::syncing; }

void SyncEngine::fill_status(SyncStatus& status) const {
  status.pending = static_cast<int>(pending_.size());
  status.last_sync = last_sync_;
  status.rejected = static_cast<int>(rejected_.size());
  status.busy = busy_;
  status.problem = problem_;
  status.clock_offset_s = clock_offset_s_;
}

// [SECTION] Editing

Check SyncEngine::submit(OpBody body) {
  std::vector<OpBody> one;
  one.push_back(std::move(body));
  return submit_all(std::move(one));
}

Check SyncEngine::submit_all(std::vector<OpBody> bodies) {
  if (!may_edit()) return reject(RejectCode::forbidden, "Another Pathways tab is open; make changes there.");
  if (together_) return reject(RejectCode::forbidden, "An import is being applied; wait until it is done.");
  Check refused;
  std::size_t queued = 0;
  bool people_changed = false;
  for (OpBody& body : bodies) {
    Op op{next_seq_, now(), std::move(body)};
    auto result = apply(view_, op, actor_, OpTimes{op.at, op.at}, zones_);
    if (!result) {
      refused = result.rejection();
      break;
    }
    for (const Change& change : result->changes) people_changed = people_changed || changes_people(view_, change);
    view_.commit(result->changes);
    ++next_seq_;
    std::string wire = encode_op_text(op);
    pending_.push_back({std::move(op), {}, std::move(wire)});
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

Check SyncEngine::submit_together(std::vector<OpBody> bodies) {
  if (auto refused = begin_together(std::move(bodies))) return refused;
  return apply_together_next(together_total());
}

Check SyncEngine::begin_together(std::vector<OpBody> bodies) {
  if (!may_edit()) return reject(RejectCode::forbidden, "Another Pathways tab is open; make changes there.");
  if (together_) return reject(RejectCode::forbidden, "An import is being applied; wait until it is done.");
  together_ = Together{std::move(bodies), {}, now(), std::nullopt};
  together_->applied.reserve(together_->bodies.size());
  return std::nullopt;
}

Check SyncEngine::apply_together_next(std::size_t count) {
  if (!together_) return std::nullopt;
  Together& t = *together_;
  if (t.refused) {
    Check refused = std::move(t.refused);
    together_.reset();  // the rebuilt view is already without the batch
    together_outcome_ = refused;
    return refused;
  }
  bool people_changed = false;
  for (std::size_t n = 0; n < count && t.applied.size() < t.bodies.size(); ++n) {
    const std::size_t i = t.applied.size();
    Op op{next_seq_ + static_cast<std::int64_t>(i), t.at, std::move(t.bodies[i])};
    auto result = apply(view_, op, actor_, OpTimes{op.at, op.at}, zones_);
    if (!result) {
      together_.reset();
      rebuild_view();  // drops what this batch applied so far
      together_outcome_ = Check(result.rejection());
      return result.rejection();
    }
    for (const Change& change : result->changes) people_changed = people_changed || changes_people(view_, change);
    view_.commit(result->changes);
    std::string wire = encode_op_text(op);  // here, so the store's write at the end is quick
    t.applied.push_back({std::move(op), {}, std::move(wire)});
  }
  ++revision_;
  if (people_changed) ++people_revision_;
  if (t.applied.size() == t.bodies.size()) end_together();
  return std::nullopt;
}

// Every op of the batch is applied: all are queued, stored once, then sent.
void SyncEngine::end_together() {
  std::vector<PendingOp> batch = std::move(together_->applied);
  together_.reset();
  together_outcome_ = Check();
  if (batch.empty()) return;
  next_seq_ += static_cast<std::int64_t>(batch.size());
  pending_.insert(pending_.end(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
  save_meta();
  // Written before it is sent: the push waits for this flush (DESIGN.md section 5).
  storage::flush();
  sync_now();
}

Check SyncEngine::submit_together_in_slices(std::vector<OpBody> bodies, std::size_t ops_per_slice) {
  if (auto refused = begin_together(std::move(bodies))) return refused;
  together_outcome_.reset();
  together_slice(std::max<std::size_t>(1, ops_per_slice));
  return std::nullopt;
}

// One slice now, then the next in a timer task of its own (the browser draws in between).
void SyncEngine::together_slice(std::size_t ops_per_slice) {
  together_timer_ = 0;
  apply_together_next(ops_per_slice);
  render_loop::wake();
  if (!together_) return;
  // Not tied to the sync loop's generation: a stopped loop (401, 426) still lets the batch land.
  together_timer_ = timer::after(0, [this, ops_per_slice] {
    together_timer_ = 0;
    if (together_) together_slice(ops_per_slice);
  });
}

void SyncEngine::cancel_together() {
  if (together_timer_) timer::cancel(together_timer_);
  together_timer_ = 0;
  if (!together_) return;
  const bool applied_some = !together_->applied.empty();
  together_.reset();
  if (applied_some) rebuild_view();
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

Id SyncEngine::new_id(std::string_view prefix) { return std::string(prefix) + "-" + random::hex(8); }

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
  protocol::PushRequest request{client_id_, json::array()};
  for (const PendingOp& p : pending_) {
    if (request.ops.size() == protocol::max_ops_per_push) break;
    request.ops.push_back(encode_op(p.op));
  }
  const unsigned generation = generation_;
  http::post_json(protocol::path::push, protocol::encode_push_request(request), login_.token,
                  [this, generation](const http::Response& r) {
                    if (generation != generation_) return;
                    if (stopped_by(r.status, r.body)) return;
                    if (!r) return finish_cycle(false, failure_sentence(r, "The server refused the changes."));
                    if (auto reply = protocol::decode_push_reply(r.body))
                      for (const protocol::OpResult& result : reply->results)
                        if (!result.applied) push_verdicts_.push_back({result.seq, {result.code, result.message}});
                    pull();
                  });
}

// Ends the loop; what is stored stays. Replies still on their way are ignored.
void SyncEngine::stop_loop() {
  if (settle_owed_) settle_view();
  push_verdicts_.clear();  // verdicts are by seq: they belong to this client id and cycle
  ++generation_;
  running_ = false;
  busy_ = false;
  if (timer_) timer::cancel(timer_);
  timer_ = 0;
  render_loop::wake();
}

void SyncEngine::refuse_sign_in() {
  sign_in_refused_ = true;
  stop_loop();
}

void SyncEngine::need_update() {
  update_needed_ = true;
  stop_loop();
}

// Answers that stop the loop rather than fail a cycle: the sign-in is gone (401), or this
// client is too old for the server (426). Both keep the store and every pending op.
bool SyncEngine::stopped_by(int status, const std::string& body) {
  if (status == protocol::http_status(protocol::ErrorCode::unauthorized)) {
    refuse_sign_in();
    return true;
  }
  const auto error = status >= 400 ? protocol::decode_error(body) : std::nullopt;
  const bool too_old = error ? error->code == to_string(protocol::ErrorCode::update_needed)
                             : status == protocol::http_status(protocol::ErrorCode::update_needed);
  if (too_old) need_update();
  return too_old;
}

void SyncEngine::update_now() {
  const unsigned generation = generation_;
  storage::flush([generation, this](bool) {
    if (generation == generation_) page::update_and_reload();
  });
}

void SyncEngine::pull() {
  const unsigned generation = generation_;
  http::get(protocol::pull_target({client_id_, version_}), login_.token, [this, generation](const http::Response& r) {
    if (generation != generation_) return;
    if (stopped_by(r.status, r.body)) return;
    if (!r) return finish_cycle(false, failure_sentence(r, "The server did not send changes."));
    read_pull(r.body);
  });
}

void SyncEngine::read_pull(const std::string& body) {
  auto decoded = protocol::decode_pull_reply(body);
  if (!decoded) return finish_cycle(false, "The server's changes were not understood.");
  protocol::PullReply& reply = decoded.value();
  if (reply.reset || version_ == 0) base_ = State{};
  for (protocol::EntityChange& change : reply.changes) {
    if (!change.kind) continue;  // a kind this client does not know yet
    if (change.deleted) {
      if (auto blank = blank_entity_of(*change.kind, change.id)) base_.commit(Change{std::move(*blank), true});
      continue;
    }
    auto entity = entity_from_data(*change.kind, change.data);
    if (entity) base_.commit(Change{std::move(entity.value()), false});
  }
  version_ = reply.version;
  has_base_ = true;

  // Acknowledged ops leave the queue; those the server refused go to the rejected list.
  for (const protocol::OpResult& r : reply.rejections) push_verdicts_.push_back({r.seq, {r.code, r.message}});
  const std::size_t rejected_before = rejected_.size();
  std::vector<PendingOp> still;
  for (PendingOp& p : pending_) {
    if (p.op.seq > reply.last_seq) {
      still.push_back(std::move(p));
      continue;
    }
    auto verdict =
        std::find_if(push_verdicts_.begin(), push_verdicts_.end(), [&](const auto& v) { return v.first == p.op.seq; });
    if (verdict != push_verdicts_.end())
      rejected_.push_back({p.op.seq, encode_op_text(p.op), verdict->second.first, verdict->second.second});
  }
  pending_ = std::move(still);
  push_verdicts_.clear();
  if (reply.last_seq >= next_seq_) next_seq_ = reply.last_seq + 1;  // never reuse a number the server has seen

  if (reply.server_time) clock_offset_s_ = unix_seconds(*reply.server_time) - unix_seconds(clock::now());
  last_sync_ = format_time(now());
  const bool draining = pending_.size() >= protocol::max_ops_per_push || (settle_owed_ && !pending_.empty());
  if (draining && !reply.reset) {
    // Another push follows at once (an import of thousands of ops). Rebuilding the
    // view from everything still pending and storing the whole base after each push made
    // sending 20,000 ops take a minute; the view already holds these ops' effects as
    // predicted, so both wait for the queue's end. What is stored stays consistent: the
    // base and its version as last stored, and the queue as last stored, whose ops the
    // server has seen return their stored results when a reload sends them again.
    settle_owed_ = true;
    if (rejected_.size() != rejected_before) {
      save_meta();  // a refusal is kept across a reload at once
      storage::flush();
    }
    return finish_cycle(true, {});
  }
  settle_owed_ = false;
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
    // A batch larger than one push (an import) goes out push after push without waiting.
    const bool full_push_left = pending_.size() >= protocol::max_ops_per_push;
    schedule(again_ || full_push_left || settle_owed_ ? 0 : !pending_.empty() ? 1000 : pull_every_ms);
    return;
  }
  if (settle_owed_) settle_view();  // the queue stalls: the view shows what the server said
  ++failures_;
  const double backoff = std::min(max_backoff_ms, 1000.0 * (1 << std::min(failures_, 6)));
  schedule(again_ ? 0 : backoff);
}

}  // namespace pathways
