// Totals and chart data of the named reports (core/named_reports.h, DESIGN.md §7): derived
// from the typed results only, so the screen, the JSON endpoint and the weekly digest show
// the same figures for the same query.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

#include "named_reports.h"

namespace pathways {
namespace {

constexpr SessionStatus all_statuses[] = {SessionStatus::unbooked, SessionStatus::booked, SessionStatus::completed,
                                          SessionStatus::missed, SessionStatus::greyed_out};

double share(long long part, long long whole) { return whole ? double(part) / double(whole) : 0.0; }

// "1,234,567": counts read at a glance.
std::string grouped(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

void add_status_counts(std::vector<ReportTotal>& out, const std::array<int, 5>& by_status, bool clean) {
  for (SessionStatus s : all_statuses)
    if (!(clean && s == SessionStatus::greyed_out))
      out.push_back({std::string(label(s)), double(by_status[static_cast<int>(s)]), FigureUnit::count});
}

// Keeps the `max_chart_bars` highest categories (by the first series), highest first, and
// says so in the note when some were left out.
void keep_highest(ReportChart& chart, const std::string& what) {
  const std::size_t n = chart.categories.size();
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  const std::vector<double>& v = chart.series.front().values;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] > v[b]; });
  if (order.size() > max_chart_bars) {
    chart.note = "The " + std::to_string(max_chart_bars) + " highest of " + std::to_string(n) + " " + what + ".";
    order.resize(max_chart_bars);
  }
  std::vector<std::string> categories;
  for (std::size_t i : order) categories.push_back(chart.categories[i]);
  chart.categories = std::move(categories);
  for (ChartSeries& series : chart.series) {
    std::vector<double> values;
    for (std::size_t i : order) values.push_back(series.values[i]);
    series.values = std::move(values);
  }
}

}  // namespace

std::string ReportTotal::text() const {
  switch (unit) {
    case FigureUnit::share:
      return std::to_string(static_cast<int>(std::floor(value * 100.0 + 0.5))) + "%";
    case FigureUnit::minutes:
      return grouped(std::llround(value)) + " min";
    case FigureUnit::count:
      break;
  }
  return grouped(std::llround(value));
}

// [SECTION] Totals

std::vector<ReportTotal> report_totals(const PathwaysWide& r, bool clean) {
  std::vector<ReportTotal> out{{"Participants", double(r.rows.size()), FigureUnit::count}};
  add_status_counts(out, r.by_status, clean);
  const int completed = r.by_status[static_cast<int>(SessionStatus::completed)];
  out.push_back({"Visible sessions", double(r.visible), FigureUnit::count});
  out.push_back({"Sessions held", double(r.held), FigureUnit::count});
  // [mutation R16-total-denominators] -> const int visible = r.held;
  const int visible = r.visible;
  // [end mutation]
  out.push_back({"Completion of visible sessions", share(completed, visible), FigureUnit::share});
  out.push_back({"Completion of sessions held", share(completed, r.held), FigureUnit::share});
  return out;
}

std::vector<ReportTotal> report_totals(const MissedCalls& r) {
  std::vector<ReportTotal> out{{"Missed sessions", double(r.rows.size()), FigureUnit::count},
                               {"Billable", double(r.billable), FigureUnit::count}};
  for (MissedReason reason : {MissedReason::no_show, MissedReason::late_cancellation, MissedReason::coach_no_show})
    out.push_back({std::string(label(reason)), double(r.by_reason[static_cast<int>(reason)]), FigureUnit::count});
  out.push_back(
      {"Missed rate (of sessions held)", share(static_cast<long long>(r.rows.size()), r.held), FigureUnit::share});
  return out;
}

std::vector<ReportTotal> report_totals(const Billing& r) {
  int completed = 0, no_show = 0, late = 0;
  for (const BillingRow& row : r.rows)
    completed += row.completed, no_show += row.no_show, late += row.late_cancellation;
  return {{"Billable sessions", double(r.billable), FigureUnit::count},
          {"Completed", double(completed), FigureUnit::count},
          {std::string(label(MissedReason::no_show)), double(no_show), FigureUnit::count},
          {std::string(label(MissedReason::late_cancellation)), double(late), FigureUnit::count}};
}

