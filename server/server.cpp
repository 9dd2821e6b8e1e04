#include "server/server.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <thread>
#include <utility>

#include "server/calendar_feeds.h"
#include "server/demo.h"
#include "server/jobs.h"
#include "server/mail_writer.h"
#include "server/mailer.h"
#include "server/secrets.h"
#include "server/storage/database.h"
#include "server/sync_service.h"

namespace pathways::server {
namespace {

// The demo logins, one line per password ("coach1@demo.test ... coach3@demo.test  demo-coach").
void print_demo_logins(const std::vector<DemoLogin>& logins) {
  std::fprintf(stderr, "demo logins:\n");
  for (std::size_t i = 0; i < logins.size();) {
    std::size_t j = i;
    while (j + 1 < logins.size() && logins[j + 1].password == logins[i].password) ++j;
    const std::string who = i == j ? logins[i].email : logins[i].email + " ... " + logins[j].email;
    std::fprintf(stderr, "  %-50s %-18s %s\n", who.c_str(), logins[i].password.c_str(), logins[i].role_label.c_str());
    i = j + 1;
  }
}

bool is_demo_database(const State& state) {
  const User* admin = state.user("admin");
  return admin && admin->email == "admin@demo.test";
}

}  // namespace

Server::Server(ServerOptions options) : options_(std::move(options)) {
  if (options_.outbox_dir.empty()) options_.outbox_dir = options_.db_path + ".outbox";
}

Server::~Server() { stop(); }

int Server::start() {
  const auto started = std::chrono::steady_clock::now();
  database_ = std::make_unique<storage::Database>(options_.db_path, options_.busy_timeout_ms);
  sync_ = std::make_unique<SyncService>(*database_, options_.clock);
  sync_->load();
  auth_ = std::make_unique<AuthService>(*database_, *sync_, options_.clock, options_.auth);
  auth_->load();
  // Templates are read now, so a broken edit stops the start with the file and the reason.
  MailWriterOptions writer_options;
  writer_options.from = options_.mail_from;
  const auto at = options_.mail_from.email.find('@');
  if (at != std::string::npos) writer_options.message_id_domain = options_.mail_from.email.substr(at + 1);
  mail_writer_ =
      std::make_unique<MailWriter>(load_mail_templates(options_.mail_templates), writer_options, sync_->zones());
  MailerOptions mailer_options;
  mailer_options.folder = options_.outbox_dir;
  mailer_options.smtp = options_.smtp;
  mailer_options.envelope_from = options_.mail_from.email;
  mailer_options.poll_interval = options_.mailer_poll;
  mailer_options.max_attempts = options_.mail_max_attempts;
  mailer_options.first_retry = options_.mail_first_retry;
  mailer_ =
      std::make_unique<Mailer>(*database_, mailer_options, options_.clock,
                               [sync = sync_.get(), writer = mail_writer_.get()](const storage::PendingMail& m) {
                                 return sync->read([&](const State& s) { return writer->write(s, m.row, m.message); });
                               });
  calendar_feeds_ = std::make_unique<CalendarFeeds>(*database_, options_.clock);
  sync_->on_mail_queued([mailer = mailer_.get()] { mailer->wake(); });
  jobs_ = std::make_unique<Jobs>(*sync_, options_.clock, options_.jobs_interval);
  const auto [users, pathways, sessions] = sync_->read([](const State& s) {
    std::size_t n = 0;
    for (const auto& [id, list] : s.sessions) n += list.size();
    return std::tuple{s.users.size(), s.pathways.size(), n};
  });
  if (options_.announce)
    std::fprintf(stderr, "loaded %s at version %lld: %zu users, %zu pathways, %zu sessions in %.0f ms\n",
                 options_.db_path.c_str(), static_cast<long long>(sync_->version()), users, pathways, sessions,
                 std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());

  seed_empty_database();
  if (options_.demo && options_.announce && sync_->read(is_demo_database))
    print_demo_logins(build_demo(options_.clock()).logins);

  http_ = std::make_unique<HttpServer>(
      options_.http, ApiServices{*auth_, *sync_, options_.clock, options_.oldest_protocol,
                                 [mailer = mailer_.get()] { return mailer->status(); }, calendar_feeds_.get()});
  const int port = http_->bind();
  if (options_.background_threads) {
    mailer_->start();
    jobs_->start();
  }
  return port;
}

void Server::seed_empty_database() {
  if (!sync_->read([](const State& s) { return s.users.empty(); })) return;
  if (options_.demo) {
    DemoData demo = build_demo(options_.clock());
    auto committed = sync_->commit_generated([&](const State&) { return std::move(demo.changes); });
    if (!committed) throw std::runtime_error("could not store the demo data: " + committed.error().message);
    // Demo accounts share a handful of published passwords: each is hashed once (Argon2id,
    // interactive cost) and the hash reused, instead of 65 hashes at every first start.
    std::map<std::string, std::string> hashes;
    for (const DemoLogin& login : demo.logins) {
      auto& hash = hashes[login.password];
      if (hash.empty()) hash = secrets::hash_password(login.password).value_or("");
      if (hash.empty()) throw std::runtime_error("out of memory while hashing the demo passwords");
      auth_->set_password_hash(login.user, hash);
    }
    // The demo's history happened before the server existed: its mail counts as delivered.
    mailer_->skip_pending();
    if (options_.announce)
      std::fprintf(stderr, "seeded the demo dataset (version %lld)\n", static_cast<long long>(committed.value()));
    return;
  }
  User admin;
  admin.id = "admin";
  admin.name = "Administrator";
  admin.email = options_.admin_email;
  admin.role = Role::admin;
  admin.last_activity = options_.clock();
  auto committed = sync_->commit_generated([&](const State&) { return std::vector<Change>{Change{admin}}; });
  if (!committed) throw std::runtime_error("could not create the first admin: " + committed.error().message);
  const bool chosen = !options_.admin_password.empty();
  const std::string password = chosen ? options_.admin_password : secrets::new_token().substr(0, 20);
  auto set = auth_->set_password(admin.id, password);
  if (!set) throw std::runtime_error("could not set the first admin's password: " + set.error().message);
  if (!options_.announce) return;
  if (chosen)
    std::fprintf(stderr, "created the first admin: %s (password from PATHWAYS_ADMIN_PASSWORD)\n", admin.email.c_str());
  else
    std::fprintf(stderr, "created the first admin: %s with password %s (shown once; change it)\n", admin.email.c_str(),
                 password.c_str());
}

void Server::serve() {
  {
    std::lock_guard lock(lifecycle_mutex_);
    if (stopping_ || !http_) return;
    serving_ = true;
  }
  http_->serve();
}

void Server::stop() {
  bool serving = false;
  {
    std::lock_guard lock(lifecycle_mutex_);
    stopping_ = true;
    serving = std::exchange(serving_, false);
  }
  if (serving) {
    // serve() may be between its check and cpp-httplib's listen loop: wait until it runs,
    // or stop() would find nothing to stop.
    for (int i = 0; i < 1000 && !http_->running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    http_->stop();
  }
  if (jobs_) jobs_->stop();
  if (mailer_) mailer_->stop();
}

}  // namespace pathways::server
