// Reports and exports (R15, R16): one query serves the screen and the CSV, so an export
// always holds exactly the rows the screen shows for the same filters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "state.h"

namespace pathways {

struct ReportFilter {
  std::optional<Id> company, project, cohort, coach;
  std::optional<SessionStatus> status;
  std::string participant_name;   // kept when the name contains this (ASCII case-insensitive); empty: all
  bool include_archived = false;  // R14: archived participants are out of default views
  bool clean = false;             // R16: client-safe: no notes, ids, greyed-out or archived
};

struct ReportRow {
  Id session, participant, coach, cohort;  // internal ids (left out of clean exports)
  std::string participant_name, coach_name, company_name, project_name, cohort_name, title;
  SessionStatus status = SessionStatus::unbooked;
  MissedReason missed_reason = MissedReason::none;
  Time start{};
  bool billable = false;  // R15
  std::string notes;      // internal notes, joined (empty in clean reports)
};

// R14, R16: may `filter` show this cohort at all? Archived cohorts are out unless archived
// ones are included (never in clean reports). The grid's cohort choices ask this too.
bool report_keeps_cohort(const ReportFilter& filter, const Cohort& cohort);

// R14, R16: does `filter` keep this pathway for `viewer`? In the viewer's scope, of the
// filter's company / project / cohort / coach, with its participant known and matching the
// name search, and, unless archived ones are included (never in clean reports), neither the
// participant nor the cohort archived. The single participant filter: the cohort grid's rows
// and report_rows come from it, so a screen and its export never disagree on who is in.
bool report_keeps_pathway(const State& state, const User& viewer, const ReportFilter& filter, const Pathway& pathway);

class Scope;
// The same with the viewer's Scope built once (core/scope.h), for callers that ask about
// many pathways: a report over every pathway builds one Scope, not one per pathway.
bool report_keeps_pathway(const Scope& scope, const ReportFilter& filter, const Pathway& pathway);

// The pathways report_keeps_pathway keeps, in no set order; pointers into `state`.
std::vector<const Pathway*> report_pathways(const State& state, const User& viewer, const ReportFilter& filter);

// The rows `viewer` may see that pass `filter`, ordered by company, cohort, participant, session.
std::vector<ReportRow> report_rows(const State& state, const User& viewer, const ReportFilter& filter);

// CSV (RFC 4180) of exactly these rows; `clean` leaves out ids and notes columns.
std::string export_csv(const std::vector<ReportRow>& rows, bool clean);

struct ReportTotals {
  int by_status[5] = {0, 0, 0, 0, 0};
  int billable = 0;
};
ReportTotals totals(const std::vector<ReportRow>& rows);

}  // namespace pathways
