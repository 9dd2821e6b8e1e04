#include "server/storage/op_log.h"

#include <algorithm>

namespace pathways::server::storage {

std::unordered_map<std::string, ClientProgress> load_clients(sql::Connection& db) {
  std::unordered_map<std::string, ClientProgress> out;
  auto q = db.query("SELECT id, user_id, last_seq FROM clients");
  while (q->step()) out.emplace(std::string(q->text(0)), ClientProgress{Id(q->text(1)), q->integer(2)});
  return out;
}

void save_client(sql::Connection& db, const std::string& client_id, const ClientProgress& progress, Time now) {
  auto q = db.query(
      "INSERT INTO clients (id, user_id, last_seq, created_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq");
  q->bind(1, client_id).bind(2, progress.user).bind(3, progress.last_seq).bind(4, std::int64_t{unix_seconds(now)});
  q->run();
}

void record_op(sql::Connection& db, const OpRecord& r) {
  auto q = db.query(
      "INSERT INTO op_log (client_id, seq, user_id, op_type, subject, op, status, code, message, version, received_at, "
      "claimed_at, effective_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q->bind(1, r.client_id)
      .bind(2, r.outcome.seq)
      .bind(3, r.user)
      .bind(4, r.op_type)
      .bind(5, r.subject)
      .bind(6, r.op_text)
      .bind(7, r.outcome.applied ? "applied" : "rejected")
      .bind(8, r.outcome.code)
      .bind(9, r.outcome.message)
      .bind(10, r.version)
      .bind(11, std::int64_t{unix_seconds(r.received_at)})
      .bind(12, std::int64_t{unix_seconds(r.claimed_at)})
      .bind(13, std::int64_t{unix_seconds(r.effective_at)});
  q->run();
}

std::optional<OpTimesRecord> stored_times(sql::Connection& db, const std::string& client_id, std::int64_t seq) {
  auto q = db.query("SELECT received_at, claimed_at, effective_at FROM op_log WHERE client_id = ? AND seq = ?");
  q->bind(1, client_id).bind(2, seq);
  if (!q->step()) return std::nullopt;
  return OpTimesRecord{from_unix_seconds(q->integer(0)), from_unix_seconds(q->integer(1)),
                       from_unix_seconds(q->integer(2))};
}

std::optional<OpOutcome> stored_outcome(sql::Connection& db, const std::string& client_id, std::int64_t seq) {
  auto q = db.query("SELECT status, code, message FROM op_log WHERE client_id = ? AND seq = ?");
  q->bind(1, client_id).bind(2, seq);
  if (!q->step()) return std::nullopt;
  return OpOutcome{seq, q->text(0) == "applied", std::string(q->text(1)), std::string(q->text(2))};
}

std::vector<OpOutcome> rejections_since(sql::Connection& db, const std::string& client_id, std::int64_t version,
                                        int limit) {
  auto q = db.query(
      "SELECT seq, code, message FROM op_log WHERE client_id = ? AND status = 'rejected' AND version > ? "
      "ORDER BY seq DESC LIMIT ?");
  q->bind(1, client_id).bind(2, version).bind(3, limit);
  std::vector<OpOutcome> out;
  while (q->step()) out.push_back({q->integer(0), false, std::string(q->text(1)), std::string(q->text(2))});
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace pathways::server::storage
