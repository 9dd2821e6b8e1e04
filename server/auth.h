// Who is calling: login with e-mail and password (Argon2id), bearer tokens with expiry,
// logout, setting passwords, and one-time sign-in links for new users. Deactivated users
// and archived participants (R14) cannot sign in, and their sign-ins end at once. The token's user is the actor of
// everything the request does; nothing in a request body can claim another identity.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/entities.h"
#include "core/protocol.h"
#include "server/clock.h"
#include "server/rate_limit.h"
#include "server/service_result.h"
#include "server/storage/database.h"
#include "server/work_queue.h"

namespace pathways::server {

class SyncService;

struct AuthOptions {
  Seconds token_lifetime = days(30);
  // Failed sign-ins (rate_limit.h): an account from one address slows down soon and for
  // long; an account from everywhere later and for at most a minute, so strangers cannot
  // keep the real person out; one address (many people behind one NAT) late.
  ThrottlePolicy per_account_address{5, Seconds{1}, minutes(15), minutes(15)};
  ThrottlePolicy per_account{10, Seconds{1}, minutes(1), minutes(15)};
  ThrottlePolicy per_address{50, Seconds{1}, minutes(15), minutes(15)};
  // Argon2id runs (about 64 MiB and 0.1 s each) at once, and sign-ins queued behind them;
  // more than that are answered 503 with Retry-After instead of holding a pool thread.
  int hashing_slots = 2;
  int hashing_queue = 8;
  Seconds sign_in_link_lifetime = protocol::sign_in_link_lifetime;
};

// Why `user` may not be signed in (deactivated, or an archived participant, R14), as a
// sentence; nothing when they may.
std::optional<std::string> why_not_signed_in(const User& user);

class AuthService {
 public:
  AuthService(storage::Database& database, const SyncService& sync, Clock clock, AuthOptions options);

  // Loads the unexpired tokens (and drops the expired ones).
  void load();

  struct Login {
    std::string token;
    User user;
  };
  ServiceResult<Login> login(std::string_view email, std::string_view password, const std::string& remote_address);
  // A new token for a user whose identity is already established (login calls it once the
  // password checks out; tests call it to skip Argon2id where sign-in is not the subject).
  std::string issue_token(const Id& user);
  void logout(std::string_view token);

  // The token's user id when the token is known and unexpired.
  std::optional<Id> authenticate(std::string_view token);

  // Hashes and stores a password (at least 8 characters): an admin setting it. Every
  // sign-in of `user` ends, except the token `keep` (the admin's own, when they set theirs).
  // unavailable (503, Retry-After) when too many hashes are queued.
  ServiceResult<bool> set_password(const Id& user, std::string_view password, std::string_view keep = {});
  // A user changing their own, proving the current one (throttled like a login); their other
  // sign-ins end, the token `keep` (the one asking) stays.
  ServiceResult<bool> change_password(const User& user, std::string_view current, std::string_view password,
                                      const std::string& remote_address, std::string_view keep);
  // Stores a hash made earlier (the demo hashes each shared password once).
  void set_password_hash(const Id& user, const std::string& hash);

  // Ends every sign-in of `user` (their tokens are forgotten) but the token `keep`, if
  // given: deactivation, archiving, a role change, a new password, and "sign out
  // everywhere". The ended tokens are remembered until they would have expired, so a
  // request with one is told why (ended_sign_in) rather than "expired".
  void end_sign_ins(const Id& user, std::string_view keep = {});
  // Whose sign-in `token` was, when end_sign_ins ended it (not logout, not expiry); held in
  // memory only, so after a restart an ended token reads as expired.
  std::optional<Id> ended_sign_in(std::string_view token);

  // The throttles' footprint (keys held and their bytes), for tests and diagnostics.
  std::size_t throttle_key_bytes();

  // A one-time sign-in link for `user`, made by `admin`: a new random token, valid for
  // options.sign_in_link_lifetime from now; only its SHA-256 digest is stored. The user's
  // older unused links stop working (link_not_valid): only the newest one made works.
  protocol::SignInLink create_sign_in_link(const Id& user, const Id& admin);
  // The link's user when the link is known, unused and unexpired and its user may sign in;
  // link_not_valid (protocol::link_not_valid_message) otherwise, or forbidden with
  // why_not_signed_in's sentence.
  ServiceResult<User> check_sign_in_link(std::string_view token);
  // Uses the link once: sets the password (at least 8 characters, bad_request otherwise) and
  // signs the person in. A second use, an expired or unknown link: link_not_valid.
  ServiceResult<Login> use_sign_in_link(std::string_view token, std::string_view password);

 private:
  std::optional<User> find_by_email(std::string_view email) const;
  std::optional<User> find_by_id(const Id& user) const;
  // Throttling and the password check shared by login and change_password.
  ServiceResult<User> check_credentials(std::string_view email, std::string_view password,
                                        const std::string& remote_address);

  const SyncService& sync_;
  Clock clock_;
  AuthOptions options_;
  RateLimiter by_account_address_;
  RateLimiter by_account_;
  RateLimiter by_address_;
  WorkQueue hashing_;

  std::mutex db_mutex_;
  std::unique_ptr<sql::Connection> db_;

  struct TokenInfo {
    Id user;
    Time expires_at;
  };
  std::mutex tokens_mutex_;
  std::unordered_map<std::string, TokenInfo> tokens_;  // by digest
  std::unordered_map<std::string, TokenInfo> ended_;   // by digest: ended by end_sign_ins
};

}  // namespace pathways::server
