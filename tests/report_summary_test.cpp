// Totals and chart data of the named reports (DESIGN.md §7, R16): the figures above the
// rows, with Pathways Wide's two labelled denominators, and what each chart draws.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/named_reports.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

ReportQuery query(std::map<std::string, std::string> params) {
  auto q = decode_report_query(params, [](std::string_view) -> const ZoneRules* { return nullptr; });
  REQUIRE_MESSAGE(q, (q ? "" : q.rejection().message));
  return q.value();
}

const ReportTotal* total(const std::vector<ReportTotal>& totals, std::string_view label) {
  for (const auto& t : totals)
    if (t.label == label) return &t;
  return nullptr;
}

// make_world with alice's first session Completed and second Missed (no-show).
World marked_world() {
  World w = make_world();
  w.book("pa/s1", -hours(5));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt});
  w.book("pa/s2", -hours(3));
  w.must(coach, MarkAttendance{"pa/s2", Outcome::missed, MissedReason::no_show});
  return w;
}

}  // namespace

TEST_CASE("R16 report totals: Pathways Wide counts by status and completion over both labelled denominators") {
  World w = marked_world();
  const User& viewer = *w.state.user("admin");
  const ReportQuery q = query({{"cohort", "c1"}});
  const PathwaysWide typed = report_pathways_wide(w.state, viewer, q);
  const NamedReport r = run_named_report(ReportName::pathways_wide, w.state, viewer, q, now);
  REQUIRE(typed.visible != typed.held);
  CHECK(total(r.totals, "Participants")->value == double(typed.rows.size()));
  CHECK(total(r.totals, "Completed")->value == 1);
  CHECK(total(r.totals, "Missed")->value == 1);
  CHECK(total(r.totals, "Visible sessions")->value == typed.visible);
  CHECK(total(r.totals, "Sessions held")->value == 2);
  const ReportTotal* of_visible = total(r.totals, "Completion of visible sessions");
  const ReportTotal* of_held = total(r.totals, "Completion of sessions held");
  REQUIRE(of_visible);
  REQUIRE(of_held);
  CHECK(of_visible->unit == FigureUnit::share);
  CHECK(of_visible->value == doctest::Approx(1.0 / typed.visible));
  CHECK(of_held->value == doctest::Approx(0.5));
  CHECK(of_held->text() == "50%");
  // Clean: no greyed-out count.
  CHECK(total(r.totals, "Greyed out"));
  const NamedReport clean =
      run_named_report(ReportName::pathways_wide, w.state, viewer, query({{"cohort", "c1"}, {"clean", "1"}}), now);
  CHECK_FALSE(total(clean.totals, "Greyed out"));
  // The table is the one report_table gives.
  CHECK(r.table.rows == report_table(ReportName::pathways_wide, w.state, viewer, q, now).rows);
}

TEST_CASE("R16 Pathways Wide status cells: one status per session cell, in the cells' order") {
  World w = marked_world();
  const NamedReport r = run_named_report(ReportName::pathways_wide, w.state, *w.state.user("admin"), query({}), now);
  REQUIRE(r.table.first_status_column == 5);
  REQUIRE(r.table.status_cells.size() == r.table.rows.size());
  int completed = 0;
  for (std::size_t i = 0; i < r.table.rows.size(); ++i)
    for (std::size_t k = 0; k < r.table.status_cells[i].size(); ++k) {
      const std::string& cell = r.table.rows[i][5 + k];
      const std::string_view name = label(r.table.status_cells[i][k]);
      CHECK(cell.substr(cell.size() - name.size()) == name);
      completed += r.table.status_cells[i][k] == SessionStatus::completed;
    }
  CHECK(completed == 1);
  // Other reports carry no status cells.
  CHECK(run_named_report(ReportName::billing, w.state, *w.state.user("admin"), query({}), now)
            .table.status_cells.empty());
}

