// The named reports over one filter model (DESIGN.md §7): R16 (the CSV holds exactly the
// screen's rows; clean exports), R17 (date ranges bounded by local midnights east and west
// of UTC and across a clock change), R15 (billing), R14 (inactivity with a booking ahead),
// the labelled denominators, and the query decoder's refusals.
#include "core/named_reports.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/pathway_rules.h"
#include "core/time_zone_codec.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

const ZoneRules* find_zone(std::string_view name) {
  static const std::map<std::string, ZoneRules, std::less<>> zones = [] {
    std::ifstream in(std::string(PATHWAYS_TESTS_DIR) + "/golden/zones.json");
    std::stringstream text;
    text << in.rdbuf();
    std::map<std::string, ZoneRules, std::less<>> out;
    for (const auto& z : nlohmann::json::parse(text.str()))
      if (auto rules = zone_rules_from_json(z)) out.emplace(rules->name, rules.value());
    return out;
  }();
  auto it = zones.find(name);
  return it == zones.end() ? nullptr : &it->second;
}

ReportQuery query(std::map<std::string, std::string> params) {
  auto q = decode_report_query(params, find_zone);
  REQUIRE_MESSAGE(q, (q ? "" : q.rejection().message));
  return q.value();
}

// RFC 4180 reader for the round trip; checks the BOM and CRLF line ends.
std::vector<std::vector<std::string>> parse_csv(const std::string& csv) {
  REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false, in_quotes = false;
  for (std::size_t i = 3; i < csv.size(); ++i) {
    const char c = csv[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"')
        cell += '"', ++i;
      else if (c == '"')
        in_quotes = false;
      else
        cell += c;
    } else if (c == '"') {
      in_quotes = quoted = true;
    } else if (c == ',') {
      rows.back().push_back(cell), cell.clear(), quoted = false;
    } else if (c == '\r') {
      REQUIRE(i + 1 < csv.size());
      REQUIRE(csv[i + 1] == '\n');
      rows.back().push_back(cell), cell.clear(), quoted = false;
      rows.emplace_back();
      ++i;
    } else {
      REQUIRE_MESSAGE(c != '\n', "a bare LF outside quotes");
      cell += c;
    }
  }
  REQUIRE(rows.back().empty());
  rows.pop_back();
  return rows;
}

std::string as_written(const std::string& cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos ? "'" + cell : cell;
}

// R16: the CSV parsed back is the table: header then one row per screen row.
void check_csv_is_table(const ReportTable& t) {
  const auto back = parse_csv(table_csv(t));
  REQUIRE(back.size() == t.rows.size() + 1);
  for (std::size_t c = 0; c < t.header.size(); ++c) CHECK(back[0][c] == as_written(t.header[c]));
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    REQUIRE(back[r + 1].size() == t.rows[r].size());
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) CHECK(back[r + 1][c] == as_written(t.rows[r][c]));
  }
}

const char* const awkward_names[] = {"Smith, Jane",   "Dan \"the man\" O'Neil",
                                     "Line\r\nbreak", "Emoji 🎯 Ed",
                                     "نور الهدى",     "=HYPERLINK(\"x\")",
                                     "+44 Plus",      "-minus",
                                     "@at",           "\tTab"};

// make_world plus 30 participants with awkward names across both cohorts and coaches,
// sessions booked and marked around now.
World generated_world() {
  World w = make_world();
  for (int i = 0; i < 30; ++i) {
    User u;
    u.id = "g" + std::to_string(i);
    u.name = std::string(awkward_names[i % 10]) + " " + std::to_string(i);
    u.email = u.id + "@example.test";
    u.role = Role::participant;
    u.last_activity = now - days(100 + i);
    w.state.commit(Change{u});
    const std::string pw = "pw" + std::to_string(i);
    w.must(admin, EnrolParticipant{pw, u.id, i % 2 ? "c1" : "c2", i % 2 ? "coach1" : "coach2"});
    if (i % 3 == 0) continue;
    w.book(pw + "/s1", -days(i) - hours(3));
    if (i % 3 == 1)
      w.must(admin, MarkAttendance{pw + "/s1", Outcome::completed, std::nullopt});
    else if (i % 5 == 2)
      w.must(admin, MarkAttendance{pw + "/s1", Outcome::missed, MissedReason::no_show});
    else if (i % 7 == 3)
      w.must(admin, MarkAttendance{pw + "/s1", Outcome::missed, MissedReason::coach_no_show});
    if (i % 4 == 1) w.book(pw + "/s2", days(i + 1));
  }
  return w;
}

}  // namespace

