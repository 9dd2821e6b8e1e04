// The mailer: sends what the core queued in the outbox (R12), each message once. The
// default sender drops one RFC 5322 .eml file per message into a folder (`<db>.outbox/`),
// named after the message's outbox row, written then renamed, and only then marked sent:
// a crash in between rewrites the same file, never a second one.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "server/background_worker.h"
#include "server/clock.h"
#include "server/storage/database.h"
#include "server/storage/outbox_store.h"

namespace pathways::server {

struct MailerOptions {
  std::filesystem::path folder;
  std::string from = "Pathways <no-reply@pathways.invalid>";
  std::chrono::milliseconds poll_interval{5000};  // also catches mail queued by other processes
};

// The text of one message as an .eml file.
std::string format_eml(const storage::PendingMail& mail, const storage::Address& to,
                       const std::vector<storage::Address>& cc, const std::string& from);

class Mailer {
 public:
  Mailer(storage::Database& database, MailerOptions options, Clock clock);
  ~Mailer();

  void start();
  // Finishes the message in hand, then returns.
  void stop();
  // New mail was queued: deliver soon.
  void wake();

  // One delivery pass over up to 100 messages; returns how many it handled.
  int deliver_pending();
  // Marks everything queued so far as sent without writing it (seeded history).
  void skip_pending();

 private:
  void deliver_all();

  MailerOptions options_;
  Clock clock_;
  std::unique_ptr<sql::Connection> db_;
  std::mutex deliver_mutex_;  // one pass at a time (the thread, or a test calling directly)

  BackgroundWorker worker_;
};

}  // namespace pathways::server
