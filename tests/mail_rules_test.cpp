// R12: each mail trigger fires once per transition; retries, replays and corrections
// never send a duplicate.
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

TEST_CASE("R12 send_once: booking, cancellation and missed notices fire once per transition") {
  World w = make_world();
  w.slot("a", days(2));
  w.slot("b", days(4));
  w.must(alice, BookSession{"pa/s1", "a"});
  CHECK(w.mails(MailTemplate::booking_confirmation, "pa/s1") == 1);
  // A replay of the same booking is refused and sends nothing.
  CHECK(w.run(alice, BookSession{"pa/s1", "a"}) == "invalid_transition");
  CHECK(w.mails(MailTemplate::booking_confirmation, "pa/s1") == 1);
  w.must(alice, CancelBooking{"pa/s1"});
  CHECK(w.mails(MailTemplate::cancellation, "pa/s1") == 1);
  // Re-booking is a new transition and confirms again.
  w.must(alice, BookSession{"pa/s1", "b"});
  CHECK(w.mails(MailTemplate::booking_confirmation, "pa/s1") == 2);
}

TEST_CASE("R12 missed notice: participant with a copy to the programme lead, never twice for one booking") {
  World w = make_world();
  w.book("pa/s1", -hours(2));
  Applied marked = w.must(coach, MarkAttendance{"pa/s1", Outcome::missed, MissedReason::no_show});
  REQUIRE(marked.mail.size() == 1);
  CHECK(marked.mail[0].to == "alice");
  CHECK(marked.mail[0].cc == std::vector<Id>{"lead1"});
  // Admin corrections back and forth do not send it again.
  w.must(admin, CorrectStatus{"pa/s1", SessionStatus::completed, std::nullopt});
  w.must(admin, CorrectStatus{"pa/s1", SessionStatus::missed, MissedReason::no_show});
  CHECK(w.mails(MailTemplate::missed_notice, "pa/s1") == 1);
  // A coach no-show is not the participant's doing: no notice.
  w.book("pb/s1", -hours(4));
  w.must(admin, MarkAttendance{"pb/s1", Outcome::missed, MissedReason::coach_no_show});
  CHECK(w.mails(MailTemplate::missed_notice, "pb/s1") == 0);
}

TEST_CASE("R12 the outbox is the memory: a trigger already in the state never fires again") {
  World w = make_world();
  w.slot("a", days(2));
  auto first = apply(w.state, BookSession{"pa/s1", "a"}, alice, now);
  REQUIRE(first);
  REQUIRE(first->mail.size() == 1);
  // Commit only the outbox record (as if the mail had gone out in an earlier life).
  for (const Change& c : first->changes)
    if (std::holds_alternative<OutboxMessage>(c.entity)) w.state.commit(c);
  auto again = apply(w.state, BookSession{"pa/s1", "a"}, alice, now);
  REQUIRE(again);
  CHECK(again->mail.empty());
}
