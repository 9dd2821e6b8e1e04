#include "server/jobs.h"

#include <cstdio>

#include "core/pathway_rules.h"
#include "server/sync_service.h"

namespace pathways::server {

Jobs::Jobs(SyncService& sync, Clock clock, std::chrono::milliseconds interval)
    : sync_(sync), clock_(std::move(clock)), worker_([this] { run_and_log(); }, interval) {}

Jobs::~Jobs() { stop(); }

void Jobs::start() { worker_.start(); }

void Jobs::stop() { worker_.stop(); }

void Jobs::run_and_log() {
  const Report report = run_once();
  if (report.reminders_queued > 0 || !report.ok)
    std::fprintf(stderr, "jobs: %zu unbooked reminders queued%s; %zu participants inactive for %d months\n",
                 report.reminders_queued, report.ok ? "" : " (database busy, will retry)", report.inactive_participants,
                 inactivity_months);
}

Jobs::Report Jobs::run_once() {
  const Time now = clock_();
  Report report;
  auto committed = sync_.commit_generated([&](const State& state) {
    std::vector<Change> changes;
    for (auto& message : due_unbooked_reminders(state, now)) changes.push_back(Change{std::move(message), false});
    report.reminders_queued = changes.size();
    return changes;
  });
  report.ok = static_cast<bool>(committed);
  if (!report.ok) report.reminders_queued = 0;
  report.inactive_participants =
      sync_.read([&](const State& state) { return inactive_participants(state, now).size(); });
  return report;
}

}  // namespace pathways::server
