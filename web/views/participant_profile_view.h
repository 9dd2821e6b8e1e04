// The participant profile for coaches and admins: find a participant, pick one of their
// journeys (dropdown), and see its sessions, each with an Actions menu (session_actions.h);
// admins also act on the programme as a whole (programme_actions.h) and remind and escalate
// (engagement_actions.h); below the sessions, the participant's timeline (R21,
// session_history.h).
#pragma once

#include <string>

#include "views/engagement_actions.h"
#include "views/programme_actions.h"
#include "views/session_actions.h"
#include "views/session_history.h"

namespace pathways {

class ParticipantProfileView : public View {
 public:
  void show(const Id& participant);  // from the grid
  void draw(ViewContext& ctx) override;

 private:
  Id participant_;
  Id pathway_;
  std::string search_;
  SessionActions actions_;
  ProgrammeActions programme_;    // admins: move, grant, complete, archive (R10, R11, R13, R14)
  EngagementActions engagement_;  // remind, escalate, open escalations (R19)
  SessionHistory timeline_;       // R21: the participant's timeline
};

}  // namespace pathways
