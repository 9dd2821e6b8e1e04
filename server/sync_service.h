// The authority every client syncs with (DESIGN.md §5). It owns the authoritative State in
// memory (loaded from the database at start) and is its only writer: one writer at a time,
// any number of readers.
//
// Pushes commit in groups (server/group_commit.h): the pushes that arrive while a
// transaction commits go into the next one, in arrival order, each inside a savepoint of
// its own. Within a push, each op keeps its own result: ops apply in seq order through the
// core's apply(), their changes are committed to memory as they go (later ops, and later
// pushes of the group, see earlier ones), and the op log, the clients' progress and the
// entity rows are written at the group's one new server version. Nothing is acknowledged
// before the transaction commits; if it fails, memory is rolled back and every push of the
// group answers `unavailable` with its client's `last` untouched. A push that fails on its
// own (its savepoint) is rolled back alone and answers as it would have by itself.
#pragma once

#include <cstdint>
#include <functional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/apply.h"
#include "core/ops.h"
#include "core/protocol.h"
#include "core/state.h"
#include "server/clock.h"
#include "server/group_commit.h"
#include "server/service_result.h"
#include "server/storage/checkpointer.h"
#include "server/storage/database.h"
#include "server/storage/op_log.h"
#include "server/zone_database.h"

namespace pathways::server {

class SyncService {
 public:
  SyncService(storage::Database& database, Clock clock);

  // Rebuilds the state and the clients' progress from the database.
  void load();

  // A decoded push (protocol::decode_push_request: each op is an object with a valid
  // `seq`). Refuses the whole push with `client_taken` when the client_id belongs to another
  // user, `seq_gap` when the seqs skip (within the push or past the client's last + 1),
  // `unavailable` when the database fails. Otherwise one result per op, in order.
  ServiceResult<protocol::PushReply> push(const Actor& actor, const protocol::PushRequest& request);

  // The pull response document (DESIGN.md §5, server/pull.h), already serialised.
  ServiceResult<std::string> pull(const Id& viewer, const protocol::PullRequest& request);

  // System writes (bootstrap admin, demo data, scheduled jobs): `make` computes changes from
  // the current state under the write lock; they commit as one new version. Returns it.
  ServiceResult<std::int64_t> commit_generated(const std::function<std::vector<Change>(const State&)>& make);

  // Runs `read` on the state under a shared lock.
  template <class F>
  auto read(F&& read) const {
    std::shared_lock lock(mutex_);
    return read(state_);
  }

  std::int64_t version() const;

  // R21: a session's history and a participant's timeline from the op log (a pooled read
  // connection), oldest first, at most `limit` rows. Who may read them is the caller's to check.
  std::vector<storage::HistoryRecord> session_history(const Id& session, int limit);
  std::vector<storage::HistoryRecord> participant_timeline(const Id& participant, int limit);

  // R17: the zone rules ops are applied with (tzdata), also served to browsers.
  ZoneDatabase& zones() { return zone_database_; }

  // Called after a commit that queued mail (the mailer's wake-up).
  void on_mail_queued(std::function<void()> notify) { notify_mail_ = std::move(notify); }

 private:
  struct Batch;
  struct PendingPush;
  struct Group;
  void commit_group(const std::vector<PendingPush*>& pushes);
  void run_push(Group& group, PendingPush& push);
  storage::OpOutcome process(Batch& batch, const nlohmann::json& raw, std::int64_t seq);
  void write_changes(Batch& batch, const std::vector<Change>& changes);

  storage::Database& database_;
  Clock clock_;
  ZoneDatabase zone_database_;
  ZoneLookup zones_ = [this](std::string_view name) { return zone_database_.find(name); };
  std::unique_ptr<sql::Connection> writer_;
  storage::Checkpointer checkpointer_;  // after writer_: stops before it closes
  GroupCommit<PendingPush> pushes_;

  mutable std::shared_mutex mutex_;  // guards everything below
  State state_;
  std::int64_t version_ = 0;
  std::int64_t oldest_pull_version_ = 0;
  std::unordered_map<std::string, storage::ClientProgress> clients_;
  std::function<void()> notify_mail_;
};

}  // namespace pathways::server
