// `pathways`: Pathways from the command line, for automation:
//   pathways import FILE.csv --server URL --email EMAIL [--dry-run]
//   pathways export REPORT --server URL --email EMAIL [--company ID] … [--clean] > file.csv
// with the password in the environment (PATHWAYS_PASSWORD), never on the command line
// (where other users of the machine could read it). docs/cli.md describes it.
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "export_command.h"
#include "import_command.h"

namespace {

constexpr const char* usage =
    "usage: pathways import FILE.csv --server URL --email EMAIL [--dry-run]\n"
    "       pathways export REPORT --server URL --email EMAIL [--company ID] [--project ID] [--cohort ID]\n"
    "                       [--coach ID] [--status STATUS] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tz ZONE]\n"
    "                       [--clean] > file.csv\n"
    "  The password is read from the environment variable PATHWAYS_PASSWORD.\n"
    "  --dry-run  check every row and print the verdicts; send nothing.\n"
    "  REPORT     pathways-wide, missed-calls, billing, engagement, coach-utilisation or status-over-time;\n"
    "             the CSV is the server's GET /api/reports/REPORT.csv, byte for byte.\n"
    "Exit status: 0 done, 1 failure, 2 usage; import: 3 some rows refused (the others enrolled).\n";

// `pathways export …` from argv[2] on.
int export_main(int argc, char** argv) {
  using namespace pathways::cli;
  ExportOptions options;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    const std::string option = arg.starts_with("--") ? arg.substr(2) : std::string();
    bool ok = true;
    if (option == "clean") {
      options.params["clean"] = "1";
    } else if (option == "server" || option == "email" || is_export_filter(option)) {
      if (i + 1 >= argc) {
        ok = false;
      } else {
        const std::string value = argv[++i];
        if (option == "server")
          options.server = value;
        else if (option == "email")
          options.email = value;
        else
          ok = options.params.emplace(option, value).second;  // a filter given twice is a mistake
      }
    } else if (option.empty() && options.report.empty()) {
      options.report = arg;
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "pathways: unexpected argument " << arg << "\n" << usage;
      return exit_usage;
    }
  }
  const char* password = std::getenv("PATHWAYS_PASSWORD");
  if (options.report.empty() || options.server.empty() || options.email.empty() || !password || !*password) {
    std::cerr << "pathways: a report, --server, --email and PATHWAYS_PASSWORD are all needed\n" << usage;
    return exit_usage;
  }
  options.password = password;
  return run_export(options, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pathways::cli;
  if (argc >= 2 && std::strcmp(argv[1], "export") == 0) return export_main(argc, argv);
  if (argc < 2 || std::strcmp(argv[1], "import") != 0) {
    std::cerr << usage;
    return argc >= 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) ? exit_ok : exit_usage;
  }
  ImportOptions options;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= argc) return false;
      into = argv[++i];
      return true;
    };
    bool ok = true;
    if (arg == "--server")
      ok = value(options.server);
    else if (arg == "--email")
      ok = value(options.email);
    else if (arg == "--dry-run")
      options.dry_run = true;
    else if (!arg.starts_with("--") && options.file.empty())
      options.file = arg;
    else
      ok = false;
    if (!ok) {
      std::cerr << "pathways: unexpected argument " << arg << "\n" << usage;
      return exit_usage;
    }
  }
  const char* password = std::getenv("PATHWAYS_PASSWORD");
  if (options.file.empty() || options.server.empty() || options.email.empty() || !password || !*password) {
    std::cerr << "pathways: a file, --server, --email and PATHWAYS_PASSWORD are all needed\n" << usage;
    return exit_usage;
  }
  options.password = password;
  return run_import(options, std::cout, std::cerr);
}
