// The admin's Cohorts page (R6, R7, R14): cohorts of a chosen journey × its placeholders as
// a blueprint matrix (a checkbox per cell, frozen header row and name column, a whole row or
// column at once), each change confirmed with the participants it affects
// (blueprint_impact); the R6 mismatch count per cohort with its one-click reconcile; new
// cohorts (the core's sentence shown before submitting); archiving with the participant
// count; and "Preview as participant": the participant's own view, drawn by ParticipantView
// over the state their client would hold (scoped_state), read-only.
#pragma once

#include <string>
#include <vector>

#include "core/ops.h"
#include "views/participant_view.h"
#include "views/view.h"

namespace pathways {

class CohortsView : public View {
 public:
  void draw(ViewContext& ctx) override;

 private:
  void draw_new_cohort(ViewContext& ctx, const Journey& journey);
  void draw_matrix(ViewContext& ctx, const Journey& journey, const std::vector<const Cohort*>& cohorts);
  void draw_change_confirmation(ViewContext& ctx);
  void draw_archive_confirmation(ViewContext& ctx);
  void draw_preview(ViewContext& ctx, const std::vector<const Cohort*>& cohorts);
  void ask(std::vector<SetBlueprint> changes);  // opens the confirmation
  void preview(const State& state, const Id& cohort, const Id& participant);

  Id journey_;
  // A new cohort being typed.
  bool show_new_ = false;
  std::string new_name_;
  Id new_project_;
  std::string create_error_;
  // A blueprint change waiting for its confirmation.
  std::vector<SetBlueprint> pending_;
  bool open_change_ = false;
  std::string change_error_;
  // A cohort waiting for the confirmation of its archiving.
  Id archiving_;
  bool open_archive_ = false;
  std::string archive_error_;
  std::string reconcile_error_;
  // The preview: whom, and the state their client would hold (rebuilt when the data change).
  Id preview_cohort_, preview_participant_;
  State preview_state_;
  Id preview_state_of_;
  unsigned long preview_revision_ = ~0ul;
  ParticipantView preview_view_;
};

}  // namespace pathways