TEST_CASE("R15 report totals: missed calls by reason and billable, billing and utilisation") {
  World w = marked_world();
  const User& viewer = *w.state.user("admin");
  const NamedReport missed = run_named_report(ReportName::missed_calls, w.state, viewer, query({}), now);
  CHECK(total(missed.totals, "Missed sessions")->value == 1);
  CHECK(total(missed.totals, "Billable")->value == 1);
  CHECK(total(missed.totals, std::string(label(MissedReason::no_show)))->value == 1);
  CHECK(total(missed.totals, "Missed rate (of sessions held)")->value == doctest::Approx(0.5));
  const NamedReport billing = run_named_report(ReportName::billing, w.state, viewer, query({}), now);
  CHECK(total(billing.totals, "Billable sessions")->value == 2);
  CHECK(total(billing.totals, "Completed")->value == 1);
  const NamedReport use = run_named_report(ReportName::coach_utilisation, w.state, viewer, query({}), now);
  const CoachUtilisation typed = report_coach_utilisation(w.state, viewer, query({}));
  CHECK(total(use.totals, "Booked")->value == double(typed.booked_min));
  CHECK(total(use.totals, "Offered")->value == double(typed.offered_min));
  CHECK(total(use.totals, "Booked")->unit == FigureUnit::minutes);
}

TEST_CASE("R16 report charts: what each chart draws") {
  World w = marked_world();
  const User& viewer = *w.state.user("admin");
  // Missed rate per coach: coach1 held 3 (alice's two, bob's one) and missed 1; one bar
  // per coach, however many participants they coach.
  w.book("pb/s1", -hours(7));
  w.must(coach, MarkAttendance{"pb/s1", Outcome::completed, std::nullopt});
  const NamedReport missed = run_named_report(ReportName::missed_calls, w.state, viewer, query({}), now);
  REQUIRE(missed.chart.kind == ChartKind::horizontal_bars);
  REQUIRE(missed.chart.series.size() == 1);
  REQUIRE(missed.chart.categories.size() == 1);
  CHECK(missed.chart.series[0].values[0] == doctest::Approx(1.0 / 3));
  CHECK(missed.chart.series[0].colour == SessionStatus::missed);
  // Funnel: one completed at position 1, none at 2.
  const NamedReport wide = run_named_report(ReportName::pathways_wide, w.state, viewer, query({}), now);
  REQUIRE(wide.chart.kind == ChartKind::funnel);
  REQUIRE(wide.chart.series[0].values.size() >= 2);
  CHECK(wide.chart.series[0].values[0] == 2);
  CHECK(wide.chart.series[0].values[1] == 0);
  CHECK(wide.chart.categories[0].starts_with("1. "));
  // Status over time: a series per status (greyed out left out when clean), one column per week.
  const NamedReport weeks = run_named_report(ReportName::status_over_time, w.state, viewer, query({}), now);
  REQUIRE(weeks.chart.kind == ChartKind::stacked_columns);
  CHECK(weeks.chart.series.size() == 5);
  CHECK(weeks.chart.categories.size() == weeks.table.rows.size());
  double sessions = 0;
  for (const auto& s : weeks.chart.series) sessions += s.values.at(0);
  CHECK(sessions == total(weeks.totals, "Sessions")->value);
  CHECK(run_named_report(ReportName::status_over_time, w.state, viewer, query({{"clean", "1"}}), now)
            .chart.series.size() == 4);
  CHECK(run_named_report(ReportName::billing, w.state, viewer, query({}), now).chart.kind == ChartKind::none);
}

TEST_CASE("R16 per-coach charts keep the highest bars, highest first, and say how many were left out") {
  MissedCalls typed;
  std::vector<std::string> names;
  for (int i = 0; i < 20; ++i) names.push_back("Coach " + std::to_string(i));
  for (int i = 0; i < 20; ++i) typed.by_coach.push_back({names[i], names[i], i % 7, 10});
  const ReportChart chart = report_chart(typed);
  REQUIRE(chart.categories.size() == max_chart_bars);
  const auto& v = chart.series[0].values;
  CHECK(std::is_sorted(v.rbegin(), v.rend()));
  CHECK(v.front() == doctest::Approx(0.6));
  CHECK(chart.note == "The 15 highest of 20 coaches.");
}

TEST_CASE("R16 ReportTotal text: counts grouped, shares as percentages, minutes") {
  CHECK(ReportTotal{"x", 1234567, FigureUnit::count}.text() == "1,234,567");
  CHECK(ReportTotal{"x", 0, FigureUnit::count}.text() == "0");
  CHECK(ReportTotal{"x", 0.333, FigureUnit::share}.text() == "33%");
  CHECK(ReportTotal{"x", 1440, FigureUnit::minutes}.text() == "1,440 min");
}
