#include "server/storage/checkpointer.h"

#include <sqlite3.h>

#include <cstdio>

#include "server/storage/database.h"

namespace pathways::server::storage {

Checkpointer::Checkpointer(const Database& database, int threshold_pages)
    : db_(database.connect()), threshold_pages_(threshold_pages), worker_([this] { checkpoint(); }, std::nullopt) {
  worker_.start();
}

Checkpointer::~Checkpointer() { worker_.stop(); }

void Checkpointer::attach(sql::Connection& writer) {
  sqlite3_wal_hook(writer.handle(), &Checkpointer::on_commit, this);
}

int Checkpointer::on_commit(void* self, sqlite3*, const char*, int wal_pages) {
  auto* checkpointer = static_cast<Checkpointer*>(self);
  if (wal_pages >= checkpointer->threshold_pages_) checkpointer->worker_.wake();
  return SQLITE_OK;
}

void Checkpointer::checkpoint() {
  // PASSIVE copies what no reader still needs and gives way to everyone; what it leaves
  // is copied next time. A failure (busy, I/O) only delays the copy: the log stays valid.
  const int rc = sqlite3_wal_checkpoint_v2(db_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
    std::fprintf(stderr, "checkpoint: %s\n", sqlite3_errstr(rc));
}

}  // namespace pathways::server::storage
