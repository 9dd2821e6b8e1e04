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
// Deletes every token of `user` but the one whose digest is `keep` (empty: every one):
// deactivation, archiving and a new password end their sign-ins at once.
void delete_tokens_of(sql::Connection& db, const Id& user, const std::string& keep = {});

// One-time sign-in links: the SHA-256 digest of the link's token, whose user it is, who made
// it, until when it works (UTC) and when it was used (once).
struct StoredSignInLink {
  std::string token_hash;
  Id user;
  Id created_by;
  Time expires_at{};
  std::optional<Time> used_at;
};
void save_sign_in_link(sql::Connection& db, const StoredSignInLink& link, Time now);
// Forgets `user`'s unused sign-in links (used ones stay, as the record of who got in how):
// a new link replaces the older ones, so only the newest made works.
void revoke_sign_in_links(sql::Connection& db, const Id& user);
std::optional<StoredSignInLink> find_sign_in_link(sql::Connection& db, const std::string& token_hash);
// Marks the link used at `now` if it is unused and unexpired then; false when it is not
// (used, expired or unknown): the one statement decides, so two uses cannot both win.
bool use_sign_in_link(sql::Connection& db, const std::string& token_hash, Time now);

}  // namespace pathways::server::storage
