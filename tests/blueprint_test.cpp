// The blueprint matrix (R6): its columns, what a change does to participants before it is
// made, cohort names; and "Preview as participant" (R7): the preview state is exactly the
// participant's own scope.
#include "core/blueprint.h"
#include "core/text_rules.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>
#include "core/entity_codec.h"
#include "core/pathway_rules.h"
#include "core/preview.h"
#include "core/scope.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// The impact measured after the fact: apply the changes to a copy and count the sessions
// whose participant starts or stops seeing them.
BlueprintImpact measured(const World& w, const std::vector<SetBlueprint>& changes) {
  State after = w.state;
  for (const SetBlueprint& op : changes) {
    auto applied = apply(after, op, admin, now);
    if (applied) after.commit(applied->changes);
  }
  BlueprintImpact m;
  std::set<Id> people;
  for (const auto& [pid, sessions] : w.state.sessions)
    for (const Session& s : sessions) {
      const bool before = participant_sees_session(w.state, s);
      const bool now_seen = participant_sees_session(after, *after.session(s.id()));
      if (before && !now_seen) ++m.sessions_hidden;
      if (!before && now_seen) ++m.sessions_shown;
      if (before != now_seen) people.insert(w.state.pathway(pid)->participant);
    }
  m.participants = static_cast<int>(people.size());
  int mismatches_before = 0, mismatches_after = 0;
  for (const auto& [cid, c] : w.state.cohorts) {
    mismatches_before += static_cast<int>(find_mismatches(w.state, cid).size());
    mismatches_after += static_cast<int>(find_mismatches(after, cid).size());
  }
  m.new_mismatches = mismatches_after - mismatches_before;  // compared as a net figure below
  return m;
}

std::vector<Id> column_ids(const Journey& j) {
  std::vector<Id> ids;
  for (const BlueprintColumn& c : blueprint_columns(j)) ids.push_back(c.placeholder->id);
  return ids;
}

}  // namespace

TEST_CASE("R6 blueprint_columns: the journey's placeholders in order, retired ones left out") {
  World w = make_world();
  CHECK(column_ids(*w.state.journey("lead")) == std::vector<Id>{"s1", "s2", "pod1", "s4"});
  w.must(admin, RetirePlaceholder{"lead", "s2"});
  const auto columns = blueprint_columns(*w.state.journey("lead"));
  CHECK(column_ids(*w.state.journey("lead")) == std::vector<Id>{"s1", "pod1", "s4"});
  for (const BlueprintColumn& c : columns) CHECK_FALSE(c.draft_only);  // all published
}

TEST_CASE("R6 blueprint_changes: a whole row or column, leaving out cells already as asked") {
  World w = make_world();
  // c1 hides s4 already: hiding the column touches c2 only.
  auto column = blueprint_changes(w.state, {"c1", "c2"}, {"s4"}, false);
  REQUIRE(column.size() == 1);
  CHECK(column[0].cohort == "c2");
  // Showing c1's whole row: only s4 changes.
  auto row = blueprint_changes(w.state, {"c1"}, column_ids(*w.state.journey("lead")), true);
  REQUIRE(row.size() == 1);
  CHECK(row[0].placeholder == "s4");
  CHECK(row[0].visible);
  CHECK(blueprint_changes(w.state, {"nobody"}, {"s1"}, false).empty());
}

TEST_CASE("R6 blueprint_impact: who stops seeing a session and who has it booked, before the change") {
  World w = make_world();
  w.book("pa/s2", days(3));  // alice has Strengths booked
  const std::vector<SetBlueprint> hide{{"c1", "s2", false}};
  BlueprintImpact impact = blueprint_impact(w.state, hide);
  CHECK(impact.changes == 1);
  // R8: My Coaching is on, so alice's booked session stays in her view; bob stops seeing it.
  CHECK(impact.booked == 0);
  CHECK(impact.kept_by_activity == 1);
  CHECK(impact.participants == 1);
  CHECK(impact.sessions_hidden == 1);
  CHECK(impact.new_mismatches == 1);  // bob's unbooked s2: hidden but bookable
  CHECK(describe_blueprint_change(w.state, hide, impact) ==
        "Hide 'Strengths' for Spring cohort: 1 participant stops seeing it. 1 session stays in view under My "
        "Coaching, which shows sessions with activity. 1 session will disagree (hidden but bookable) until "
        "reconciled.");
  const BlueprintImpact after = measured(w, hide);
  CHECK(after.participants == impact.participants);
  CHECK(after.sessions_hidden == impact.sessions_hidden);
  CHECK(after.new_mismatches == impact.new_mismatches);

  // Without My Coaching, both stop seeing it.
  Journey j = *w.state.journey("lead");
  j.my_coaching_tab = false;
  w.state.commit(Change{j});
  impact = blueprint_impact(w.state, hide);
  CHECK(impact.participants == 2);
  CHECK(impact.booked == 1);
  CHECK(impact.kept_by_activity == 0);
  CHECK(describe_blueprint_change(w.state, hide, impact) ==
        "Hide 'Strengths' for Spring cohort: 2 participants stop seeing it; 1 of them has it booked. 1 session will "
        "disagree (hidden but bookable) until reconciled.");
  CHECK(measured(w, hide).participants == 2);
}

