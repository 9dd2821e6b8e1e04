// pathways-server: parses the command line, starts the server, prints where it listens,
// and stops cleanly on SIGINT / SIGTERM (in-flight requests and their commits finish).
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "server/cli_options.h"
#include "server/server.h"

using namespace pathways::server;

int main(int argc, char** argv) {
  const CliParse cli = parse_cli(argc, argv);
  if (!cli.options) {
    std::fputs(cli.message.c_str(), cli.exit_code == 0 ? stdout : stderr);
    return cli.exit_code;
  }
  const CliOptions& o = *cli.options;

  // Every thread started from here on inherits the blocked signals; one thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that hangs up is an error on its socket, not our death

  ServerOptions options;
  options.db_path = o.db;
  options.demo = o.demo;
  options.http.host = o.host;
  options.http.port = o.port;
  options.http.web_dir = o.web.empty() ? default_web_dir(argv[0]) : o.web;
  options.http.threads = o.threads;
  options.http.log_requests = !o.quiet;
  options.http.trust_proxy = o.trust_proxy;
  options.oldest_protocol = o.oldest_protocol;
  if (const char* password = std::getenv("PATHWAYS_ADMIN_PASSWORD")) options.admin_password = password;
  options.mail_from = {o.mail_from_name, o.mail_from_address};
  options.mail_templates = o.mail_templates;
  if (!o.smtp_url.empty()) {
    SmtpSettings smtp;
    smtp.url = o.smtp_url;
    smtp.user = o.smtp_user;
    if (!o.smtp_password_file.empty()) {
      std::ifstream file(o.smtp_password_file);
      if (!file || !std::getline(file, smtp.password)) {
        std::fprintf(stderr, "pathways-server: cannot read the SMTP password from %s\n", o.smtp_password_file.c_str());
        return 2;
      }
    } else if (const char* password = std::getenv("PATHWAYS_SMTP_PASSWORD")) {
      smtp.password = password;
    }
    if (!smtp.user.empty() && smtp.password.empty()) {
      std::fprintf(stderr, "pathways-server: --smtp-user needs PATHWAYS_SMTP_PASSWORD or --smtp-password-file\n");
      return 2;
    }
    options.smtp = smtp;
  }

  Server server(options);
  int port = 0;
  try {
    port = server.start();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pathways-server: %s\n", e.what());
    return 1;
  }
  std::printf("listening on http://%s:%d\n", o.host.c_str(), port);
  std::fflush(stdout);

  std::atomic<bool> served{false};
  std::thread signal_waiter([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    if (served) return;
    std::fprintf(stderr, "%s: stopping\n", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
    server.stop();
  });
  server.serve();
  served = true;
  kill(getpid(), SIGTERM);  // releases the waiter when serving ended without a signal
  signal_waiter.join();
  server.stop();
  std::fprintf(stderr, "stopped\n");
  return 0;
}
