// The pull response (DESIGN.md §5): what changed for one viewer since version V.
//
//   {"version": N, "reset": bool, "last_seq": S, "server_time": "…",
//    "changes": [{"kind", "id", "version", "deleted", "data"}, …],
//    "rejections": [{"seq", "code", "message"}, …]}
//
// A full reset (since is 0, unknown, older than the server keeps tombstones for, or the
// viewer's own scope was redefined) sends everything in the viewer's scope; the client
// clears first. Otherwise every entity whose row changed after V is sent as data when the
// viewer may see it now, else as a tombstone (deleted, or left the viewer's scope). Some
// entities enter a scope without changing themselves (a new pathway brings its cohort,
// journey, coach and the coach's slots; a session the blueprint hides that My Coaching keeps
// in view, R8, brings the participant's journey, which names its placeholder only then):
// they are sent along with what brought them.
// Snapshot entries (reset and such context) carry the pull's version.
#pragma once

#include <cstdint>
#include <string>

#include "core/state.h"
#include "server/storage/sqlite.h"

namespace pathways::server {

struct PullRequest {
  const User& viewer;
  const std::string& client_id;
  std::int64_t since = 0;
  std::int64_t version = 0;              // the server's current version
  std::int64_t oldest_pull_version = 0;  // tombstones before this are gone
  std::int64_t last_seq = 0;             // the client's highest processed seq
  Time now{};
};

// Reads through `db` inside the caller's read transaction; the caller holds the state's lock.
std::string build_pull(const State& state, sql::Connection& db, const PullRequest& request);

}  // namespace pathways::server
