// `pathways import FILE --server URL --email EMAIL [--dry-run]`: the browser's CSV import
// (core/participant_import.h) from a terminal, for automation. Signs in with the password
// in PATHWAYS_PASSWORD, pulls the state, prints each row's verdict, pushes the good rows'
// ops (unless --dry-run) and prints a summary.
#pragma once

#include <iosfwd>
#include <string>

namespace pathways::cli {

struct ImportOptions {
  std::string file;
  std::string server;  // "http://host:port"
  std::string email;
  std::string password;
  bool dry_run = false;
};

// Exit codes, stated in docs/cli.md.
enum ExitCode : int {
  exit_ok = 0,            // every row is enrolled now (this run, or already before)
  exit_failed = 1,        // the file was refused, sign-in or the server failed, or an op was rejected
  exit_usage = 2,         // the command line was wrong
  exit_rows_refused = 3,  // the good rows were enrolled; some rows were refused (listed)
};

// Runs the import; writes verdicts and the summary to `out`, problems to `err`.
int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace pathways::cli
