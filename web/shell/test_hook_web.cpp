// window.pathways.test: the browser side of test_hook.h, for Playwright and the console.
//   items()   [{label, kind, x, y, w, h, active}] drawn in the last frame, CSS pixels
//   status()  {online, pending, lastSync, user: {name, role} | null}
//   frames()  frames drawn since start (idle means this stops moving)
//   settled() a promise, resolved once the app has drawn everything it owed: layout that
//             takes a frame or two to settle (a card re-centring) is final, and items() current
#include <emscripten/emscripten.h>

#include <string>

#include "shell/render_loop.h"
#include "shell/test_hook.h"

namespace {

std::string reply;  // lives until the next call; JS copies it at once

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* pathways_test_items() {
  reply = pathways::test_hook::items_json();
  return reply.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* pathways_test_status() {
  reply = pathways::test_hook::status_json();
  return reply.c_str();
}

EMSCRIPTEN_KEEPALIVE double pathways_test_frames() { return static_cast<double>(pathways::render_loop::frame_count()); }

EMSCRIPTEN_KEEPALIVE int pathways_test_idle() { return pathways::render_loop::idle() ? 1 : 0; }

}  // extern "C"

namespace pathways::test_hook {
namespace {

// clang-format off
EM_JS(void, js_install_test_api, (), {
  window.pathways = window.pathways || {};
  window.pathways.test = {
    items: function() { return JSON.parse(UTF8ToString(_pathways_test_items())); },
    status: function() { return JSON.parse(UTF8ToString(_pathways_test_status())); },
    frames: function() { return _pathways_test_frames(); },
    settled: function() {
      return new Promise(function(resolve) {
        var check = function() { if (_pathways_test_idle()) resolve(); else setTimeout(check, 10); };
        check();
      });
    },
  };
});
// clang-format on

}  // namespace

void install() { js_install_test_api(); }

}  // namespace pathways::test_hook