TEST_CASE("R16 report_table: every report's CSV holds exactly the screen's rows, for many filters") {
  World w = generated_world();
  const std::vector<std::map<std::string, std::string>> filters = {
      {},
      {{"clean", "1"}},
      {{"company", "acme"}},
      {{"company", "globex"}},
      {{"cohort", "c1"}, {"tz", "Australia/Sydney"}},
      {{"coach", "coach2"}, {"status", "completed"}},
      {{"status", "missed"}, {"clean", "1"}, {"tz", "America/Chicago"}},
      {{"from", "2026-10-20"}, {"to", "2026-11-01"}, {"tz", "Europe/London"}},
      {{"project", "acme-2026"}, {"from", "2026-10-01"}, {"clean", "1"}},
  };
  for (const User* viewer : {w.state.user("admin"), w.state.user("coach1"), w.state.user("lead1")})
    for (const auto& params : filters)
      for (auto name : {ReportName::pathways_wide, ReportName::missed_calls, ReportName::billing,
                        ReportName::engagement, ReportName::coach_utilisation, ReportName::status_over_time}) {
        CAPTURE(to_string(name));
        CAPTURE(viewer->id);
        const ReportQuery q = query(params);
        const ReportTable t = report_table(name, w.state, *viewer, q, now);
        check_csv_is_table(t);
        for (const auto& row : t.rows) CHECK(row.size() == t.header.size());
        if (q.filter.clean) {
          // R16: no ids, no greyed-out sessions, no notes in client-safe exports.
          const std::string csv = table_csv(t);
          CHECK(csv.find("pw1/") == std::string::npos);
          CHECK(csv.find("Greyed out") == std::string::npos);
        }
      }
  // The typed rows are the table's rows, one for one.
  const User& admin_user = *w.state.user("admin");
  const ReportQuery all = query({});
  CHECK(report_table(ReportName::missed_calls, w.state, admin_user, all, now).rows.size() ==
        report_missed_calls(w.state, admin_user, all).rows.size());
  CHECK(report_table(ReportName::pathways_wide, w.state, admin_user, all, now).rows.size() ==
        report_pathways_wide(w.state, admin_user, all).rows.size());
  CHECK(report_pathways_wide(w.state, admin_user, all).rows.size() == 33);
}

TEST_CASE("R16 table_csv: BOM, CRLF, quoting, neutralised formulas, a header even with no rows") {
  ReportTable t{{"Name", "Note"}, {}};
  CHECK(table_csv(t) == "\xEF\xBB\xBFName,Note\r\n");
  t.rows = {{"Smith, Jane", "say \"hi\""}, {"=1+1", "\tx"}, {"a\r\nb", "-3"}, {"نور 🎯", "@SUM(A1)"}};
  const std::string csv = table_csv(t);
  CHECK(csv.find("\"Smith, Jane\",\"say \"\"hi\"\"\"\r\n") != std::string::npos);
  CHECK(csv.find("\"'=1+1\"") != std::string::npos);
  CHECK(csv.find("\"'-3\"") != std::string::npos);
  check_csv_is_table(t);
}

