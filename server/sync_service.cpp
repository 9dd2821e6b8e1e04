#include "server/sync_service.h"

#include <deque>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/apply.h"
#include "core/history.h"
#include "core/op_codec.h"
#include "core/protocol.h"
#include "server/pull.h"
#include "server/state_undo.h"
#include "server/storage/entity_store.h"

namespace pathways::server {
namespace {

using json = nlohmann::json;

protocol::OpResult result_of(const storage::OpOutcome& o) { return {o.seq, o.applied, o.code, o.message}; }

storage::OpOutcome rejected(std::int64_t seq, const Rejection& r) {
  return {seq, false, std::string(to_string(r.code)), r.message};
}

ServiceError unavailable(const sql::Error& e) {
  return {protocol::ErrorCode::unavailable,
          std::string(e.busy() ? "The database is busy" : "The database failed") + "; retry shortly."};
}

// The op's "type" as received, for the log (bounded: it may be anything).
std::string type_text(const json& raw) {
  auto it = raw.find("type");
  if (it == raw.end() || !it->is_string()) return {};
  return it->get<std::string>().substr(0, 40);
}

}  // namespace

// A group holds this many ops at most: the write lock is held for one group at a time.
constexpr std::size_t max_ops_per_group = 2000;

// One push's ops as they apply (one push, inside its group's transaction).
struct SyncService::Batch {
  const Actor& actor;
  const std::string& client_id;
  std::int64_t version;  // the version the group commits as
  Time now;
  UndoableCommit& undo;
  bool& mail;
};

// A push waiting for its group, and its answer.
struct SyncService::PendingPush {
  const Actor& actor;
  const std::string& client_id;
  const json& ops;
  std::optional<ServiceResult<protocol::PushReply>> result;
  std::exception_ptr failure;  // thrown while it ran: rethrown to its caller
};

// What one group's transaction has done so far.
struct SyncService::Group {
  std::int64_t version;
  Time now;
  std::deque<UndoableCommit> undo;                                   // one per push that changed memory, in order
  std::unordered_map<std::string, storage::ClientProgress> clients;  // progress made in this group
  bool wrote = false;
  bool mail = false;
};

SyncService::SyncService(storage::Database& database, Clock clock)
    : database_(database),
      clock_(std::move(clock)),
      writer_(database.connect()),
      checkpointer_(database),
      pushes_(max_ops_per_group) {
  checkpointer_.attach(*writer_);
}

void SyncService::load() {
  std::unique_lock lock(mutex_);
  state_ = State{};
  storage::load_entities(*writer_, state_);
  clients_ = storage::load_clients(*writer_);
  version_ = storage::read_meta(*writer_, storage::meta::server_version);
  oldest_pull_version_ = storage::read_meta(*writer_, storage::meta::oldest_pull_version);
}

std::int64_t SyncService::version() const {
  std::shared_lock lock(mutex_);
  return version_;
}

// [SECTION] Push

ServiceResult<protocol::PushReply> SyncService::push(const Actor& actor, const protocol::PushRequest& request) {
  PendingPush pending{actor, request.client_id, request.ops, std::nullopt, nullptr};
  pushes_.submit(pending, std::max<std::size_t>(request.ops.size(), 1),
                 [this](const std::vector<PendingPush*>& group) { commit_group(group); });
  if (pending.failure) std::rethrow_exception(pending.failure);
  return std::move(*pending.result);
}

void SyncService::commit_group(const std::vector<PendingPush*>& pushes) {
  std::unique_lock lock(mutex_);
  Group group{version_ + 1, clock_(), {}, {}, false, false};
  auto roll_back_memory = [&] {
    for (auto it = group.undo.rbegin(); it != group.undo.rend(); ++it) it->rollback();
  };
  try {
    sql::Transaction tx(*writer_);
    for (PendingPush* push : pushes) run_push(group, *push);
    if (group.wrote) {
      storage::write_meta(*writer_, storage::meta::server_version, group.version);
      tx.commit();
    }
  } catch (const sql::Error& e) {
    roll_back_memory();
    for (PendingPush* push : pushes)
      if (!push->failure) push->result = unavailable(e);
    return;
  } catch (...) {
    roll_back_memory();
    for (PendingPush* push : pushes)
      if (!push->failure) push->failure = std::current_exception();
    return;
  }
  if (group.wrote) {
    for (auto& [client_id, progress] : group.clients) clients_[client_id] = progress;
    version_ = group.version;
  }
  for (PendingPush* push : pushes)
    if (push->result && *push->result) push->result->value().version = version_;
  lock.unlock();
  if (group.mail && notify_mail_) notify_mail_();
}

// Runs one push inside the group's transaction, in a savepoint: when it fails on its own
// it is undone alone and answers as a push by itself would have. Throws sql::Error only
// when the transaction as a whole is lost.
void SyncService::run_push(Group& group, PendingPush& push) {
  const std::string& client_id = push.client_id;
  const storage::ClientProgress* known = nullptr;
  if (auto in_group = group.clients.find(client_id); in_group != group.clients.end())
    known = &in_group->second;
  else if (auto stored = clients_.find(client_id); stored != clients_.end())
    known = &stored->second;
  if (known && known->user != push.actor.id) {
    push.result =
        ServiceError{protocol::ErrorCode::client_taken, "This client_id belongs to another user; make a new one."};
    return;
  }
  const std::int64_t last = known ? known->last_seq : 0;

  // Ops apply in seq order without gaps: the push must be consecutive and start at or
  // before last + 1 (earlier seqs are replays and get their stored results).
  std::int64_t expected = -1;
  for (const json& raw : push.ops) {
    const std::int64_t seq = raw.at("seq").get<std::int64_t>();
    if (expected == -1 && seq > last + 1) {
      push.result =
          ServiceError{protocol::ErrorCode::seq_gap, "Expected seq " + std::to_string(last + 1) + " next, got " +
                                                         std::to_string(seq) + "; send the missing ops first."};
      return;
    }
    if (expected != -1 && seq != expected) {
      push.result = ServiceError{protocol::ErrorCode::seq_gap, "The ops of a push must have consecutive seqs; after " +
                                                                   std::to_string(expected - 1) + " came " +
                                                                   std::to_string(seq) + "."};
      return;
    }
    expected = seq + 1;
  }

  protocol::PushReply reply;
  UndoableCommit& undo = group.undo.emplace_back(state_);
  bool mail = false;
  Batch batch{push.actor, client_id, group.version, group.now, undo, mail};
  std::int64_t new_last = last;
  writer_->exec("SAVEPOINT push");
  try {
    for (const json& raw : push.ops) {
      const std::int64_t seq = raw.at("seq").get<std::int64_t>();
      if (seq <= last) {
        // Processed before: the stored verdict, and nothing changes.
        auto stored = storage::stored_outcome(*writer_, client_id, seq);
        reply.results.push_back(stored ? result_of(*stored) : protocol::OpResult{seq, true, {}, {}});
        continue;
      }
      reply.results.push_back(result_of(process(batch, raw, seq)));
      new_last = seq;
    }
    if (new_last != last) storage::save_client(*writer_, client_id, {push.actor.id, new_last}, group.now);
    writer_->exec("RELEASE push");
  } catch (...) {
    undo.rollback();
    writer_->exec("ROLLBACK TO push");  // throws when the whole transaction is gone
    writer_->exec("RELEASE push");
    try {
      throw;
    } catch (const sql::Error& e) {
      push.result = unavailable(e);
    } catch (...) {
      push.failure = std::current_exception();
    }
    return;
  }
  if (new_last != last) {
    group.clients[client_id] = {push.actor.id, new_last};
    group.wrote = true;
  }
  group.mail = group.mail || mail;
  push.result = std::move(reply);
}

storage::OpOutcome SyncService::process(Batch& batch, const json& raw, std::int64_t seq) {
  storage::OpRecord record;
  record.client_id = batch.client_id;
  record.user = batch.actor.id;
  record.op_type = type_text(raw);
  record.op_text = raw.dump(-1, ' ', false, json::error_handler_t::replace);
  record.version = batch.version;
  record.received_at = batch.now;

  auto verdict = [&]() -> storage::OpOutcome {
    auto op = decode_op_value(raw);
    if (!op) return rejected(seq, op.rejection());
    // DESIGN.md §5: the op's own time, bounded by the server's clock.
    record.claimed_at = op->at;
    if (auto no = check_op_time(op->at, batch.now)) return rejected(seq, *no);
    // §5: rules judge the op at its effective time, from its claim and this receipt.
    auto applied = apply(state_, op.value(), batch.actor, OpTimes{op->at, batch.now}, zones_);
    if (!applied) return rejected(seq, applied.rejection());
    // R21: each session status the op changes, judged against the state before it.
    for (const StatusChange& c : status_changes(state_, applied->changes))
      record.status_changes.push_back({c.session, c.participant, std::string(to_string(c.from)),
                                       std::string(to_string(c.to)), std::string(to_string(c.reason))});
    write_changes(batch, applied->changes);
    record.participant = record.status_changes.empty() ? participant_of_subject(state_, applied->audit.subject)
                                                       : record.status_changes.front().participant;
    record.subject = applied->audit.subject;
    record.effective_at = applied->audit.at;
    return {seq, true, {}, {}};
  }();
  record.outcome = verdict;
  storage::record_op(*writer_, record);
  return verdict;
}

void SyncService::write_changes(Batch& batch, const std::vector<Change>& changes) {
  for (const Change& change : changes) {
    const Entity* before = batch.undo.commit(change);
    storage::write_entity(*writer_, state_, change, batch.version, before);
    batch.mail = batch.mail || kind_of(change.entity) == EntityKind::outbox;
  }
}

// [SECTION] R21 history

std::vector<storage::HistoryRecord> SyncService::session_history(const Id& session, int limit) {
  auto db = database_.read();
  return storage::session_history(*db, session, limit);
}

std::vector<storage::HistoryRecord> SyncService::participant_timeline(const Id& participant, int limit) {
  auto db = database_.read();
  return storage::participant_timeline(*db, participant, limit);
}

// [SECTION] System writes

ServiceResult<std::int64_t> SyncService::commit_generated(
    const std::function<std::vector<Change>(const State&)>& make) {
  std::unique_lock lock(mutex_);
  const std::vector<Change> changes = make(state_);
  if (changes.empty()) return version_;
  static const Actor system{"system", Role::admin};
  static const std::string no_client;
  UndoableCommit undo(state_);
  bool mail = false;
  Batch batch{system, no_client, version_ + 1, clock_(), undo, mail};
  try {
    sql::Transaction tx(*writer_);
    write_changes(batch, changes);
    storage::write_meta(*writer_, storage::meta::server_version, batch.version);
    tx.commit();
  } catch (const sql::Error& e) {
    batch.undo.rollback();
    return unavailable(e);
  } catch (...) {
    batch.undo.rollback();
    throw;
  }
  version_ = batch.version;
  lock.unlock();
  if (mail && notify_mail_) notify_mail_();
  return batch.version;
}

// [SECTION] Pull

ServiceResult<std::string> SyncService::pull(const Id& viewer_id, const protocol::PullRequest& pull) {
  const std::string& client_id = pull.client_id;
  std::shared_lock lock(mutex_);
  const User* viewer = state_.user(viewer_id);
  if (!viewer) return ServiceError{protocol::ErrorCode::unauthorized, "Your account no longer exists."};
  std::int64_t last_seq = 0;
  if (auto it = clients_.find(client_id); it != clients_.end()) {
    if (it->second.user != viewer_id)
      return ServiceError{protocol::ErrorCode::client_taken, "This client_id belongs to another user; make a new one."};
    last_seq = it->second.last_seq;
  }
  try {
    auto reader = database_.read();
    sql::ReadTransaction snapshot(*reader);
    PullRequest request{*viewer, client_id, pull.since, version_, oldest_pull_version_, last_seq, clock_()};
    return build_pull(state_, *reader, request);
  } catch (const sql::Error& e) {
    return unavailable(e);
  }
}

}  // namespace pathways::server
