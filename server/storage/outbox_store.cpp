#include "server/storage/outbox_store.h"

#include <nlohmann/json.hpp>

namespace pathways::server::storage {

std::vector<PendingMail> pending_mail(sql::Connection& db, int limit) {
  auto q = db.query(
      "SELECT rowid, id, kind, recipient, cc, subject, text, at FROM outbox WHERE sent_at IS NULL "
      "ORDER BY rowid LIMIT ?");
  q->bind(1, limit);
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
    out.push_back(std::move(m));
  }
  return out;
}

void mark_sent(sql::Connection& db, const Id& message_id, Time now) {
  auto q = db.query("UPDATE outbox SET sent_at = ? WHERE id = ?");
  q->bind(1, std::int64_t{unix_seconds(now)}).bind(2, message_id);
  q->run();
}

void mark_all_sent(sql::Connection& db, Time now) {
  auto q = db.query("UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL");
  q->bind(1, std::int64_t{unix_seconds(now)});
  q->run();
}

std::optional<Address> user_address(sql::Connection& db, const Id& user) {
  auto q = db.query("SELECT name, email FROM users WHERE id = ? AND deleted = 0");
  q->bind(1, user);
  if (!q->step()) return std::nullopt;
  return Address{std::string(q->text(0)), std::string(q->text(1))};
}

}  // namespace pathways::server::storage
