// Rules about journeys, cohorts and whole pathways: R6, R9, R10, R11, R13, R14.
#include "core/pathway_rules.h"

#include <algorithm>

#include "core/scope.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

TEST_CASE("R6 find_mismatches: blueprint and grey-out are independent, every mismatch is shown and reconciled") {
  World w = make_world();
  CHECK(find_mismatches(w.state, "c1").empty());  // enrolment starts consistent
  // Showing s4 does not make it bookable: visible but greyed out.
  w.must(admin, SetBlueprint{"c1", "s4", true});
  CHECK(w.status("pa/s4") == SessionStatus::greyed_out);
  // Hiding s2 does not grey it out: hidden but bookable.
  w.must(admin, SetBlueprint{"c1", "s2", false});
  CHECK(w.status("pa/s2") == SessionStatus::unbooked);
  auto found = find_mismatches(w.state, "c1");
  CHECK(found.size() == 4);  // s4 and s2 for alice and bob
  const auto count = [&](MismatchKind k) {
    return std::count_if(found.begin(), found.end(), [&](const Mismatch& m) { return m.kind == k; });
  };
  CHECK(count(MismatchKind::visible_but_greyed_out) == 2);
  CHECK(count(MismatchKind::hidden_but_bookable) == 2);
  // Row by row (as the cohort grid asks): alice's own two, flagged by kind and by their
  // place in her pathway.
  std::vector<Mismatch> of_alice;
  find_mismatches(w.state, *w.state.pathway("pa"), of_alice);
  CHECK(of_alice.size() == 2);
  const MismatchFlags flags = mismatch_flags(w.state, *w.state.pathway("pa"));
  const auto& sessions = w.state.sessions_of("pa");
  std::uint64_t s4 = 0, s2 = 0;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    if (sessions[i].key == "s4") s4 |= std::uint64_t{1} << i;
    if (sessions[i].key == "s2") s2 |= std::uint64_t{1} << i;
  }
  CHECK(flags.visible_but_greyed_out == s4);
  CHECK(flags.hidden_but_bookable == s2);
  // The one-click reconcile is a list of ordinary admin ops.
  for (const OpBody& op : reconcile_ops(found)) CHECK(w.run(admin, op) == "applied");
  CHECK(find_mismatches(w.state, "c1").empty());
  CHECK(w.status("pa/s4") == SessionStatus::unbooked);
  CHECK(w.status("pa/s2") == SessionStatus::greyed_out);
  // Only admins edit blueprints.
  CHECK(w.run(coach, SetBlueprint{"c1", "s1", false}) == "forbidden");
}

TEST_CASE("R9 RetirePlaceholder: publishing shares placeholders; retiring keeps sessions with history") {
  World w = make_world();
  CreateJourney draft;
  draft.journey = "draft";
  draft.name.value = "Draft";
  w.must(admin, draft);
  CHECK(w.run(admin, CreateCohort{"c9", {"Too early"}, "draft", "acme-2026"}) == "not_published");
  CHECK(w.run(admin, PublishJourney{"draft"}) == "invalid_value");  // nothing to publish

  w.book("pa/s1", -hours(3));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt});
  w.book("pb/s2", days(2));
  w.must(admin, RetirePlaceholder{"lead", "s1"});
  w.must(admin, PublishJourney{"lead"});  // the retirement was a draft until now
  // Alice's completed s1 stays, marked retired; bob's untouched s1 goes.
  CHECK(w.session("pa/s1").retired);
  CHECK(w.status("pa/s1") == SessionStatus::completed);
  CHECK(w.state.session("pb/s1") == nullptr);
  CHECK(find_placeholder(*w.state.journey("lead"), "s1")->retired);
  CHECK(w.run(admin, UpdatePlaceholder{"lead", "s1", Name{"Renamed"}, std::nullopt, std::nullopt}) == "retired");
  // Retiring s2 keeps bob's booking.
  w.must(admin, RetirePlaceholder{"lead", "s2"});
  w.must(admin, PublishJourney{"lead"});
  CHECK(w.session("pb/s2").retired);
  CHECK(w.status("pb/s2") == SessionStatus::booked);
  // A placeholder added to a published journey reaches existing pathways when published again,
  // greyed out where the cohort's blueprint hides it.
  AddPlaceholder extra;
  extra.journey = "lead";
  extra.placeholder = "s5";
  extra.title.value = "Wrap-up";
  w.must(admin, extra);
  w.must(admin, SetBlueprint{"c1", "s5", false});
  w.must(admin, PublishJourney{"lead"});
  CHECK(w.status("pa/s5") == SessionStatus::greyed_out);
  CHECK(w.status("pc/s5") == SessionStatus::unbooked);
}

