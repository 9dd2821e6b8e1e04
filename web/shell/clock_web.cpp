// clock.h on Date.now().
#include <emscripten/emscripten.h>

#include "shell/clock.h"

namespace pathways::clock {
namespace {

EM_JS(double, js_clock_now_ms, (), { return Date.now(); });

}  // namespace

Time now() { return from_unix_seconds(static_cast<long long>(js_clock_now_ms() / 1000.0)); }

}  // namespace pathways::clock