TEST_CASE("R6 blueprint_impact: rows and columns equal what applying them does") {
  World w = make_world();
  w.must(admin, GreyOut{"pc/s2"});
  w.book("pb/s1", days(2));
  w.must(admin, GrantSessions{"pa", "g1", 1, {"PO-1"}, {"Extra"}});
  const auto columns = column_ids(*w.state.journey("lead"));
  const std::vector<std::vector<SetBlueprint>> cases{
      blueprint_changes(w.state, {"c1"}, columns, false),       // hide c1's row
      blueprint_changes(w.state, {"c1"}, columns, true),        // show c1's row (s4)
      blueprint_changes(w.state, {"c1", "c2"}, {"s2"}, false),  // hide a column
      blueprint_changes(w.state, {"c1", "c2"}, {"s4"}, true),   // show a column
      {{"c2", "s1", false}, {"c2", "s1", false}},               // the same cell twice counts once
      {{"c1", "s4", false}},                                    // already hidden: nothing
  };
  for (const auto& changes : cases) {
    CAPTURE(changes.size());
    const BlueprintImpact predicted = blueprint_impact(w.state, changes);
    const BlueprintImpact actual = measured(w, changes);
    CHECK(predicted.participants == actual.participants);
    CHECK(predicted.sessions_hidden == actual.sessions_hidden);
    CHECK(predicted.sessions_shown == actual.sessions_shown);
    CHECK(predicted.new_mismatches - predicted.mismatches_resolved == actual.new_mismatches);
  }
  CHECK(blueprint_impact(w.state, cases.back()).changes == 0);
  CHECK(describe_blueprint_change(w.state, cases.back(), blueprint_impact(w.state, cases.back())) ==
        "Nothing changes: every cell is already as asked.");
  const auto column = blueprint_changes(w.state, {"c1", "c2"}, {"s4"}, true);
  CHECK(describe_blueprint_change(w.state, column, blueprint_impact(w.state, column)) ==
        "Show 'Stretch goals' for Spring cohort: 2 participants start seeing it. 2 sessions will disagree (visible "
        "but greyed out) until reconciled.");
  const auto row = blueprint_changes(w.state, {"c2"}, columns, false);
  CHECK(describe_blueprint_change(w.state, row, blueprint_impact(w.state, row))
            .starts_with("Hide 4 sessions for Autumn cohort: 1 participant stops seeing them."));
}

TEST_CASE("create_cohort: a name of 1 to 200 characters on one line, counted in characters, not bytes") {
  World w = make_world();
  auto create = [&](const std::string& id, const std::string& name) {
    return w.run(admin, CreateCohort{id, Name{name}, "lead", "acme-2026"});
  };
  CHECK(create("n1", "") == "invalid_value");
  CHECK(create("n2", "   ") == "invalid_value");
  CHECK(create("n3", std::string(201, 'x')) == "invalid_value");
  CHECK(create("n4", "Line\nbreak") == "invalid_value");
  CHECK(rule_cohort_name("")->message == "A cohort needs a name.");
  CHECK(rule_cohort_name(std::string(201, 'x'))->message == "A name is at most 200 characters; this one has 201.");
  // 200 emoji are 800 bytes and 200 characters.
  std::string emoji;
  for (int i = 0; i < 200; ++i) emoji += "\xF0\x9F\x8C\xB1";
  CHECK(character_count(emoji) == 200);
  CHECK(create("n5", emoji) == "applied");
  CHECK(create("n6", emoji + "\xF0\x9F\x8C\xB1") == "invalid_value");
  CHECK(create("n7", "Cohort \"Q\" O'Neil") == "applied");
  CHECK(w.state.cohort("n7")->name == "Cohort \"Q\" O'Neil");
  CHECK(character_count("caf\xc3\xa9") == 4);
}

