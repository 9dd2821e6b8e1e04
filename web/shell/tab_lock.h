// One tab syncs at a time (DESIGN.md section 5): the tab holding the Web Lock
// 'pathways-sync' is the syncing tab, for as long as it is open. Other tabs wait in line
// and take over when it closes, crashes or is discarded.
#pragma once

#include <functional>

namespace pathways::tab_lock {

enum class Role {
  unknown,  // the browser has not answered yet
  syncing,  // this tab holds the lock: it pushes and pulls
  waiting,  // another tab syncs; this one takes over when that tab goes
};

void init();
Role role();
void on_change(std::function<void(Role)> callback);

}  // namespace pathways::tab_lock
