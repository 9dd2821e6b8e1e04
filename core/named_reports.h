// The named reports of DESIGN.md §7 over one filter model (R14–R17): Pathways
// Wide, Missed Calls, Billing, Engagement, Coach utilisation and Status over time. Each is
// one core function returning typed rows and totals; `report_table` turns those rows into
// the cells a screen draws, and `table_csv` writes exactly those cells, so an export holds
// exactly the rows the screen shows for the same query (R16). The same query serves the
// server's endpoint and the weekly digest.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rejection.h"
#include "report.h"
#include "time_zone.h"

namespace pathways {

// [SECTION] The filter model

enum class ReportName : std::uint8_t {
  pathways_wide,
  missed_calls,
  billing,
  engagement,
  coach_utilisation,
  status_over_time
};
template <>
struct EnumNames<ReportName> {
  static constexpr std::array names{"pathways-wide", "missed-calls",      "billing",
                                    "engagement",    "coach-utilisation", "status-over-time"};
};

// One filter for every report: ReportFilter's company / project / cohort / coach / status
// and clean, plus a date range of local dates in the viewer's zone (R17), bounded by local
// midnights of `zone`, which the query carries as data. With no dates, all time.
struct ReportQuery {
  ReportFilter filter;
  std::optional<CivilDate> from, to;  // inclusive local dates
  ZoneRules zone = utc_zone();

