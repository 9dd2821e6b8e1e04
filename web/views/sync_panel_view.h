// The sync panel: online / offline, which tab syncs, pending ops (and those likely to
// conflict), the time of the last sync, and ops the server rejected with its reason, to
// discard (then redo differently in the views).
#pragma once

#include "app_state.h"
#include "sync/sync_engine.h"

namespace pathways {

class SyncPanelView {
 public:
  // Returns true when "Sync now" was pressed.
  bool draw(SyncEngine& sync, const AppState& app);
};

}  // namespace pathways
