// Entities as JSON: pull data and snapshots round-trip, and bad data is refused.
#include "core/entity_codec.h"
#include "core/snapshot.h"

#include <nlohmann/json.hpp>

#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

TEST_CASE("entity codec: a snapshot reloads into the same state") {
  World w = make_world();
  w.book("pa/s1", -hours(2));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::missed, MissedReason::no_show});
  w.must(coach, AddNote{"pa/s1", "n1", {"Note"}});
  w.must(admin, GrantSessions{"pa", "g1", 1, {"PO"}, {"Why"}});
  const std::string text = save_snapshot(w.state);
  auto loaded = load_snapshot(text);
  REQUIRE(loaded);
  CHECK(save_snapshot(loaded.value()) == text);
  CHECK(loaded->session("pa/s1")->status == SessionStatus::missed);
  CHECK(loaded->ids(loaded->pathways_by_coach, "coach1").size() == 2);
  CHECK(loaded->ids(loaded->notes_by_session, "pa/s1").size() == 1);
}

TEST_CASE("entity codec: the fields DESIGN.md §5a promises are in pull data") {
  World w = make_world();
  w.book("pa/s1", days(2));
  const User* viewer = w.state.user("coach1");
  auto s = entity_data(w.state, Entity{w.session("pa/s1")}, viewer);
  for (const char* f : {"id", "pathway", "title", "kind", "status", "missed_reason", "slot", "start", "duration_min"})
    CHECK_MESSAGE(s.contains(f), f);
  CHECK(s["status"] == "booked");
  CHECK(s["title"] == "Kick-off");
  auto slot = entity_data(w.state, Entity{*w.state.slot("slot-pa-s1")}, viewer);
  for (const char* f : {"id", "coach", "start", "duration_min", "capacity", "kind", "taken"}) CHECK_MESSAGE(slot.contains(f), f);
  auto pw = entity_data(w.state, Entity{*w.state.pathway("pa")}, viewer);
  for (const char* f : {"id", "participant", "coach", "cohort", "journey", "completed"}) CHECK_MESSAGE(pw.contains(f), f);
  auto user = entity_data(w.state, Entity{*w.state.user("alice")}, viewer);
  for (const char* f : {"id", "name", "role", "email"}) CHECK_MESSAGE(user.contains(f), f);
  auto cohort = entity_data(w.state, Entity{*w.state.cohort("c1")}, viewer);
  for (const char* f : {"id", "name", "journey", "project", "blueprint"}) CHECK_MESSAGE(cohort.contains(f), f);
  // Pulled data reads back into the entity (the client's base state).
  auto back = entity_from_data(EntityKind::session, s);
  REQUIRE(back);
  CHECK(std::get<Session>(back.value()).id() == "pa/s1");
}

TEST_CASE("entity codec: bad data is refused with a reason") {
  CHECK_FALSE(load_snapshot("not json"));
  CHECK_FALSE(load_snapshot("{\"format\": 99}"));
  CHECK_FALSE(load_snapshot(R"({"format":2,"session_rows":[["p","k",9]]})"));
  CHECK_FALSE(load_snapshot(R"({"format":2,"session_rows":[["p","k"]]})"));  // no such pathway
  CHECK_FALSE(load_snapshot(R"({"format":2,"user":[{"id":"u","name":7,"role":"admin"}]})"));
  CHECK_FALSE(load_snapshot(R"({"format":2,"user":"everyone"})"));
  CHECK(load_snapshot(R"({"format":2})"));
}