TEST_CASE("R10 MoveParticipant: the pathway keeps its history and takes the new cohort's blueprint") {
  World w = make_world();
  w.book("pa/s1", -hours(3));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt});
  w.must(coach, AddNote{"pa/s1", "n1", {"Great start"}});
  CHECK_FALSE(participant_sees_session(w.state, w.session("pa/s4")));
  // c2 shows s4, which c1 hid: alice's greyed-out s4 is offered for un-greying.
  Applied moved = w.must(admin, MoveParticipant{"pa", "c2"});
  CHECK(w.state.pathway("pa")->cohort == "c2");
  CHECK(w.status("pa/s1") == SessionStatus::completed);
  CHECK(w.state.note("n1") != nullptr);
  CHECK(moved.suggest_ungrey == std::vector<Id>{"pa/s4"});
  CHECK(participant_sees_session(w.state, w.session("pa/s4")));
  CreateJourney other;
  other.journey = "other";
  other.name.value = "Other";
  w.must(admin, other);
  AddPlaceholder p;
  p.journey = "other";
  p.placeholder = "x";
  p.title.value = "X";
  w.must(admin, p);
  w.must(admin, PublishJourney{"other"});
  w.must(admin, CreateCohort{"c3", {"Other cohort"}, "other", "acme-2026"});
  CHECK(w.run(admin, MoveParticipant{"pa", "c3"}) == "journey_mismatch");
  CHECK(w.run(coach, MoveParticipant{"pa", "c1"}) == "forbidden");
}

TEST_CASE("R11 rule_grant_within_cap: grants add sessions to one pathway, with approver, PO and reason") {
  World w = make_world();
  CHECK(w.run(coach, GrantSessions{"pa", "g1", 1, {"PO-7"}, {"Promotion"}}) == "forbidden");
  CHECK(w.run(admin, GrantSessions{"pa", "g1", 1, {""}, {"Promotion"}}) == "invalid_value");
  CHECK(w.run(admin, GrantSessions{"pa", "g1", 1, {"PO-7"}, {""}}) == "invalid_value");
  CHECK(w.run(admin, GrantSessions{"pa", "g1", 1, {"PO-7"}, {"Promotion"}}) == "applied");
  const Grant* g = w.state.grant("g1");
  REQUIRE(g != nullptr);
  CHECK(g->approver == "admin");
  CHECK(g->po_ref == "PO-7");
  CHECK(g->reason == "Promotion");
  CHECK(w.status("pa/g1.1") == SessionStatus::unbooked);
  CHECK(w.state.session("pb/g1.1") == nullptr);                                             // only alice's pathway
  CHECK(w.run(admin, GrantSessions{"pa", "g2", 2, {"PO-8"}, {"More"}}) == "cap_exceeded");  // cap is 2
  CHECK(w.run(admin, GrantSessions{"pa", "g2", 1, {"PO-8"}, {"More"}}) == "applied");
  CHECK(granted_sessions(w.state, "pa") == 2);
  CHECK(w.run(admin, GrantSessions{"pb", "g3", 2, {"PO-9"}, {"Bob too"}}) == "applied");
}

TEST_CASE("R13 rule_pathway_complete: complete when every non-greyed session is marked; survey exactly once") {
  World w = make_world();
  // Alice's pathway: s1, s2, pod1 visible; s4 greyed out.
  w.book("pa/s1", -hours(10));
  w.book("pa/s2", -hours(8));
  w.book("pa/pod1", -hours(6));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt});
  w.must(coach, MarkAttendance{"pa/s2", Outcome::missed, MissedReason::no_show});
  CHECK_FALSE(w.state.pathway("pa")->completed);
  CHECK(w.mails(MailTemplate::feedback_survey, "pa") == 0);
  w.must(coach, MarkAttendance{"pa/pod1", Outcome::completed, std::nullopt});
  CHECK(w.state.pathway("pa")->completed);
  CHECK(w.mails(MailTemplate::feedback_survey, "pa") == 1);
  // A correction reopens it; completing again never re-sends the survey.
  w.must(admin, CorrectStatus{"pa/pod1", SessionStatus::booked, std::nullopt});
  CHECK_FALSE(w.state.pathway("pa")->completed);
  w.must(admin, CorrectStatus{"pa/pod1", SessionStatus::completed, std::nullopt});
  CHECK(w.state.pathway("pa")->completed);
  CHECK(w.mails(MailTemplate::feedback_survey, "pa") == 1);
  // An admin may mark a pathway complete; that sends the survey once too.
  CHECK(w.run(coach, CompletePathway{"pb"}) == "forbidden");
  CHECK(w.run(admin, CompletePathway{"pb"}) == "applied");
  CHECK(w.run(admin, CompletePathway{"pb"}) == "invalid_transition");
  CHECK(w.mails(MailTemplate::feedback_survey, "pb") == 1);
  CHECK(rule_pathway_complete({}) == false);
}

