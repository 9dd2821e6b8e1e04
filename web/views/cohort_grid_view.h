// The cohort grid for coaches, admins and programme leads: participants x sessions, cells
// coloured by status with a legend, filters (company, project, cohort, name: the reports'
// participant filter, report_pathways, so the grid and an export agree on who), a tooltip
// per cell (date, time, coach, status), and a click opens the session's Actions. Rows are
// drawn through ImGuiListClipper, so 10,000 participants cost what the visible rows cost.
// Sessions where a cohort's blueprint and grey-out disagree (R6) are outlined with the
// reason on hover; for admins they are also counted above the grid, listed on request and
// reconciled with one click.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/pathway_rules.h"
#include "core/report.h"
#include "views/session_actions.h"
#include "views/view.h"

namespace pathways {

class CohortGridView : public View {
 public:
  void draw(ViewContext& ctx) override;  // a click on a name opens the participant's profile

 private:
  struct Row {
    const Pathway* pathway;
    const User* participant;
    std::string cohort_name;
    // Kept from rebuild_rows: map entries stay where they are until people change, which
    // rebuilds the rows.
    const Cohort* cohort;
    const std::vector<Session>* sessions;
    MismatchFlags mismatched{};  // R6, a bit per session
  };
  void rebuild_rows(const ViewContext& ctx);
  void refresh_sessions(const State& state);  // columns and R6 mismatches of the rows
  void rebuild_reconcile(const ViewContext& ctx);
  void draw_mismatches(ViewContext& ctx);
  ReportFilter filter() const;  // the filters chosen, as the reports take them

  Id company_, project_, cohort_;
  std::string search_;
  // Cached rows, rebuilt when the view's state or a filter changes.
  std::vector<Row> rows_;
  std::vector<std::string> columns_;
  // R6 among the rows shown: counted per kind; listed (in row order, at most `at_most`)
  // only when the list, the reconcile or its check needs them.
  std::size_t locked_count_ = 0, bookable_count_ = 0;
  std::size_t mismatch_count() const { return locked_count_ + bookable_count_; }
  std::vector<Mismatch> collect_mismatches(const State& state, std::size_t at_most) const;
  Check reconcile_why_not_;  // the core's verdict on R6's one-click fix for them
  bool show_mismatches_ = false;
  std::string reconcile_error_;
  unsigned long rows_revision_ = ~0ul;
  unsigned long rows_people_revision_ = ~0ul;
  std::string rows_key_;
  SessionActions actions_;
};

}  // namespace pathways
