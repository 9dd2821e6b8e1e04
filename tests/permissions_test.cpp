// The role table (DESIGN.md §1, §7) as capabilities: which pages a role has, who reconciles
// (R6), whose calendars a person manages.
#include "core/permissions.h"

#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

TEST_CASE("§1 role_has_capability: the role table, which also decides each role's pages") {
  using C = Capability;
  struct Row {
    Role role;
    bool grid, profiles, calendars, own_sessions, correct, reconcile, design, people, reports;
  };
  const Row table[] = {
      {Role::admin, true, true, true, false, true, true, true, true, true},
      {Role::coach, true, true, true, false, false, false, false, false, true},
      {Role::program_lead, true, false, false, false, false, false, false, false, true},
      {Role::participant, false, false, false, true, false, false, false, false, false},
  };
  for (const Row& r : table) {
    CAPTURE(to_string(r.role));
    CHECK(role_has_capability(r.role, C::see_cohort_grid) == r.grid);
    CHECK(role_has_capability(r.role, C::see_profiles) == r.profiles);
    CHECK(role_has_capability(r.role, C::manage_calendars) == r.calendars);
    CHECK(role_has_capability(r.role, C::book_own_sessions) == r.own_sessions);
    CHECK(role_has_capability(r.role, C::correct_sessions) == r.correct);
    CHECK(role_has_capability(r.role, C::reconcile_blueprints) == r.reconcile);
    CHECK(role_has_capability(r.role, C::design_journeys) == r.design);
    CHECK(role_has_capability(r.role, C::design_cohorts) == r.design);
    CHECK(role_has_capability(r.role, C::enrol_participants) == r.design);
    CHECK(role_has_capability(r.role, C::manage_people) == r.people);
    CHECK(role_has_capability(r.role, C::see_reports) == r.reports);
    for (std::size_t c = 0; c < EnumNames<Capability>::names.size(); ++c) {
      const Check why = may(Actor{"x", r.role}, static_cast<C>(c));
      CHECK(why.has_value() != role_has_capability(r.role, static_cast<C>(c)));
      if (why) CHECK(why->code == RejectCode::forbidden);
      if (why) CHECK_FALSE(why->message.empty());
    }
  }
}

TEST_CASE("R6 may_reconcile: only admins reconcile blueprint and grey-out") {
  CHECK_FALSE(may_reconcile(admin));
  for (const Actor& who : {coach, lead, alice}) {
    const Check why = may_reconcile(who);
    REQUIRE(why);
    CHECK(why->code == RejectCode::forbidden);
    CHECK(why->message == "Only an admin can reconcile blueprints.");
  }
}

TEST_CASE("managed_calendars: admins manage every coach's calendar, coaches their own, others none") {
  World w = make_world();
  CHECK(managed_calendars(w.state, admin) == std::vector<Id>{"coach1", "coach2"});
  CHECK(managed_calendars(w.state, coach) == std::vector<Id>{"coach1"});
  CHECK(managed_calendars(w.state, lead).empty());
  CHECK(managed_calendars(w.state, alice).empty());
  // Each one listed is one the core lets them add slots to.
  for (const Actor& who : {admin, coach})
    for (const Id& c : managed_calendars(w.state, who)) CHECK_FALSE(may_manage_slots_of(who, c));
  // A coach whose own record has not arrived yet still has their calendar.
  CHECK(managed_calendars(State{}, coach) == std::vector<Id>{"coach1"});
}
