#include "report.h"

#include <algorithm>
#include <tuple>

#include "permissions.h"
#include "scope.h"
#include "session_rules.h"

namespace pathways {
namespace {

std::string csv_field(const std::string& s) {
  // Quote always; double inner quotes. A leading = + - @ would be a formula in a
  // spreadsheet, so it is prefixed with an apostrophe.
  std::string out = "\"";
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) out += '\'';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

bool contains_ignoring_case(const std::string& text, const std::string& needle) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return std::search(text.begin(), text.end(), needle.begin(), needle.end(),
                     [&](char a, char b) { return lower(a) == lower(b); }) != text.end();
}

}  // namespace

bool report_keeps_cohort(const ReportFilter& filter, const Cohort& cohort) {
  const bool hide_archived = filter.clean || !filter.include_archived;
  return !(hide_archived && cohort.archived);
}

bool report_keeps_pathway(const State& state, const User& viewer, const ReportFilter& filter, const Pathway& pw) {
  return report_keeps_pathway(Scope(state, viewer), filter, pw);
}

bool report_keeps_pathway(const Scope& scope, const ReportFilter& filter, const Pathway& pw) {
  const State& state = scope.state();
  if (filter.coach && pw.coach != *filter.coach) return false;
  if (filter.cohort && pw.cohort != *filter.cohort) return false;
  const Cohort* cohort = state.cohort(pw.cohort);
  const Project* project = cohort ? state.project(cohort->project) : nullptr;
  if (filter.project && (!project || project->id != *filter.project)) return false;
  if (filter.company && (!project || project->company != *filter.company)) return false;
  const bool hide_archived = filter.clean || !filter.include_archived;
  const User* participant = state.user(pw.participant);
  if (!participant || (hide_archived && participant->archived)) return false;
  if (cohort && !report_keeps_cohort(filter, *cohort)) return false;
  if (!filter.participant_name.empty() && !contains_ignoring_case(participant->name, filter.participant_name))
    return false;
  return scope.contains(pw);
}

std::vector<const Pathway*> report_pathways(const State& state, const User& viewer, const ReportFilter& filter) {
  std::vector<const Pathway*> out;
  const Scope scope(state, viewer);
  for (const auto& [id, pw] : state.pathways)
    if (report_keeps_pathway(scope, filter, pw)) out.push_back(&pw);
  return out;
}

std::vector<ReportRow> report_rows(const State& state, const User& viewer, const ReportFilter& filter) {
  std::vector<ReportRow> rows;
  for (const Pathway* pathway : report_pathways(state, viewer, filter)) {
    const Pathway& pw = *pathway;
    const Id& pid = pw.id;
    const Cohort* cohort = state.cohort(pw.cohort);
    const Project* project = cohort ? state.project(cohort->project) : nullptr;
    const User* participant = state.user(pw.participant);
    const User* coach = state.user(pw.coach);
    const Company* company = project ? state.company(project->company) : nullptr;
    for (const Session& s : state.sessions_of(pid)) {
      if (filter.status && s.status != *filter.status) continue;
      // [mutation R16]
      if (filter.clean && s.status == SessionStatus::greyed_out) continue;
      // [end mutation]
      if (!in_scope(state, viewer, Entity{s})) continue;
      ReportRow r;
      r.session = s.id();
      r.participant = pw.participant;
      r.coach = pw.coach;
      r.cohort = pw.cohort;
      r.participant_name = participant->name;
      r.coach_name = coach ? coach->name : "";
      r.company_name = company ? company->name : "";
      r.project_name = project ? project->name : "";
      r.cohort_name = cohort ? cohort->name : "";
      r.title = session_title(state, s);
      r.status = s.status;
      r.missed_reason = s.missed_reason;
      r.start = s.start;
      r.billable = is_billable(s);
      if (!filter.clean && (viewer.role == Role::admin || viewer.role == Role::coach))
        for (const Id& nid : state.ids(state.notes_by_session, r.session))
          if (const Note* n = state.note(nid)) r.notes += (r.notes.empty() ? "" : " | ") + n->text;
      rows.push_back(std::move(r));
    }
  }
  std::sort(rows.begin(), rows.end(), [](const ReportRow& a, const ReportRow& b) {
    return std::tie(a.company_name, a.cohort_name, a.participant_name, a.participant, a.start, a.session) <
           std::tie(b.company_name, b.cohort_name, b.participant_name, b.participant, b.start, b.session);
  });
  return rows;
}

std::string export_csv(const std::vector<ReportRow>& rows, bool clean) {
  std::string out;
  out += clean ? "Company,Project,Cohort,Participant,Coach,Session,Status,Missed reason,Start (UTC),Billable\r\n"
               : "Company,Project,Cohort,Participant,Coach,Session,Status,Missed reason,Start (UTC),Billable,"
                 "Session id,Participant id,Coach id,Notes\r\n";
  for (const ReportRow& r : rows) {
    out += csv_field(r.company_name) + "," + csv_field(r.project_name) + "," + csv_field(r.cohort_name) + "," +
           csv_field(r.participant_name) + "," + csv_field(r.coach_name) + "," + csv_field(r.title) + "," +
           csv_field(std::string(label(r.status))) + "," + csv_field(std::string(label(r.missed_reason))) + "," +
           csv_field(r.start == Time{} ? "" : format_time(r.start)) + "," + (r.billable ? "yes" : "no");
    if (!clean)
      out += "," + csv_field(r.session) + "," + csv_field(r.participant) + "," + csv_field(r.coach) + "," +
             csv_field(r.notes);
    out += "\r\n";
  }
  return out;
}

ReportTotals totals(const std::vector<ReportRow>& rows) {
  ReportTotals t;
  for (const ReportRow& r : rows) {
    t.by_status[static_cast<int>(r.status)] += 1;
    t.billable += r.billable ? 1 : 0;
  }
  return t;
}

}  // namespace pathways