TEST_CASE("R16 decode_report_query: refuses bad values with a reason; a company out of scope answers empty") {
  auto refused = [](std::map<std::string, std::string> p) {
    auto q = decode_report_query(p, find_zone);
    return q ? std::string("accepted") : std::string(to_string(q.rejection().code));
  };
  CHECK(refused({{"status", "cancelled"}}) == "invalid_value");
  CHECK(refused({{"from", "2026-11-02"}, {"to", "2026-11-01"}}) == "invalid_value");
  CHECK(refused({{"from", "2026-02-30"}}) == "invalid_value");
  CHECK(refused({{"to", "2026-1-5"}}) == "invalid_value");
  CHECK(refused({{"company", std::string(65, 'a')}}) == "invalid_value");
  CHECK(refused({{"cohort", "a b"}}) == "invalid_value");
  CHECK(refused({{"tz", "Mars/Olympus"}}) == "unknown_time_zone");
  CHECK(refused({{"clean", "yes"}}) == "invalid_value");
  CHECK(refused({{"colour", "red"}}) == "invalid_value");
  CHECK(refused({{"from", "2026-11-01"}, {"to", "2026-11-01"}, {"status", "greyed_out"}}) == "accepted");
  CHECK(parse_enum<ReportName>("coach-utilisation") == ReportName::coach_utilisation);
  CHECK(to_string(ReportName::pathways_wide) == std::string_view("pathways-wide"));

  World w = generated_world();
  const User& lead_user = *w.state.user("lead1");  // reads acme only
  for (auto name : {ReportName::pathways_wide, ReportName::missed_calls, ReportName::billing, ReportName::engagement,
                    ReportName::status_over_time})
    CHECK(report_table(name, w.state, lead_user, query({{"company", "globex"}}), now).rows.empty());
}

TEST_CASE("R17 report date ranges: local midnights east and west of UTC and across a clock change") {
  World w = make_world();
  // 2026-11-01 23:30 UTC: 2 Nov 10:30 in Sydney (AEDT), 1 Nov 17:30 in Chicago (CST, the
  // day US clocks went back).
  w.book("pa/s1", -(hours(9) + minutes(30)));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt});
  // 2026-10-24 23:30 UTC: 25 Oct 00:30 BST in London, the night the clocks go back.
  w.book("pa/s2", -(days(8) + hours(9) + minutes(30)));
  w.must(coach, MarkAttendance{"pa/s2", Outcome::completed, std::nullopt});
  const User& viewer = *w.state.user("admin");
  auto titles = [&](std::map<std::string, std::string> p) {
    std::vector<std::string> out;
    for (const auto& r : report_pathways_wide(w.state, viewer, query(p)).rows)
      for (const auto& c : r.cells) out.push_back(c.session);
    std::sort(out.begin(), out.end());
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(titles({{"from", "2026-11-02"}, {"to", "2026-11-02"}, {"tz", "Australia/Sydney"}}) == V{"pa/s1"});
  CHECK(titles({{"from", "2026-11-02"}, {"to", "2026-11-02"}, {"tz", "America/Chicago"}}).empty());
  CHECK(titles({{"from", "2026-11-01"}, {"to", "2026-11-01"}, {"tz", "America/Chicago"}}) == V{"pa/s1"});
  CHECK(titles({{"from", "2026-10-25"}, {"to", "2026-10-25"}, {"tz", "Europe/London"}}) == V{"pa/s2"});
  CHECK(titles({{"from", "2026-10-25"}, {"to", "2026-10-25"}, {"tz", "UTC"}}).empty());
  CHECK(titles({{"from", "2026-10-24"}, {"to", "2026-10-24"}, {"tz", "UTC"}}) == V{"pa/s2"});
  // The 25-hour day in London holds both its hours 01:00-02:00.
  const ReportQuery day = query({{"from", "2026-10-25"}, {"to", "2026-10-25"}, {"tz", "Europe/London"}});
  CHECK(day.range().end - day.range().begin == hours(25));

  // Billing months and weeks are the viewer's: 2026-10-31 23:30 UTC is October in London
  // and November in Sydney.
  w.book("pc/s1", -(days(1) + hours(9) + minutes(30)));
  w.must(other_coach, MarkAttendance{"pc/s1", Outcome::missed, MissedReason::no_show});
  auto months = [&](const char* tz) {
    std::vector<int> out;
    for (const auto& r : report_billing(w.state, viewer, query({{"tz", tz}})).rows)
      for (int i = 0; i < r.billable; ++i) out.push_back(r.month);
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(months("Europe/London") == std::vector<int>{10, 10, 11});
  CHECK(months("Australia/Sydney") == std::vector<int>{10, 11, 11});
  const auto billing = report_billing(w.state, viewer, query({{"tz", "Europe/London"}}));
  CHECK(billing.billable == 3);
  CHECK(billing.rows.front().po_ref == "PO-1");
}

TEST_CASE("R16 report_pathways_wide: counts with both denominators labelled") {
  World w = make_world();
  w.book("pa/s1", -hours(5));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt});
  w.book("pa/s2", -hours(3));
  w.must(coach, MarkAttendance{"pa/s2", Outcome::missed, MissedReason::no_show});
  const User& viewer = *w.state.user("admin");
  const auto report = report_pathways_wide(w.state, viewer, query({{"cohort", "c1"}}));
  const PathwaysWideRow* alice_row = nullptr;
  for (const auto& r : report.rows)
    if (r.pathway == "pa") alice_row = &r;
  REQUIRE(alice_row);
  CHECK(alice_row->cells.size() == 4);
  CHECK(alice_row->visible == 3);  // s4 is hidden by c1's blueprint
  CHECK(alice_row->held == 2);
  CHECK(alice_row->completion_of_visible() == doctest::Approx(1.0 / 3));
  CHECK(alice_row->completion_of_held() == doctest::Approx(0.5));
  const ReportTable t = report_table(ReportName::pathways_wide, w.state, viewer, query({{"cohort", "c1"}}), now);
  CHECK(std::find(t.header.begin(), t.header.end(), "Completion (of visible)") != t.header.end());
  CHECK(std::find(t.header.begin(), t.header.end(), "Completion (of held)") != t.header.end());
  // Clean: the greyed-out s4 is not a cell, archived participants are not rows.
  w.must(admin, ArchiveParticipant{"bob"});
  const auto clean = report_pathways_wide(w.state, viewer, query({{"cohort", "c1"}, {"clean", "1"}}));
  REQUIRE(clean.rows.size() == 1);
  CHECK(clean.rows[0].cells.size() == 3);
}

