// The command line: pathways-server [--port 8080] [--host 127.0.0.1] [--db pathways.db]
// [--web DIR] [--demo] [--threads N] [--quiet] [--oldest-protocol N] [--smtp-url URL]
// [--smtp-user USER] [--smtp-password-file FILE] [--mail-from ADDRESS] [--mail-templates DIR] [--trust-proxy]
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/protocol.h"

namespace pathways::server {

struct CliOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string db = "pathways.db";
  std::filesystem::path web;  // empty: the default next to the build (see default_web_dir)
  bool demo = false;
  int threads = 64;
  bool quiet = false;                                        // no per-request log lines
  bool trust_proxy = false;                                  // client address from X-Forwarded-For
  int oldest_protocol = protocol::oldest_supported_version;  // older clients get 426
  // Mail (DESIGN.md §10). Without --smtp-url messages go to the file drop "<db>.outbox/".
  std::string smtp_url;                      // smtp://host:587 or smtps://host:465
  std::string smtp_user;                     // AUTH user; the password never on the command line
  std::filesystem::path smtp_password_file;  // else PATHWAYS_SMTP_PASSWORD
  std::string mail_from_name = "Pathways";   // --mail-from "Name <address>"
  std::string mail_from_address = "no-reply@pathways.invalid";
  std::filesystem::path mail_templates;  // empty: the built-in templates
};

// "Name <addr@host>", "\"Name\" <addr@host>" or "addr@host" as a name and an address;
// false when there is no address with one '@' and no spaces.
bool parse_mail_from(std::string_view text, std::string& name, std::string& address);

struct CliParse {
  std::optional<CliOptions> options;  // absent: print `message` and exit
  std::string message;                // an error, or the usage text for --help
  int exit_code = 0;
};

CliParse parse_cli(int argc, const char* const* argv);
std::string cli_usage();

// The web client's build output relative to this executable: the wasm preset builds it to
// build/wasm/web, and this binary is build/native/server/pathways-server.
std::filesystem::path default_web_dir(const char* argv0);

}  // namespace pathways::server
