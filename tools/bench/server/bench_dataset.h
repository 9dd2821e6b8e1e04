// Large synthetic datasets for the server benchmarks, written straight into a database
// through the server's entity store. They are built as entities, not through apply():
// creating 100,000 users op by op costs minutes (each create_user checks every e-mail),
// and the benchmarks measure loading, syncing and serving, not the set-up rules (the demo
// and the tests go through the ops).
//
// Shape: one company, project and published journey of 8 placeholders (p1-p4 pods,
// p5-p8 1:1); `coaches` coaches with `participants_per_coach` participants each, one cohort
// per coach. Every participant's four pod sessions are booked into past pod slots of their
// coach (200 places each), ready to be marked; the 1:1 sessions are unbooked, and every
// coach has 60 free 1:1 slots over the next two weeks. Each booking queued its
// confirmation (already sent), as it would have in production.
#pragma once

#include <string>

#include "core/time.h"

namespace pathways::bench {

struct DatasetShape {
  int coaches = 1;
  int participants_per_coach = 1000;
};

// The password of every user in the dataset ("admin@bench.test", "coach1@bench.test", …).
constexpr const char* password = "bench-password";

// Writes the dataset into a new database file at `path` (removed first if present).
void write_dataset(const std::string& path, const DatasetShape& shape, Time now);

// Ids, so the load generator can address what the dataset holds.
std::string coach_id(int coach);                            // 1-based
std::string participant_id(int coach, int index);           // index 0-based within the coach
std::string pod_session_id(int coach, int index, int pod);  // pod 1-4

}  // namespace pathways::bench
