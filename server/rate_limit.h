// Sign-in throttling: failed attempts counted per key (an account, an account from one
// address, an address). Past a key's free failures each further attempt must wait a delay
// that doubles with every failure, up to a cap, instead of a lock: a stranger's guesses slow
// the guesser, and the real person waits at most the cap. An attempt is counted as a
// failure before the password is checked (the count and the decision are one step under
// the lock), so concurrent guesses cannot all slip under the limit; a success forgets it.
//
// Memory is bounded whatever arrives: keys are normalised and cut to max_key_bytes before
// they are stored, each key holds a fixed-size record, and at most max_keys keys are kept
// (expired ones are swept first, then the least recently used goes).
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/time.h"

namespace pathways::server {

struct ThrottlePolicy {
  int free_failures = 10;            // failures before any delay
  Seconds first_delay = Seconds{1};  // after the last free failure; doubles with each further one
  Seconds max_delay = minutes(15);
  Seconds forget_after = minutes(15);  // a key without failures for this long starts afresh
  std::size_t max_keys = 50000;
};

// The longest key stored, in bytes: an e-mail address is at most 254 octets (RFC 5321
// §4.5.3.1.3) and an address plus an e-mail fits comfortably.
constexpr std::size_t max_throttle_key_bytes = 320;

// `raw` trimmed of ASCII white space, ASCII letters lowercased, cut to max_throttle_key_bytes
// (e-mail addresses compare without regard to case, as sign-in does).
std::string throttle_key(std::string_view raw);

class RateLimiter {
 public:
  explicit RateLimiter(ThrottlePolicy policy) : policy_(policy) {}

  // Starts an attempt for `key` at `now`: 0 when it may go ahead (it is counted as a failure
  // until succeeded() says otherwise), or the seconds to wait (nothing counted).
  long long begin_attempt(std::string_view key, Time now);
  // The attempt succeeded: the key's failures are forgotten.
  void succeeded(std::string_view key);
  // Seconds `key` must wait at `now` before its next attempt; 0 when it may go now.
  long long retry_after(std::string_view key, Time now);

  // What is held, for tests and diagnostics: keys, and their bytes.
  std::size_t key_count();
  std::size_t key_bytes();

 private:
  struct Record {
    int failures = 0;
    Time last_failure{};
    Time next_allowed{};
  };
  bool expired(const Record& r, Time now) const;
  void make_room(Time now);

  const ThrottlePolicy policy_;
  std::mutex mutex_;
  std::unordered_map<std::string, Record> records_;
  std::size_t key_bytes_ = 0;
};

}  // namespace pathways::server
