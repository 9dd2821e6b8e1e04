// Copies the write-ahead log back into the database file on a thread of its own.
//
// SQLite's automatic checkpoint runs inside the COMMIT that crosses the threshold, on the
// committing thread: for the sync service's writer that is while it holds the state's
// write lock, so every push queued behind it waits for a few megabytes of copying (and
// the fsyncs). Attached to a connection, this takes over that connection's automatic
// checkpoint: the commit only signals, and a PASSIVE checkpoint (which never blocks
// writers or readers) runs here.
#pragma once

#include <memory>

#include "server/background_worker.h"
#include "server/storage/sqlite.h"

namespace pathways::server::storage {

class Database;

class Checkpointer {
 public:
  // Checkpoints through a connection of its own to `database`.
  explicit Checkpointer(const Database& database, int threshold_pages = 1000);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // From now on `writer`'s commits signal this instead of checkpointing themselves.
  // `writer` must outlive this object.
  void attach(sql::Connection& writer);

 private:
  static int on_commit(void* self, sqlite3* db, const char* name, int wal_pages);
  void checkpoint();

  std::unique_ptr<sql::Connection> db_;
  int threshold_pages_;
  BackgroundWorker worker_;
};

}  // namespace pathways::server::storage
