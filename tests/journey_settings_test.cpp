// R8, R11: a journey's settings after creation (update_journey): its name, the cap on extra
// sessions per participant and the My Coaching tab. They apply at once, not through the R9
// draft; the cap never goes below what a pathway on the journey was already granted.
#include "core/journey_draft.h"
#include "core/scope.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

UpdateJourney settings(const char* journey = "lead") {
  UpdateJourney op;
  op.journey = journey;
  return op;
}

std::string message_of(const World& w, const Actor& who, const OpBody& body) {
  auto result = apply(w.state, body, who, now);
  return result ? std::string() : result.rejection().message;
}

}  // namespace

TEST_CASE("R8 R11 update_journey: an admin renames a journey and changes its settings at once") {
  World w = make_world();
  UpdateJourney op = settings();
  op.name = Name{"Leading people"};
  op.max_extra_sessions = 5;
  op.my_coaching_tab = false;
  CHECK(w.run(coach, op) == "forbidden");
  CHECK(w.run(lead, op) == "forbidden");
  CHECK(w.run(admin, settings("nope")) == "not_found");
  w.must(admin, op);
  const Journey& j = *w.state.journey("lead");
  CHECK(j.name == "Leading people");
  CHECK(j.max_extra_sessions == 5);
  CHECK_FALSE(j.my_coaching_tab);
  // Settings are not a placeholder edit: a published journey gets no draft from them.
  CHECK(j.published);
  CHECK_FALSE(j.draft.has_value());
  // Absent fields stay as they were.
  UpdateJourney rename = settings();
  rename.name = Name{"Leading teams"};
  w.must(admin, rename);
  CHECK(w.state.journey("lead")->max_extra_sessions == 5);
  CHECK_FALSE(w.state.journey("lead")->my_coaching_tab);
}

TEST_CASE("R8 update_journey name: the same name rule as creating one (check_name)") {
  World w = make_world();
  UpdateJourney op = settings();
  op.name = Name{"   "};
  CHECK(w.run(admin, op) == "invalid_value");
  CHECK(message_of(w, admin, op) == "A journey needs a name.");
  op.name = Name{"Two\nlines"};
  CHECK(w.run(admin, op) == "invalid_value");
  op.name = Name{std::string(201, 'x')};
  CHECK(w.run(admin, op) == "invalid_value");
  op.name = Name{"Leading \xF0\x9F\x9A\x80 \"teams\""};  // emoji and quotes are fine
  CHECK(w.run(admin, op) == "applied");
  CHECK(w.state.journey("lead")->name == "Leading \xF0\x9F\x9A\x80 \"teams\"");
}

TEST_CASE("R11 update_journey cap: 0 to 50, never below the extra sessions a pathway already has") {
  World w = make_world();
  UpdateJourney op = settings();
  op.max_extra_sessions = -1;
  CHECK(w.run(admin, op) == "invalid_value");
  op.max_extra_sessions = 51;
  CHECK(w.run(admin, op) == "invalid_value");
  // Alice was granted two extra sessions (the fixture's cap is 2).
  w.must(admin, GrantSessions{"pa", "g1", 2, {"PO-7"}, {"Promotion"}});
  op.max_extra_sessions = 1;
  CHECK(w.run(admin, op) == "cap_exceeded");
  CHECK(message_of(w, admin, op) ==
        "A participant on this journey already has 2 extra sessions; the cap cannot go below 2.");
  CHECK(w.state.journey("lead")->max_extra_sessions == 2);
  op.max_extra_sessions = 2;
  CHECK(w.run(admin, op) == "applied");
  op.max_extra_sessions = 4;
  CHECK(w.run(admin, op) == "applied");
  // The raised cap is the one grants are judged by.
  CHECK(w.run(admin, GrantSessions{"pa", "g2", 2, {"PO-7"}, {"More"}}) == "applied");
  CHECK(w.run(admin, GrantSessions{"pa", "g3", 1, {"PO-7"}, {"Too many"}}) == "cap_exceeded");
}

TEST_CASE("R8 update_journey my coaching: switching it re-sends the sessions it shows or hides, so clients re-scope") {
  World w = make_world();
  w.must(admin, Ungrey{"pa/s4"});
  w.book("pa/s4", days(2));  // a session alice's blueprint hides, kept in view by My Coaching
  CHECK(participant_sees_session(w.state, w.session("pa/s4")));
  UpdateJourney off = settings();
  off.my_coaching_tab = false;
  Applied applied = w.must(admin, off);
  bool resent = false;
  for (const Change& c : applied.changes)
    if (const Session* s = std::get_if<Session>(&c.entity)) resent = resent || s->id() == "pa/s4";
  CHECK(resent);
  CHECK_FALSE(participant_sees_session(w.state, w.session("pa/s4")));
  UpdateJourney on = settings();
  on.my_coaching_tab = true;
  w.must(admin, on);
  CHECK(participant_sees_session(w.state, w.session("pa/s4")));
}
