#include "server/storage/credential_store.h"

namespace pathways::server::storage {

void save_password_hash(sql::Connection& db, const Id& user, const std::string& hash, Time now) {
  auto q = db.query(
      "INSERT INTO credentials (user_id, password_hash, updated_at) VALUES (?, ?, ?) "
      "ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at");
  q->bind(1, user).bind(2, hash).bind(3, std::int64_t{unix_seconds(now)});
  q->run();
}

std::optional<std::string> password_hash(sql::Connection& db, const Id& user) {
  auto q = db.query("SELECT password_hash FROM credentials WHERE user_id = ?");
  q->bind(1, user);
  if (!q->step()) return std::nullopt;
  return std::string(q->text(0));
}

void save_token(sql::Connection& db, const StoredToken& token, Time now) {
  auto q = db.query("INSERT INTO tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
  q->bind(1, token.token_hash)
      .bind(2, token.user)
      .bind(3, std::int64_t{unix_seconds(now)})
      .bind(4, std::int64_t{unix_seconds(token.expires_at)});
  q->run();
}

void delete_token(sql::Connection& db, const std::string& token_hash) {
  auto q = db.query("DELETE FROM tokens WHERE token_hash = ?");
  q->bind(1, token_hash);
  q->run();
}

std::vector<StoredToken> live_tokens(sql::Connection& db, Time now) {
  {
    auto purge = db.query("DELETE FROM tokens WHERE expires_at <= ?");
    purge->bind(1, std::int64_t{unix_seconds(now)});
    purge->run();
  }
  std::vector<StoredToken> out;
  auto q = db.query("SELECT token_hash, user_id, expires_at FROM tokens");
  while (q->step()) out.push_back({std::string(q->text(0)), Id(q->text(1)), from_unix_seconds(q->integer(2))});
  return out;
}

}  // namespace pathways::server::storage
