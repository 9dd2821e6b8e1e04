#include "server/background_worker.h"

namespace pathways::server {

BackgroundWorker::BackgroundWorker(std::function<void()> work, std::optional<std::chrono::milliseconds> interval)
    : work_(std::move(work)), interval_(interval) {}

BackgroundWorker::~BackgroundWorker() { stop(); }

void BackgroundWorker::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { run(); });
}

void BackgroundWorker::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void BackgroundWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void BackgroundWorker::run() {
  std::unique_lock lock(mutex_);
  const auto ready = [&] { return woken_ || stopping_; };
  while (true) {
    if (interval_)
      wake_.wait_for(lock, *interval_, ready);
    else
      wake_.wait(lock, ready);
    if (stopping_) return;
    woken_ = false;
    lock.unlock();
    work_();
    lock.lock();
  }
}

}  // namespace pathways::server
