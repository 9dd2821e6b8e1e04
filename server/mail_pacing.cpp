#include "server/mail_pacing.h"

#include <set>

namespace pathways::server {
namespace {

bool is_booking_message(MailTemplate kind) {
  return kind == MailTemplate::booking_confirmation || kind == MailTemplate::cancellation;
}

// The booking a confirmation or cancellation is about: its id is "<kind>:<session>:<n>"
// (core/rules/session_rules.cpp); the key without the kind pairs the two.
std::string booking_key(const OutboxMessage& m) {
  const auto colon = m.id.find(':');
  return m.to + "|" + (colon == std::string::npos ? m.id : m.id.substr(colon + 1));
}

}  // namespace

PacingDecision pace(const std::vector<storage::PendingMail>& due, Time now, const std::map<Id, int>& sent_last_hour,
                    const PacingOptions& options) {
  PacingDecision out;
  // Pairs that undo each other: a confirmation and a cancellation of the same booking.
  std::map<std::string, std::pair<const storage::PendingMail*, const storage::PendingMail*>> bookings;
  for (const auto& m : due) {
    if (!is_booking_message(m.message.kind) || m.attempts > 0) continue;
    auto& pair = bookings[booking_key(m.message)];
    (m.message.kind == MailTemplate::booking_confirmation ? pair.first : pair.second) = &m;
  }
  std::set<const storage::PendingMail*> undone;
  for (const auto& [key, pair] : bookings)
    if (pair.first && pair.second) {
      undone.insert(pair.first);
      undone.insert(pair.second);
    }

  std::map<Id, int> counts = sent_last_hour;
  for (const auto& m : due) {
    if (undone.count(&m)) {
      out.superseded.push_back(&m);
      continue;
    }
    if (is_booking_message(m.message.kind) && m.attempts == 0 && now < m.message.at + options.settle) {
      out.hold.emplace_back(&m, m.message.at + options.settle);
      continue;
    }
    int& count = counts[m.message.to];
    if (count >= options.per_hour) {
      out.hold.emplace_back(&m, now + std::chrono::minutes(10));
      continue;
    }
    ++count;
    out.send.push_back(&m);
  }
  return out;
}

}  // namespace pathways::server