std::vector<ReportTotal> report_totals(const Engagement& r) {
  constexpr const char* labels[] = {"Overdue, unbooked", "No booking", "Inactive (R14)", "Escalations"};
  std::vector<ReportTotal> out;
  for (int k = 0; k < 4; ++k) out.push_back({labels[k], double(r.by_kind[k]), FigureUnit::count});
  return out;
}

std::vector<ReportTotal> report_totals(const CoachUtilisation& r) {
  return {{"Booked", double(r.booked_min), FigureUnit::minutes},
          {"Offered", double(r.offered_min), FigureUnit::minutes},
          {"Utilisation", share(r.booked_min, r.offered_min), FigureUnit::share}};
}

std::vector<ReportTotal> report_totals(const StatusOverTime& r, bool clean) {
  long long sessions = 0;
  for (int i = 0; i < 5; ++i)
    if (!(clean && i == static_cast<int>(SessionStatus::greyed_out))) sessions += r.by_status[i];
  std::vector<ReportTotal> out{{"Sessions", double(sessions), FigureUnit::count}};
  add_status_counts(out, r.by_status, clean);
  return out;
}

// [SECTION] Charts

ReportChart report_chart(const PathwaysWide& r) {
  ReportChart chart;
  chart.kind = ChartKind::funnel;
  chart.title = "Completed, by position in the journey";
  std::vector<double> completed;
  for (const PathwaysWideRow& row : r.rows)
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      if (i >= completed.size()) {
        completed.resize(i + 1, 0.0);
        chart.categories.push_back(std::to_string(i + 1) + ". " + row.cells[i].title);
      }
      completed[i] += row.cells[i].status == SessionStatus::completed ? 1 : 0;
    }
  chart.series.push_back({"Completed", SessionStatus::completed, std::move(completed)});
  chart.note = "Participants who completed the session at each position, of " + grouped(long(r.rows.size())) + ".";
  return chart;
}

ReportChart report_chart(const MissedCalls& r) {
  ReportChart chart;
  chart.kind = ChartKind::horizontal_bars;
  chart.title = "Missed rate per coach (of sessions held)";
  chart.unit = FigureUnit::share;
  ChartSeries series{"Missed rate", SessionStatus::missed, {}};
  for (const CoachMissedRate& c : r.by_coach) {
    chart.categories.push_back(std::string(c.coach_name.empty() ? c.coach : c.coach_name));
    series.values.push_back(c.rate());
  }
  chart.series.push_back(std::move(series));
  keep_highest(chart, "coaches");
  return chart;
}

ReportChart report_chart(const CoachUtilisation& r) {
  ReportChart chart;
  chart.kind = ChartKind::horizontal_bars;
  chart.title = "Utilisation per coach (booked of offered minutes)";
  chart.unit = FigureUnit::share;
  // Weeks summed per coach; rows come by coach name, then week.
  std::map<std::tuple<std::string_view, std::string_view>, std::pair<long long, long long>> coaches;
  for (const UtilisationRow& row : r.rows) {
    auto& [booked, offered] = coaches[{row.coach_name, row.coach}];
    booked += row.booked_min, offered += row.offered_min;
  }
  ChartSeries series{"Utilisation", SessionStatus::booked, {}};
  for (const auto& [key, minutes] : coaches) {
    const auto& [name, id] = key;
    chart.categories.push_back(std::string(name.empty() ? id : name));
    series.values.push_back(share(minutes.first, minutes.second));
  }
  chart.series.push_back(std::move(series));
  keep_highest(chart, "coaches");
  return chart;
}

ReportChart report_chart(const StatusOverTime& r, bool clean) {
  ReportChart chart;
  chart.kind = ChartKind::stacked_columns;
  chart.title = "Sessions per week, by status";
  for (const StatusWeekRow& row : r.rows) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", row.week.year, row.week.month, row.week.day);
    chart.categories.push_back(buf);
  }
  for (SessionStatus s : all_statuses) {
    if (clean && s == SessionStatus::greyed_out) continue;
    ChartSeries series{std::string(label(s)), s, {}};
    for (const StatusWeekRow& row : r.rows) series.values.push_back(row.by_status[static_cast<int>(s)]);
    chart.series.push_back(std::move(series));
  }
  return chart;
}

}  // namespace pathways
