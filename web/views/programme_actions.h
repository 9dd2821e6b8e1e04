// An admin's actions on one participant's programme, on their profile page: move to another
// cohort of the same journey with the sessions it unlocks offered for un-greying in the same
// confirmation (R10), grant extra sessions with the cap before and after (R11), mark the
// pathway complete (R13), archive (cancelling bookings ahead first, when there are any) and
// restore (R14). Each is a confirmation dialog; the core decides (ctx.why_not), the dialog
// shows its sentence.
#pragma once

#include <string>
#include <vector>

#include "views/view.h"

namespace pathways {

class ProgrammeActions {
 public:
  // The row of action buttons for `pathway` of `participant`, and whichever dialog is open.
  void draw(ViewContext& ctx, const User& participant, const Pathway& pathway);
  // The archive dialog alone (the Engagement report's Archive… of an inactive participant):
  // open it, then draw_dialog every frame with the participant and one of their pathways.
  void open_archive();
  void draw_dialog(ViewContext& ctx, const User& participant, const Pathway& pathway);

 private:
  enum class Dialog { none, move, grant, complete, archive, restore };
  void open(Dialog dialog, const ViewContext& ctx, const Pathway& pathway);
  void draw_move(ViewContext& ctx, const Pathway& pathway);
  void draw_grant(ViewContext& ctx, const Pathway& pathway);
  void draw_complete(ViewContext& ctx, const User& participant, const Pathway& pathway);
  void draw_archive(ViewContext& ctx, const User& participant);
  void draw_restore(ViewContext& ctx, const User& participant);
  void submitted(const Check& refused);  // closes the dialog, or keeps it with the refusal

  Dialog dialog_ = Dialog::none;
  bool open_requested_ = false;
  Id move_to_;
  std::vector<Id> unlocked_;  // the sessions the chosen cohort unlocks (R10)
  std::vector<char> ungrey_;  // whether each is to be un-greyed with the move
  int grant_count_ = 1;
  std::string po_ref_, reason_;
  std::string error_;
};

}  // namespace pathways