TEST_CASE("R14 inactive_participants: 3 months without activity are listed; archiving is reversible") {
  World w = make_world();
  const Time later = months_before(now, -3);  // three months on
  CHECK(inactive_participants(w.state, later - days(1)).empty());
  CHECK(inactive_participants(w.state, later) == std::vector<Id>{"alice", "bob", "carol"});
  // Booking is activity.
  w.slot("free", days(100));
  w.must(alice, BookSession{"pa/s1", "free"}, later - days(10));
  CHECK(inactive_participants(w.state, later) == std::vector<Id>{"bob", "carol"});
  // Archiving: admins only, hides from the list, keeps the data, reversible.
  CHECK(w.run(lead, ArchiveParticipant{"bob"}) == "forbidden");
  CHECK(w.run(admin, ArchiveParticipant{"bob"}) == "applied");
  CHECK(inactive_participants(w.state, later) == std::vector<Id>{"carol"});
  CHECK(w.state.pathway("pb") != nullptr);
  CHECK(w.run(bob, BookSession{"pb/s2", "free"}) == "archived");
  CHECK(w.run(admin, RestoreParticipant{"bob"}) == "applied");
  CHECK(w.run(admin, RestoreParticipant{"bob"}) == "invalid_transition");
  CHECK_FALSE(w.state.user("bob")->archived);
  // Admins archive cohorts.
  CHECK(w.run(coach, ArchiveCohort{"c2"}) == "forbidden");
  CHECK(w.run(admin, ArchiveCohort{"c2"}) == "applied");
  CHECK(w.run(admin, EnrolParticipant{"pz", "alice", "c2", "coach1"}) == "archived");
}

TEST_CASE("journeys: placeholders are added, renamed and reordered by admins only") {
  World w = make_world();
  CHECK(w.run(admin, MovePlaceholder{"lead", "s4", 0}) == "applied");
  CHECK(w.run(admin, MovePlaceholder{"lead", "s4", 9}) == "invalid_value");
  CHECK(w.run(admin, UpdatePlaceholder{"lead", "s2", Name{"Strengths deep-dive"}, 90, std::nullopt}) == "applied");
  // R9: the journey is published, so the edits wait in its draft until published again.
  CHECK(w.state.journey("lead")->draft->front().id == "s4");
  CHECK(find_placeholder(*w.state.journey("lead"), "s2")->duration_min == 60);
  CHECK(w.run(admin, PublishJourney{"lead"}) == "applied");
  CHECK(w.state.journey("lead")->placeholders.front().id == "s4");
  CHECK(find_placeholder(*w.state.journey("lead"), "s2")->duration_min == 90);
  CHECK(w.run(coach, MovePlaceholder{"lead", "s4", 1}) == "forbidden");
  CHECK(w.run(admin, EnrolParticipant{"pa-again", "alice", "c1", "coach1"}) == "already_exists");
  CHECK(w.run(admin, EnrolParticipant{"px", "coach1", "c1", "coach1"}) == "invalid_value");
}

TEST_CASE("reminders: unbooked reminders go weekly at most; leads chase their own companies only") {
  World w = make_world();
  auto due = due_unbooked_reminders(w.state, now);
  CHECK(due.size() == 3);
  for (const auto& m : due) w.state.commit(Change{m});
  CHECK(due_unbooked_reminders(w.state, now + days(1)).size() <= 3);
  CHECK(due_unbooked_reminders(w.state, now).empty());
  // R19: the job reminded everyone just now; a programme lead's reminder waits 7 days.
  CHECK(w.run(lead, SendReminder{"alice", LongText{"Please book"}}) == "already_exists");
  CHECK(w.run(lead, SendReminder{"alice", LongText{"Please book"}}, now + days(7)) == "applied");
  CHECK(w.run(lead, SendReminder{"alice", std::nullopt}, now + days(7)) == "already_exists");
  CHECK(w.run(coach, SendReminder{"alice", std::nullopt}) == "forbidden");
  CHECK(w.run(lead, Escalate{"alice", LongText{"No reply in 3 weeks"}}) == "applied");
  CHECK(w.mails(MailTemplate::escalation, "alice") == 1);
  // A participant of a company the lead does not cover.
  CreateUser dave;
  dave.user = "dave";
  dave.name.value = "Dave";
  dave.email.value = "dave@example.test";
  w.must(admin, dave);
  w.must(admin, CreateCohort{"g1", {"Globex cohort"}, "lead", "globex-2026"});
  w.must(admin, EnrolParticipant{"pd", "dave", "g1", "coach2"});
  CHECK(w.run(lead, SendReminder{"dave", std::nullopt}) == "forbidden");
}
