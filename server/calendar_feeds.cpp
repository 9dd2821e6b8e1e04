#include "server/calendar_feeds.h"

#include "core/calendar_event.h"
#include "server/secrets.h"

namespace pathways::server {
namespace {

bool is_secret(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

CalendarFeeds::CalendarFeeds(storage::Database& database, Clock clock)
    : clock_(std::move(clock)), db_(database.connect()) {}

std::string CalendarFeeds::renew(const Id& user) {
  const std::string secret = secrets::new_token();
  std::lock_guard lock(mutex_);
  auto q = db_->query(
      "INSERT INTO calendar_feeds (user_id, secret_hash, created_at) VALUES (?, ?, ?) "
      "ON CONFLICT (user_id) DO UPDATE SET secret_hash = excluded.secret_hash, created_at = excluded.created_at");
  q->bind(1, user).bind(2, secrets::token_digest(secret)).bind(3, std::int64_t{unix_seconds(clock_())});
  q->run();
  return secret;
}

std::optional<Id> CalendarFeeds::owner(std::string_view secret) {
  if (!is_secret(secret)) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto q = db_->query("SELECT user_id FROM calendar_feeds WHERE secret_hash = ?");
  q->bind(1, secrets::token_digest(secret));
  if (!q->step()) return std::nullopt;
  return std::string(q->text(0));
}

std::string user_feed(const State& state, const Id& user_id, Time now) {
  const User* user = state.user(user_id);
  std::vector<CalendarEvent> events;
  auto add_pathway = [&](const Id& pathway) {
    for (const Session& s : state.sessions_of(pathway))
      if (auto e = session_event(state, s.id())) events.push_back(std::move(*e));
  };
  if (user && user->role == Role::coach)
    for (const Id& p : state.ids(state.pathways_by_coach, user_id)) add_pathway(p);
  if (user && user->role == Role::participant)
    for (const Id& p : state.ids(state.pathways_by_participant, user_id)) add_pathway(p);
  return feed_ics(events, (user ? user->name + ", " : std::string()) + "Pathways", now);
}

}  // namespace pathways::server
