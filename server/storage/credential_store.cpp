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

void delete_tokens_of(sql::Connection& db, const Id& user, const std::string& keep) {
  auto q = db.query("DELETE FROM tokens WHERE user_id = ? AND token_hash <> ?");
  q->bind(1, user).bind(2, keep);
  q->run();
}

void save_sign_in_link(sql::Connection& db, const StoredSignInLink& link, Time now) {
  auto q = db.query(
      "INSERT INTO sign_in_links (token_hash, user_id, created_by, created_at, expires_at, used_at) "
      "VALUES (?, ?, ?, ?, ?, NULL)");
  q->bind(1, link.token_hash)
      .bind(2, link.user)
      .bind(3, link.created_by)
      .bind(4, std::int64_t{unix_seconds(now)})
      .bind(5, std::int64_t{unix_seconds(link.expires_at)});
  q->run();
}

void revoke_sign_in_links(sql::Connection& db, const Id& user) {
  auto q = db.query("DELETE FROM sign_in_links WHERE user_id = ? AND used_at IS NULL");
  q->bind(1, user);
  q->run();
}

std::optional<StoredSignInLink> find_sign_in_link(sql::Connection& db, const std::string& token_hash) {
  auto q = db.query("SELECT user_id, created_by, expires_at, used_at FROM sign_in_links WHERE token_hash = ?");
  q->bind(1, token_hash);
  if (!q->step()) return std::nullopt;
  StoredSignInLink link{token_hash, Id(q->text(0)), Id(q->text(1)), from_unix_seconds(q->integer(2)), std::nullopt};
  if (!q->is_null(3)) link.used_at = from_unix_seconds(q->integer(3));
  return link;
}

bool use_sign_in_link(sql::Connection& db, const std::string& token_hash, Time now) {
  auto q = db.query("UPDATE sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?");
  q->bind(1, std::int64_t{unix_seconds(now)}).bind(2, token_hash).bind(3, std::int64_t{unix_seconds(now)});
  q->run();
  return db.changes() == 1;
}

}  // namespace pathways::server::storage
