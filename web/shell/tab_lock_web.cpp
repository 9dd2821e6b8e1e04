// tab_lock.h on the Web Locks API. A lock is held while the promise its callback returned
// is pending, so the syncing tab returns one that never settles; the browser releases the
// lock when the tab goes away.
#include <emscripten/emscripten.h>

#include <vector>

#include "shell/render_loop.h"
#include "shell/tab_lock.h"

namespace pathways::tab_lock {
namespace {

Role current = Role::unknown;
std::vector<std::function<void(Role)>> listeners;

// clang-format off
EM_JS(void, js_tab_lock_init, (), {
  var hold = function() { return new Promise(function() {}); };
  if (!navigator.locks) {  // no Web Locks (old browser, insecure context): assume one tab
    _pathways_tab_lock_changed(1);
    return;
  }
  navigator.locks.request('pathways-sync', {ifAvailable: true}, function(lock) {
    if (lock) {
      _pathways_tab_lock_changed(1);
      return hold();
    }
    _pathways_tab_lock_changed(2);
    navigator.locks.request('pathways-sync', function() {
      _pathways_tab_lock_changed(1);
      return hold();
    });
    return null;
  });
});
// clang-format on

}  // namespace

void init() { js_tab_lock_init(); }

Role role() { return current; }

void on_change(std::function<void(Role)> callback) { listeners.push_back(std::move(callback)); }

}  // namespace pathways::tab_lock

extern "C" EMSCRIPTEN_KEEPALIVE void pathways_tab_lock_changed(int role) {
  using namespace pathways;
  tab_lock::current = role == 1 ? tab_lock::Role::syncing : tab_lock::Role::waiting;
  for (auto& listener : tab_lock::listeners) listener(tab_lock::current);
  render_loop::wake();
}
