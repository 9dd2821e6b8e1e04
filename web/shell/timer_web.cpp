// Timers on setTimeout (emscripten_set_timeout).
#include <emscripten/eventloop.h>

#include <cstdint>
#include <unordered_map>

#include "shell/render_loop.h"
#include "shell/timer.h"

namespace pathways::timer {
namespace {

struct Pending {
  long browser_id;
  std::function<void()> callback;
};
std::unordered_map<Id, Pending> pending;
Id next_id = 1;

void on_timeout(void* user_data) {
  const Id id = static_cast<Id>(reinterpret_cast<std::intptr_t>(user_data));
  auto it = pending.find(id);
  if (it == pending.end()) return;
  auto callback = std::move(it->second.callback);
  pending.erase(it);
  callback();
  render_loop::wake();
}

}  // namespace

Id after(double milliseconds, std::function<void()> callback) {
  const Id id = next_id++;
  const long browser_id =
      emscripten_set_timeout(on_timeout, milliseconds, reinterpret_cast<void*>(static_cast<std::intptr_t>(id)));
  pending.emplace(id, Pending{browser_id, std::move(callback)});
  return id;
}

void cancel(Id id) {
  auto it = pending.find(id);
  if (it == pending.end()) return;
  emscripten_clear_timeout(it->second.browser_id);
  pending.erase(it);
}

}  // namespace pathways::timer
