// Calendar feeds (DESIGN.md §10): each coach and participant may subscribe to their
// sessions as an iCalendar feed at a secret address, /calendar/<secret>.ics. The secret
// is 32 random bytes (64 hex digits); the server keeps only its SHA-256, so the address is
// shown once, when made, and making a new one stops the old one at once.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/state.h"
#include "server/clock.h"
#include "server/storage/database.h"

namespace pathways::server {

class CalendarFeeds {
 public:
  CalendarFeeds(storage::Database& database, Clock clock);

  // A new secret for `user`, replacing any earlier one; returns the secret.
  std::string renew(const Id& user);
  // The user a secret belongs to, or nothing (unknown, replaced, or not 64 hex digits).
  std::optional<Id> owner(std::string_view secret);

 private:
  Clock clock_;
  std::unique_ptr<sql::Connection> db_;
  std::mutex mutex_;
};

// The feed of `user`'s sessions: a coach's booked sessions, a participant's own; every
// session ever booked whose time is known, cancelled ones marked so subscribed calendars
// drop them (core/calendar_event.h). Staff other than coaches get an empty calendar.
std::string user_feed(const State& state, const Id& user, Time now);

}  // namespace pathways::server
