// clock.h natively: the current simulated tab's clock (native_tab.h), which the test moves.
#include "shell/clock.h"
#include "shell/native_tab.h"

namespace pathways::clock {

Time now() { return native_tab::current().now(); }

}  // namespace pathways::clock
