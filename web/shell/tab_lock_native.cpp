// tab_lock.h natively: the simulated tab's role (Tab::set_lock tells listeners); a tab
// syncs unless the test says another holds the lock.
#include "shell/native_tab.h"
#include "shell/tab_lock.h"

namespace pathways::tab_lock {

void init() {}

Role role() { return native_tab::current().lock(); }

void on_change(std::function<void(Role)> callback) { native_tab::current().add_lock_listener(std::move(callback)); }

}  // namespace pathways::tab_lock
