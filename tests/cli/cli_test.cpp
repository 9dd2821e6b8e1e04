// `pathways import` as a process against the real server with the demo data: the demo's
// CSV file imports whole, a second run enrols nobody twice, --dry-run sends nothing, bad
// rows and bad files give their verdicts and exit codes, and files of more than one push's
// worth of ops go out in several pushes.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "harness.h"
#include "server/sync_service.h"

namespace pathways::testing {
namespace {

struct Run {
  int exit = -1;
  std::string output;  // stdout and stderr
};

Run run_cli(const TestServer& server, const std::string& file, const std::string& extra = "",
            const std::string& password = "demo-admin") {
  setenv("PATHWAYS_PASSWORD", password.c_str(), 1);
  const std::string command = std::string(PATHWAYS_CLI_BINARY) + " import '" + file +
                              "' --server http://127.0.0.1:" + std::to_string(server.port()) +
                              " --email admin@demo.test " + extra + " 2>&1";
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string write_file(const TempDir& dir, const std::string& name, const std::string& text) {
  const auto path = dir.path() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

std::size_t users(TestServer& server) {
  return server.server().sync().read([](const State& s) { return s.users.size(); });
}
std::size_t pathways_in(TestServer& server, const std::string& email) {
  return server.server().sync().read([&](const State& s) {
    const User* u = s.user_by_email_address(email);
    return u ? s.ids(s.pathways_by_participant, u->id).size() : std::size_t{0};
  });
}

TestServerOptions demo_options() {
  TestServerOptions options;
  options.demo = true;
  return options;
}

const std::string demo_csv = std::string(PATHWAYS_ASSETS_DIR) + "/demo-participants.csv";

}  // namespace

TEST_CASE("CLI import: the demo's CSV file enrols 20 participants, and a second run enrols nobody twice") {
  TestServer server(demo_options());
  const std::size_t before = users(server);

  const Run dry = run_cli(server, demo_csv, "--dry-run");
  CHECK_MESSAGE(dry.exit == 0, dry.output);
  CHECK(dry.output.find("20 to enrol, 0 refused.") != std::string::npos);
  CHECK(dry.output.find("Dry run: nothing was sent.") != std::string::npos);
  CHECK(users(server) == before);

  const Run first = run_cli(server, demo_csv);
  CHECK_MESSAGE(first.exit == 0, first.output);
  CHECK(first.output.find("Sent 40 ops: 40 applied, 0 rejected.") != std::string::npos);
  CHECK(first.output.find("Enrolled 20 participants.") != std::string::npos);
  CHECK(users(server) == before + 20);
  CHECK(pathways_in(server, "hans.muller@demo.test") == 1);
  CHECK(server.server().sync().read([](const State& s) { return s.user_by_email_address("li.wei@demo.test")->name; }) ==
        "Li \"Lucky\" Wei");

  const Run second = run_cli(server, demo_csv);
  CHECK_MESSAGE(second.exit == 0, second.output);
  CHECK(second.output.find("0 to enrol, 20 refused (20 already enrolled).") != std::string::npos);
  CHECK(second.output.find("Nothing to enrol.") != std::string::npos);
  CHECK(users(server) == before + 20);
  CHECK(pathways_in(server, "hans.muller@demo.test") == 1);
}

TEST_CASE("CLI import: refused rows are listed with their reason, the good ones enrolled, exit 3") {
  TestServer server(demo_options());
  TempDir dir;
  const std::string file = write_file(dir, "mixed.csv",
                                      "name;email;coach email;cohort\r\n"
                                      "Good Row;good.row@demo.test;coach1@demo.test;globex-1\r\n"
                                      "No Coach;no.coach@demo.test;nobody@demo.test;globex-1\r\n"
                                      "A Coach;coach2@demo.test;coach1@demo.test;globex-1\r\n");
  const Run run = run_cli(server, file);
  CHECK_MESSAGE(run.exit == 3, run.output);
  CHECK(run.output.find("row 3\tunknown_coach") != std::string::npos);
  CHECK(run.output.find("row 4\tnot_a_participant") != std::string::npos);
  CHECK(run.output.find("1 to enrol, 2 refused.") != std::string::npos);
  CHECK(pathways_in(server, "good.row@demo.test") == 1);
  CHECK(pathways_in(server, "no.coach@demo.test") == 0);
}

TEST_CASE("CLI import: more than one push's worth of ops goes out in several pushes") {
  TestServer server(demo_options());
  TempDir dir;
  std::string csv = "name,email,coach email,cohort\n";
  for (int i = 0; i < 300; ++i)
    csv += "Bulk " + std::to_string(i) + ",bulk" + std::to_string(i) + "@demo.test,coach3@demo.test,acme-sales-1\n";
  const Run run = run_cli(server, write_file(dir, "bulk.csv", csv));
  CHECK_MESSAGE(run.exit == 0, run.output);
  CHECK(run.output.find("Sent 600 ops: 600 applied, 0 rejected.") != std::string::npos);
  CHECK(pathways_in(server, "bulk299@demo.test") == 1);
}

TEST_CASE("CLI import: a bad file, a wrong password and a missing password fail with one message and change nothing") {
  TestServer server(demo_options());
  TempDir dir;
  const std::size_t before = users(server);

  const Run binary = run_cli(server, write_file(dir, "photo.csv", std::string("\x89PNG\r\n\x1a\n\0\0", 10)));
  CHECK(binary.exit == 1);
  CHECK(binary.output.find("not a CSV text file") != std::string::npos);

  const Run columns = run_cli(server, write_file(dir, "columns.csv", "who,where\nA,B\n"));
  CHECK(columns.exit == 1);
  CHECK(columns.output.find("must name the columns") != std::string::npos);

  const Run wrong = run_cli(server, demo_csv, "", "not-the-password");
  CHECK(wrong.exit == 1);
  CHECK(wrong.output.find("Sign-in refused") != std::string::npos);

  const Run none = run_cli(server, demo_csv, "", "");
  CHECK(none.exit == 2);
  CHECK(none.output.find("PATHWAYS_PASSWORD") != std::string::npos);
  CHECK(users(server) == before);
}

}  // namespace pathways::testing

namespace pathways::testing {
namespace {

// `pathways export ARGS` as `email`: the exit code and standard output alone (the CSV).
Run run_export(const TestServer& server, const std::string& args, const std::string& email,
               const std::string& password) {
  setenv("PATHWAYS_PASSWORD", password.c_str(), 1);
  const std::string command = std::string(PATHWAYS_CLI_BINARY) + " export " + args +
                              " --server http://127.0.0.1:" + std::to_string(server.port()) + " --email " + email +
                              " 2>/dev/null";
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace

TEST_CASE("CLI export: a report's CSV byte for byte as the endpoint serves it, for the signed-in lead") {
  TestServer server(demo_options());
  const std::string lead = server.login("lead@demo.test", "demo-lead");
  const struct {
    std::string args, query;
  } cases[] = {
      {"pathways-wide", ""},
      {"pathways-wide --company acme --from 2026-01-01 --to 2026-12-31 --tz Europe/London --clean",
       "?clean=1&company=acme&from=2026-01-01&to=2026-12-31&tz=Europe%2FLondon"},
      {"missed-calls --status missed", "?status=missed"},
      {"status-over-time", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    const std::string name = c.args.substr(0, c.args.find(' '));
    const Reply expected = server.get("/api/reports/" + name + ".csv" + c.query, lead);
    REQUIRE(expected.status == 200);
    const Run run = run_export(server, c.args, "lead@demo.test", "demo-lead");
    CHECK(run.exit == 0);
    CHECK(run.output.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(run.output == expected.text);
  }
  // Refusals: a report that does not exist, a bad date, a wrong password, a participant.
  CHECK(run_export(server, "no-such-report", "lead@demo.test", "demo-lead").exit == 1);
  CHECK(run_export(server, "billing --from 2026-02-30", "lead@demo.test", "demo-lead").exit == 1);
  CHECK(run_export(server, "billing", "lead@demo.test", "wrong").exit == 1);
  const Run participant = run_export(server, "billing", "participant1@demo.test", "demo-participant");
  CHECK(participant.exit == 1);
  CHECK(participant.output.empty());
  // Usage: no report, an unknown option, a filter given twice.
  CHECK(run_export(server, "", "lead@demo.test", "demo-lead").exit == 2);
  CHECK(run_export(server, "billing --colour red", "lead@demo.test", "demo-lead").exit == 2);
  CHECK(run_export(server, "billing --cohort a --cohort b", "lead@demo.test", "demo-lead").exit == 2);
}

}  // namespace pathways::testing
