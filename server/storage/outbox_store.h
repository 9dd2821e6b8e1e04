// The mailer's view of the outbox table: messages not yet sent, the people they go to,
// and marking them sent. (Rows are written by the entity store, in the op's transaction.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "server/storage/sqlite.h"

namespace pathways::server::storage {

struct PendingMail {
  std::int64_t row = 0;  // the row's rowid: a stable, ordered name for the message
  OutboxMessage message;
};

// Unsent messages in the order they were queued, at most `limit`.
std::vector<PendingMail> pending_mail(sql::Connection& db, int limit);
void mark_sent(sql::Connection& db, const Id& message_id, Time now);
void mark_all_sent(sql::Connection& db, Time now);

struct Address {
  std::string name;
  std::string email;
};
std::optional<Address> user_address(sql::Connection& db, const Id& user);

}  // namespace pathways::server::storage
