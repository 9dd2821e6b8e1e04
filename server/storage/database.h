// The database file: opened and migrated once, then handing out connections. Each part of
// the server that writes keeps its own connection (SQLite serialises writers; the busy
// timeout absorbs the short waits); pulls borrow read connections from a pool, so
// concurrent pulls read in parallel under WAL.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/sqlite.h"

namespace pathways::server::storage {

class Database {
 public:
  // Opens or creates the file and applies migrations; throws on failure. A connection
  // waits up to `busy_timeout_ms` for another one's write lock before failing as busy.
  explicit Database(std::string path, int busy_timeout_ms = 5000);

  const std::string& path() const { return path_; }
  std::unique_ptr<sql::Connection> connect() const;

  // A pooled read connection, returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(Database& owner, std::unique_ptr<sql::Connection> connection);
    ~Lease();
    Lease(Lease&&) = default;
    sql::Connection& operator*() const { return *connection_; }
    sql::Connection* operator->() const { return connection_.get(); }

   private:
    Database* owner_;
    std::unique_ptr<sql::Connection> connection_;
  };
  Lease read();

 private:
  std::string path_;
  int busy_timeout_ms_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<sql::Connection>> pool_;
};

// [SECTION] Small named counters in the meta table.

namespace meta {
constexpr std::string_view server_version = "server_version";            // last committed version
constexpr std::string_view oldest_pull_version = "oldest_pull_version";  // older `since` gets a full reset
}  // namespace meta

std::int64_t read_meta(sql::Connection& db, std::string_view key);
void write_meta(sql::Connection& db, std::string_view key, std::int64_t value);

}  // namespace pathways::server::storage
