// window.pathways.debug, for benchmarks: load a generated state, apply a local op.
#pragma once

namespace pathways {
class App;
namespace debug_hook {
void install(App& app);
}  // namespace debug_hook
}  // namespace pathways
