// Password hashes and session tokens. Only hashes are stored: Argon2id strings for
// passwords, SHA-256 for tokens (a stolen database gives no usable token).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "server/storage/sqlite.h"

namespace pathways::server::storage {

void save_password_hash(sql::Connection& db, const Id& user, const std::string& hash, Time now);
std::optional<std::string> password_hash(sql::Connection& db, const Id& user);

struct StoredToken {
  std::string token_hash;
  Id user;
  Time expires_at{};
};

void save_token(sql::Connection& db, const StoredToken& token, Time now);
void delete_token(sql::Connection& db, const std::string& token_hash);
// Deletes expired tokens and returns the rest.
std::vector<StoredToken> live_tokens(sql::Connection& db, Time now);

}  // namespace pathways::server::storage
