// The database guards what the core guards (R3, R18): written past the core, an impossible
// row is refused by the schema itself.
#include <sqlite3.h>

#include "harness.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// The result code of one statement on its own connection.
int exec(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  sqlite3_busy_timeout(raw, 5000);
  const int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(raw);
  return rc;
}

}  // namespace

TEST_CASE("schema constraints: a slot's places are never taken beyond its capacity, and a place is taken once") {
  TestServer s;
  make_small_world(s);
  SyncClient coach(s, s.login_as("coach1"), "coach1-laptop");
  SyncClient alice(s, s.login_as("alice"), "alice-phone");
  REQUIRE(coach.run(add_slot("sl-1", s.now() + days(2))) == "applied");
  REQUIRE(coach.run(add_slot("sl-2", s.now() + days(3))) == "applied");
  REQUIRE(alice.run({{"type", "book_session"}, {"session", "pa/s1"}, {"slot", "sl-1"}}) == "applied");
  s.stop();
  const auto db = s.db_path();

  // The counter stays within 0..capacity.
  CHECK(exec(db, "UPDATE slots SET taken = capacity + 1 WHERE id = 'sl-1'") == SQLITE_CONSTRAINT);
  CHECK(exec(db, "UPDATE slots SET taken = -1 WHERE id = 'sl-2'") == SQLITE_CONSTRAINT);
  CHECK(exec(db,
             "INSERT INTO slots (id, coach, start, duration_min, capacity, kind, taken, version) "
             "VALUES ('sl-9', 'coach1', 0, 60, 1, 'one_to_one', 2, 1)") == SQLITE_CONSTRAINT);
  // A second session holding a place in the full 1:1 slot: refused, however it is written.
  CHECK(exec(db, "UPDATE sessions SET slot = 'sl-1', status = 'booked' WHERE id = 'pb/s1'") == SQLITE_CONSTRAINT);
  CHECK(
      exec(db, "UPDATE sessions SET slot = 'sl-1', status = 'missed', missed_reason = 'no_show' WHERE id = 'pa/s2'") ==
      SQLITE_CONSTRAINT);
  // What the core would write is accepted: the same session rewritten, a free slot booked,
  // a late cancellation (which frees the place) pointing at the full slot.
  CHECK(exec(db, "UPDATE sessions SET status = 'completed' WHERE id = 'pa/s1'") == SQLITE_OK);
  CHECK(exec(db, "UPDATE sessions SET slot = 'sl-2', status = 'booked' WHERE id = 'pb/s1'") == SQLITE_OK);
  CHECK(exec(db,
             "UPDATE sessions SET slot = 'sl-1', status = 'missed', missed_reason = 'late_cancellation' "
             "WHERE id = 'pa/s2'") == SQLITE_OK);
  CHECK(exec(db, "UPDATE slots SET taken = 1 WHERE id = 'sl-2'") == SQLITE_OK);
}
