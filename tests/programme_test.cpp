// One participant's programme as an admin changes it: cohorts to move to (R10), the grant
// cap (R11), archiving only after bookings ahead are cancelled (R14).
#include "core/programme.h"

#include "core/pathway_rules.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

TEST_CASE("R11 remaining_grants: the journey's cap less what was granted, never below zero") {
  World w = make_world();
  const Pathway& pa = *w.state.pathway("pa");
  CHECK(grant_cap(w.state, pa) == 2);
  CHECK(remaining_grants(w.state, pa) == 2);
  w.must(admin, GrantSessions{"pa", "g1", 1, {"PO-1"}, {"Extra"}});
  CHECK(remaining_grants(w.state, *w.state.pathway("pa")) == 1);
  CHECK(w.run(admin, GrantSessions{"pa", "g2", 2, {"PO-1"}, {"Too many"}}) == "cap_exceeded");
  w.must(admin, GrantSessions{"pa", "g2", 1, {"PO-1"}, {"Last"}});
  CHECK(remaining_grants(w.state, *w.state.pathway("pa")) == 0);
  CHECK(remaining_grants(w.state, *w.state.pathway("pb")) == 2);  // per pathway
  Journey j = *w.state.journey("lead");
  j.max_extra_sessions = 1;  // the cap lowered after granting
  w.state.commit(Change{j});
  CHECK(remaining_grants(w.state, *w.state.pathway("pa")) == 0);
}

TEST_CASE("R10 move_targets: other cohorts of the same journey, not archived; the move offers what it unlocks") {
  World w = make_world();
  CreateJourney other;
  other.journey = "other";
  other.name.value = "Other";
  w.must(admin, other);
  AddPlaceholder p;
  p.journey = "other";
  p.placeholder = "o1";
  p.title.value = "Only";
  w.must(admin, p);
  w.must(admin, PublishJourney{"other"});
  w.must(admin, CreateCohort{"c3", {"Another journey"}, "other", "acme-2026"});
  w.must(admin, CreateCohort{"c4", {"Archived"}, "lead", "acme-2026"});
  w.must(admin, ArchiveCohort{"c4"});
  w.must(admin, CreateCohort{"c5", {"Alpha cohort"}, "lead", "acme-2026"});
  const auto targets = move_targets(w.state, *w.state.pathway("pa"));
  REQUIRE(targets.size() == 2);
  CHECK(targets[0]->id == "c5");  // by name: Alpha, Autumn
  CHECK(targets[1]->id == "c2");
  // c2 shows s4, which alice's c1 hid (greyed out at enrolment): offered for un-greying.
  CHECK(unlocked_by_move(w.state, "pa", "c2", admin, now) == std::vector<Id>{"pa/s4"});
  CHECK(unlocked_by_move(w.state, "pa", "c3", admin, now).empty());  // refused: another journey
  CHECK(unlocked_by_move(w.state, "pa", "c2", coach, now).empty());  // refused: admins move
  // The move and the un-greying go together.
  auto move = w.must(admin, MoveParticipant{"pa", "c2"});
  for (const Id& s : move.suggest_ungrey) w.must(admin, Ungrey{s});
  CHECK(w.status("pa/s4") == SessionStatus::unbooked);
  CHECK(w.state.pathway("pa")->cohort == "c2");
}

TEST_CASE("R14 rule_archive_needs_no_booking_ahead: archive only after the bookings ahead are cancelled") {
  World w = make_world();
  w.book("pa/s1", days(3));
  w.book("pa/s2", days(1));
  w.book("pb/s1", -days(1));  // in the past: not ahead
  CHECK(bookings_ahead(w.state, "alice", now) == std::vector<Id>{"pa/s2", "pa/s1"});
  CHECK(bookings_ahead(w.state, "bob", now).empty());
  CHECK(w.run(admin, ArchiveParticipant{"alice"}) == "invalid_transition");
  CHECK(rule_archive_needs_no_booking_ahead(w.state, "alice", now)->message ==
        "This participant has 2 bookings ahead; cancel them before archiving.");
  CHECK(w.run(admin, ArchiveParticipant{"bob"}) == "applied");
  // The offered ops: cancel each, then archive; all accepted in order.
  const auto ops = archive_ops(w.state, "alice", now);
  REQUIRE(ops.size() == 3);
  CHECK(std::holds_alternative<ArchiveParticipant>(ops.back()));
  for (const OpBody& op : ops) w.must(admin, op);
  CHECK(w.state.user("alice")->archived);
  CHECK(w.status("pa/s1") == SessionStatus::unbooked);  // staff cancelling early: freed
  CHECK(w.run(admin, RestoreParticipant{"alice"}) == "applied");
  CHECK_FALSE(w.state.user("alice")->archived);
}

TEST_CASE("R13 complete_pathway: an admin marks a pathway complete once; the survey goes once") {
  World w = make_world();
  CHECK(w.run(coach, CompletePathway{"pa"}) == "forbidden");
  w.must(admin, CompletePathway{"pa"});
  CHECK(w.state.pathway("pa")->completed);
  CHECK(w.mails(MailTemplate::feedback_survey, "pa") == 1);
  CHECK(w.run(admin, CompletePathway{"pa"}) == "invalid_transition");
}
