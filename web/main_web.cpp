// The browser client's entry point. By the time main() runs, web/pre.js has loaded the
// store and the fonts are in /fonts; main() sets up the glue and starts drawing on demand.
#include "app.h"
#include "debug_hook.h"
#include "shell/network.h"
#include "shell/perf_mark.h"
#include "shell/platform.h"
#include "shell/render_loop.h"
#include "shell/storage.h"
#include "shell/tab_lock.h"
#include "shell/test_hook.h"

int main() {
  using namespace pathways;
  perf::mark("pathways:main");
  test_hook::install();
  storage::init();
  network::init();
  tab_lock::init();
  if (!platform::init()) {
    platform::fail(
        "Pathways needs WebGL 2, which this browser does not offer. "
        "Try a current version of Chrome, Edge, Firefox or Safari.");
    return 1;
  }
  perf::mark("pathways:webgl-ready");
  static App app;
  app.init();
  perf::mark("pathways:app-ready");
  debug_hook::install(app);
  render_loop::start([] { app.draw(); });
  return 0;
}
