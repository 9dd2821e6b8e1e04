// network.h on navigator.onLine.
#include <emscripten/emscripten.h>

#include <vector>

#include "shell/network.h"
#include "shell/render_loop.h"

namespace pathways::network {
namespace {

bool is_online = true;
std::vector<std::function<void(bool)>> listeners;

// clang-format off
EM_JS(int, js_network_init, (), {
  window.addEventListener('online', function() { _pathways_network_changed(1); });
  window.addEventListener('offline', function() { _pathways_network_changed(0); });
  return navigator.onLine ? 1 : 0;
});
// clang-format on

}  // namespace

void init() { is_online = js_network_init() != 0; }

bool online() { return is_online; }

void on_change(std::function<void(bool)> callback) { listeners.push_back(std::move(callback)); }

}  // namespace pathways::network

extern "C" EMSCRIPTEN_KEEPALIVE void pathways_network_changed(int online) {
  using namespace pathways;
  network::is_online = online != 0;
  for (auto& listener : network::listeners) listener(network::is_online);
  render_loop::wake();
}
