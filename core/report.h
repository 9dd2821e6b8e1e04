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
