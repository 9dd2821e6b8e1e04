// Sync progress and the op log (DESIGN.md §5): which user owns a client_id and the highest
// seq processed for it, and every processed op with its result. The log is what makes a
// re-pushed op exactly-once, what pull reports rejections from, and the audit trail.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/entities.h"
#include "server/storage/sqlite.h"

namespace pathways::server::storage {

struct ClientProgress {
  Id user;
  std::int64_t last_seq = 0;
};

std::unordered_map<std::string, ClientProgress> load_clients(sql::Connection& db);
void save_client(sql::Connection& db, const std::string& client_id, const ClientProgress& progress, Time now);

// An op's verdict as push and pull report it.
struct OpOutcome {
  std::int64_t seq = 0;
  bool applied = false;
  std::string code;     // the rejection code, empty when applied
  std::string message;  // the rejection's sentence, empty when applied
};

// R21: a session whose status an applied op changed, before and after (enum names).
struct StatusChangeRecord {
  Id session;
  Id participant;
  std::string from, to;
  std::string reason;  // the missed reason after the change; "none" unless Missed
};

struct OpRecord {
  std::string client_id;
  Id user;
  std::string op_type;  // empty when the op could not be decoded
  Id subject;           // the audit subject (the entity the op is about)
  std::string op_text;  // the op as received
  OpOutcome outcome;
  std::int64_t version = 0;
  Time received_at{};   // the server's clock when the op arrived
  Time claimed_at{};    // the op's own `at`; unset when the op could not be decoded
  Time effective_at{};  // DESIGN.md §5: the time its rules judged it at; unset when rejected before
  Id participant;       // R21: the participant the applied op is about (their timeline), or empty
  std::vector<StatusChangeRecord> status_changes;  // R21: of an applied op
};

// R21: an applied op as a session's history or a participant's timeline shows it: who (the
// user id), what (the op type and its subject), the three times (UTC), and when it changed a
// session's status, from which to which and the missed reason (empty fields otherwise).
struct HistoryRecord {
  Id user;
  std::string op_type;
  Id subject;
  Time received_at{}, claimed_at{}, effective_at{};
  StatusChangeRecord change;
};
// The applied ops whose subject is `session` or that changed its status, oldest first (by the
// server's receipt), at most `limit`.
std::vector<HistoryRecord> session_history(sql::Connection& db, const Id& session, int limit);
// The applied ops about `participant`, oldest first, one row per session status they changed
// (one row when none), at most `limit`.
std::vector<HistoryRecord> participant_timeline(sql::Connection& db, const Id& participant, int limit);

// R21: the times of a processed op as stored, for its history.
struct OpTimesRecord {
  Time received_at{};
  Time claimed_at{};
  Time effective_at{};
};
std::optional<OpTimesRecord> stored_times(sql::Connection& db, const std::string& client_id, std::int64_t seq);

void record_op(sql::Connection& db, const OpRecord& record);

// The stored verdict of an op processed before, if any.
std::optional<OpOutcome> stored_outcome(sql::Connection& db, const std::string& client_id, std::int64_t seq);

// The client's rejections recorded after `version`, oldest first, at most `limit` (the newest).
std::vector<OpOutcome> rejections_since(sql::Connection& db, const std::string& client_id, std::int64_t version,
                                        int limit);

}  // namespace pathways::server::storage
