// Which slots a person may book (R3, R18): bookable_slots, rule_slot_open_to, why_not_book.
#include "core/booking.h"

#include <algorithm>

#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {
std::vector<Id> ids(const std::vector<const Slot*>& slots) {
  std::vector<Id> out;
  for (const Slot* s : slots) out.push_back(s->id);
  return out;
}
}  // namespace

TEST_CASE("R3 rule_slot_open_to: staff may record a session in a started slot, participants book future slots") {
  World w = make_world();
  w.slot("started", -minutes(30));
  w.slot("later", hours(2));
  const Slot& started = *w.state.slot("started");
  const Slot& later = *w.state.slot("later");
  CHECK(rule_slot_open_to(started, alice, now)->code == RejectCode::slot_in_past);
  CHECK_FALSE(rule_slot_open_to(later, alice, now));
  for (const Actor& staff : {coach, admin}) CHECK_FALSE(rule_slot_open_to(started, staff, now));
  // A slot starting this very moment has started.
  CHECK(rule_slot_open_to(later, alice, later.start)->code == RejectCode::slot_in_past);
}

TEST_CASE("R3 bookable_slots: the coach's free slots of the session's kind, open to the actor, in time order") {
  World w = make_world();
  w.slot("b-later", days(3));
  w.slot("a-soon", days(1));
  w.slot("started", -hours(1));
  w.slot("theirs", days(2), "coach2");
  w.slot("pod", days(2), "coach1", SessionKind::pod, 2);
  w.slot("full", days(4));
  w.must(admin, BookSession{"pb/s1", "full"});

  // Participants: future, free, own coach, same kind.
  CHECK(ids(bookable_slots(w.state, "pa/s1", alice, now)) == std::vector<Id>{"a-soon", "b-later"});
  // Staff also see the slot that has started, to record a session after the fact.
  CHECK(ids(bookable_slots(w.state, "pa/s1", coach, now)) == std::vector<Id>{"started", "a-soon", "b-later"});
  CHECK(ids(bookable_slots(w.state, "pa/s1", admin, now)) == std::vector<Id>{"started", "a-soon", "b-later"});
  // R18: a pod session sees pod slots until they are full.
  CHECK(ids(bookable_slots(w.state, "pa/pod1", alice, now)) == std::vector<Id>{"pod"});
  w.must(admin, BookSession{"pa/pod1", "pod"});
  w.must(admin, BookSession{"pb/pod1", "pod"});
  CHECK(bookable_slots(w.state, "pc/pod1", carol, now).empty());
  CHECK(bookable_slots(w.state, "no/such", admin, now).empty());

  // Every slot listed passes the slot rule of the booking itself.
  for (const Actor& who : {alice, coach})
    for (const Slot* slot : bookable_slots(w.state, "pa/s1", who, now))
      CHECK_FALSE(check(w.state, BookSession{"pa/s1", slot->id}, who, now));
}

TEST_CASE("R3 why_not_book: accepted when one bookable slot is, else the core's reason") {
  World w = make_world();
  CHECK(why_not_book(w.state, "pa/s1", alice, now)->code == RejectCode::slot_taken);
  w.slot("one", days(1));
  CHECK_FALSE(why_not_book(w.state, "pa/s1", alice, now));
  CHECK(why_not_book(w.state, "pa/s1", lead, now)->code == RejectCode::forbidden);
  // Someone else's session is answered as if it did not exist (no hint that it does).
  CHECK(why_not_book(w.state, "pa/s1", bob, now)->code == RejectCode::not_found);
  // An overlap with another booking of hers refuses this slot, but a later one is fine.
  w.must(admin, EnrolParticipant{"pa2", "alice", "c2", "coach2"});
  w.slot("clash", days(1), "coach2");
  w.must(alice, BookSession{"pa2/s1", "clash"});
  CHECK(why_not_book(w.state, "pa/s1", alice, now)->code == RejectCode::overlap);
  w.slot("two", days(2));
  CHECK_FALSE(why_not_book(w.state, "pa/s1", alice, now));
}

TEST_CASE("R3 booking_refused_from: what a participant is told before a booking that may reach the server later") {
  World w = make_world();
  w.slot("later", hours(2));
  const Slot& later = *w.state.slot("later");
  REQUIRE(booking_refused_from(later, Role::participant));
  CHECK(*booking_refused_from(later, Role::participant) == later.start);
  // The same edge the rule judges a participant's receipt by: just before it is open, at it refused.
  CHECK_FALSE(rule_slot_open_to(later, alice, *booking_refused_from(later, Role::participant) - Seconds{1}));
  CHECK(rule_slot_open_to(later, alice, *booking_refused_from(later, Role::participant)));
  CHECK_FALSE(booking_refused_from(later, Role::coach));  // staff record after the fact
  CHECK_FALSE(booking_refused_from(later, Role::admin));
}
