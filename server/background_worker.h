// A thread of its own that runs one piece of work whenever it is woken, and also every
// `interval` when one is given: the scheduled jobs, the mailer and the WAL checkpointer.
// stop() lets a run in progress finish, then joins.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace pathways::server {

class BackgroundWorker {
 public:
  BackgroundWorker(std::function<void()> work, std::optional<std::chrono::milliseconds> interval);
  ~BackgroundWorker();
  BackgroundWorker(const BackgroundWorker&) = delete;
  BackgroundWorker& operator=(const BackgroundWorker&) = delete;

  void start();
  void wake();
  void stop();

 private:
  void run();

  std::function<void()> work_;
  std::optional<std::chrono::milliseconds> interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pathways::server
