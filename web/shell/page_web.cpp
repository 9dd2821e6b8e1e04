// page.h on location.reload() and the service worker registered by web/shell.js. sw.js
// skips waiting and claims its clients, so a new worker takes over as soon as it is
// installed; the page reloads when it does and is then served the new build.
#include <emscripten/emscripten.h>

#include "shell/page.h"

namespace pathways::page {
namespace {

// clang-format off
EM_JS(void, js_page_update_and_reload, (), {
  var reloaded = false;
  var go = function() {
    if (reloaded) return;
    reloaded = true;
    location.reload();
  };
  var sw = navigator.serviceWorker;
  if (!sw || !sw.getRegistration) return go();
  setTimeout(go, 8000);  // whatever happens, the page reloads
  sw.getRegistration()
      .then(function(registration) {
        if (!registration) return go();
        sw.addEventListener('controllerchange', go);
        return registration.update().then(function() {
          if (!registration.installing && !registration.waiting) go();  // nothing newer: reload now
        });
      })
      .catch(go);
});

// A function of the build, not a string to evaluate: the server's Content-Security-Policy
// allows no eval (emscripten_run_script is one).
EM_JS(void, js_page_reload, (), { location.reload(); });
// clang-format on

}  // namespace

void reload() { js_page_reload(); }

void update_and_reload() { js_page_update_and_reload(); }

}  // namespace pathways::page
