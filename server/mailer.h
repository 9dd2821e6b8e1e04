// The mailer: delivers what the core queued in the outbox (R12), each message once
// (DESIGN.md §10). A message is composed when it is due (server/mail_writer.h), handed to
// the sender (a folder of .eml files by default, SMTP through libcurl for real use), and
// marked sent only after the sender took it. A failure is retried with a growing back-off;
// a permanent refusal or too many attempts parks the message with its reason, kept for an
// admin to see, never dropped. The window for a duplicate is the moment between the SMTP
// server's final reply and the row's update (a crash there); a crash earlier resends once.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "server/background_worker.h"
#include "server/clock.h"
#include "server/mail_pacing.h"
#include "server/mail_sender.h"
#include "server/mail_writer.h"
#include "server/storage/database.h"
#include "server/storage/outbox_store.h"

namespace pathways::server {

struct MailerOptions {
  std::filesystem::path folder;                             // the file drop, used when `smtp` is not set
  std::optional<SmtpSettings> smtp;                         // --smtp-url and friends
  std::string envelope_from = "no-reply@pathways.invalid";  // MAIL FROM (RFC 5321 §4.1.1.2)
  std::chrono::milliseconds poll_interval{5000};            // also catches mail queued by other processes
  int max_attempts = 12;                                    // then parked
  std::chrono::seconds first_retry{30};                     // doubles after each failure, at most max_retry
  std::chrono::seconds max_retry{std::chrono::hours(2)};
  PacingOptions pacing;
};

// Composes the message of an outbox row, or nothing when it can never be sent (its
// recipient is gone or has no address).
using MailComposer = std::function<std::optional<WrittenMail>(const storage::PendingMail&)>;

class Mailer {
 public:
  Mailer(storage::Database& database, MailerOptions options, Clock clock, MailComposer compose);
  ~Mailer();

  void start();
  // Finishes the message in hand, then returns.
  void stop();
  // New mail was queued: deliver soon.
  void wake();

  // One delivery pass over up to 100 messages due now; returns how many it handled (sent,
  // deferred or parked).
  int deliver_pending();
  // Marks everything queued so far as sent without writing it (seeded history).
  void skip_pending();

  // What is queued, sent and parked, with the parked messages' reasons (the admin's view).
  storage::OutboxStatus status();

 private:
  void deliver_all();

  MailerOptions options_;
  Clock clock_;
  MailComposer compose_;
  std::unique_ptr<MailSender> sender_;
  std::unique_ptr<sql::Connection> db_;
  std::mutex deliver_mutex_;  // one pass at a time (the thread, or a test calling directly)

  BackgroundWorker worker_;
};

}  // namespace pathways::server
