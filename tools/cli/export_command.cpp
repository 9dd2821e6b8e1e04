#include "export_command.h"

#include <httplib.h>

#include <ostream>

#include "core/protocol.h"
#include "import_command.h"
#include "server_client.h"

namespace pathways::cli {

bool is_export_filter(const std::string& option) {
  for (const char* name : {"company", "project", "cohort", "coach", "status", "from", "to", "tz", "clean"})
    if (option == name) return true;
  return false;
}

int run_export(const ExportOptions& options, std::ostream& out, std::ostream& err) {
  ServerClient client(options.server);
  auto user = client.sign_in(options.email, options.password);
  if (auto* failure = std::get_if<Failure>(&user)) {
    err << "pathways: " << failure->sentence << "\n";
    return exit_failed;
  }
  httplib::Params params(options.params.begin(), options.params.end());
  const std::string target =
      httplib::append_query_params(std::string(protocol::path::report_prefix) + options.report + ".csv", params);
  auto written = client.download(target, out);
  if (auto* failure = std::get_if<Failure>(&written)) {
    err << "pathways: " << failure->sentence << "\n";
    return exit_failed;
  }
  out.flush();
  return out ? exit_ok : exit_failed;
}

}  // namespace pathways::cli
