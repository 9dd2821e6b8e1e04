// Login throttling: failed attempts counted per key (an e-mail, a remote address) in a
// sliding window. Over the limit, login answers 429 before it even checks the password,
// so guessing costs the attacker time, not the server CPU.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/time.h"

namespace pathways::server {

class RateLimiter {
 public:
  RateLimiter(int max_failures, Seconds window) : max_failures_(max_failures), window_(window) {}

  // Seconds until the key may try again; 0 when it may now.
  long long retry_after(const std::string& key, Time now);
  void record_failure(const std::string& key, Time now);

 private:
  void forget_old(std::deque<Time>& times, Time now) const;

  const int max_failures_;
  const Seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Time>> failures_;
};

}  // namespace pathways::server
