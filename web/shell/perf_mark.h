// Named moments of start-up on the browser's performance timeline ("pathways:main", ...),
// so tools/bench/web_bench.mjs and the browser's own profiler can tell where the time
// before the first frame goes.
#pragma once

#include <emscripten/emscripten.h>

namespace pathways::perf {

inline void mark(const char* name) {
  // clang-format off
  EM_ASM({ if (self.performance && performance.mark) performance.mark(UTF8ToString($0)); }, name);
  // clang-format on
}

}  // namespace pathways::perf
