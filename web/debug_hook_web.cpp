// window.pathways.debug: hooks for benchmarks (tools/bench/web_bench.mjs), never used by the app.
//   loadSynthetic(n)  replaces the view with n participants x 12 sessions in one cohort (not
//                     stored, not synced); returns milliseconds taken
//   applyLocalOp()    marks the next held session Completed through the sync engine; returns
//                     milliseconds for apply + queue (the redraw follows on the next frame)
#include <emscripten/emscripten.h>

#include <cstdio>

#include "app.h"
#include "debug_hook.h"
#include "local_time.h"
#include "shell/render_loop.h"

namespace pathways::debug_hook {
namespace {

App* the_app = nullptr;
int next_to_mark = 0;

// clang-format off
EM_JS(void, js_install_debug_api, (), {
  window.pathways = window.pathways || {};
  window.pathways.debug = {
    loadSynthetic: function(n) { return _pathways_debug_load_synthetic(n); },
    applyLocalOp: function() { return _pathways_debug_apply_local_op(); },
  };
});
// clang-format on

State synthetic_state(int participants, Time now) {
  State state;
  std::vector<Change> changes;
  changes.push_back({Company{"bench-co", "Benchmark Ltd"}});
  changes.push_back({Project{"bench-pr", "bench-co", "Benchmark programme", "PO-1"}});
  Journey journey{"bench-j", "Benchmark journey", {}, true, 2, true, std::nullopt, Time{}};
  for (int i = 0; i < 12; ++i)
    journey.placeholders.push_back({"p" + std::to_string(i), "Session " + std::to_string(i + 1),
                                    i == 5 ? SessionKind::pod : SessionKind::one_to_one, 60, false});
  changes.push_back({journey});
  Cohort cohort{"bench-c", "Benchmark cohort", "bench-j", "bench-pr", {}, false};
  for (const auto& p : journey.placeholders) cohort.blueprint.push_back(p.id);
  changes.push_back({cohort});
  User coach;
  coach.id = "bench-coach";
  coach.name = "Bea Bench";
  coach.role = Role::coach;
  changes.push_back({coach});
  for (int i = 0; i < participants; ++i) {
    User u;
    u.id = "bp" + std::to_string(i);
    u.name = "Participant " + std::to_string(100000 + i).substr(1);
    u.role = Role::participant;
    changes.push_back({u});
    Pathway p{"bpw" + std::to_string(i), u.id, coach.id, cohort.id, journey.id, false, now - days(60)};
    changes.push_back({p});
    for (int s = 0; s < 12; ++s) {
      Session session;
      session.pathway = p.id;
      session.key = journey.placeholders[static_cast<std::size_t>(s)].id;
      session.kind = journey.placeholders[static_cast<std::size_t>(s)].kind;
      const int phase = (i + s) % 10;
      session.start = now - days(30) + days(5LL * s) + hours(i % 8);
      if (s == 3) {
        session.status = SessionStatus::booked;  // held, waiting to be marked
        session.start = now - days(1) - hours(i % 8);
        session.slot = "bs-" + std::to_string(i) + "-" + std::to_string(s);
      } else if (s < 3 || phase < 3) {
        session.status = phase == 0 ? SessionStatus::missed : SessionStatus::completed;
        if (phase == 0) session.missed_reason = MissedReason::no_show;
        session.slot = "bs-" + std::to_string(i) + "-" + std::to_string(s);
      } else if (phase == 9) {
        session.status = SessionStatus::greyed_out;
      }
      changes.push_back({session});
    }
  }
  state.commit(changes);
  return state;
}

}  // namespace

void install(App& app) {
  the_app = &app;
  js_install_debug_api();
}

}  // namespace pathways::debug_hook

extern "C" {

EMSCRIPTEN_KEEPALIVE double pathways_debug_load_synthetic(int participants) {
  using namespace pathways;
  const double t0 = local_time::monotonic_ms();
  SyncEngine& sync = debug_hook::the_app->sync();
  State state = debug_hook::synthetic_state(participants, local_time::browser_now());
  // The signed-in user acts on it, so they are part of it.
  if (const User* me = sync.view().user(sync.actor().id)) state.commit(Change{*me, false});
  sync.load_for_benchmark(std::move(state));
  debug_hook::next_to_mark = 0;
  render_loop::wake();
  return local_time::monotonic_ms() - t0;
}

EMSCRIPTEN_KEEPALIVE double pathways_debug_apply_local_op() {
  using namespace pathways;
  const double t0 = local_time::monotonic_ms();
  const Id session = "bpw" + std::to_string(debug_hook::next_to_mark++) + "/p3";
  auto refused = debug_hook::the_app->sync().submit(MarkAttendance{session, Outcome::completed, std::nullopt});
  render_loop::wake();
  const double ms = local_time::monotonic_ms() - t0;
  if (refused) std::printf("applyLocalOp: %s refused: %s\n", session.c_str(), refused->message.c_str());
  return refused ? -1.0 : ms;
}

}  // extern "C"
