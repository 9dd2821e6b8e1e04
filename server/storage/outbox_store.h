// The mailer's view of the outbox table: messages due, and what became of each (sent,
// tried again later, parked). Rows are written by the entity store, in the op's
// transaction (R12).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "server/storage/sqlite.h"

namespace pathways::server::storage {

struct PendingMail {
  std::int64_t row = 0;  // the row's rowid: a stable, ordered name for the message
  OutboxMessage message;
  int attempts = 0;  // deliveries tried so far
};

// Unsent, unparked messages due at `now` (never tried, or their retry time has come), in
// the order they were queued, at most `limit`.
std::vector<PendingMail> pending_mail(sql::Connection& db, int limit, Time now);
void mark_sent(sql::Connection& db, std::int64_t row, Time now, int attempts);
void mark_all_sent(sql::Connection& db, Time now);
// A failure to try again at `next` (UTC), with its reason.
void defer(sql::Connection& db, std::int64_t row, Time next, const std::string& reason, int attempts);
// Stops trying: kept with its reason for an admin (never deleted, never sent twice).
void park(sql::Connection& db, std::int64_t row, Time now, const std::string& reason, int attempts = 0);

// Not yet, and not a failure: try at `until` (pacing), attempts unchanged.
void hold(sql::Connection& db, std::int64_t row, Time until);
// Undone by a later change before it went (pacing): never sent, kept with the reason.
void mark_superseded(sql::Connection& db, std::int64_t row, Time now);
// Messages sent in [since, now] per recipient user id (pacing's hourly count).
std::map<Id, int> sent_since(sql::Connection& db, Time since);

struct ParkedMail {
  std::int64_t row = 0;
  std::string id;
  std::string kind;
  std::string recipient;  // user id
  int attempts = 0;
  Time parked_at{};
  std::string reason;
};

struct OutboxStatus {
  std::int64_t queued = 0;    // waiting for a first attempt
  std::int64_t retrying = 0;  // failed at least once, will be tried again
  std::int64_t sent = 0;
  std::int64_t superseded = 0;  // undone within the pacing window, never sent
  std::int64_t parked = 0;
  std::vector<ParkedMail> recent_parked;    // newest first, at most the limit asked for
  std::vector<ParkedMail> recent_failures;  // retrying, with their last error
};
OutboxStatus outbox_status(sql::Connection& db, int limit);

}  // namespace pathways::server::storage
