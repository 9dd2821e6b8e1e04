#include "server/storage/database.h"

#include "server/storage/migrations.h"

namespace pathways::server::storage {

Database::Database(std::string path, int busy_timeout_ms) : path_(std::move(path)), busy_timeout_ms_(busy_timeout_ms) {
  auto first = connect();
  migrate(*first);
  pool_.push_back(std::move(first));
}

std::unique_ptr<sql::Connection> Database::connect() const {
  return std::make_unique<sql::Connection>(path_, busy_timeout_ms_);
}

Database::Lease::Lease(Database& owner, std::unique_ptr<sql::Connection> connection)
    : owner_(&owner), connection_(std::move(connection)) {}

Database::Lease::~Lease() {
  if (!connection_) return;  // moved from
  std::lock_guard lock(owner_->pool_mutex_);
  owner_->pool_.push_back(std::move(connection_));
}

Database::Lease Database::read() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!pool_.empty()) {
      auto c = std::move(pool_.back());
      pool_.pop_back();
      return Lease(*this, std::move(c));
    }
  }
  return Lease(*this, connect());
}

std::int64_t read_meta(sql::Connection& db, std::string_view key) {
  auto q = db.query("SELECT value FROM meta WHERE key = ?");
  q->bind(1, key);
  return q->step() ? q->integer(0) : 0;
}

void write_meta(sql::Connection& db, std::string_view key, std::int64_t value) {
  auto q =
      db.query("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  q->bind(1, key).bind(2, value);
  q->run();
}

}  // namespace pathways::server::storage