TEST_CASE("R15 report_missed_calls and R14 report_engagement") {
  World w = make_world();
  w.book("pa/s1", -hours(5));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::missed, MissedReason::no_show});
  w.book("pc/s1", -hours(5));
  w.must(admin, MarkAttendance{"pc/s1", Outcome::missed, MissedReason::coach_no_show});
  const User& viewer = *w.state.user("admin");
  const auto missed = report_missed_calls(w.state, viewer, query({}));
  REQUIRE(missed.rows.size() == 2);
  CHECK(missed.billable == 1);
  CHECK(missed.by_reason[static_cast<int>(MissedReason::coach_no_show)] == 1);

  // R14: three months on, bob (booked ahead) is not inactive; alice and carol are.
  const Time later = months_before(now, -3);
  w.slot("ahead", days(120));
  w.must(admin, BookSession{"pb/s1", "ahead"});
  w.state.users["bob"].last_activity = now - days(1);  // the booking's activity, put back
  const auto inactive = inactive_participants(w.state, later);
  CHECK(std::find(inactive.begin(), inactive.end(), "bob") == inactive.end());
  const auto engagement = report_engagement(w.state, viewer, query({}), later);
  int bob_inactive = 0, carol_inactive = 0, overdue = 0;
  for (const auto& r : engagement.rows) {
    bob_inactive += r.kind == EngagementKind::inactive && r.at.participant == "bob";
    carol_inactive += r.kind == EngagementKind::inactive && r.at.participant == "carol";
    overdue += r.kind == EngagementKind::overdue_unbooked;
  }
  CHECK(bob_inactive == 0);
  CHECK(carol_inactive == 1);
  CHECK(overdue > 0);
  w.must(lead, Escalate{"carol", LongText{"No reply"}});
  CHECK(report_engagement(w.state, viewer, query({}), later).by_kind[static_cast<int>(EngagementKind::escalation)] ==
        1);
}

TEST_CASE("R16 coach utilisation and status over time per local week") {
  World w = make_world();
  w.slot("free", days(2));
  w.book("pa/s1", days(1));
  const User& viewer = *w.state.user("admin");
  const auto u = report_coach_utilisation(w.state, viewer, query({{"coach", "coach1"}, {"tz", "Europe/London"}}));
  REQUIRE(u.rows.size() == 1);
  CHECK(u.rows[0].week == CivilDate{2026, 11, 2});
  CHECK(u.offered_min == 120);
  CHECK(u.booked_min == 60);
  CHECK(u.rows[0].ratio() == doctest::Approx(0.5));
  const auto s = report_status_over_time(w.state, viewer, query({}));
  REQUIRE(s.rows.size() == 1);
  CHECK(s.rows[0].by_status[static_cast<int>(SessionStatus::booked)] == 1);
}
