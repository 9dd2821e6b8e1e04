// Import benchmark: a CSV file of N participants (default 10,000; every 50th row refused
// for an unknown coach) into a world of 1,000 enrolled participants, timed step by step as
// the browser runs them: parse (libcsv), preview (every row through the core's rules on a
// copy of the state), the ops, applying them in order to the view (what
// SyncEngine::submit_together does before it stores) and encoding them for the store.
// Prints; never fails on timing. Target: parse + preview < 1 s in the browser.
//   import_bench [rows]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/apply.h"
#include "core/op_codec.h"
#include "core/participant_import.h"

using namespace pathways;
using Clock = std::chrono::steady_clock;

namespace {

const Time now = *parse_time("2026-11-02T09:00:00Z");
const Actor admin{"admin", Role::admin};

void must(State& s, OpBody body) {
  auto r = apply(s, body, admin, now);
  if (!r) {
    std::fprintf(stderr, "set-up refused: %s\n", r.rejection().message.c_str());
    std::exit(1);
  }
  s.commit(r->changes);
}

State build() {
  State s;
  s.commit(Change{User{"admin", "Admin", "admin@bench.test", Role::admin, {}, false, {}, {}}});
  must(s, CreateCompany{"acme", {"Acme"}});
  must(s, CreateProject{"p", "acme", {"Leadership"}, std::nullopt});
  must(s, CreateJourney{"j", {"Journey"}, 2, true});
  for (int i = 1; i <= 6; ++i)
    must(
        s,
        AddPlaceholder{
            "j", "s" + std::to_string(i), {"Session " + std::to_string(i)}, SessionKind::one_to_one, 60, std::nullopt});
  must(s, PublishJourney{"j"});
  for (int c = 1; c <= 4; ++c)
    must(s, CreateCohort{"c" + std::to_string(c), {"Cohort " + std::to_string(c)}, "j", "p"});
  for (int c = 1; c <= 3; ++c) {
    CreateUser u;
    u.user = "coach" + std::to_string(c);
    u.name.value = "Coach " + std::to_string(c);
    u.email.value = u.user + "@bench.test";
    u.role = Role::coach;
    must(s, u);
  }
  for (int i = 0; i < 1000; ++i) {
    CreateUser u;
    u.user = "old" + std::to_string(i);
    u.name.value = "Old Participant " + std::to_string(i);
    u.email.value = u.user + "@bench.test";
    must(s, u);
    must(s, EnrolParticipant{"pw-" + u.user, u.user, "c" + std::to_string(i % 4 + 1),
                             "coach" + std::to_string(i % 3 + 1)});
  }
  return s;
}

std::string csv_of(int rows) {
  std::string csv = "\xEF\xBB\xBFname,email,coach email,cohort\r\n";
  for (int i = 0; i < rows; ++i) {
    const std::string coach = i % 50 == 49 ? "nobody@bench.test" : "coach" + std::to_string(i % 3 + 1) + "@bench.test";
    csv += "\"Zoë Participant, " + std::to_string(i) + "\",new" + std::to_string(i) + "@bench.test," + coach +
           ",Cohort " + std::to_string(i % 4 + 1) + "\r\n";
  }
  return csv;
}

double ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

}  // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 10000;
  const State state = build();
  const std::string csv = csv_of(rows);
  std::printf("import_bench: %d rows (%zu bytes) into %zu users, %zu pathways\n", rows, csv.size(), state.users.size(),
              state.pathways.size());

  const auto t0 = Clock::now();
  auto parsed = parse_participants_csv(csv);
  const auto t1 = Clock::now();
  if (!parsed) return std::fprintf(stderr, "refused: %s\n", parsed.rejection().message.c_str()), 1;
  long n = 0;
  const ImportPreview preview = preview_import(state, std::move(parsed.value()), admin, now, [&](std::string_view p) {
    return std::string(p) + "-" + std::to_string(++n);
  });
  const auto t2 = Clock::now();
  const std::vector<OpBody> ops = import_ops(preview);
  const auto t3 = Clock::now();
  State view = state;
  const auto t4 = Clock::now();
  for (const OpBody& op : ops) {
    auto r = apply(view, op, admin, now);
    if (!r) return std::fprintf(stderr, "apply refused: %s\n", r.rejection().message.c_str()), 1;
    view.commit(r->changes);
  }
  const auto t5 = Clock::now();
  std::size_t bytes = 0;
  std::int64_t seq = 1;
  for (const OpBody& op : ops) bytes += encode_op_text(Op{seq++, now, op}).size();
  const auto t6 = Clock::now();

  std::printf("  parse (libcsv)      %8.1f ms\n", ms(t0, t1));
  std::printf("  preview (verdicts)  %8.1f ms  (%zu to enrol, %zu refused)\n", ms(t1, t2), preview.to_enrol,
              preview.refused);
  std::printf("  parse + preview     %8.1f ms\n", ms(t0, t2));
  std::printf("  ops                 %8.1f ms  (%zu ops)\n", ms(t2, t3), ops.size());
  std::printf("  copy the state      %8.1f ms\n", ms(t3, t4));
  std::printf("  apply to the view   %8.1f ms\n", ms(t4, t5));
  std::printf("  encode for store    %8.1f ms  (%zu bytes)\n", ms(t5, t6), bytes);
  return 0;
}