  // The UTC instants of [from, to] in `zone`; an open end is the earliest / latest time.
  TimeRange range() const;
  bool dated() const { return from || to; }
};

// Longest id a query parameter may name.
constexpr std::size_t max_query_id_bytes = 64;

// Decodes query parameters (company, project, cohort, coach, status, from, to, tz, clean)
// into a query. `zones` finds a zone's rules by IANA name (null: unknown). Refuses with
// invalid_value an unknown parameter or status, an overlong or ill-formed id, a date that
// is not YYYY-MM-DD or not on the calendar (2026-02-30), `from` after `to`, a `clean`
// other than 0 / 1; unknown_time_zone a `tz` `zones` does not know. Missing tz: UTC.
Result<ReportQuery> decode_report_query(const std::map<std::string, std::string>& params,
                                        const std::function<const ZoneRules*(std::string_view)>& zones);

// [SECTION] Typed rows

// The people and places a row is reported under: its pathway's cohort and coach now.
// (R20, reporting a session under the cohort and coach it had when booked or marked, needs
// sessions to record them; not yet.)
// Views into the state the report was made from: valid while it lives unchanged (a report
// is drawn or written before the state changes; copy what must outlive it).
struct ReportContext {
  std::string_view participant, coach, cohort, project, company;  // internal ids
  std::string_view participant_name, coach_name, cohort_name, project_name, po_ref, company_name;
};

// Pathways Wide: one row per pathway, its sessions in pathway order.
struct PathwaysWideCell {
  Id session;
  std::string title;
  SessionStatus status = SessionStatus::unbooked;
};
struct PathwaysWideRow {
  ReportContext at;
  Id pathway;
  std::vector<PathwaysWideCell> cells;
  std::array<int, 5> by_status{};  // indexed by SessionStatus, over `cells`
  int visible = 0;                 // cells the participant sees (R7): denominator "of visible"
  int held = 0;                    // cells Completed or Missed: denominator "of held"
  // Completed over each denominator, 0-1 (0 when the denominator is 0).
  double completion_of_visible() const { return visible ? double(by_status[2]) / visible : 0.0; }
  double completion_of_held() const { return held ? double(by_status[2]) / held : 0.0; }
};
struct PathwaysWide {
  std::vector<PathwaysWideRow> rows;
  std::array<int, 5> by_status{};
  int visible = 0, held = 0;
};

// Missed Calls: every Missed session (R4a reason, R15 billable).
struct MissedCallRow {
  ReportContext at;
  Id session;
  std::string title;
  MissedReason reason = MissedReason::none;
  Time start{};
  bool billable = false;
};
// A coach's missed rate: Missed over held (Completed or Missed) among the kept sessions.
struct CoachMissedRate {
  std::string_view coach, coach_name;  // views into the state
  int missed = 0, held = 0;
  double rate() const { return held ? double(missed) / held : 0.0; }
};
struct MissedCalls {
  std::vector<MissedCallRow> rows;
  std::array<int, 4> by_reason{};  // indexed by MissedReason
  int billable = 0;
  int held = 0;                           // kept sessions Completed or Missed
  std::vector<CoachMissedRate> by_coach;  // by coach name
};

// Billing: billable sessions (R15) per project and PO per local month (R17).
struct BillingRow {
  std::string_view project, company_name, project_name, po_ref;  // views into the state
  int year = 0, month = 0;                                       // in the viewer's zone
  int billable = 0, completed = 0, no_show = 0, late_cancellation = 0;
};
struct Billing {
  std::vector<BillingRow> rows;  // by company, project, month
  int billable = 0;
};

// Engagement: what needs chasing.
enum class EngagementKind : std::uint8_t { overdue_unbooked, no_booking, inactive, escalation };
struct EngagementRow {
  EngagementKind kind = EngagementKind::overdue_unbooked;
  ReportContext at;
  Id session;         // overdue_unbooked
  std::string title;  // overdue_unbooked: the session's; escalation: its text
  Time since{};       // enrolment (overdue, no booking), last activity (inactive), raised (escalation)
};
struct Engagement {
  std::vector<EngagementRow> rows;  // by kind, then participant
  std::array<int, 4> by_kind{};
};
// An unbooked session the participant sees is overdue this long after enrolment.
constexpr int overdue_after_days = 28;

// Coach utilisation: booked place-minutes over offered place-minutes per coach per local week.
struct UtilisationRow {
  std::string_view coach, coach_name;  // views into the state
  CivilDate week;                      // the local Monday
  long long offered_min = 0, booked_min = 0;
  double ratio() const { return offered_min ? double(booked_min) / double(offered_min) : 0.0; }
};
struct CoachUtilisation {
  std::vector<UtilisationRow> rows;  // by coach name, week
  long long offered_min = 0, booked_min = 0;
};

// Status over time: sessions per local week (of their start) by status.
struct StatusWeekRow {
  CivilDate week;                  // the local Monday
  std::array<int, 5> by_status{};  // indexed by SessionStatus
};
struct StatusOverTime {
  std::vector<StatusWeekRow> rows;  // by week
  std::array<int, 5> by_status{};
};

// [SECTION] The reports
//
// Each keeps the pathways report_keeps_pathway keeps for `viewer` (scope from core/scope.h:
// a company the viewer may not see gives no rows), then the sessions that pass the status
// filter, the date range (on a session's start; a session never booked has no start and is
// kept only when the query has no dates) and, in clean queries, are not greyed out (R16).
// `now` is the time of the question (the core has no clock).

PathwaysWide report_pathways_wide(const State& state, const User& viewer, const ReportQuery& query);
MissedCalls report_missed_calls(const State& state, const User& viewer, const ReportQuery& query);
Billing report_billing(const State& state, const User& viewer, const ReportQuery& query);
// Overdue unbooked sessions, participants with no Booked session and something to book,
// the R14 inactivity list (a booking ahead means not inactive), escalations (raised in the
// date range). Status filter does not apply.
Engagement report_engagement(const State& state, const User& viewer, const ReportQuery& query, Time now);
// Slots in the viewer's scope whose start is in the range, of the filter's coach; company,
// project, cohort and status do not apply to slots.
CoachUtilisation report_coach_utilisation(const State& state, const User& viewer, const ReportQuery& query);
StatusOverTime report_status_over_time(const State& state, const User& viewer, const ReportQuery& query);

// [SECTION] Screen and CSV: one table

// The cells a screen draws and a CSV holds: a header and one row per typed report row
// (totals stay out). Clean tables leave out ids and notes (R16). Times are the viewer's
// local time with the zone's abbreviation.
struct ReportTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Pathways Wide: the status of each session cell, so a screen colours it as the cohort
  // grid does. status_cells[r][i] is the status of rows[r][first_status_column + i]; empty
  // for the other reports. Never written to the CSV.
  int first_status_column = -1;
  std::vector<std::vector<SessionStatus>> status_cells;
};
ReportTable report_table(ReportName name, const State& state, const User& viewer, const ReportQuery& query, Time now);

