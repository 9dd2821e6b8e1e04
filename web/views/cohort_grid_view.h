// The cohort grid for coaches, admins and programme leads: participants x sessions, cells
// coloured by status with a legend, filters (company, project, cohort, name), a tooltip
// per cell (date, time, coach, status), and a click opens the session's Actions. Rows are
// drawn through ImGuiListClipper, so 10,000 participants cost what the visible rows cost.
// Sessions where a cohort's blueprint and grey-out disagree (R6) are outlined with the
// reason on hover; for admins they are also counted above the grid, listed on request and
// reconciled with one click.
#pragma once

#include <string>
#include <cstdint>
#include <vector>

#include "core/pathway_rules.h"
#include "sync/sync_engine.h"
#include "views/session_actions.h"

namespace pathways {

class CohortGridView {
 public:
  struct Requests {
    Id open_participant;  // a name was clicked: show their profile
  };
  Requests draw(SyncEngine& sync);

 private:
  struct Row {
    const Pathway* pathway;
    const User* participant;
    std::string cohort_name;
    std::uint64_t mismatched = 0;  // R6: a bit per session (find_mismatches)
  };
  void rebuild_rows(const State& state);
  void refresh_sessions(const State& state);  // columns and R6 mismatches of the rows
  void rebuild_reconcile(const SyncEngine& sync);
  void draw_mismatches(SyncEngine& sync);

  Id company_, project_, cohort_;
  std::string search_;
  // Cached rows, rebuilt when the view's state or a filter changes.
  std::vector<Row> rows_;
  std::vector<std::string> columns_;
  // R6: the mismatches among the rows shown.
  std::vector<Mismatch> mismatches_;
  Check reconcile_why_not_;  // the core's verdict on R6's one-click fix for them
  bool show_mismatches_ = false;
  std::string reconcile_error_;
  unsigned long rows_revision_ = ~0ul;
  unsigned long rows_people_revision_ = ~0ul;
  std::string rows_key_;
  SessionActions actions_;
};

}  // namespace pathways
