#include "server/cli_options.h"

#include <charconv>

namespace pathways::server {
namespace {

std::optional<int> number(std::string_view text, int lo, int hi) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < lo || value > hi) return std::nullopt;
  return value;
}

CliParse failure(std::string message) { return {std::nullopt, std::move(message) + "\n\n" + cli_usage(), 2}; }

}  // namespace

std::string cli_usage() {
  return "usage: pathways-server [--port 8080] [--host 127.0.0.1] [--db pathways.db] [--web DIR] [--demo]\n"
         "                       [--threads 64] [--quiet] [--oldest-protocol N] [--trust-proxy]\n"
         "  --port N      port to listen on; 0 picks a free one (default 8080)\n"
         "  --host ADDR   address to listen on (default 127.0.0.1)\n"
         "  --db FILE     SQLite database, created if missing (default pathways.db)\n"
         "  --web DIR     the web client's files (default: build/wasm/web next to this build)\n"
         "  --demo        seed the demo dataset into an empty database and print its logins\n"
         "  --threads N   HTTP worker threads = concurrent connections (default 64)\n"
         "  --quiet       no log line per request\n"
         "  --oldest-protocol N\n"
         "                answer 426 \"update needed\" to browsers speaking an older protocol than N\n"
         "                (default: the oldest this build serves)\n"
         "  --smtp-url URL  deliver mail by SMTP: smtp://host:587 (STARTTLS) or smtps://host:465;\n"
         "                without it every message is written to <db>.outbox/ as an .eml file\n"
         "  --smtp-user USER  SMTP user; the password comes from PATHWAYS_SMTP_PASSWORD or\n"
         "  --smtp-password-file FILE  (its first line), never from the command line\n"
         "  --mail-from ADDRESS  the sender, \"Name <address>\" (default Pathways <no-reply@pathways.invalid>)\n"
         "  --mail-templates DIR  <trigger>.txt files replacing the built-in mail templates\n"
         "  --trust-proxy the proxy in front (deploy/nginx.conf) is trusted: the client's address\n"
         "                is the last one in X-Forwarded-For (sign-in throttling, the log)\n"
         "On an empty database without --demo an admin is created: admin@localhost, with the\n"
         "password from PATHWAYS_ADMIN_PASSWORD or a random one printed once.\n";
}

CliParse parse_cli(int argc, const char* const* argv) {
  CliOptions o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::optional<std::string_view> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string_view(argv[++i]);
    };
    if (arg == "--help" || arg == "-h") return {std::nullopt, cli_usage(), 0};
    if (arg == "--demo") {
      o.demo = true;
    } else if (arg == "--quiet") {
      o.quiet = true;
    } else if (arg == "--trust-proxy") {
      o.trust_proxy = true;
    } else if (arg == "--port" || arg == "--threads") {
      auto v = value();
      auto n = v ? number(*v, arg == "--port" ? 0 : 1, arg == "--port" ? 65535 : 1024) : std::nullopt;
      if (!n)
        return failure(std::string(arg) + " needs a number" +
                       (arg == "--port" ? " from 0 to 65535" : " from 1 to 1024"));
      (arg == "--port" ? o.port : o.threads) = *n;
    } else if (arg == "--oldest-protocol") {
      auto v = value();
      auto n = v ? number(*v, 1, 1000000) : std::nullopt;
      if (!n) return failure("--oldest-protocol needs a protocol version from 1");
      o.oldest_protocol = *n;
    } else if (arg == "--smtp-url" || arg == "--smtp-user" || arg == "--smtp-password-file" || arg == "--mail-from" ||
               arg == "--mail-templates") {
      auto v = value();
      if (!v || v->empty()) return failure(std::string(arg) + " needs a value");
      if (arg == "--smtp-url") {
        if (v->substr(0, 7) != "smtp://" && v->substr(0, 8) != "smtps://")
          return failure("--smtp-url must start with smtp:// or smtps://");
        o.smtp_url = *v;
      } else if (arg == "--smtp-user") {
        o.smtp_user = *v;
      } else if (arg == "--smtp-password-file") {
        o.smtp_password_file = std::filesystem::path(*v);
      } else if (arg == "--mail-from") {
        if (!parse_mail_from(*v, o.mail_from_name, o.mail_from_address))
          return failure("--mail-from needs an address, like \"Pathways <no-reply@example.com>\"");
      } else {
        o.mail_templates = std::filesystem::path(*v);
      }
    } else if (arg == "--host" || arg == "--db" || arg == "--web") {
      auto v = value();
      if (!v || v->empty()) return failure(std::string(arg) + " needs a value");
      if (arg == "--host")
        o.host = *v;
      else if (arg == "--db")
        o.db = *v;
      else
        o.web = std::filesystem::path(*v);
    } else {
      return failure("unknown option " + std::string(arg));
    }
  }
  return {o, {}, 0};
}

bool parse_mail_from(std::string_view text, std::string& name, std::string& address) {
  auto trim = [](std::string_view t) {
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    return t;
  };
  std::string_view n, a = trim(text);
  if (const auto open = text.find('<'); open != std::string_view::npos) {
    if (text.back() != '>') return false;
    n = trim(text.substr(0, open));
    if (n.size() >= 2 && n.front() == '"' && n.back() == '"') n = n.substr(1, n.size() - 2);
    a = text.substr(open + 1, text.size() - open - 2);
  }
  const auto at = a.find('@');
  if (a.empty() || at == 0 || at == std::string_view::npos || at + 1 == a.size() || a.find('@', at + 1) != a.npos)
    return false;
  for (char c : a)
    if (static_cast<unsigned char>(c) <= 32 || c == '<' || c == '>' || c == '"' || c == ',') return false;
  name = std::string(n.empty() ? std::string_view("Pathways") : n);
  address = std::string(a);
  return true;
}

std::filesystem::path default_web_dir(const char* argv0) {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) exe = std::filesystem::absolute(argv0, ec);
  // <root>/build/native/server/pathways-server → <root>/build/wasm/web
  return exe.parent_path().parent_path().parent_path() / "wasm" / "web";
}

}  // namespace pathways::server
