// A bounded admission queue for expensive work (Argon2id): at most `running` inside at once
// and at most `waiting` threads queued behind them; anyone beyond that is turned away at
// once (the caller answers 503 with Retry-After) instead of holding an HTTP pool thread,
// so a burst of sign-ins can never take every thread from other requests.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>

namespace pathways::server {

class WorkQueue {
 public:
  WorkQueue(int running, int waiting) : running_(running), waiting_max_(waiting) {}
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // Holds a place inside the queue until it is destroyed.
  class Ticket {
   public:
    explicit Ticket(WorkQueue* queue) : queue_(queue) {}
    Ticket(Ticket&& other) noexcept : queue_(other.queue_) { other.queue_ = nullptr; }
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket() {
      if (queue_) queue_->leave();
    }

   private:
    WorkQueue* queue_;
  };

  // A ticket once a place inside is free (waiting for it when the queue has room);
  // nothing, without waiting, when `waiting` callers are already queued.
  std::optional<Ticket> enter() {
    std::unique_lock lock(mutex_);
    if (inside_ >= running_) {
      if (waiting_ >= waiting_max_) return std::nullopt;
      ++waiting_;
      freed_.wait(lock, [&] { return inside_ < running_; });
      --waiting_;
    }
    ++inside_;
    return Ticket(this);
  }

 private:
  void leave() {
    {
      std::lock_guard lock(mutex_);
      --inside_;
    }
    freed_.notify_one();
  }

  const int running_;
  const int waiting_max_;
  std::mutex mutex_;
  std::condition_variable freed_;
  int inside_ = 0;
  int waiting_ = 0;
};

}  // namespace pathways::server
