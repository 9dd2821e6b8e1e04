// The Engagement actions (DESIGN.md §7, R14, R19) on the Engagement report and on a
// participant's profile: remind one participant; remind everyone the report lists, skipping
// (and naming, with when they were last reminded) those reminded in the last 7 days as the
// core's plan_bulk_reminder decides; escalate with a note; the open escalations, each
// resolved by an op with an optional note; and for admins, archiving an inactive participant
// through the programme actions' dialog (R14: a booking ahead is offered for cancelling
// first). Every action asks the core (ctx.why_not) and is drawn with ui::action.
#pragma once

#include <string>
#include <vector>

#include "core/named_reports.h"
#include "views/programme_actions.h"
#include "views/view.h"

namespace pathways {

class EngagementActions {
 public:
  // Above the Engagement report's table: the participants it lists for `query` with their
  // actions, "Remind all listed", and the open escalations. `query_key` names the query, so
  // the list is rebuilt only when it or the state changes.
  void draw_report(ViewContext& ctx, const ReportQuery& query, const std::string& query_key);
  // On a profile: Remind, Escalate…, when they were last reminded, and their open escalations.
  void draw_participant(ViewContext& ctx, const User& participant);

 private:
  struct Listed {
    Id participant;
    std::string name;
    std::string why;  // the report's kinds of row for them, e.g. "No booking · Inactive"
    bool inactive = false;
  };
  enum class Dialog { none, escalate, resolve };

  void rebuild(const ViewContext& ctx, const ReportQuery& query);
  void remind_all(ViewContext& ctx);
  void draw_listed(ViewContext& ctx);
  void draw_escalations(ViewContext& ctx, const Id& participant);
  void draw_dialog(ViewContext& ctx);
  void open(Dialog dialog, Id subject);

  std::vector<Listed> listed_;
  std::string listed_key_;
  unsigned long listed_revision_ = ~0ul;

  // The last bulk reminder's outcome, until the next.
  std::string sent_text_;
  std::vector<std::string> skipped_lines_;
  std::string remind_error_;

  Dialog dialog_ = Dialog::none;
  bool open_requested_ = false;
  Id subject_;  // the participant to escalate, or the escalation to resolve
  std::string note_;
  std::string dialog_error_;

  ProgrammeActions programme_;  // R14's archive dialog
  Id archive_participant_;
};

}  // namespace pathways
