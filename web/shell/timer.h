// One-shot timers on the browser's event loop. The callback runs between frames, and the
// render loop is woken after it, so whatever it changed is drawn.
#pragma once

#include <functional>

namespace pathways::timer {

using Id = long;

Id after(double milliseconds, std::function<void()> callback);
void cancel(Id id);  // no effect once the timer has run

}  // namespace pathways::timer
