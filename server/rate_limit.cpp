#include "server/rate_limit.h"

#include <algorithm>

namespace pathways::server {

std::string throttle_key(std::string_view raw) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!raw.empty() && space(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && space(raw.back())) raw.remove_suffix(1);
  std::string key(raw.substr(0, max_throttle_key_bytes));
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

bool RateLimiter::expired(const Record& r, Time now) const {
  return r.last_failure + policy_.forget_after <= now && r.next_allowed <= now;
}

void RateLimiter::make_room(Time now) {
  if (records_.size() < policy_.max_keys) return;
  for (auto it = records_.begin(); it != records_.end();) {
    if (expired(it->second, now)) {
      key_bytes_ -= it->first.size();
      it = records_.erase(it);
    } else {
      ++it;
    }
  }
  // Still full: the least recently failing key goes. A flood of fresh keys can push out an
  // old one, but never grow the table.
  while (records_.size() >= policy_.max_keys) {
    auto oldest = std::min_element(records_.begin(), records_.end(), [](const auto& a, const auto& b) {
      return a.second.last_failure < b.second.last_failure;
    });
    key_bytes_ -= oldest->first.size();
    records_.erase(oldest);
  }
}

long long RateLimiter::begin_attempt(std::string_view raw_key, Time now) {
  const std::string key = throttle_key(raw_key);
  std::lock_guard lock(mutex_);
  auto it = records_.find(key);
  if (it != records_.end() && expired(it->second, now)) it->second = Record{};
  if (it != records_.end() && it->second.next_allowed > now) return (it->second.next_allowed - now).count();
  if (it == records_.end()) {
    make_room(now);
    it = records_.emplace(key, Record{}).first;
    key_bytes_ += key.size();
  }
  Record& r = it->second;
  ++r.failures;
  r.last_failure = now;
  const int over = r.failures - policy_.free_failures;  // 0 at the last free failure
  if (over >= 0) {
    Seconds delay = policy_.first_delay;
    for (int i = 0; i < over && delay < policy_.max_delay; ++i) delay *= 2;
    r.next_allowed = now + std::min(delay, policy_.max_delay);
  }
  return 0;
}

void RateLimiter::succeeded(std::string_view raw_key) {
  const std::string key = throttle_key(raw_key);
  std::lock_guard lock(mutex_);
  if (auto it = records_.find(key); it != records_.end()) {
    key_bytes_ -= it->first.size();
    records_.erase(it);
  }
}

long long RateLimiter::retry_after(std::string_view raw_key, Time now) {
  const std::string key = throttle_key(raw_key);
  std::lock_guard lock(mutex_);
  auto it = records_.find(key);
  if (it == records_.end() || it->second.next_allowed <= now) return 0;
  return (it->second.next_allowed - now).count();
}

std::size_t RateLimiter::key_count() {
  std::lock_guard lock(mutex_);
  return records_.size();
}

std::size_t RateLimiter::key_bytes() {
  std::lock_guard lock(mutex_);
  return key_bytes_;
}

}  // namespace pathways::server
