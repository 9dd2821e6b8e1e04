// `pathways`: Pathways from the command line, for automation. One command so far:
//   pathways import FILE.csv --server URL --email EMAIL [--dry-run]
// with the password in the environment (PATHWAYS_PASSWORD), never on the command line
// (where other users of the machine could read it). docs/cli.md describes it.
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "import_command.h"

namespace {

constexpr const char* usage =
    "usage: pathways import FILE.csv --server URL --email EMAIL [--dry-run]\n"
    "  The password is read from the environment variable PATHWAYS_PASSWORD.\n"
    "  --dry-run  check every row and print the verdicts; send nothing.\n"
    "Exit status: 0 every row is enrolled, 1 failure, 2 usage, 3 some rows refused (the others enrolled).\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace pathways::cli;
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
