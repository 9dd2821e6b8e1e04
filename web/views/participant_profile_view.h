// The participant profile for coaches and admins: find a participant, pick one of their
// journeys (dropdown), and see its sessions, each with an Actions menu (session_actions.h).
#pragma once

#include <string>

#include "sync/sync_engine.h"
#include "views/session_actions.h"

namespace pathways {

class ParticipantProfileView {
 public:
  void show(const Id& participant);  // from the grid
  void draw(SyncEngine& sync);

 private:
  Id participant_;
  Id pathway_;
  std::string search_;
  SessionActions actions_;
};

}  // namespace pathways
