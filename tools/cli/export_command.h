// `pathways export REPORT --server URL --email EMAIL [filters]`: a named report's CSV
// (DESIGN.md §7, R16) from a terminal, for automation: exactly the bytes of
// GET /api/reports/REPORT.csv for the signed-in user, written to standard output as they
// arrive (so `> file.csv` holds the server's file byte for byte, however large).
#pragma once

#include <iosfwd>
#include <map>
#include <string>

namespace pathways::cli {

struct ExportOptions {
  std::string report;  // pathways-wide, missed-calls, billing, engagement, coach-utilisation, status-over-time
  std::string server;  // "http://host:port"
  std::string email;
  std::string password;
  // The endpoint's query parameters: company, project, cohort, coach, status, from, to
  // (YYYY-MM-DD local dates), tz (IANA zone), clean ("1"). The server judges them.
  std::map<std::string, std::string> params;
};

// The command-line options that name a filter, without their leading "--": each takes a
// value but "clean", a flag.
bool is_export_filter(const std::string& option);

// Signs in and writes the CSV to `out`; problems (an unknown report, a refused filter, a
// refused sign-in) to `err` as the server's sentence. Exit codes as run_import's
// (exit_ok, exit_failed).
int run_export(const ExportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace pathways::cli
