#include "server/auth.h"

#include <algorithm>

#include "core/protocol.h"
#include "core/text_rules.h"
#include "server/secrets.h"
#include "server/storage/credential_store.h"
#include "server/sync_service.h"

namespace pathways::server {
namespace {

bool looks_like_token(std::string_view token) {
  return token.size() == 64 && std::all_of(token.begin(), token.end(),
                                           [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Verifying against this when the e-mail is unknown keeps "no such user" and "wrong
// password" equally slow, so timing does not tell which e-mails exist.
const std::string& decoy_hash() {
  static const std::string hash = secrets::hash_password("decoy password").value_or("");
  return hash;
}

// Too many hashes queued: the request goes back at once rather than holding a pool thread.
ServiceError busy() {
  return ServiceError{protocol::ErrorCode::unavailable, "The server is busy signing people in; retry in a moment.", 1};
}

ServiceError link_not_valid() {
  return ServiceError{protocol::ErrorCode::link_not_valid, std::string(protocol::link_not_valid_message)};
}

std::optional<ServiceError> check_new_password(std::string_view password) {
  if (character_count(password) < protocol::min_password_characters)
    return ServiceError{protocol::ErrorCode::bad_request, "A password needs at least 8 characters."};
  if (password.size() > 1024) return ServiceError{protocol::ErrorCode::bad_request, "That password is too long."};
  return std::nullopt;
}

}  // namespace

std::optional<std::string> why_not_signed_in(const User& user) {
  if (user.deactivated) return "This account has been deactivated. Ask your administrator to reactivate it.";
  if (user.archived && user.role == Role::participant)
    return "This account is archived (R14). Ask your administrator to restore it.";
  return std::nullopt;
}

AuthService::AuthService(storage::Database& database, const SyncService& sync, Clock clock, AuthOptions options)
    : sync_(sync),
      clock_(std::move(clock)),
      options_(options),
      by_account_address_(options.per_account_address),
      by_account_(options.per_account),
      by_address_(options.per_address),
      hashing_(options.hashing_slots, options.hashing_queue),
      db_(database.connect()) {}

void AuthService::load() {
  std::lock_guard db_lock(db_mutex_);
  std::lock_guard lock(tokens_mutex_);
  tokens_.clear();
  for (auto& t : storage::live_tokens(*db_, clock_())) tokens_[t.token_hash] = {t.user, t.expires_at};
}

std::optional<User> AuthService::find_by_id(const Id& id) const {
  return sync_.read([&](const State& state) -> std::optional<User> {
    const User* u = state.user(id);
    return u ? std::optional<User>(*u) : std::nullopt;
  });
}

std::optional<User> AuthService::find_by_email(std::string_view email) const {
  return sync_.read([&](const State& state) -> std::optional<User> {
    const User* u = state.user_by_email_address(email);
    return u ? std::optional<User>(*u) : std::nullopt;
  });
}

ServiceResult<User> AuthService::check_credentials(std::string_view email, std::string_view password,
                                                   const std::string& remote_address) {
  const Time now = clock_();
  const std::string account = throttle_key(email);
  const std::string account_address = account + " " + remote_address;
  auto limited = [](long long wait) {
    return ServiceError{protocol::ErrorCode::rate_limited,
                        "Too many failed sign-ins; try again in " + std::to_string(wait) + " seconds.", wait};
  };
  if (const long long wait =
          std::max({by_account_address_.retry_after(account_address, now), by_account_.retry_after(account, now),
                    by_address_.retry_after(remote_address, now)});
      wait > 0)
    return limited(wait);

  // Counted before the check, each in one step: concurrent guesses cannot all slip in under
  // the limit while the first ones are still being verified; and only counted attempts
  // queue for hashing, so refused ones never hold a thread.
  for (RateLimiter* limiter : {&by_account_address_, &by_account_, &by_address_}) {
    const std::string& key = limiter == &by_account_address_ ? account_address
                             : limiter == &by_account_       ? account
                                                             : remote_address;
    if (const long long wait = limiter->begin_attempt(key, now); wait > 0) return limited(wait);
  }
  auto ticket = hashing_.enter();
  if (!ticket) return busy();

  const std::optional<User> user = find_by_email(email);
  std::optional<std::string> hash;
  if (user) {
    std::lock_guard lock(db_mutex_);
    hash = storage::password_hash(*db_, user->id);
  }
  const bool matches = secrets::verify_password(hash ? *hash : decoy_hash(), password);
  if (!matches || !user || !hash) return ServiceError{protocol::ErrorCode::unauthorized, "Wrong e-mail or password."};
  by_account_address_.succeeded(account_address);
  by_account_.succeeded(account);
  return *user;
}

ServiceResult<AuthService::Login> AuthService::login(std::string_view email, std::string_view password,
                                                     const std::string& remote_address) {
  auto user = check_credentials(email, password, remote_address);
  if (!user) return user.error();
  // Said only to someone who knows the password, so it tells a guesser nothing.
  if (auto why = why_not_signed_in(user.value())) return ServiceError{protocol::ErrorCode::forbidden, *why};
  return Login{issue_token(user->id), user.value()};
}

std::string AuthService::issue_token(const Id& user) {
  const Time now = clock_();
  std::string token = secrets::new_token();
  const storage::StoredToken stored{secrets::token_digest(token), user, now + options_.token_lifetime};
  {
    std::lock_guard lock(db_mutex_);
    storage::save_token(*db_, stored, now);
  }
  std::lock_guard lock(tokens_mutex_);
  tokens_[stored.token_hash] = {stored.user, stored.expires_at};
  return token;
}

ServiceResult<bool> AuthService::change_password(const User& user, std::string_view current, std::string_view password,
                                                 const std::string& remote_address, std::string_view keep) {
  auto checked = check_credentials(user.email, current, remote_address);
  if (!checked) {
    if (checked.error().code != protocol::ErrorCode::unauthorized) return checked.error();
    return ServiceError{protocol::ErrorCode::forbidden, "The current password is wrong."};
  }
  return set_password(user.id, password, keep);
}

void AuthService::logout(std::string_view token) {
  const std::string digest = secrets::token_digest(token);
  {
    std::lock_guard lock(db_mutex_);
    storage::delete_token(*db_, digest);
  }
  std::lock_guard lock(tokens_mutex_);
  tokens_.erase(digest);
}

std::optional<Id> AuthService::authenticate(std::string_view token) {
  if (!looks_like_token(token)) return std::nullopt;
  const std::string digest = secrets::token_digest(token);
  std::lock_guard lock(tokens_mutex_);
  auto it = tokens_.find(digest);
  if (it == tokens_.end()) return std::nullopt;
  if (it->second.expires_at <= clock_()) {
    tokens_.erase(it);  // the row goes at the next start (live_tokens purges)
    return std::nullopt;
  }
  return it->second.user;
}

ServiceResult<bool> AuthService::set_password(const Id& user, std::string_view password, std::string_view keep) {
  if (auto refused = check_new_password(password)) return *refused;
  std::optional<std::string> hash;
  {
    auto ticket = hashing_.enter();
    if (!ticket) return busy();
    hash = secrets::hash_password(password);
  }
  if (!hash) return ServiceError{protocol::ErrorCode::unavailable, "Out of memory while hashing; retry shortly."};
  set_password_hash(user, *hash);
  // Whoever knew the old password (or holds a token from then) is out.
  end_sign_ins(user, keep);
  return true;
}

void AuthService::set_password_hash(const Id& user, const std::string& hash) {
  std::lock_guard lock(db_mutex_);
  storage::save_password_hash(*db_, user, hash, clock_());
}

void AuthService::end_sign_ins(const Id& user, std::string_view keep) {
  const std::string kept = keep.empty() ? std::string() : secrets::token_digest(keep);
  {
    std::lock_guard lock(db_mutex_);
    storage::delete_tokens_of(*db_, user, kept);
  }
  const Time now = clock_();
  std::lock_guard lock(tokens_mutex_);
  std::erase_if(ended_, [&](const auto& entry) { return entry.second.expires_at <= now; });
  for (auto it = tokens_.begin(); it != tokens_.end();) {
    if (it->second.user == user && it->first != kept) {
      ended_[it->first] = it->second;
      it = tokens_.erase(it);
    } else {
      ++it;
    }
  }
}

std::optional<Id> AuthService::ended_sign_in(std::string_view token) {
  if (!looks_like_token(token)) return std::nullopt;
  std::lock_guard lock(tokens_mutex_);
  auto it = ended_.find(secrets::token_digest(token));
  if (it == ended_.end() || it->second.expires_at <= clock_()) return std::nullopt;
  return it->second.user;
}

std::size_t AuthService::throttle_key_bytes() {
  return by_account_address_.key_bytes() + by_account_.key_bytes() + by_address_.key_bytes();
}

protocol::SignInLink AuthService::create_sign_in_link(const Id& user, const Id& admin) {
  const Time now = clock_();
  protocol::SignInLink link{secrets::new_token(), now + options_.sign_in_link_lifetime, user};
  std::lock_guard lock(db_mutex_);
  // The older links go with the new one made, together: only the newest link works.
  sql::Transaction tx(*db_);
  storage::revoke_sign_in_links(*db_, user);
  storage::save_sign_in_link(*db_, {secrets::token_digest(link.token), user, admin, link.expires_at, std::nullopt},
                             now);
  tx.commit();
  return link;
}

ServiceResult<User> AuthService::check_sign_in_link(std::string_view token) {
  if (!looks_like_token(token)) return link_not_valid();
  std::optional<storage::StoredSignInLink> link;
  {
    std::lock_guard lock(db_mutex_);
    link = storage::find_sign_in_link(*db_, secrets::token_digest(token));
  }
  if (!link || link->used_at || link->expires_at <= clock_()) return link_not_valid();
  const std::optional<User> user = find_by_id(link->user);
  if (!user) return link_not_valid();
  if (auto why = why_not_signed_in(*user)) return ServiceError{protocol::ErrorCode::forbidden, *why};
  return *user;
}

ServiceResult<AuthService::Login> AuthService::use_sign_in_link(std::string_view token, std::string_view password) {
  auto user = check_sign_in_link(token);
  if (!user) return user.error();
  if (auto refused = check_new_password(password)) return *refused;
  std::optional<std::string> hash;
  {
    auto ticket = hashing_.enter();
    if (!ticket) return busy();
    hash = secrets::hash_password(password);
  }
  if (!hash) return ServiceError{protocol::ErrorCode::unavailable, "Out of memory while hashing; retry shortly."};
  {
    // Used and the password stored together: a second use finds the link used.
    std::lock_guard lock(db_mutex_);
    sql::Transaction tx(*db_);
    if (!storage::use_sign_in_link(*db_, secrets::token_digest(token), clock_())) return link_not_valid();
    storage::save_password_hash(*db_, user->id, *hash, clock_());
    tx.commit();
  }
  // A new password through a link is a reset: earlier sign-ins end.
  end_sign_ins(user->id);
  return Login{issue_token(user->id), user.value()};
}

}  // namespace pathways::server
