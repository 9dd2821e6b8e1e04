// The named reports over HTTP (DESIGN.md §7, R16): GET /api/reports/<name>[.csv] gives the
// core's table for the caller's scope, the CSV holds exactly the rows the JSON does, and
// bad names, parameters and callers get one clear error.
#include <set>

#include "harness.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// The participants (column "Participant") of a Pathways Wide reply.
std::multiset<std::string> participants(const json& body) {
  std::size_t column = 0;
  const json& header = body.at("header");
  while (column < header.size() && header[column] != "Participant") ++column;
  REQUIRE(column < header.size());
  std::multiset<std::string> out;
  for (const json& row : body.at("rows")) out.insert(row.at(column).get<std::string>());
  return out;
}

// CSV data lines (after the byte-order mark and header), CRLF-separated.
std::size_t csv_rows(const std::string& text) {
  std::size_t lines = 0;
  for (std::size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at + 2)) ++lines;
  return lines - 1;
}

}  // namespace

TEST_CASE("§7 report endpoint: each role gets its scope; CSV holds the rows the JSON does (R16)") {
  TestServer server;
  const std::string admin = make_small_world(server);
  const std::string lead = server.login_as("lead1");
  const std::string coach = server.login_as("coach2");

  const Reply all = server.get("/api/reports/pathways-wide", admin);
  REQUIRE(all.status == 200);
  CHECK(all.body.at("report") == "pathways-wide");
  CHECK(participants(all.body).size() == 3);  // alice, bob, carol
  // The totals above the screen's rows travel in the JSON (never in the CSV).
  REQUIRE(all.body.contains("totals"));
  int totals_found = 0;
  for (const json& t : all.body.at("totals")) {
    if (t.at("label") == "Participants") {
      CHECK(t.at("value") == 3);
      ++totals_found;
    }
    if (t.at("label") == "Completion of sessions held") {
      CHECK(t.at("text").get<std::string>().ends_with("%"));
      ++totals_found;
    }
  }
  CHECK(totals_found == 2);

  // The programme lead reads Acme only (alice, bob); coach2 their own participant (carol).
  const Reply acme = server.get("/api/reports/pathways-wide", lead);
  REQUIRE(acme.status == 200);
  CHECK(participants(acme.body).size() == 2);
  const Reply own = server.get("/api/reports/pathways-wide", coach);
  REQUIRE(own.status == 200);
  const auto carol = participants(own.body);
  REQUIRE(carol.size() == 1);
  CHECK(acme.body.dump().find(*carol.begin()) == std::string::npos);
  CHECK(all.body.dump().find(*carol.begin()) != std::string::npos);

  // Filters narrow the same table; the CSV of a query has exactly its rows.
  const Reply c2 = server.get("/api/reports/pathways-wide?cohort=c2", admin);
  REQUIRE(c2.status == 200);
  CHECK(participants(c2.body).size() == 1);
  const Reply csv = server.get("/api/reports/pathways-wide.csv?cohort=c2", admin);
  REQUIRE(csv.status == 200);
  CHECK(csv.text.rfind("\xEF\xBB\xBF", 0) == 0);  // UTF-8 byte-order mark for spreadsheets
  CHECK(csv_rows(csv.text) == c2.body.at("rows").size());
  const Reply all_csv = server.get("/api/reports/pathways-wide.csv", admin);
  CHECK(csv_rows(all_csv.text) == all.body.at("rows").size());

  for (const char* name :
       {"missed-calls", "billing", "engagement", "coach-utilisation", "status-over-time", "pathways-wide"}) {
    CAPTURE(name);
    const Reply r =
        server.get(std::string("/api/reports/") + name + "?from=2026-10-01&to=2026-12-31&tz=Europe/London", admin);
    CHECK(r.status == 200);
    CHECK(r.body.at("header").size() > 0);
  }
}

TEST_CASE("§7 report endpoint: participants, unknown reports and bad parameters are refused clearly") {
  TestServer server;
  const std::string admin = make_small_world(server);
  const std::string alice = server.login_as("alice");

  const Reply participant = server.get("/api/reports/billing", alice);
  CHECK(participant.status == 403);
  CHECK(participant.body.at("error").at("code") == "forbidden");
  CHECK(server.get("/api/reports/billing").status == 401);

  const Reply unknown = server.get("/api/reports/payroll", admin);
  CHECK(unknown.status == 404);
  CHECK(unknown.body.at("error").at("message") == "No report is called \"payroll\".");

  for (const char* bad : {"?from=2026-02-30", "?from=2026-12-01&to=2026-11-01", "?tz=Mars/Olympus", "?status=done",
                          "?colour=red", "?clean=2", "?cohort=c1&cohort=c2"}) {
    CAPTURE(bad);
    const Reply r = server.get(std::string("/api/reports/pathways-wide") + bad, admin);
    CHECK(r.status >= 400);
    CHECK(r.status < 500);
    CHECK_FALSE(r.body.at("error").at("message").get<std::string>().empty());
  }
}
