// Billing and exports: R15, R16.
#include "core/report.h"

#include <algorithm>
#include <set>

#include "core/session_rules.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {
Session with(SessionStatus status, MissedReason reason = MissedReason::none) {
  Session s;
  s.status = status;
  s.missed_reason = reason;
  return s;
}
int lines(const std::string& csv) { return static_cast<int>(std::count(csv.begin(), csv.end(), '\n')); }
}  // namespace

TEST_CASE("R15 is_billable: Completed, and Missed for no_show or late_cancellation") {
  CHECK(is_billable(with(SessionStatus::completed)));
  CHECK(is_billable(with(SessionStatus::missed, MissedReason::no_show)));
  CHECK(is_billable(with(SessionStatus::missed, MissedReason::late_cancellation)));
  CHECK_FALSE(is_billable(with(SessionStatus::missed, MissedReason::coach_no_show)));
  CHECK_FALSE(is_billable(with(SessionStatus::unbooked)));
  CHECK_FALSE(is_billable(with(SessionStatus::booked)));
  CHECK_FALSE(is_billable(with(SessionStatus::greyed_out)));
}

TEST_CASE("R16 report_rows: clean exports leave out notes, ids, greyed-out sessions and archived participants") {
  World w = make_world();
  w.book("pa/s1", -hours(2));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt});
  w.must(coach, AddNote{"pa/s1", "n1", {"Discussed a confidential reorganisation"}});
  w.must(admin, ArchiveParticipant{"bob"});
  const User& viewer = *w.state.user("admin");

  ReportFilter internal;
  internal.company = "acme";
  const auto full = report_rows(w.state, viewer, internal);
  const std::string full_csv = export_csv(full, false);
  CHECK(full_csv.find("confidential") != std::string::npos);
  CHECK(full_csv.find("pa/s1") != std::string::npos);

  ReportFilter clean = internal;
  clean.clean = true;
  const auto rows = report_rows(w.state, viewer, clean);
  const std::string csv = export_csv(rows, true);
  CHECK(csv.find("confidential") == std::string::npos);
  CHECK(csv.find("pa/s1") == std::string::npos);
  CHECK(csv.find("Bob Baker") == std::string::npos);   // archived
  CHECK(csv.find("Greyed out") == std::string::npos);  // alice's s4 is greyed out
  for (const auto& r : rows) CHECK(r.status != SessionStatus::greyed_out);
  // One query path: the export holds exactly the rows the screen shows (plus the header).
  CHECK(lines(csv) == static_cast<int>(rows.size()) + 1);
  CHECK(lines(full_csv) == static_cast<int>(full.size()) + 1);
  CHECK(rows.size() == 7);  // alice: 3 not greyed out; carol: 4; bob: archived
}

TEST_CASE("reports: filters, scope and totals") {
  World w = make_world();
  w.book("pa/s1", -hours(2));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::missed, MissedReason::no_show});
  ReportFilter only_missed;
  only_missed.status = SessionStatus::missed;
  auto rows = report_rows(w.state, *w.state.user("admin"), only_missed);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].participant_name == "Alice Archer");
  CHECK(rows[0].billable);
  // A coach's report holds only their own participants.
  auto coach_rows = report_rows(w.state, *w.state.user("coach1"), ReportFilter{});
  for (const auto& r : coach_rows) CHECK(r.coach == "coach1");
  auto t = totals(report_rows(w.state, *w.state.user("admin"), ReportFilter{}));
  CHECK(t.by_status[static_cast<int>(SessionStatus::missed)] == 1);
  CHECK(t.billable == 1);
  // Spreadsheet formulas in names are neutralised.
  w.must(admin, UpdateUser{"alice", Name{"=HYPERLINK(\"x\")"}, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                           std::nullopt});
  auto csv = export_csv(report_rows(w.state, *w.state.user("admin"), ReportFilter{}), true);
  CHECK(csv.find("\"'=HYPERLINK(\"\"x\"\")\"") != std::string::npos);
}

TEST_CASE("R16 report_pathways: the grid's participants are the report's for the same filter") {
  World w = make_world();
  w.must(admin, EnrolParticipant{"pa2", "alice", "c2", "coach2"});
  w.must(admin, ArchiveParticipant{"bob"});
  w.must(admin, ArchiveCohort{"c2"});
  auto grid_people = [&](const User& viewer, const ReportFilter& f) {
    std::set<Id> out;
    for (const Pathway* p : report_pathways(w.state, viewer, f)) out.insert(p->participant);
    return out;
  };
  auto report_people = [&](const User& viewer, const ReportFilter& f) {
    std::set<Id> out;
    for (const ReportRow& r : report_rows(w.state, viewer, f)) out.insert(r.participant);
    return out;
  };
  std::vector<ReportFilter> filters(8);
  filters[1].company = "acme";
  filters[2].cohort = "c2";  // archived: nobody by default
  filters[3].cohort = "c2";
  filters[3].include_archived = true;
  filters[4].participant_name = "CAROL";
  filters[5].include_archived = true;
  filters[6].clean = true;
  filters[6].include_archived = true;  // clean wins: archived stay out
  filters[7].coach = "coach1";
  for (const char* id : {"admin", "coach1", "coach2", "lead1"}) {
    const User& viewer = *w.state.user(id);
    for (const ReportFilter& f : filters) {
      CAPTURE(id);
      CHECK(grid_people(viewer, f) == report_people(viewer, f));
    }
  }
  const User& admin_user = *w.state.user("admin");
  // By default archived participants and cohorts are out (R14): carol's cohort is archived,
  // bob is archived, alice's c2 pathway goes with the cohort.
  CHECK(grid_people(admin_user, filters[0]) == std::set<Id>{"alice"});
  CHECK(report_pathways(w.state, admin_user, filters[0]).size() == 1);
  CHECK(grid_people(admin_user, filters[5]) == std::set<Id>{"alice", "bob", "carol"});
  CHECK(grid_people(admin_user, filters[3]) == std::set<Id>{"alice", "carol"});
  CHECK(grid_people(admin_user, filters[2]).empty());
  // The cohort choices follow the same rule: an archived cohort only where archived ones are in.
  const Cohort& archived = *w.state.cohort("c2");
  CHECK_FALSE(report_keeps_cohort(filters[0], archived));
  CHECK(report_keeps_cohort(filters[5], archived));
  CHECK_FALSE(report_keeps_cohort(filters[6], archived));
  CHECK(report_keeps_cohort(filters[0], *w.state.cohort("c1")));
  // A coach sees only their own participants.
  CHECK(grid_people(*w.state.user("coach2"), filters[5]) == std::set<Id>{"alice", "carol"});
}
