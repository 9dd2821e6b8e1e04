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
      "claimed_at, effective_at, participant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
      .bind(13, std::int64_t{unix_seconds(r.effective_at)})
      .bind(14, r.participant);
  q->run();
  if (!r.outcome.applied) return;
  for (const StatusChangeRecord& c : r.status_changes) {
    auto s = db.query(
        "INSERT OR REPLACE INTO op_status_changes (client_id, seq, session, participant, status_before, status_after, "
        "missed_reason) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s->bind(1, r.client_id).bind(2, r.outcome.seq).bind(3, c.session).bind(4, c.participant).bind(5, c.from);
    s->bind(6, c.to).bind(7, c.reason);
    s->run();
  }
}

namespace {

// The columns both history queries select, in HistoryRecord's order.
constexpr const char* history_columns =
    "o.user_id, o.op_type, o.subject, o.received_at, o.claimed_at, o.effective_at, COALESCE(c.session, ''), "
    "COALESCE(c.participant, ''), COALESCE(c.status_before, ''), COALESCE(c.status_after, ''), "
    "COALESCE(c.missed_reason, '')";

std::vector<HistoryRecord> history_rows(sql::Statement& q) {
  std::vector<HistoryRecord> out;
  while (q.step()) {
    HistoryRecord h;
    h.user = Id(q.text(0));
    h.op_type = std::string(q.text(1));
    h.subject = Id(q.text(2));
    h.received_at = from_unix_seconds(q.integer(3));
    h.claimed_at = from_unix_seconds(q.integer(4));
    h.effective_at = from_unix_seconds(q.integer(5));
    h.change = {Id(q.text(6)), Id(q.text(7)), std::string(q.text(8)), std::string(q.text(9)), std::string(q.text(10))};
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace

std::vector<HistoryRecord> session_history(sql::Connection& db, const Id& session, int limit) {
  auto q = db.query(std::string("SELECT ") + history_columns +
                    " FROM op_log o LEFT JOIN op_status_changes c ON c.client_id = o.client_id AND c.seq = o.seq "
                    "AND c.session = ?1 WHERE o.status = 'applied' AND (c.session IS NOT NULL OR o.subject = ?1) "
                    "ORDER BY o.received_at, o.version, o.client_id, o.seq LIMIT ?2");
  q->bind(1, session).bind(2, limit);
  return history_rows(*q);
}

std::vector<HistoryRecord> participant_timeline(sql::Connection& db, const Id& participant, int limit) {
  auto q = db.query(std::string("SELECT ") + history_columns +
                    " FROM op_log o LEFT JOIN op_status_changes c ON c.client_id = o.client_id AND c.seq = o.seq "
                    "WHERE o.status = 'applied' AND o.participant = ?1 "
                    "ORDER BY o.received_at, o.version, o.client_id, o.seq, c.session LIMIT ?2");
  q->bind(1, participant).bind(2, limit);
  return history_rows(*q);
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
