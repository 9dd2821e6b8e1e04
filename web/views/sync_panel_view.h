// The sync panel: online / offline, which tab syncs, pending ops (and those likely to
// conflict), the time of the last sync, and ops the server rejected with its reason, to
// redo as it was (when the core would now accept it), to choose again in the session's
// Actions menu, or to discard.
#pragma once

#include <cstdint>
#include <string>

#include "views/session_actions.h"
#include "views/view.h"

namespace pathways {

class SyncPanelView : public View {
 public:
  void draw(ViewContext& ctx) override;

 private:
  SessionActions actions_;
  std::string redo_error_;
  std::int64_t redo_error_seq_ = 0;
  std::int64_t choosing_again_ = 0;  // the rejected op whose session's menu is open
};

}  // namespace pathways
