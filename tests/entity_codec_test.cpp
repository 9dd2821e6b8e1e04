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
  for (const char* f : {"id", "coach", "start", "duration_min", "capacity", "kind", "taken"})
    CHECK_MESSAGE(slot.contains(f), f);
  auto pw = entity_data(w.state, Entity{*w.state.pathway("pa")}, viewer);
  for (const char* f : {"id", "participant", "coach", "cohort", "journey", "completed"})
    CHECK_MESSAGE(pw.contains(f), f);
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

// Users and pathways are read field by field, not through entity_from_data: the same
// data must give the same entities and the same refusals.
TEST_CASE("entity codec: snapshot users and pathways read as entity_from_data reads them") {
  const nlohmann::json user = {{"id", "lead"},
                               {"name", "Lee"},
                               {"email", "Lee@X.test"},
                               {"role", "program_lead"},
                               {"companies", {"acme", "beta"}},
                               {"archived", true},
                               {"last_activity", "2026-11-02T09:00:00Z"},
                               {"extra", {{"nested", {1, 2}}}}};
  const nlohmann::json doc = {{"format", 3}, {"user", {user}}};
  auto loaded = load_snapshot(doc.dump());
  REQUIRE(loaded);
  auto direct = entity_from_data(EntityKind::user, user);
  REQUIRE(direct);
  const User& want = std::get<User>(direct.value());
  const User* got = loaded->user("lead");
  REQUIRE(got);
  CHECK(got->name == want.name);
  CHECK(got->email == want.email);
  CHECK(got->role == want.role);
  CHECK(got->companies == want.companies);
  CHECK(got->archived == want.archived);
  CHECK(got->last_activity == want.last_activity);
  CHECK(loaded->user_by_email_address("lee@x.test") == got);

  // Each refusal carries entity_from_data's code.
  for (const char* bad : {R"({"id":"u","role":"admin"})", R"({"id":"u","name":"U","role":"king"})",
                          R"({"id":"u","name":"U","role":"admin","companies":"acme"})",
                          R"({"id":"u","name":"U","role":"admin","companies":["a",1]})",
                          R"({"id":"u","name":"U","role":"admin","last_activity":"yesterday"})",
                          R"({"id":"u","name":null,"role":"admin"})"}) {
    const auto data = nlohmann::json::parse(bad);
    auto want_error = entity_from_data(EntityKind::user, data);
    auto got_error = load_snapshot(nlohmann::json{{"format", 3}, {"user", {data}}}.dump());
    REQUIRE_FALSE(want_error);
    REQUIRE_FALSE(got_error);
    CHECK_MESSAGE(got_error.rejection().message == want_error.rejection().message, bad);
    CHECK(got_error.rejection().code == want_error.rejection().code);
  }
  CHECK_FALSE(load_snapshot(R"({"format":3,"pathway":[{"id":"p","participant":"a","coach":"c","cohort":"k"}]})"));
  CHECK_FALSE(load_snapshot(R"({"format":3,"pathway":[["p"]]})"));
}

TEST_CASE("entity codec: snapshot counts only size the maps; format 2 still loads") {
  World w = make_world();
  auto doc = nlohmann::json::parse(save_snapshot(w.state));
  CHECK(doc["counts"]["user"] == w.state.users.size());
  doc["counts"]["user"] = 1000000000;  // more than the document could hold: ignored
  doc["counts"]["wizard"] = 3;         // an unknown kind: ignored
  CHECK(load_snapshot(doc.dump()));
  doc["counts"]["user"] = "many";
  CHECK_FALSE(load_snapshot(doc.dump()));
  doc.erase("counts");
  doc["format"] = 2;
  auto old = load_snapshot(doc.dump());
  REQUIRE(old);
  CHECK(old->users.size() == w.state.users.size());
}

TEST_CASE("entity codec: a pathway's session rows may be split, but a key may not repeat") {
  World w = make_world();
  auto doc = nlohmann::json::parse(save_snapshot(w.state));
  auto& rows = doc["session_rows"];
  REQUIRE(rows.size() >= 2);
  const nlohmann::json first = rows[0];
  rows.erase(rows.begin());
  rows.push_back(first);  // the first pathway's rows now come in two runs
  auto split = load_snapshot(doc.dump());
  REQUIRE(split);
  CHECK(split->sessions_of(first[0].get<std::string>()).size() ==
        w.state.sessions_of(first[0].get<std::string>()).size());
  rows.push_back(first);
  CHECK_FALSE(load_snapshot(doc.dump()));
}
