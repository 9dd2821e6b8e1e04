// The Engagement actions (DESIGN.md §7, R19): escalations are listed until resolved and
// resolving is an op for the staff who may chase the participant; a bulk reminder over the
// Engagement report's list skips, and names, those reminded in the last 7 days.
#include "core/engagement.h"

#include <algorithm>

#include "core/pathway_rules.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

const Actor globex_lead{"lead2", Role::program_lead};
const Time later = now + days(120);  // everyone overdue and inactive (R14)

World world_with_globex_lead() {
  World w = make_world();
  CreateUser u;
  u.user = "lead2";
  u.name.value = "Gil Globex";
  u.email.value = "lead2@example.test";
  u.role = Role::program_lead;
  u.companies = std::vector<Id>{"globex"};
  w.must(admin, u);
  return w;
}

Engagement engagement_for(const World& w, const Id& viewer, Time at) {
  return report_engagement(w.state, *w.state.user(viewer), ReportQuery{}, at);
}

int escalation_rows(const Engagement& e) { return e.by_kind[static_cast<int>(EngagementKind::escalation)]; }

}  // namespace

TEST_CASE("R19 resolve_escalation: staff who may chase the participant resolve it, once, with a note") {
  World w = world_with_globex_lead();
  w.must(lead, Escalate{"carol", LongText{"No reply to two reminders"}});
  REQUIRE(w.state.escalations.size() == 1);
  const Id id = w.state.escalations.begin()->first;
  CHECK(w.state.escalations.at(id).open());

  CHECK(w.run(coach, ResolveEscalation{id, std::nullopt}) == "forbidden");
  CHECK(w.run(other_coach, ResolveEscalation{id, std::nullopt}) == "forbidden");  // carol's own coach
  CHECK(w.run(globex_lead, ResolveEscalation{id, std::nullopt}) == "forbidden");  // not their company
  CHECK(w.run(carol, ResolveEscalation{id, std::nullopt}) == "forbidden");
  CHECK(w.run(lead, ResolveEscalation{"escalation:nobody:1", std::nullopt}) == "not_found");
  CHECK(w.state.escalations.at(id).open());

  w.must(lead, ResolveEscalation{id, LongText{"Carol booked \"Strengths\" 🎉"}}, now + hours(2));
  const Escalation& done = w.state.escalations.at(id);
  CHECK_FALSE(done.open());
  CHECK(done.resolved_by == "lead1");
  CHECK(done.resolved_at == now + hours(2));
  CHECK(done.resolution == "Carol booked \"Strengths\" 🎉");
  CHECK(done.text == "No reply to two reminders");  // the raising is kept

  // Once: a second resolution, by anyone, is refused with a sentence.
  auto again = apply(w.state, ResolveEscalation{id, std::nullopt}, admin, now + hours(3));
  REQUIRE_FALSE(again);
  CHECK(again.rejection().code == RejectCode::invalid_transition);
  CHECK(again.rejection().message == "This escalation is already resolved.");
}

TEST_CASE("R19 an admin resolves any escalation; the Engagement report lists it until then") {
  World w = make_world();
  w.must(lead, Escalate{"alice", LongText{"Silent"}});
  CHECK(escalation_rows(engagement_for(w, "lead1", later)) == 1);
  CHECK(escalation_rows(engagement_for(w, "admin", later)) == 1);
  w.must(admin, ResolveEscalation{w.state.escalations.begin()->first, std::nullopt});
  CHECK(w.state.escalations.begin()->second.resolution.empty());
  CHECK(escalation_rows(engagement_for(w, "lead1", later)) == 0);
  CHECK(escalation_rows(engagement_for(w, "admin", later)) == 0);
  // A new escalation of the same participant is listed again.
  w.must(lead, Escalate{"alice", LongText{"Silent again"}}, now + days(1));
  CHECK(escalation_rows(engagement_for(w, "lead1", later)) == 1);
}

TEST_CASE("R19 open_escalations: open ones only, for the staff who see the participant, oldest first") {
  World w = world_with_globex_lead();
  w.must(lead, Escalate{"bob", LongText{"Second"}}, now + hours(1));
  w.must(lead, Escalate{"alice", LongText{"First"}});
  w.must(lead, Escalate{"carol", LongText{"Third"}}, now + hours(2));
  const User& lena = *w.state.user("lead1");
  auto open = open_escalations(w.state, lena);
  REQUIRE(open.size() == 3);
  CHECK(open[0]->participant == "alice");
  CHECK(open[1]->participant == "bob");
  CHECK(open[2]->participant == "carol");
  REQUIRE(open_escalations(w.state, lena, "bob").size() == 1);
  CHECK(open_escalations(w.state, lena, "bob")[0]->text == "Second");

  // Scope: coach1 coaches alice and bob, not carol; another company's lead and participants see none.
  CHECK(open_escalations(w.state, *w.state.user("coach1")).size() == 2);
  CHECK(open_escalations(w.state, *w.state.user("lead2")).empty());
  CHECK(open_escalations(w.state, *w.state.user("alice")).empty());

  w.must(admin, ResolveEscalation{open[1]->id, LongText{"Talked"}});
  open = open_escalations(w.state, lena);
  REQUIRE(open.size() == 2);
  CHECK(open[0]->participant == "alice");
  CHECK(open[1]->participant == "carol");
  CHECK(open_escalations(w.state, lena, "bob").empty());
}

TEST_CASE("R19 remind all listed: the Engagement list once each, those reminded yesterday skipped and named") {
  World w = world_with_globex_lead();
  const Engagement report = engagement_for(w, "lead1", later);
  const auto listed = engagement_participants(report);
  // Each participant once, though alice, bob and carol each have several rows.
  CHECK(listed.size() == 3);
  CHECK(report.rows.size() > listed.size());
  for (const char* p : {"alice", "bob", "carol"}) CHECK(std::count(listed.begin(), listed.end(), Id(p)) == 1);
  // Another company's lead lists nobody here.
  CHECK(engagement_participants(engagement_for(w, "lead2", later)).empty());

  // Bob was reminded yesterday (by an admin): the lead's bulk reminder skips him and says when.
  w.must(admin, SendReminder{"bob", std::nullopt}, later - days(1));
  const BulkReminderPlan plan = plan_bulk_reminder(w.state, listed, later);
  CHECK(plan.send.size() == 2);
  CHECK(std::find(plan.send.begin(), plan.send.end(), "bob") == plan.send.end());
  REQUIRE(plan.skipped.size() == 1);
  CHECK(plan.skipped[0].first == "bob");
  CHECK(plan.skipped[0].second == later - days(1));
  for (const Id& p : plan.send) w.must(lead, SendReminder{p, std::nullopt}, later);
  CHECK(w.run(lead, SendReminder{"bob", std::nullopt}, later) == "already_exists");
  // Another company's lead may neither remind nor escalate here.
  CHECK(w.run(globex_lead, SendReminder{"carol", std::nullopt}, later + days(8)) == "forbidden");
  CHECK(w.run(globex_lead, Escalate{"carol", std::nullopt}, later) == "forbidden");
}
