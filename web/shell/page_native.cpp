// page.h natively: the simulated tab counts reloads; the test then starts a new engine on
// the same store, as the reloaded page would.
#include "shell/native_tab.h"
#include "shell/page.h"

namespace pathways::page {

void reload() { native_tab::current().reloaded(false); }

void update_and_reload() { native_tab::current().reloaded(true); }

}  // namespace pathways::page
