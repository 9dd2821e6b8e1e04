// Entities in SQLite: one table per kind (see migrations.cpp), written change by change
// inside the caller's transaction, read back whole at start, and listed by version for
// incremental pulls.
#pragma once

#include <cstdint>
#include <vector>

#include "core/state.h"
#include "server/storage/sqlite.h"

namespace pathways::server::storage {

// Writes one change as the entity's row at `version` (a deletion becomes a tombstone row).
// `state` must already hold the change: columns such as a pathway's company are read
// through it. `before` is the entity's previous value, if it had one: then only the
// columns that differ are written.
void write_entity(sql::Connection& db, const State& state, const Change& change, std::int64_t version,
                  const Entity* before);

// Commits every live row into `state`, parents before children, in creation order, reading
// in one transaction. Outbox messages come back as their ids only (see the definition).
void load_entities(sql::Connection& db, State& state);

// The rows (live or tombstone) changed after `version`, oldest first. The outbox is the
// server's and never listed.
struct ChangedRow {
  EntityKind kind;
  Id id;
  std::int64_t version = 0;
  bool deleted = false;
};
std::vector<ChangedRow> changed_since(sql::Connection& db, std::int64_t version);

}  // namespace pathways::server::storage
