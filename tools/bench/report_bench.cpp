// Report benchmark: N participants × 12 sessions with a spread of statuses over half a
// year, then each named report (DESIGN.md §7) as an admin would ask for it in London:
// the report with its table (the screen's cells), totals and chart timed together, then its
// CSV written whole and in the server's streamed pieces (MB/s). All time, June–October, and
// one cohort in June–October. Prints; never fails on timing. Target < 100 ms native,
// < 300 ms WASM; streaming >= 50 MB/s.
//   report_bench [participants]   (default 100000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "core/named_reports.h"

using namespace pathways;
using Clock = std::chrono::steady_clock;

namespace {

const Time now = *parse_time("2026-11-02T09:00:00Z");

// Europe/London's 2026 clock changes, enough for the half-year the data spans.
ZoneRules london() {
  return {"Europe/London",
          {{*parse_time("2025-10-26T01:00:00Z"), 0, "GMT"},
           {*parse_time("2026-03-29T01:00:00Z"), 3600, "BST"},
           {*parse_time("2026-10-25T01:00:00Z"), 0, "GMT"}}};
}

State build(int participants) {
  State s;
  auto add = [&](auto entity) { s.commit(Change{std::move(entity)}); };
  add(User{"admin", "Admin", "admin@bench.test", Role::admin, {}, false, {}});
  add(Company{"acme", "Acme"});
  add(Project{"acme-26", "acme", "Leadership", "PO-26"});
  Journey j{"j", "Journey", {}, true, 2, true};
  for (int i = 1; i <= 12; ++i)
    j.placeholders.push_back({"s" + std::to_string(i), "Session " + std::to_string(i),
                              i == 12 ? SessionKind::pod : SessionKind::one_to_one, 60, false});
  add(j);
  std::vector<Id> all;
  for (const auto& p : j.placeholders) all.push_back(p.id);
  std::sort(all.begin(), all.end());
  for (int c = 0; c < 10; ++c) add(Cohort{"c" + std::to_string(c), "Cohort " + std::to_string(c), "j", "acme-26", all});
  const int coaches = std::max(1, participants / 1000);
  for (int c = 0; c < coaches; ++c) {
    const std::string coach = "coach" + std::to_string(c);
    add(User{coach, "Coach " + std::to_string(c), coach + "@bench.test", Role::coach, {}, false, {}});
    for (int w = 0; w < 26; ++w)
      for (int k = 0; k < 10; ++k) {
        Slot slot{coach + "-" + std::to_string(w) + "-" + std::to_string(k),
                  coach,
                  now - days(7 * w) + hours(k),
                  60,
                  1,
                  SessionKind::one_to_one,
                  (w + k) % 3 ? 1 : 0};
        add(slot);
      }
  }
  for (int p = 0; p < participants; ++p) {
    const std::string id = "p" + std::to_string(p);
    add(User{id,
             "Participant " + std::to_string(p),
             id + "@bench.test",
             Role::participant,
             {},
             p % 50 == 0,
             now - days(p % 200)});
    Pathway pw{
        "pw" + std::to_string(p), id, "coach" + std::to_string(p % coaches), "c" + std::to_string(p % 10), "j", false,
        now - days(180)};
    add(pw);
    std::vector<Session> sessions;
    for (int i = 1; i <= 12; ++i) {
      Session x;
      x.pathway = pw.id;
      x.key = "s" + std::to_string(i);
      x.kind = i == 12 ? SessionKind::pod : SessionKind::one_to_one;
      const int roll = (p * 7 + i * 13) % 20;
      if (i <= 6) {
        x.start = now - days(14 * (7 - i)) - hours(p % 24);
        x.status = roll < 14 ? SessionStatus::completed : SessionStatus::missed;
        x.missed_reason = roll < 14   ? MissedReason::none
                          : roll < 17 ? MissedReason::no_show
                          : roll < 19 ? MissedReason::late_cancellation
                                      : MissedReason::coach_no_show;
        x.booking_no = 1;
      } else if (i == 7) {
        x.start = now + days(p % 30);
        x.status = SessionStatus::booked;
        x.booking_no = 1;
      } else if (i == 11 && p % 4 == 0) {
        x.status = SessionStatus::greyed_out;
      }
      sessions.push_back(std::move(x));
    }
    s.sessions[pw.id] = std::move(sessions);
  }
  return s;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int participants = argc > 1 ? std::max(1000, std::atoi(argv[1])) : 100000;
#ifdef __EMSCRIPTEN__
  const char* target = "wasm";
#else
  const char* target = "native";
#endif
  std::printf("report_bench (%s): %d participants x 12 sessions\n", target, participants);
  auto start = Clock::now();
  const State state = build(participants);
  std::printf("  build: %.0f ms\n", ms_since(start));
  const User& viewer = *state.user("admin");
  ReportQuery query;
  query.zone = london();
  ReportQuery dated = query;
  dated.from = CivilDate{2026, 6, 1};
  dated.to = CivilDate{2026, 10, 31};
  ReportQuery cohort = dated;
  cohort.filter.cohort = "c3";
  for (const ReportQuery* q : {&query, &dated, &cohort})
    for (auto name : {ReportName::pathways_wide, ReportName::missed_calls, ReportName::billing, ReportName::engagement,
                      ReportName::coach_utilisation, ReportName::status_over_time}) {
      std::vector<double> times, cpu, csv_times, stream_times;
      std::size_t rows = 0, bytes = 0;
      for (int round = 0; round < 3; ++round) {
        start = Clock::now();
        const std::clock_t cpu_start = std::clock();
        const NamedReport r = run_named_report(name, state, viewer, *q, now);
        times.push_back(ms_since(start));
        cpu.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
        start = Clock::now();
        bytes = table_csv(r.table).size();
        csv_times.push_back(ms_since(start));
        // As the server streams it: 256 KB pieces, each dropped once "sent".
        start = Clock::now();
        std::string piece(csv_byte_order_mark);
        std::size_t streamed = 0;
        append_csv_line(piece, r.table.header);
        for (const auto& row : r.table.rows) {
          append_csv_line(piece, row);
          if (piece.size() >= 256 * 1024) streamed += piece.size(), piece.clear();
        }
        streamed += piece.size();
        stream_times.push_back(ms_since(start));
        if (streamed != bytes) std::printf("  streamed %zu bytes, whole %zu: they differ\n", streamed, bytes);
        rows = r.table.rows.size();
      }
      std::sort(times.begin(), times.end());
      std::sort(cpu.begin(), cpu.end());
      std::sort(csv_times.begin(), csv_times.end());
      std::sort(stream_times.begin(), stream_times.end());
      const char* which = q == &query ? "all      " : q == &dated ? "Jun-Oct  " : "c3,Jun-Oct";
      std::printf(
          "  %-18s %s: median %6.0f ms wall, %6.0f ms CPU for %zu rows; CSV %.1f MB in %.0f ms; "
          "streamed at %.0f MB/s\n",
          std::string(to_string(name)).c_str(), which, times[1], cpu[1], rows, bytes / 1e6, csv_times[1],
          stream_times[1] > 0 ? bytes / 1e3 / stream_times[1] : 0.0);
    }
  return 0;
}
