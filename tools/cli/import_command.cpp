#include "import_command.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "core/participant_import.h"
#include "server_client.h"

namespace pathways::cli {
namespace {

// The file's bytes; reading stops one byte past the import limit, which the core refuses.
std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes(max_import_bytes + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

template <class T>
const Failure* failure(const Outcome<T>& outcome) {
  return std::get_if<Failure>(&outcome);
}

}  // namespace

int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err) {
  const auto bytes = read_file(options.file);
  if (!bytes) {
    err << "pathways: cannot read " << options.file << "\n";
    return exit_failed;
  }
  auto rows = parse_participants_csv(*bytes);
  if (!rows) {
    err << "pathways: " << options.file << ": " << rows.rejection().message << " Nothing was changed.\n";
    return exit_failed;
  }

  ServerClient server(options.server);
  auto me = server.sign_in(options.email, options.password);
  if (const Failure* f = failure(me)) {
    err << "pathways: " << f->sentence << "\n";
    return exit_failed;
  }
  const User& user = std::get<User>(me);
  out << "Signed in to " << options.server << " as " << user.name << " (" << label(user.role) << ").\n";
  auto pulled = server.pull();
  if (const Failure* f = failure(pulled)) {
    err << "pathways: " << f->sentence << "\n";
    return exit_failed;
  }
  Pulled& world = std::get<Pulled>(pulled);

  // Judged as the server will judge the pushed ops: this user, at the server's time.
  const ImportPreview preview =
      preview_import(world.state, std::move(rows.value()), Actor{user.id, user.role}, world.server_time,
                     [](std::string_view prefix) { return std::string(prefix) + "-" + random_hex(8); });
  std::size_t already = 0;
  for (std::size_t i = 0; i < preview.rows.size(); ++i) {
    const ImportRow& row = preview.rows[i];
    const RowVerdict& v = preview.verdicts[i];
    already += v.verdict == ImportVerdict::already_enrolled ? 1 : 0;
    out << "row " << row.row << "\t" << to_string(v.verdict) << "\t" << row.name << " <" << row.email << ">\t"
        << v.sentence << "\n";
  }
  out << preview.to_enrol << " to enrol, " << preview.refused << " refused";
  if (already) out << " (" << already << " already enrolled)";
  out << ".\n";
  const bool all_in = preview.refused == already;

  if (options.dry_run) {
    out << "Dry run: nothing was sent.\n";
    return all_in ? exit_ok : exit_rows_refused;
  }
  const std::vector<OpBody> ops = import_ops(preview);
  if (ops.empty()) {
    out << "Nothing to enrol.\n";
    return all_in ? exit_ok : exit_rows_refused;
  }
  auto results = server.push(ops, world.server_time);
  if (const Failure* f = failure(results)) {
    err << "pathways: " << f->sentence << "\n";
    err << "pathways: some rows may have been enrolled; run the same import again to see which (it enrols nobody "
           "twice).\n";
    return exit_failed;
  }
  std::size_t applied = 0, rejected = 0;
  for (const protocol::OpResult& r : std::get<std::vector<protocol::OpResult>>(results)) {
    if (r.applied) {
      ++applied;
      continue;
    }
    ++rejected;
    err << "pathways: op " << r.seq << " rejected: " << r.message << " (" << r.code << ")\n";
  }
  out << "Sent " << ops.size() << " ops: " << applied << " applied, " << rejected << " rejected.\n";
  if (rejected) return exit_failed;
  out << "Enrolled " << preview.to_enrol << (preview.to_enrol == 1 ? " participant" : " participants") << ".\n";
  return all_in ? exit_ok : exit_rows_refused;
}

}  // namespace pathways::cli
