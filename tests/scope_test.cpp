// Who sees what: R7, R8 and the role scopes of DESIGN.md §1.
#include "core/scope.h"

#include <set>

#include <nlohmann/json.hpp>
#include "core/entity_codec.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {
std::set<std::string> scope_ids(const State& state, const char* viewer) {
  std::set<std::string> ids;
  for_each_in_scope(state, *state.user(viewer), [&](const Entity& e) {
    ids.insert(std::string(to_string(kind_of(e))) + ":" + id_of(e));
    CHECK(in_scope(state, *state.user(viewer), e));  // the two agree
  });
  return ids;
}
}  // namespace

TEST_CASE(
    "R7 participant_sees_session: hidden sessions never reach the participant; greyed-out visible ones do, locked") {
  World w = make_world();
  w.must(admin, GreyOut{"pa/s2"});  // visible but greyed out: shown locked
  auto mine = scope_ids(w.state, "alice");
  CHECK(mine.count("session:pa/s1"));
  CHECK(mine.count("session:pa/s2"));
  CHECK_FALSE(mine.count("session:pa/s4"));  // hidden by c1's blueprint
  // The pull of changed entities asks entity by entity: the answer is the same.
  CHECK_FALSE(in_scope(w.state, *w.state.user("alice"), Entity{w.session("pa/s4")}));
  CHECK(in_scope(w.state, *w.state.user("alice"), Entity{w.session("pa/s2")}));
  CHECK_FALSE(in_scope(w.state, *w.state.user("alice"), Entity{w.session("pb/s1")}));
  CHECK_FALSE(mine.count("session:pb/s1"));  // bob's
  CHECK_FALSE(mine.count("user:bob"));
  CHECK(mine.count("user:coach1"));
  // The journey as the participant reads it does not name hidden placeholders.
  auto journey = entity_data(w.state, Entity{*w.state.journey("lead")}, w.state.user("alice"));
  for (const auto& p : journey["placeholders"]) CHECK(p["id"] != "s4");
  // Booking a hidden session is as if it did not exist.
  w.slot("free", days(2));
  CHECK(w.run(alice, BookSession{"pa/s4", "free"}) == "not_found");
  CHECK(w.run(alice, BookSession{"pa/s2", "free"}) == "greyed_out");
}

TEST_CASE(
    "R8 participant_sees_session, my coaching tab: with it on, hidden sessions with activity are shown; off, only the "
    "blueprint") {
  World w = make_world();
  w.must(admin, Ungrey{"pa/s4"});
  w.book("pa/s4", days(2));  // staff booked a session alice's blueprint hides
  CHECK(participant_sees_session(w.state, w.session("pa/s4")));
  Journey j = *w.state.journey("lead");
  j.my_coaching_tab = false;
  w.state.commit(Change{j});
  CHECK_FALSE(participant_sees_session(w.state, w.session("pa/s4")));
  CHECK_FALSE(scope_ids(w.state, "alice").count("session:pa/s4"));
}

TEST_CASE("R8 shown_placeholders: a hidden session My Coaching keeps in view reaches the participant with its title") {
  World w = make_world();
  auto placeholder_ids = [&](const char* viewer) {
    std::set<std::string> ids;
    auto journey = entity_data(w.state, Entity{*w.state.journey("lead")}, w.state.user(viewer));
    for (const auto& p : journey["placeholders"]) ids.insert(p["id"].get<std::string>());
    return ids;
  };
  CHECK_FALSE(placeholder_ids("alice").count("s4"));  // hidden, no activity: not sent (R7)
  w.must(admin, Ungrey{"pa/s4"});
  w.book("pa/s4", days(2));  // staff booked it: My Coaching keeps it in view (R8)
  REQUIRE(scope_ids(w.state, "alice").count("session:pa/s4"));
  CHECK(placeholder_ids("alice").count("s4"));      // so its title arrives with it
  CHECK_FALSE(placeholder_ids("bob").count("s4"));  // bob's s4 has no activity
  Journey j = *w.state.journey("lead");
  j.my_coaching_tab = false;
  w.state.commit(Change{j});
  CHECK_FALSE(placeholder_ids("alice").count("s4"));  // tab off: neither session nor title
}

TEST_CASE("scopes: coaches see their own participants, leads their companies, admins everything") {
  World w = make_world();
  w.slot("c1-slot", days(1));
  w.slot("c2-slot", days(1), "coach2");
  w.must(coach, AddNote{"pa/s1", "n1", {"internal"}});
  auto coach_scope = scope_ids(w.state, "coach1");
  CHECK(coach_scope.count("pathway:pa"));
  CHECK(coach_scope.count("pathway:pb"));
  CHECK_FALSE(coach_scope.count("pathway:pc"));
  CHECK(coach_scope.count("slot:c1-slot"));
  CHECK_FALSE(coach_scope.count("slot:c2-slot"));
  CHECK(coach_scope.count("note:n1"));
  CHECK_FALSE(coach_scope.count("user:carol"));
  auto lead_scope = scope_ids(w.state, "lead1");
  CHECK(lead_scope.count("pathway:pc"));
  CHECK(lead_scope.count("company:acme"));
  CHECK_FALSE(lead_scope.count("company:globex"));
  CHECK_FALSE(lead_scope.count("note:n1"));  // notes are internal
  auto alice_scope = scope_ids(w.state, "alice");
  CHECK(alice_scope.count("slot:c1-slot"));  // her coach's free slots
  CHECK_FALSE(alice_scope.count("slot:c2-slot"));
  CHECK_FALSE(alice_scope.count("note:n1"));
  auto everything = scope_ids(w.state, "admin");
  CHECK(everything.count("pathway:pc"));
  CHECK(everything.count("note:n1"));
  // E-mail addresses: a participant sees their coach's, not other participants'.
  auto bob_as_alice_sees = entity_data(w.state, Entity{*w.state.user("coach1")}, w.state.user("alice"));
  CHECK(bob_as_alice_sees.contains("email"));
  auto lead_as_alice_sees = entity_data(w.state, Entity{*w.state.user("lead1")}, w.state.user("alice"));
  CHECK_FALSE(lead_as_alice_sees.contains("email"));
}