namespace {

// A fixture with what previews must get right: greyed-out visible sessions (locked), a
// session the blueprint hides that staff booked (R8), a grant, notes, a moved participant.
World busy_world() {
  World w = make_world();
  w.must(admin, GreyOut{"pa/s2"});
  w.must(admin, Ungrey{"pb/s4"});
  w.book("pb/s4", days(2));  // hidden by c1, shown under My Coaching
  w.book("pa/s1", -hours(3));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt});
  w.must(coach, AddNote{"pa/s1", "n1", {"Internal: doing well"}});
  w.must(admin, GrantSessions{"pb", "g1", 1, {"PO-77"}, {"Needs more"}});
  w.must(admin, SetBlueprint{"c2", "pod1", false});
  w.must(admin, EnrolParticipant{"pc2", "alice", "c2", "coach2"});
  return w;
}

// Each entity as its participant's client receives it: kind:id -> the pull's data, without
// the fields derived for display (a session's title, in_blueprint, billable), which a client
// derives again from what it holds.
std::map<std::string, std::string> pulled(const State& state, const User& viewer) {
  std::map<std::string, std::string> out;
  const Scope scope(state, viewer);
  scope.for_each([&](const auto& entity) {
    const Entity e{entity};
    nlohmann::json data = entity_data(scope, e);
    for (const char* derived : {"title", "in_blueprint", "billable"})
      if (kind_of(e) == EntityKind::session) data.erase(derived);
    out[std::string(to_string(kind_of(e))) + ":" + id_of(e)] = data.dump();
  });
  return out;
}

}  // namespace

TEST_CASE("R7 scoped_state: a preview holds exactly the participant's own scope, for every participant") {
  const World w = busy_world();
  int participants = 0;
  for (const auto& entry : w.state.users) {
    const Id& id = entry.first;  // a plain name: a structured binding cannot be captured by CAPTURE in C++20
    const User& user = entry.second;
    if (user.role != Role::participant) continue;
    ++participants;
    CAPTURE(id);
    const State preview = scoped_state(w.state, id);
    REQUIRE(preview.user(id) != nullptr);
    // What their pull gives them, written again from the preview for the same viewer: equal,
    // entity by entity, and nothing more.
    CHECK(pulled(preview, *preview.user(id)) == pulled(w.state, user));
    // Sessions: exactly those of their pathways that they see (R7, R8), with their status.
    std::set<Id> expected, got;
    for (const Id& pid : w.state.ids(w.state.pathways_by_participant, id))
      for (const Session& s : w.state.sessions_of(pid))
        if (participant_sees_session(w.state, s)) expected.insert(s.id());
    for (const auto& [pid, sessions] : preview.sessions)
      for (const Session& s : sessions) {
        got.insert(s.id());
        CHECK(s.status == w.state.session(s.id())->status);
      }
    CHECK(got == expected);
    // Journeys: only their own, naming only placeholders one of their cohorts shows.
    const Scope scope(w.state, user);
    for (const auto& [jid, j] : preview.journeys) {
      std::vector<Id> shown, held;
      for (const Placeholder* p : scope.shown_placeholders(*w.state.journey(jid))) shown.push_back(p->id);
      for (const Placeholder& p : j.placeholders) held.push_back(p.id);
      CHECK(held == shown);
    }
    // Staff-only fields and other people never arrive.
    CHECK(preview.notes.empty());
    for (const auto& [gid, g] : preview.grants) CHECK(g.po_ref.empty());
    for (const auto& [uid, u] : preview.users) CHECK((u.role != Role::participant || uid == id));
  }
  CHECK(participants == 3);
  // Alice's hidden s4 is not in her preview; bob's booked hidden one is (My Coaching).
  CHECK(scoped_state(w.state, "alice").session("pa/s4") == nullptr);
  CHECK(scoped_state(w.state, "bob").session("pb/s4") != nullptr);
  CHECK(scoped_state(w.state, "alice").session("pa/s2")->status == SessionStatus::greyed_out);  // locked, shown
  CHECK(scoped_state(w.state, "coach1").users.empty());  // not a participant: nothing
}

TEST_CASE("R7 first_participant: a cohort's preview starts with its first participant by name") {
  const World w = busy_world();
  CHECK(first_participant(w.state, "c1") == "alice");
  CHECK(first_participant(w.state, "c2") == "alice");  // Alice Archer before Carol Cole
  CHECK(first_participant(w.state, "none").empty());
}
