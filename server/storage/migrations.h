// The database schema as an ordered list of migrations. The file's schema version is
// SQLite's `user_version`; opening a database applies every newer migration, each in its
// own transaction, and refuses a file written by a newer server.
#pragma once

#include "server/storage/sqlite.h"

namespace pathways::server::storage {

// The schema version this build writes.
int latest_schema_version();

// Brings `db` up to `target` (the latest version unless a test asks for an older
// schema); throws sql::Error on failure, std::runtime_error when the file is newer than
// this build.
void migrate(sql::Connection& db, int target = latest_schema_version());

}  // namespace pathways::server::storage
