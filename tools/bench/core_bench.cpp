// Core benchmark: builds a state of N participants × 12 sessions through apply(), then
// prints the figures the core is held to (median apply() time for a booking and a
// marking, snapshot load time, resident memory). Prints; never fails on timing.
//   core_bench [participants] [load rounds]   (defaults 100000 and 3; more rounds make a
//   profile of the snapshot load, e.g. under perf record)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "core/apply.h"
#include "core/snapshot.h"
#include "memory_usage.h"

using namespace pathways;
using Clock = std::chrono::steady_clock;

namespace {

const Time now = *parse_time("2026-11-02T09:00:00Z");
const Actor admin{"admin", Role::admin};
constexpr int participants_per_coach = 1000;
constexpr int placeholders = 12;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void must(State& state, const OpBody& body, const Actor& actor, Time at = now) {
  auto r = apply(state, body, actor, at);
  if (!r) {
    std::fprintf(stderr, "setup op rejected: %s\n", r.rejection().message.c_str());
    std::exit(1);
  }
  state.commit(r->changes);
}

std::string coach_id(int c) { return "coach" + std::to_string(c); }
std::string participant_id(int p) { return "p" + std::to_string(p); }

State build(int participants) {
  State s;
  User root;
  root.id = "admin";
  root.name = "Admin";
  root.role = Role::admin;
  s.commit(Change{root});
  must(s, CreateCompany{"acme", {"Acme"}}, admin);
  must(s, CreateProject{"acme-26", "acme", {"Leadership"}, std::nullopt}, admin);
  must(s, CreateJourney{"j", {"Journey"}, 2, true}, admin);
  for (int i = 1; i <= placeholders; ++i)
    must(s,
         AddPlaceholder{"j",
                        "s" + std::to_string(i),
                        {"Session " + std::to_string(i)},
                        i == placeholders ? SessionKind::pod : SessionKind::one_to_one,
                        60,
                        std::nullopt},
         admin);
  must(s, PublishJourney{"j"}, admin);
  for (int c = 0; c < 10; ++c) must(s, CreateCohort{"c" + std::to_string(c), {"Cohort"}, "j", "acme-26"}, admin);
  const int coaches = std::max(1, participants / participants_per_coach);
  for (int c = 0; c < coaches; ++c) {
    must(s, CreateUser{coach_id(c), {"Coach"}, {coach_id(c) + "@bench.test"}, Role::coach, std::nullopt}, admin);
    // Past slots to mark, future slots to book.
    must(s, AddSlot{"past-" + coach_id(c), coach_id(c), now - days(60), 60, 1, SessionKind::one_to_one, 7}, admin);
    must(s, AddSlot{"free-" + coach_id(c), coach_id(c), now + days(1), 60, 1, SessionKind::one_to_one, 7}, admin);
  }
  for (int p = 0; p < participants; ++p) {
    const std::string id = participant_id(p);
    must(s, CreateUser{id, {"Participant " + std::to_string(p)}, {id + "@bench.test"}, Role::participant, std::nullopt},
         admin);
    must(s, EnrolParticipant{"pw" + std::to_string(p), id, "c" + std::to_string(p % 10), coach_id(p % coaches)}, admin);
  }
  // One booked past session per past slot (the markings' targets).
  for (int c = 0; c < coaches; ++c)
    for (int w = 0; w <= 7; ++w) {
      const std::string slot = "past-" + coach_id(c) + (w ? "-w" + std::to_string(w) : "");
      const int p = c + w * coaches;
      if (p < participants) must(s, BookSession{"pw" + std::to_string(p) + "/s1", slot}, admin, now - days(61));
    }
  return s;
}

// Median per-op microseconds of `op_at(i)` applied (not committed) in batches. The ops
// are made before the clock starts, so only apply() is timed.
template <class OpAt>
double median_apply_us(const State& s, OpAt op_at, const Actor& actor, int batches = 31, int per_batch = 2000) {
  std::vector<double> per_op;
  std::size_t sink = 0;
  for (int b = 0; b < batches; ++b) {
    std::vector<OpBody> ops;
    ops.reserve(per_batch);
    for (int i = 0; i < per_batch; ++i) ops.push_back(op_at(b * per_batch + i));
    const auto start = Clock::now();
    for (const OpBody& op : ops) {
      auto r = apply(s, op, actor, now);
      if (!r) {
        std::fprintf(stderr, "bench op rejected: %s\n", r.rejection().message.c_str());
        std::exit(1);
      }
      sink += r->changes.size();
    }
    per_op.push_back(ms_since(start) * 1000.0 / per_batch);
  }
  std::sort(per_op.begin(), per_op.end());
  if (sink == 0) std::puts("");
  return per_op[per_op.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int participants = argc > 1 ? std::max(1000, std::atoi(argv[1])) : 100000;
  const int load_rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  const int coaches = std::max(1, participants / participants_per_coach);
#ifdef __EMSCRIPTEN__
  const char* target = "wasm";
#else
  const char* target = "native";
#endif
  std::printf("core_bench (%s): %d participants x %d sessions, %d coaches\n", target, participants, placeholders,
              coaches);

  auto start = Clock::now();
  State built = build(participants);
  std::printf("  build through apply(): %.0f ms\n", ms_since(start));

  start = Clock::now();
  const std::string snapshot = save_snapshot(built);
  std::printf("  snapshot: %.1f MB written in %.0f ms\n", snapshot.size() / 1e6, ms_since(start));
  built = State{};

  release_free_memory();
  const std::size_t rss_before = resident_bytes();
  const std::size_t heap_before = heap_in_use_bytes();
  std::vector<double> loads, load_cpu;
  State state;
  for (int round = 0; round < load_rounds; ++round) {
    state = State{};
    start = Clock::now();
    const std::clock_t cpu_start = std::clock();
    auto loaded = load_snapshot(snapshot);
    loads.push_back(ms_since(start));
    load_cpu.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    if (!loaded) {
      std::fprintf(stderr, "snapshot rejected: %s\n", loaded.rejection().message.c_str());
      return 1;
    }
    state = std::move(loaded.value());
  }
  std::sort(loads.begin(), loads.end());
  std::sort(load_cpu.begin(), load_cpu.end());
  std::printf("  load snapshot: median %.0f ms wall, %.0f ms CPU, of %d (target < 1000 ms native)\n",
              loads[loads.size() / 2], load_cpu[load_cpu.size() / 2], load_rounds);
  release_free_memory();
  const std::size_t rss_after = resident_bytes();
  std::printf(
      "  resident memory: %.0f MB for the state (%.0f MB in all, of which %.0f MB snapshot text; target < 300 MB)\n",
      (rss_after - rss_before) / 1e6, rss_after / 1e6, snapshot.size() / 1e6);
  std::printf("  heap in use: %.0f MB for the state (live blocks only, without the allocator's slack)\n",
              (static_cast<double>(heap_in_use_bytes()) - static_cast<double>(heap_before)) / 1e6);

  const double book_us = median_apply_us(
      state,
      [&](int i) {
        const int c = i % coaches;
        const int p = c + coaches * (8 + (i / coaches) % (participants_per_coach - 8));
        return OpBody{BookSession{"pw" + std::to_string(p % participants) + "/s2", "free-" + coach_id(c)}};
      },
      admin);
  std::printf("  apply() booking: median %.2f us per op (target < 5 us native)\n", book_us);

  const double mark_us = median_apply_us(
      state,
      [&](int i) {
        const int p = i % std::min(participants, coaches * 8);
        return OpBody{MarkAttendance{"pw" + std::to_string(p) + "/s1", Outcome::completed, std::nullopt}};
      },
      admin);
  std::printf("  apply() marking: median %.2f us per op (target < 5 us native)\n", mark_us);
  return 0;
}
