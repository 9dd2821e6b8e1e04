// timer.h natively: timers on the simulated tab's clock (native_tab.h).
#include "shell/native_tab.h"
#include "shell/timer.h"

namespace pathways::timer {

Id after(double milliseconds, std::function<void()> callback) {
  return native_tab::current().add_timer(milliseconds, std::move(callback));
}

void cancel(Id id) { native_tab::current().cancel_timer(id); }

}  // namespace pathways::timer
