#include "server/rate_limit.h"

namespace pathways::server {

void RateLimiter::forget_old(std::deque<Time>& times, Time now) const {
  while (!times.empty() && times.front() + window_ <= now) times.pop_front();
}

long long RateLimiter::retry_after(const std::string& key, Time now) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  forget_old(it->second, now);
  if (it->second.empty()) {
    failures_.erase(it);
    return 0;
  }
  if (static_cast<int>(it->second.size()) < max_failures_) return 0;
  return (it->second.front() + window_ - now).count();
}

void RateLimiter::record_failure(const std::string& key, Time now) {
  std::lock_guard lock(mutex_);
  // Keys of past attackers would otherwise pile up: sweep now and then.
  if (failures_.size() > 10000)
    for (auto it = failures_.begin(); it != failures_.end();) {
      forget_old(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
  failures_[key].push_back(now);
}

}  // namespace pathways::server
