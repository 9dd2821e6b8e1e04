#include "server/mailer.h"

#include <cctype>
#include <cstdio>

namespace pathways::server {
Mailer::Mailer(storage::Database& database, MailerOptions options, Clock clock, MailComposer compose)
    : options_(std::move(options)),
      clock_(std::move(clock)),
      compose_(std::move(compose)),
      sender_(options_.smtp ? smtp_sender(*options_.smtp) : file_drop_sender(options_.folder)),
      db_(database.connect()),
      worker_([this] { deliver_all(); }, options_.poll_interval) {}

Mailer::~Mailer() { stop(); }

void Mailer::start() { worker_.start(); }

void Mailer::stop() { worker_.stop(); }

void Mailer::wake() { worker_.wake(); }

void Mailer::deliver_all() {
  try {
    while (deliver_pending() > 0) {
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mailer: %s (will retry)\n", e.what());
  }
}

int Mailer::deliver_pending() {
  std::lock_guard lock(deliver_mutex_);
  int handled = 0;
  const Time now = clock_();
  const auto due = storage::pending_mail(*db_, 100, now);
  const PacingDecision paced = pace(due, now, storage::sent_since(*db_, now - std::chrono::hours(1)), options_.pacing);
  for (const auto* mail : paced.superseded) storage::mark_superseded(*db_, mail->row, now);
  for (const auto& [mail, until] : paced.hold) storage::hold(*db_, mail->row, until);
  handled += static_cast<int>(paced.superseded.size() + paced.hold.size());
  for (const auto* pointer : paced.send) {
    const storage::PendingMail& mail = *pointer;
    ++handled;
    const auto written = compose_(mail);
    if (!written) {
      storage::park(*db_, mail.row, now, "The recipient no longer exists or has no e-mail address.");
      continue;
    }
    char number[24];
    std::snprintf(number, sizeof number, "%08lld", static_cast<long long>(mail.row));
    const Delivery d = sender_->send(std::string(number) + "-" + mail_id_part(mail.message.id), options_.envelope_from,
                                     written->recipients, written->bytes);
    const int attempts = mail.attempts + 1;
    if (d.outcome == Delivery::Outcome::sent) {
      storage::mark_sent(*db_, mail.row, now, attempts);
    } else if (d.outcome == Delivery::Outcome::permanent || attempts >= options_.max_attempts) {
      storage::park(*db_, mail.row, now, d.reason, attempts);
    } else {
      // 30 s, 1 min, 2 min, … up to max_retry: a server that is down for a while is not hammered.
      auto wait = options_.first_retry;
      for (int i = 1; i < attempts && wait < options_.max_retry; ++i) wait *= 2;
      if (wait > options_.max_retry) wait = options_.max_retry;
      storage::defer(*db_, mail.row, now + wait, d.reason, attempts);
    }
  }
  return handled;
}

void Mailer::skip_pending() {
  std::lock_guard lock(deliver_mutex_);
  storage::mark_all_sent(*db_, clock_());
}

storage::OutboxStatus Mailer::status() {
  std::lock_guard lock(deliver_mutex_);
  return storage::outbox_status(*db_, 50);
}

}  // namespace pathways::server
