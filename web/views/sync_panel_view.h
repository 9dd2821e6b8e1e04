// The sync panel: online / offline, which tab syncs, pending ops (and those likely to
// conflict), the time of the last sync, and ops the server rejected with its reason, to
// redo as it was (when the core would now accept it), to choose again in the session's
// Actions menu, or to discard.
#pragma once

#include "app_state.h"
#include "sync/sync_engine.h"
#include "views/session_actions.h"

namespace pathways {

class SyncPanelView {
 public:
  // Returns true when "Sync now" was pressed.
  bool draw(SyncEngine& sync, const AppState& app);

 private:
  SessionActions actions_;
  std::string redo_error_;
  std::int64_t redo_error_seq_ = 0;
  std::int64_t choosing_again_ = 0;  // the rejected op whose session's menu is open
};

}  // namespace pathways
