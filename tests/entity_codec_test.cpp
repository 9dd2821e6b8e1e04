// Entities as JSON: pull data and snapshots round-trip, and bad data is refused.
#include "core/entity_codec.h"
#include "core/entity_fields.h"
#include "core/snapshot.h"
#include "core/snapshot_format.h"

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

// The server's writer streams fields in list order and must write the codec's bytes, whose
// objects are ordered maps: each list is in byte order of its names, and no name repeats.
TEST_CASE("entity fields: each entity lists its fields once, in the wire's key order") {
  auto check = [](const auto& sample) {
    using T = std::decay_t<decltype(sample)>;
    std::vector<std::string> names;
    EntityFields<T>::visit(sample, [&](const Field& field, auto&&) { names.emplace_back(field.name); });
    CHECK(std::is_sorted(names.begin(), names.end()));
    CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
  };
  std::apply([&](const auto&... e) { (check(e), ...); },
             std::tuple<Company, Project, Journey, Placeholder, Cohort, User, Pathway, Session, Slot, Grant, Note,
                        OutboxMessage, Escalation>{});
}

TEST_CASE("entity fields: redaction follows the field policy for every kind") {
  World w = make_world();
  w.book("pa/s1", days(2));
  const User* participant = w.state.user("alice");
  const User* coach_user = w.state.user("coach1");
  REQUIRE(participant);
  REQUIRE(coach_user);
  auto project = entity_data(w.state, Entity{w.state.projects.begin()->second}, participant);
  CHECK_FALSE(project.contains("po_ref"));
  CHECK(entity_data(w.state, Entity{w.state.projects.begin()->second}, coach_user).contains("po_ref"));
  auto session = entity_data(w.state, Entity{w.session("pa/s1")}, participant);
  CHECK_FALSE(session.contains("billable"));
  CHECK_FALSE(session.contains("cancelled_by"));
  CHECK(session.contains("title"));
  auto stored = entity_data(w.state, Entity{w.session("pa/s1")}, nullptr);
  CHECK(stored.contains("cancelled_by"));
  CHECK_FALSE(stored.contains("title"));
  CHECK(stored.at("id") == "pa/s1");
}

TEST_CASE("state: an entity is found, and blanked, by kind and id") {
  World w = make_world();
  for (EntityKind kind : {EntityKind::session, EntityKind::pathway, EntityKind::user}) {
    const Id id = kind == EntityKind::session ? "pa/s1" : kind == EntityKind::pathway ? "pa" : "alice";
    auto found = find_entity(w.state, kind, id);
    REQUIRE(found);
    CHECK(kind_of(*found) == kind);
    CHECK(id_of(*found) == id);
    auto blank = blank_entity_of(kind, id);
    REQUIRE(blank);
    CHECK(kind_of(*blank) == kind);
    CHECK(id_of(*blank) == id);
  }
  CHECK_FALSE(find_entity(w.state, EntityKind::slot, "nowhere"));
  CHECK_FALSE(blank_entity_of(EntityKind::session, "no-slash"));
  State copy = w.state;
  copy.commit(Change{*blank_entity_of(EntityKind::user, "alice"), true});
  CHECK_FALSE(copy.user("alice"));
}

// Session rows name their columns with the session's wire field names.
TEST_CASE("entity fields: every snapshot session column is a session field") {
  std::vector<std::string> names;
  const Session sample;
  EntityFields<Session>::visit(sample, [&](const Field& field, auto&&) { names.emplace_back(field.name); });
  for (const char* column : snapshot_format::session_columns) {
    CAPTURE(column);
    CHECK(std::find(names.begin(), names.end(), column) != names.end());
  }
}
