// The Reports page (DESIGN.md §7) for admins, programme leads and coaches: the six named
// reports over one filter bar (company, project, cohort, coach, status, and a date range
// of local dates in the browser's zone, shown beside it, with presets). The table is the
// core's `report_table` over the local state, so it works offline and holds exactly what
// the CSV download (`table_csv`) and the server's /api/reports give for the same query
// (R16). Rows are clipped (ImGuiListClipper) and sortable by any column.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/named_reports.h"
#include "core/time_zone.h"
#include "views/engagement_actions.h"
#include "views/view.h"

namespace pathways {

class ReportsView : public View {
 public:
  void draw(ViewContext& ctx) override;

 private:
  void draw_filters(ViewContext& ctx);
  void draw_table();
  void request_zone(const ViewContext& ctx);
  // The query the filter bar spells, through the core's decoder: its sentence when not.
  Result<ReportQuery> query() const;
  std::string query_key() const;
  void sort_rows(int column, bool ascending);

  ReportName report_ = ReportName::pathways_wide;
  Id company_, project_, cohort_, coach_;
  std::string status_;     // SessionStatus name, or empty for all
  std::string from_, to_;  // YYYY-MM-DD local dates, or empty
  bool clean_ = false;

  // R17: the browser zone's rules, fetched once from the server (GET /api/time-zones/…).
  std::string zone_name_;
  std::optional<ZoneRules> zone_;
  bool zone_requested_ = false;
  std::string zone_error_;

  // The table, rebuilt when the query or the state changes.
  ReportTable table_;
  std::string table_key_;
  unsigned long table_revision_ = ~0ul;
  std::string query_error_;
  int sort_column_ = -1;
  EngagementActions engagement_;  // the Engagement report's actions (R14, R19)
  bool sort_ascending_ = true;
};

}  // namespace pathways
