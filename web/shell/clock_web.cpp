// clock.h on Date.now().
#include <emscripten/emscripten.h>

#include "shell/clock.h"

namespace pathways::clock {
namespace {

// clang-format off
EM_JS(double, js_clock_now_ms, (), { return Date.now(); });
// clang-format on

}  // namespace

Time now() { return from_unix_seconds(static_cast<long long>(js_clock_now_ms() / 1000.0)); }

}  // namespace pathways::clock
