// Scheduled jobs, run on a timer thread: the weekly unbooked-session reminders (the core's
// due_unbooked_reminders; its message ids make each fire once per participant and week)
// and the R14 inactivity list (logged for admins; the list itself is the core's
// inactive_participants).
#pragma once

#include <chrono>
#include <cstddef>

#include "server/background_worker.h"
#include "server/clock.h"

namespace pathways::server {

class SyncService;

class Jobs {
 public:
  Jobs(SyncService& sync, Clock clock, std::chrono::milliseconds interval);
  ~Jobs();

  void start();
  void stop();

  struct Report {
    std::size_t reminders_queued = 0;
    std::size_t inactive_participants = 0;
    bool ok = true;  // false when the database refused the reminders (retried next run)
  };
  // One run of every job; the timer thread calls it, and so can tests.
  Report run_once();

 private:
  void run_and_log();

  SyncService& sync_;
  Clock clock_;

  BackgroundWorker worker_;
};

}  // namespace pathways::server
