// R21: the audit history keeps, for every op that changes a session's status, the status
// before and after and the missed reason; a chain of corrections reads back step by step,
// while the mail rules still send the missed notice and the survey once each (R12, R13).
#include "core/history.h"

#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

struct Step {
  Id actor;
  std::vector<StatusChange> changes;
};

// Applies `body` as `actor` at `when` and returns what the history keeps of it.
Step step(World& w, const Actor& actor, OpBody body, Time when) {
  auto result = apply(w.state, body, actor, when);
  REQUIRE_MESSAGE(result, (result ? "" : result.rejection().message));
  Step s{result->audit.actor, status_changes(w.state, result->changes)};
  w.state.commit(result->changes);
  w.sent.insert(w.sent.end(), result->mail.begin(), result->mail.end());
  return s;
}

void check_one(const Step& s, const Id& actor, SessionStatus from, SessionStatus to,
               MissedReason reason = MissedReason::none) {
  CAPTURE(actor);
  CHECK(s.actor == actor);
  REQUIRE(s.changes.size() == 1);
  CHECK(s.changes[0].session == "pa/s1");
  CHECK(s.changes[0].participant == "alice");
  CHECK(s.changes[0].from == from);
  CHECK(s.changes[0].to == to);
  CHECK(s.changes[0].reason == reason);
}

}  // namespace

TEST_CASE("R21 history after a chain of corrections: each step's status before and after, mail once") {
  World w = make_world();
  // The pathway's other sessions are held first, so pa/s1 decides completion (R13).
  w.book("pa/s2", -hours(30));
  w.must(coach, MarkAttendance{"pa/s2", Outcome::completed, std::nullopt});
  w.book("pa/pod1", -hours(28));
  w.must(coach, MarkAttendance{"pa/pod1", Outcome::completed, std::nullopt});
  w.slot("held", -hours(3));

  using S = SessionStatus;
  using R = MissedReason;
  check_one(step(w, coach, BookSession{"pa/s1", "held"}, now - hours(5)), "coach1", S::unbooked, S::booked);
  check_one(step(w, coach, MarkAttendance{"pa/s1", Outcome::missed, R::no_show}, now - hours(1)), "coach1", S::booked,
            S::missed, R::no_show);
  CHECK(w.mails(MailTemplate::missed_notice, "pa/s1") == 1);
  CHECK(w.mails(MailTemplate::feedback_survey, "pa") == 1);  // every session held: complete
  check_one(step(w, admin, CorrectStatus{"pa/s1", S::completed, std::nullopt}, now), "admin", S::missed, S::completed);
  check_one(step(w, admin, CorrectStatus{"pa/s1", S::missed, R::coach_no_show}, now + hours(1)), "admin", S::completed,
            S::missed, R::coach_no_show);
  // Missed to Missed with another reason is a change the history keeps.
  check_one(step(w, admin, CorrectStatus{"pa/s1", S::missed, R::no_show}, now + hours(2)), "admin", S::missed,
            S::missed, R::no_show);
  check_one(step(w, admin, CorrectStatus{"pa/s1", S::booked, std::nullopt}, now + hours(3)), "admin", S::missed,
            S::booked);
  check_one(step(w, admin, CorrectStatus{"pa/s1", S::completed, std::nullopt}, now + hours(4)), "admin", S::booked,
            S::completed);
  // The notice and the survey went once each, however often the session was corrected.
  CHECK(w.mails(MailTemplate::missed_notice, "pa/s1") == 1);
  CHECK(w.mails(MailTemplate::feedback_survey, "pa") == 1);

  // An op that changes no status keeps no status change (a note).
  const Step note = step(w, coach, AddNote{"pa/s1", "n1", {"Good session"}}, now + hours(5));
  CHECK(note.actor == "coach1");
  CHECK(note.changes.empty());
}

TEST_CASE("R21 status_changes: a greyed-out session created by enrolment, and one op changing several") {
  World w = make_world();
  // Enrolment into a cohort whose blueprint hides s4: that session starts greyed out.
  CreateUser dave;
  dave.user = "dave";
  dave.name.value = "Dave Dyer";
  dave.email.value = "dave@example.test";
  dave.role = Role::participant;
  w.must(admin, dave);
  const Step enrol = step(w, admin, EnrolParticipant{"pa2", "dave", "c1", "coach2"}, now);
  REQUIRE(enrol.changes.size() == 1);
  CHECK(enrol.changes[0].session == "pa2/s4");
  CHECK(enrol.changes[0].participant == "dave");
  CHECK(enrol.changes[0].from == SessionStatus::unbooked);
  CHECK(enrol.changes[0].to == SessionStatus::greyed_out);
  // Un-grey: greyed out to unbooked.
  const Step ungrey = step(w, admin, Ungrey{"pa2/s4"}, now);
  REQUIRE(ungrey.changes.size() == 1);
  CHECK(ungrey.changes[0].from == SessionStatus::greyed_out);
  CHECK(ungrey.changes[0].to == SessionStatus::unbooked);
}

TEST_CASE("R21 participant_of_subject: whose timeline an op's subject belongs to") {
  World w = make_world();
  w.must(coach, AddNote{"pa/s2", "n1", {"Prepared well"}});
  w.must(lead, Escalate{"carol", std::nullopt});
  CHECK(participant_of_subject(w.state, "alice") == "alice");
  CHECK(participant_of_subject(w.state, "pb") == "bob");
  CHECK(participant_of_subject(w.state, "pa/s1") == "alice");
  CHECK(participant_of_subject(w.state, "n1") == "alice");
  CHECK(participant_of_subject(w.state, w.state.escalations.begin()->first) == "carol");
  CHECK(participant_of_subject(w.state, "coach1").empty());  // staff have no timeline
  CHECK(participant_of_subject(w.state, "c1").empty());
  CHECK(participant_of_subject(w.state, "nothing").empty());
}

TEST_CASE("R21 may_read_history: the staff who may see the participant; participants never, their own included") {
  World w = make_world();
  auto user = [&](const char* id) -> const User& { return *w.state.user(id); };
  CHECK_FALSE(may_read_history(w.state, user("admin"), "alice"));
  CHECK_FALSE(may_read_history(w.state, user("lead1"), "alice"));
  CHECK_FALSE(may_read_history(w.state, user("coach1"), "alice"));
  const auto other_coach_reads = may_read_history(w.state, user("coach2"), "alice");
  REQUIRE(other_coach_reads);
  CHECK(other_coach_reads->code == RejectCode::not_found);
  const auto own = may_read_history(w.state, user("alice"), "alice");
  REQUIRE(own);
  CHECK(own->code == RejectCode::forbidden);
  CHECK(may_read_history(w.state, user("alice"), "bob")->code == RejectCode::forbidden);
  CHECK(may_read_history(w.state, user("admin"), "coach1")->code == RejectCode::not_found);
  CHECK(may_read_history(w.state, user("admin"), "nobody")->code == RejectCode::not_found);
}
