#include "server/storage/outbox_store.h"

#include <nlohmann/json.hpp>

namespace pathways::server::storage {

std::vector<PendingMail> pending_mail(sql::Connection& db, int limit, Time now) {
  auto q = db.query(
      "SELECT rowid, id, kind, recipient, cc, subject, text, at, attempts FROM outbox "
      "WHERE sent_at IS NULL AND parked_at IS NULL AND next_attempt_at <= ? ORDER BY rowid LIMIT ?");
  q->bind(1, std::int64_t{unix_seconds(now)}).bind(2, limit);
  std::vector<PendingMail> out;
  while (q->step()) {
    PendingMail m;
    m.row = q->integer(0);
    m.message.id = q->text(1);
    m.message.kind = parse_enum<MailTemplate>(q->text(2)).value_or(MailTemplate::reminder);
    m.message.to = q->text(3);
    const auto cc = nlohmann::json::parse(q->text(4), nullptr, false);
    if (cc.is_array())
      for (const auto& id : cc)
        if (id.is_string()) m.message.cc.push_back(id.get<std::string>());
    m.message.subject = q->text(5);
    m.message.text = q->text(6);
    m.message.at = from_unix_seconds(q->integer(7));
    m.attempts = static_cast<int>(q->integer(8));
    out.push_back(std::move(m));
  }
  return out;
}

void mark_sent(sql::Connection& db, std::int64_t row, Time now, int attempts) {
  auto q = db.query("UPDATE outbox SET sent_at = ?, attempts = ?, last_error = '' WHERE rowid = ?");
  q->bind(1, std::int64_t{unix_seconds(now)}).bind(2, attempts).bind(3, row);
  q->run();
}

void mark_all_sent(sql::Connection& db, Time now) {
  auto q = db.query("UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND parked_at IS NULL");
  q->bind(1, std::int64_t{unix_seconds(now)});
  q->run();
}

void defer(sql::Connection& db, std::int64_t row, Time next, const std::string& reason, int attempts) {
  auto q = db.query("UPDATE outbox SET next_attempt_at = ?, last_error = ?, attempts = ? WHERE rowid = ?");
  q->bind(1, std::int64_t{unix_seconds(next)}).bind(2, reason.substr(0, 500)).bind(3, attempts).bind(4, row);
  q->run();
}

void park(sql::Connection& db, std::int64_t row, Time now, const std::string& reason, int attempts) {
  auto q = db.query("UPDATE outbox SET parked_at = ?, last_error = ?, attempts = max(attempts, ?) WHERE rowid = ?");
  q->bind(1, std::int64_t{unix_seconds(now)}).bind(2, reason.substr(0, 500)).bind(3, attempts).bind(4, row);
  q->run();
}

void hold(sql::Connection& db, std::int64_t row, Time until) {
  auto q = db.query("UPDATE outbox SET next_attempt_at = ? WHERE rowid = ?");
  q->bind(1, std::int64_t{unix_seconds(until)}).bind(2, row);
  q->run();
}

void mark_superseded(sql::Connection& db, std::int64_t row, Time now) {
  auto q = db.query("UPDATE outbox SET sent_at = ?, superseded = 1 WHERE rowid = ?");
  q->bind(1, std::int64_t{unix_seconds(now)}).bind(2, row);
  q->run();
}

std::map<Id, int> sent_since(sql::Connection& db, Time since) {
  auto q = db.query("SELECT recipient, count(*) FROM outbox WHERE sent_at >= ? AND superseded = 0 GROUP BY recipient");
  q->bind(1, std::int64_t{unix_seconds(since)});
  std::map<Id, int> out;
  while (q->step()) out[std::string(q->text(0))] = static_cast<int>(q->integer(1));
  return out;
}

OutboxStatus outbox_status(sql::Connection& db, int limit) {
  OutboxStatus s;
  {
    auto q = db.query(
        "SELECT coalesce(sum(sent_at IS NULL AND parked_at IS NULL AND attempts = 0), 0), "
        "coalesce(sum(sent_at IS NULL AND parked_at IS NULL AND attempts > 0), 0), "
        "coalesce(sum(sent_at IS NOT NULL AND superseded = 0), 0), coalesce(sum(parked_at IS NOT NULL), 0), "
        "coalesce(sum(superseded), 0) FROM outbox");
    if (q->step()) {
      s.queued = q->integer(0);
      s.retrying = q->integer(1);
      s.sent = q->integer(2);
      s.parked = q->integer(3);
      s.superseded = q->integer(4);
    }
  }
  auto list = [&](const char* where, const char* time_column, std::vector<ParkedMail>& out) {
    auto q = db.query(std::string("SELECT rowid, id, kind, recipient, attempts, coalesce(") + time_column +
                      ", 0), last_error FROM outbox WHERE " + where + " ORDER BY rowid DESC LIMIT ?");
    q->bind(1, limit);
    while (q->step())
      out.push_back({q->integer(0), std::string(q->text(1)), std::string(q->text(2)), std::string(q->text(3)),
                     static_cast<int>(q->integer(4)), from_unix_seconds(q->integer(5)), std::string(q->text(6))});
  };
  list("parked_at IS NOT NULL", "parked_at", s.recent_parked);
  list("sent_at IS NULL AND parked_at IS NULL AND attempts > 0", "next_attempt_at", s.recent_failures);
  return s;
}

}  // namespace pathways::server::storage
