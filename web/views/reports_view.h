// The Reports page (DESIGN.md §7) for admins, programme leads and coaches: the six named
// reports over one filter bar (company, project, cohort, coach, status, and a date range
// of local dates in the browser's zone, shown beside it, with presets). The table is the
// core's `report_table` over the local state, so it works offline and holds exactly what
// the CSV download (`table_csv`) and the server's /api/reports give for the same query
// (R16). Above the rows the core's totals and, where people would rather look than read,
// a chart (views/chart_draw.h); Pathways Wide's session cells in the status colours. Rows
// are clipped (ImGuiListClipper) and sortable by any column. The report is computed only
// when its inputs change (the query or the state's revision), the filter lists only when
// people change.
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
  void rebuild_lists(const ViewContext& ctx);
  void draw_totals();
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

  // The filters' choices, rebuilt when people change (SyncEngine::people_revision) or the
  // company / project chosen does, not every frame.
  std::vector<std::pair<Id, std::string>> companies_, projects_, cohorts_, coaches_, statuses_;
  std::string lists_key_;
  unsigned long lists_people_revision_ = ~0ul;

  // The report (table, totals, chart), rebuilt when the query or the state changes.
  NamedReport report_data_;
  std::string table_key_;
  unsigned long table_revision_ = ~0ul;
  // Rows in the order shown: indices into report_data_.table.rows (sorting moves these,
  // so each row keeps its status cells).
  std::vector<std::size_t> order_;
  int sort_column_ = -1;
  EngagementActions engagement_;  // the Engagement report's actions (R14, R19)
  bool sort_ascending_ = true;
  bool show_chart_ = true;
};

}  // namespace pathways
