#include "views/reports_view.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <utility>

#include "core/protocol.h"
#include "core/report_dates.h"
#include "core/time_zone_codec.h"
#include "imgui.h"
#include "local_time.h"
#include "shell/download.h"
#include "shell/http.h"
#include "shell/icons.h"
#include "shell/theme.h"
#include "shell/widgets.h"
#include "sync/sync_engine.h"
#include "views/chart_draw.h"
#include "views/filter_combo.h"

namespace pathways {
namespace {

// The reports' names as people read them, in ReportName order.
constexpr std::array report_labels{"Pathways Wide", "Missed Calls",      "Billing",
                                   "Engagement",    "Coach utilisation", "Status over time"};
static_assert(report_labels.size() == EnumNames<ReportName>::names.size());

std::string date_text(CivilDate d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buffer;
}

// A cell read as a number when it is one ("12", "0.75", "33%"), for sorting.
std::optional<double> number_in(const std::string& cell) {
  if (cell.empty()) return std::nullopt;
  std::string text = cell;
  if (text.back() == '%') text.pop_back();
  if (text.empty() || !(std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-')) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);  // the C locale: '.' decimals
  if (end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

// Keeps the next item of `width` pixels on this line when it fits, else starts a new line:
// rows of links and chips wrap on narrow screens instead of running off the edge.
void same_line_if_fits(float width) {
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

// Labelled fields in rows of as many as fit the width (each `width` pixels wide).
void field_rows(const char* id, float width, const std::vector<std::function<void()>>& fields) {
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const auto per_row = static_cast<std::size_t>(
      std::max(1.0f, std::floor((ImGui::GetContentRegionAvail().x + spacing) / (width + spacing))));
  for (std::size_t first = 0; first < fields.size(); first += per_row) {
    const std::size_t count = std::min(per_row, fields.size() - first);
    const std::string row_id = std::string(id) + std::to_string(first);
    if (!ImGui::BeginTable(row_id.c_str(), static_cast<int>(count),
                           ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoPadOuterX))
      continue;
    for (std::size_t i = 0; i < count; ++i) ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthFixed, width);
    ImGui::TableNextRow();
    for (std::size_t i = first; i < first + count; ++i) {
      ImGui::TableNextColumn();
      fields[i]();
    }
    ImGui::EndTable();
  }
}

}  // namespace

void ReportsView::request_zone(const ViewContext& ctx) {
  if (zone_requested_) return;
  zone_requested_ = true;
  zone_name_ = local_time::zone_name();
  if (zone_name_.empty() || zone_name_ == "UTC" || zone_name_ == "Etc/UTC") {
    zone_name_ = "UTC";
    zone_ = utc_zone();
    return;
  }
  const std::string url = std::string(protocol::path::time_zone_prefix) + zone_name_;
  http::get(url, ctx.app.login.token, [this](const http::Response& reply) {
    if (!reply) {
      zone_error_ = reply.unreachable() ? "offline" : "unknown";
      return;
    }
    const auto parsed = nlohmann::json::parse(reply.body, nullptr, false);
    if (parsed.is_discarded()) {
      zone_error_ = "unreadable";
      return;
    }
    auto rules = zone_rules_from_json(parsed);
    if (rules)
      zone_ = std::move(rules.value());
    else
      zone_error_ = rules.rejection().message;
  });
}

Result<ReportQuery> ReportsView::query() const {
  std::map<std::string, std::string> params;
  if (!company_.empty()) params["company"] = company_;
  if (!project_.empty()) params["project"] = project_;
  if (!cohort_.empty()) params["cohort"] = cohort_;
  if (!coach_.empty()) params["coach"] = coach_;
  if (!status_.empty()) params["status"] = status_;
  if (!from_.empty()) params["from"] = from_;
  if (!to_.empty()) params["to"] = to_;
  if (clean_) params["clean"] = "1";
  const ZoneRules* zone = zone_ ? &*zone_ : nullptr;
  if (zone) params["tz"] = zone->name;
  return decode_report_query(params, [zone](std::string_view name) -> const ZoneRules* {
    return zone && zone->name == name ? zone : nullptr;
  });
}

std::string ReportsView::query_key() const {
  return std::string(to_string(report_)) + "|" + company_ + "|" + project_ + "|" + cohort_ + "|" + coach_ + "|" +
         status_ + "|" + from_ + "|" + to_ + "|" + (clean_ ? "1" : "0") + "|" + (zone_ ? zone_->name : "");
}

void ReportsView::draw(ViewContext& ctx) {
  request_zone(ctx);
  ui::heading("Reports");

  // [SECTION] Which report
  for (std::size_t i = 0; i < report_labels.size(); ++i) {
    const auto name = static_cast<ReportName>(i);
    const std::string label = std::string(report_labels[i]) + "##report-" + std::string(to_string(name));
    const float width = ImGui::CalcTextSize(report_labels[i]).x + 12;
    if (i > 0) same_line_if_fits(width);
    if (ui::selectable(label.c_str(), report_ == name, 0, ImVec2(width, 0))) report_ = name;
  }
  ImGui::Dummy(ImVec2(0, 6));

  draw_filters(ctx);

  // [SECTION] The table, through the core's one query path (R16)
  auto q = query();
  if (!q) {
    ui::message_box(ui::Tone::error, q.rejection().message);
    return;
  }
  const std::string key = query_key();
  if (key != table_key_ || table_revision_ != ctx.sync.revision()) {
    report_data_ = run_named_report(report_, ctx.state, ctx.me, q.value(), ctx.now);
    table_key_ = key;
    table_revision_ = ctx.sync.revision();
    order_.resize(report_data_.table.rows.size());
    for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    if (sort_column_ >= 0) sort_rows(sort_column_, sort_ascending_);
  }

  const ReportTable& table = report_data_.table;
  const std::size_t rows = table.rows.size();
  ui::text(std::to_string(rows) + (rows == 1 ? " row" : " rows"));
  ImGui::SameLine();
  const std::string file = "pathways-" + std::string(to_string(report_)) + "-" + format_time(ctx.now).substr(0, 10) +
                           (clean_ ? "-clean" : "") + ".csv";
  if (ui::secondary_button(ICON_DOWNLOAD " Download CSV##csv")) {
    // The rows in the order on screen: sorted by a column when one was clicked.
    if (sort_column_ < 0) {
      download::save_file(file, "text/csv; charset=utf-8", table_csv(table));
    } else {
      ReportTable shown;
      shown.header = table.header;
      shown.rows.reserve(order_.size());
      for (std::size_t i : order_) shown.rows.push_back(table.rows[i]);
      download::save_file(file, "text/csv; charset=utf-8", table_csv(shown));
    }
  }
  ImGui::Dummy(ImVec2(0, 4));
  draw_totals();
  // The Engagement report's actions (remind, escalate, archive) belong here, drawn by their
  // own view over the same rows with one call.
  if (report_data_.chart.kind != ChartKind::none) {
    if (ui::link_button(show_chart_ ? "Hide chart##chart-toggle" : "Show chart##chart-toggle"))
      show_chart_ = !show_chart_;
    if (show_chart_) chart::draw(report_data_.chart, "##report-chart", ui::available_width() < 600 ? 140.0f : 200.0f);
  }

  ImGui::Dummy(ImVec2(0, 4));
  if (report_ == ReportName::engagement) engagement_.draw_report(ctx, q.value(), key);
  draw_table();
}

// The core's totals as small labelled figures that wrap onto more lines on narrow screens.
void ReportsView::draw_totals() {
  const auto& totals = report_data_.totals;
  const float spacing = 18.0f;
  for (std::size_t i = 0; i < totals.size(); ++i) {
    const std::string value = totals[i].text();
    const float width =
        std::max(ImGui::CalcTextSize(totals[i].label.c_str()).x, ImGui::CalcTextSize(value.c_str()).x * 1.2f);
    if (i > 0) {
      ImGui::SameLine(0, spacing);
      if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    }
    ImGui::BeginGroup();
    ui::text_muted(totals[i].label);
    ImGui::SetWindowFontScale(1.2f);
    ui::text(value);
    ImGui::SetWindowFontScale(1.0f);
    ImGui::EndGroup();
  }
  if (!totals.empty()) ImGui::Dummy(ImVec2(0, 4));
}

// The filters' choices: companies, projects of the chosen company, cohorts of the chosen
// project or company, coaches, statuses. Rebuilt only when people or those choices change.
void ReportsView::rebuild_lists(const ViewContext& ctx) {
  const std::string key = company_ + "|" + project_;
  if (lists_people_revision_ == ctx.sync.people_revision() && key == lists_key_) return;
  lists_people_revision_ = ctx.sync.people_revision();
  lists_key_ = key;
  const State& state = ctx.state;
  companies_.clear(), projects_.clear(), cohorts_.clear(), coaches_.clear(), statuses_.clear();
  for (const auto& [id, c] : state.companies) companies_.push_back({id, c.name});
  for (const auto& [id, p] : state.projects)
    if (company_.empty() || p.company == company_) projects_.push_back({id, p.name});
  for (const auto& [id, c] : state.cohorts) {
    const Project* p = state.project(c.project);
    if (!project_.empty() && c.project != project_) continue;
    if (!company_.empty() && (!p || p->company != company_)) continue;
    cohorts_.push_back({id, c.name});
  }
  for (const auto& [id, u] : state.users)
    if (u.role == Role::coach) coaches_.push_back({id, u.name});
  auto by_name = [](const auto& a, const auto& b) { return a.second < b.second; };
  std::sort(companies_.begin(), companies_.end(), by_name);
  std::sort(projects_.begin(), projects_.end(), by_name);
  std::sort(cohorts_.begin(), cohorts_.end(), by_name);
  std::sort(coaches_.begin(), coaches_.end(), by_name);
  for (std::size_t s = 0; s < EnumNames<SessionStatus>::names.size(); ++s)
    statuses_.push_back(
        {std::string(EnumNames<SessionStatus>::names[s]), std::string(label(static_cast<SessionStatus>(s)))});
}

void ReportsView::draw_filters(ViewContext& ctx) {
  rebuild_lists(ctx);
  // Two fields a row even on a phone (420 px), as many as fit on wider screens.
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float field_width = std::clamp((ImGui::GetContentRegionAvail().x - spacing) / 2.0f, 120.0f, 200.0f);
  field_rows("##report-filters", field_width,
             {[&] {
                if (filter_combo("Company", company_, companies_)) project_.clear(), cohort_.clear();
              },
              [&] {
                if (filter_combo("Project", project_, projects_)) cohort_.clear();
              },
              [&] { filter_combo("Cohort", cohort_, cohorts_); }, [&] { filter_combo("Coach", coach_, coaches_); },
              [&] { filter_combo("Status", status_, statuses_); },
              [&] { ui::input_text("From##report-from", &from_, "YYYY-MM-DD"); },
              [&] { ui::input_text("To##report-to", &to_, "YYYY-MM-DD"); }});
  // R17: the presets are local dates of the zone the range is bounded in.
  const ZoneRules zone = zone_ ? *zone_ : utc_zone();
  const CivilDate today = local_date(zone, ctx.now);
  bool first_link = true;
  for (const DatePreset preset : {DatePreset::this_week, DatePreset::last_4_weeks, DatePreset::this_month}) {
    const std::string label_id = std::string(label(preset)) + "##preset-" + std::string(to_string(preset));
    if (!first_link) same_line_if_fits(ImGui::CalcTextSize(label(preset)).x + 24);
    first_link = false;
    if (ui::link_button(label_id.c_str())) {
      const auto [first, last] = preset_dates(preset, today);
      from_ = date_text(first);
      to_ = date_text(last);
    }
  }
  same_line_if_fits(90);
  if (ui::link_button("All time##preset-all")) from_.clear(), to_.clear();
  same_line_if_fits(140);
  ui::checkbox("Client-safe##report-clean", &clean_);
  std::string zone_note = "Dates in " + zone_name_;
  if (!zone_ && zone_error_.empty()) zone_note = "Dates in UTC until " + zone_name_ + "'s rules arrive";
  if (!zone_ && !zone_error_.empty()) zone_note = "Dates in UTC (" + zone_name_ + "'s rules: " + zone_error_ + ")";
  same_line_if_fits(ImGui::CalcTextSize(zone_note.c_str()).x + 8);
  ImGui::AlignTextToFramePadding();
  ui::text_muted(zone_note);
}

void ReportsView::sort_rows(int column, bool ascending) {
  const auto c = static_cast<std::size_t>(column);
  const auto& rows = report_data_.table.rows;
  static const std::string none;
  std::stable_sort(order_.begin(), order_.end(), [&](std::size_t ia, std::size_t ib) {
    const auto& a = rows[ia];
    const auto& b = rows[ib];
    const std::string& x = c < a.size() ? a[c] : none;
    const std::string& y = c < b.size() ? b[c] : none;
    const auto nx = number_in(x), ny = number_in(y);
    const bool less = nx && ny ? *nx < *ny : x < y;
    const bool more = nx && ny ? *ny < *nx : y < x;
    return ascending ? less : more;
  });
}

void ReportsView::draw_table() {
  const ReportTable& table = report_data_.table;
  const int columns = static_cast<int>(std::min<std::size_t>(table.header.size(), 64));
  if (columns == 0) return;
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable;
  // At least a few rows, even below a tall chart on a small screen (the page scrolls).
  const float height = std::max(ImGui::GetContentRegionAvail().y, ImGui::GetFrameHeightWithSpacing() * 8);
  if (!ImGui::BeginTable("##report-table", columns, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  for (int c = 0; c < columns; ++c) {
    const std::string& title = table.header[static_cast<std::size_t>(c)];
    const float width = std::clamp(ImGui::CalcTextSize(title.c_str()).x + 32.0f, 90.0f, 260.0f);
    ImGui::TableSetupColumn(title.c_str(), ImGuiTableColumnFlags_WidthFixed, width);
  }
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
    if (specs->SpecsCount > 0) {
      sort_column_ = specs->Specs[0].ColumnIndex;
      sort_ascending_ = specs->Specs[0].SortDirection != ImGuiSortDirection_Descending;
      sort_rows(sort_column_, sort_ascending_);
    }
    specs->SpecsDirty = false;
  }
  const std::size_t first_status = table.first_status_column < 0 ? 0 : std::size_t(table.first_status_column);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(order_.size()));
  while (clipper.Step())
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const std::size_t index = order_[static_cast<std::size_t>(r)];
      const auto& row = table.rows[index];
      const std::vector<SessionStatus>* statuses =
          index < table.status_cells.size() ? &table.status_cells[index] : nullptr;
      ImGui::TableNextRow();
      for (int c = 0; c < columns; ++c) {
        ImGui::TableNextColumn();
        if (static_cast<std::size_t>(c) >= row.size()) continue;
        // Pathways Wide's session cells in the cohort grid's status colours.
        const std::size_t k = static_cast<std::size_t>(c) - first_status;
        if (statuses && static_cast<std::size_t>(c) >= first_status && k < statuses->size()) {
          const SessionStatus status = (*statuses)[k];
          ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, theme::status_color(status));
          ImGui::PushStyleColor(ImGuiCol_Text, theme::status_text_color(status));
          ImGui::TextUnformatted(row[static_cast<std::size_t>(c)].c_str());
          ImGui::PopStyleColor();
        } else {
          ImGui::TextUnformatted(row[static_cast<std::size_t>(c)].c_str());
        }
      }
    }
  ImGui::EndTable();
}

}  // namespace pathways
