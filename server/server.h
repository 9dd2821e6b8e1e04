// One running Pathways server: the database, the services, the HTTP front and the
// background threads, wired together and started and stopped in order. main() runs one;
// the integration tests run several in-process.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "core/protocol.h"
#include "server/auth.h"
#include "server/clock.h"
#include "server/http_server.h"
#include "server/mail_message.h"
#include "server/mail_sender.h"

namespace pathways::server {

class Jobs;
class Mailer;
class MailWriter;
class CalendarFeeds;
class SyncService;
namespace storage {
class Database;
}

struct ServerOptions {
  std::string db_path = "pathways.db";
  int busy_timeout_ms = 5000;  // how long a write waits for the database before answering 503
  HttpOptions http;
  bool demo = false;
  std::filesystem::path outbox_dir;  // empty: "<db>.outbox"
  std::optional<SmtpSettings> smtp;  // set: deliver by SMTP instead of the file drop
  MailAddress mail_from{"Pathways", "no-reply@pathways.invalid"};
  std::filesystem::path mail_templates;  // empty: the built-in templates
  int mail_max_attempts = 12;
  std::chrono::seconds mail_first_retry{30};
  Clock clock = system_now;
  AuthOptions auth;
  std::chrono::milliseconds jobs_interval = std::chrono::hours(1);
  std::chrono::milliseconds mailer_poll = std::chrono::seconds(5);
  bool background_threads = true;  // the mailer and jobs threads (tests may drive them by hand)
  bool announce = true;            // start-up lines on stderr (what was loaded, seeded, served)
  // The first admin of an empty database (without --demo).
  std::string admin_email = "admin@localhost";
  std::string admin_password;  // empty: a random one, printed once
  // Clients speaking an older protocol get 426 update_needed: an operator can retire old
  // clients (and tests can make a server answer 426) without a new build.
  int oldest_protocol = protocol::oldest_supported_version;
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();

  // Opens the database, rebuilds the state, seeds an empty database (the demo, or the first
  // admin), binds the port and starts the background threads. Returns the port. Throws
  // std::runtime_error (or sql::Error) with a readable message on failure.
  int start();
  // Serves until stop(); returns once in-flight requests have finished.
  void serve();
  // Stops accepting, lets in-flight requests (and their commits) finish, stops the threads.
  void stop();

  SyncService& sync() { return *sync_; }
  AuthService& auth() { return *auth_; }
  Mailer& mailer() { return *mailer_; }
  Jobs& jobs() { return *jobs_; }
  const ServerOptions& options() const { return options_; }

 private:
  void seed_empty_database();

  ServerOptions options_;
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<SyncService> sync_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<MailWriter> mail_writer_;
  std::unique_ptr<CalendarFeeds> calendar_feeds_;
  std::unique_ptr<Mailer> mailer_;
  std::unique_ptr<Jobs> jobs_;
  std::unique_ptr<HttpServer> http_;

  std::mutex lifecycle_mutex_;
  bool serving_ = false;
  bool stopping_ = false;
};

}  // namespace pathways::server