// [SECTION] Totals and charts

// A figure above a report's rows: a count, a share (0-1) or minutes, with its label. The
// screen draws them and the JSON endpoint carries them; the CSV holds rows only (R16).
enum class FigureUnit : std::uint8_t { count, share, minutes };
struct ReportTotal {
  std::string label;
  double value = 0;
  FigureUnit unit = FigureUnit::count;
  std::string text() const;  // "12", "83%", "1,440 min"
  bool operator==(const ReportTotal&) const = default;
};

// Totals per report, from its typed result. Pathways Wide: participants, counts by status,
// both denominators and completion over each, labelled ("of visible sessions", "of
// sessions held"). Clean queries leave out the greyed-out count (R16).
std::vector<ReportTotal> report_totals(const PathwaysWide& r, bool clean);
std::vector<ReportTotal> report_totals(const MissedCalls& r);
std::vector<ReportTotal> report_totals(const Billing& r);
std::vector<ReportTotal> report_totals(const Engagement& r);
std::vector<ReportTotal> report_totals(const CoachUtilisation& r);
std::vector<ReportTotal> report_totals(const StatusOverTime& r, bool clean);

// What a chart of a report shows, as data: categories along one axis, one or more series
// of values (stacked when more than one), each coloured by a session status. The drawing
// lives in web/views/chart_*; the arithmetic in core/chart_layout.h.
enum class ChartKind : std::uint8_t {
  none,             // the report has no chart
  stacked_columns,  // Status over time: a column per week, stacked by status
  horizontal_bars,  // a bar per coach (missed rate, utilisation), highest first
  funnel,           // Pathways Wide: completed per journey position, bars centred
};
struct ChartSeries {
  std::string name;
  SessionStatus colour = SessionStatus::completed;  // drawn in this status's colour
  std::vector<double> values;                       // one per category
};
struct ReportChart {
  ChartKind kind = ChartKind::none;
  std::string title;
  FigureUnit unit = FigureUnit::count;  // of the values (share: 0-1)
  std::vector<std::string> categories;
  std::vector<ChartSeries> series;
  std::string note;  // e.g. "The 15 highest of 40 coaches."
};
// Bars a per-coach chart shows at most (the highest); the table lists them all.
constexpr std::size_t max_chart_bars = 15;
ReportChart report_chart(const PathwaysWide& r);
ReportChart report_chart(const MissedCalls& r);
ReportChart report_chart(const CoachUtilisation& r);
ReportChart report_chart(const StatusOverTime& r, bool clean);

// One report run once for a screen or an endpoint: its table, totals and chart.
struct NamedReport {
  ReportTable table;
  std::vector<ReportTotal> totals;
  ReportChart chart;
};
NamedReport run_named_report(ReportName name, const State& state, const User& viewer, const ReportQuery& query,
                             Time now);

// R16: CSV of exactly these cells: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
// quoting, and every cell a spreadsheet would read as a formula (starting with = + - @,
// TAB or CR) prefixed with an apostrophe. A header row even when there are no rows.
std::string table_csv(const ReportTable& table);
// The cell as the CSV writes it (quoted when needed, formula neutralised).
std::string csv_cell(std::string_view text);
// One CSV line: the cells as csv_cell writes them, comma-separated, CRLF, appended to `out`.
// table_csv is the byte-order mark and then these lines, so a server may stream a table in
// pieces (the BOM, then some lines at a time) and send the same bytes.
void append_csv_line(std::string& out, const std::vector<std::string>& cells);
inline constexpr std::string_view csv_byte_order_mark = "\xEF\xBB\xBF";

}  // namespace pathways
