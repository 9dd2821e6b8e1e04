// Session rules by name: R1, R2, R3, R4, R4a, R5, R18.
#include "core/session_rules.h"

#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

TEST_CASE("R1 rule_mark_needs_past_booking: only a booked session that has started can be marked") {
  World w = make_world();
  w.book("pa/s1", hours(1));
  CHECK(w.run(coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt}) == "not_past");
  // The same mark with the action's time after the start is valid: offline marks keep their time.
  CHECK(w.run(coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt}, now + hours(2)) == "applied");
  CHECK(w.status("pa/s1") == SessionStatus::completed);
  CHECK(w.run(coach, MarkAttendance{"pa/s2", Outcome::completed, std::nullopt}, now + hours(2)) == "not_booked");
  // Exactly at the start is not "before the time of the action".
  w.book("pa/s2", hours(5));
  CHECK(w.run(coach, MarkAttendance{"pa/s2", Outcome::completed, std::nullopt}, now + hours(5)) == "not_past");
}

TEST_CASE(
    "R2 may_act_on_session: coaches mark their own participants, admins correct anything, leads and participants "
    "never") {
  World w = make_world();
  w.book("pa/s1", -hours(3));
  w.book("pc/s1", -hours(3));
  const MarkAttendance done{"pa/s1", Outcome::completed, std::nullopt};
  // Another coach's participant's session is outside the coach's scope: it reads as absent.
  CHECK(w.run(other_coach, done) == "not_found");
  CHECK(w.run(lead, done) == "forbidden");
  CHECK(w.run(alice, done) == "forbidden");
  CHECK(w.run(coach, MarkAttendance{"pc/s1", Outcome::completed, std::nullopt}) == "not_found");
  CHECK(w.run(coach, done) == "applied");
  // Admin corrections: Completed → Missed → Booked.
  CHECK(w.run(coach, CorrectStatus{"pa/s1", SessionStatus::missed, MissedReason::no_show}) == "forbidden");
  CHECK(w.run(admin, CorrectStatus{"pa/s1", SessionStatus::missed, MissedReason::no_show}) == "applied");
  CHECK(w.status("pa/s1") == SessionStatus::missed);
  CHECK(w.run(admin, CorrectStatus{"pa/s1", SessionStatus::booked, std::nullopt}) == "applied");
  CHECK(w.status("pa/s1") == SessionStatus::booked);
  CHECK(w.run(admin, CorrectStatus{"pa/s1", SessionStatus::missed, std::nullopt}) == "reason_required");
}

TEST_CASE("R3 rule_booking_fits_slot: free place, own coach, matching kind, no overlap") {
  World w = make_world();
  w.slot("mine", days(2));
  w.slot("theirs", days(5), "coach2");
  w.slot("pod", days(3), "coach1", SessionKind::pod, 4);
  // Another coach's slot is outside a participant's scope (it reads as absent); an admin,
  // who sees it, hears why it does not fit.
  CHECK(w.run(alice, BookSession{"pa/s1", "theirs"}) == "not_found");
  CHECK(w.run(admin, BookSession{"pa/s1", "theirs"}) == "wrong_coach");
  CHECK(w.run(alice, BookSession{"pa/s1", "pod"}) == "slot_kind_mismatch");
  CHECK(w.run(alice, BookSession{"pa/pod1", "mine"}) == "slot_kind_mismatch");
  CHECK(w.run(alice, BookSession{"pa/s1", "nowhere"}) == "not_found");
  CHECK(w.run(alice, BookSession{"pa/s1", "mine"}) == "applied");
  CHECK(w.state.slot("mine")->taken == 1);
  // The place is taken: bob cannot have it.
  CHECK(w.run(bob, BookSession{"pb/s1", "mine"}) == "slot_taken");
  // Alice cannot be in two places at once: her second pathway, with another coach.
  w.must(admin, EnrolParticipant{"pa2", "alice", "c2", "coach2"});
  w.slot("clash", days(2) + minutes(30), "coach2");
  CHECK(w.run(alice, BookSession{"pa2/s1", "clash"}) == "overlap");
  w.must(admin, RemoveSlot{"clash"});
  w.slot("back-to-back", days(2) + hours(1), "coach2");  // starts as her other session ends
  CHECK(w.run(alice, BookSession{"pa2/s1", "back-to-back"}) == "applied");
  // Participants book future slots only; staff may record a past booking.
  w.slot("yesterday", -days(1));
  CHECK(w.run(bob, BookSession{"pb/s1", "yesterday"}) == "slot_in_past");
  CHECK(w.run(coach, BookSession{"pb/s1", "yesterday"}) == "applied");
}

TEST_CASE("R4 rule_cancellation_window: 24 hours binds participants, not staff") {
  SUBCASE("a participant cancelling 24 h or more ahead frees the place") {
    World w = make_world();
    w.book("pa/s1", hours(24), alice);
    CHECK(w.run(alice, CancelBooking{"pa/s1"}) == "applied");
    CHECK(w.status("pa/s1") == SessionStatus::unbooked);
    CHECK(w.state.slot("slot-pa-s1")->taken == 0);
    CHECK(w.session("pa/s1").slot.empty());
  }
  SUBCASE("a participant cancelling late is Missed for late_cancellation, billable") {
    World w = make_world();
    w.book("pa/s1", hours(23), alice);
    CHECK(w.run(alice, CancelBooking{"pa/s1"}) == "applied");
    CHECK(w.status("pa/s1") == SessionStatus::missed);
    CHECK(w.session("pa/s1").missed_reason == MissedReason::late_cancellation);
    CHECK(is_billable(w.session("pa/s1")));
  }
  SUBCASE("a coach cancelling late leaves it Unbooked, recorded as cancelled by them") {
    World w = make_world();
    w.book("pa/s1", hours(2));
    CHECK(w.run(coach, CancelBooking{"pa/s1"}) == "applied");
    CHECK(w.status("pa/s1") == SessionStatus::unbooked);
    CHECK(w.session("pa/s1").cancelled_by == "coach1");
    CHECK(w.state.slot("slot-pa-s1")->taken == 0);
  }
  SUBCASE("an admin may waive a late cancellation") {
    World w = make_world();
    w.book("pa/s1", hours(2), alice);
    w.must(alice, CancelBooking{"pa/s1"});
    CHECK(w.run(coach, WaiveLateCancellation{"pa/s1"}) == "forbidden");
    CHECK(w.run(admin, WaiveLateCancellation{"pa/s1"}) == "applied");
    CHECK(w.status("pa/s1") == SessionStatus::unbooked);
    CHECK_FALSE(is_billable(w.session("pa/s1")));
    CHECK(w.run(admin, WaiveLateCancellation{"pa/s1"}) == "invalid_transition");
  }
}

TEST_CASE("R4a rule_missed_reason: Missed always carries a reason; coach_no_show is the admin's") {
  World w = make_world();
  w.book("pa/s1", -hours(2));
  w.book("pb/s1", -hours(4));
  CHECK(w.run(coach, MarkAttendance{"pa/s1", Outcome::missed, std::nullopt}) == "reason_required");
  CHECK(w.run(coach, MarkAttendance{"pa/s1", Outcome::missed, MissedReason::coach_no_show}) == "forbidden");
  CHECK(w.run(coach, MarkAttendance{"pa/s1", Outcome::missed, MissedReason::late_cancellation}) == "invalid_value");
  CHECK(w.run(coach, MarkAttendance{"pa/s1", Outcome::completed, MissedReason::no_show}) == "invalid_value");
  CHECK(w.run(admin, MarkAttendance{"pa/s1", Outcome::missed, MissedReason::coach_no_show}) == "applied");
  CHECK(w.session("pa/s1").missed_reason == MissedReason::coach_no_show);
  CHECK(w.run(coach, MarkAttendance{"pb/s1", Outcome::missed, MissedReason::no_show}) == "applied");
  CHECK(w.session("pb/s1").missed_reason == MissedReason::no_show);
}

TEST_CASE("R5 rule_grey_out_needs_unbooked: admins only; a booking is cancelled first; nobody books it") {
  World w = make_world();
  w.book("pa/s1", days(2));
  CHECK(w.run(admin, GreyOut{"pa/s1"}) == "invalid_transition");
  CHECK(w.run(coach, GreyOut{"pa/s2"}) == "forbidden");
  CHECK(w.run(admin, GreyOut{"pa/s2"}) == "applied");
  w.slot("free", days(4));
  CHECK(w.run(admin, BookSession{"pa/s2", "free"}) == "greyed_out");
  CHECK(w.run(coach, BookSession{"pa/s2", "free"}) == "greyed_out");
  CHECK(w.run(coach, Ungrey{"pa/s2"}) == "forbidden");
  CHECK(w.run(admin, Ungrey{"pa/s2"}) == "applied");
  CHECK(w.run(alice, BookSession{"pa/s2", "free"}) == "applied");
}

TEST_CASE("R18 pod slots: bookable until full, one cancellation frees one place, attendance per participant") {
  World w = make_world();
  w.must(admin, EnrolParticipant{"pc2", "carol", "c1", "coach1"});
  w.slot("pod", days(3), "coach1", SessionKind::pod, 2);
  CHECK(w.run(alice, BookSession{"pa/pod1", "pod"}) == "applied");
  CHECK(w.run(bob, BookSession{"pb/pod1", "pod"}) == "applied");
  CHECK(w.state.slot("pod")->taken == 2);
  CHECK(w.run(carol, BookSession{"pc2/pod1", "pod"}) == "slot_taken");
  CHECK(w.run(bob, CancelBooking{"pb/pod1"}) == "applied");
  CHECK(w.state.slot("pod")->taken == 1);
  CHECK(w.status("pa/pod1") == SessionStatus::booked);
  CHECK(w.run(carol, BookSession{"pc2/pod1", "pod"}) == "applied");
  const Time after = now + days(3) + hours(2);
  CHECK(w.run(coach, MarkAttendance{"pa/pod1", Outcome::completed, std::nullopt}, after) == "applied");
  CHECK(w.run(coach, MarkAttendance{"pc2/pod1", Outcome::missed, MissedReason::no_show}, after) == "applied");
  CHECK(w.status("pa/pod1") == SessionStatus::completed);
  CHECK(w.status("pc2/pod1") == SessionStatus::missed);
}

TEST_CASE("slots: coaches manage their own calendar, weekly repeats, no overlaps, no removing booked slots") {
  World w = make_world();
  AddSlot weekly{"mon", "coach1", now + days(1), 60, 1, SessionKind::one_to_one, 3, std::nullopt};
  CHECK(w.run(other_coach, weekly) == "forbidden");
  CHECK(w.run(coach, weekly) == "applied");
  REQUIRE(w.state.slot("mon-w3") != nullptr);
  CHECK(w.state.slot("mon-w3")->start == now + days(22));
  CHECK(w.run(coach, AddSlot{"clash", "coach1", now + days(8) + minutes(30), 60, 1, SessionKind::one_to_one,
                             std::nullopt, std::nullopt}) == "slot_overlap");
  CHECK(w.run(coach, AddSlot{"bad", "coach1", now + days(30), 60, 3, SessionKind::one_to_one, std::nullopt,
                             std::nullopt}) == "invalid_value");
  CHECK(w.run(alice, BookSession{"pa/s1", "mon-w1"}) == "applied");
  CHECK(w.run(coach, RemoveSlot{"mon-w1"}) == "slot_in_use");
  CHECK(w.run(other_coach, RemoveSlot{"mon-w2"}) == "not_found");  // a colleague's slot reads as absent
  CHECK(w.run(coach, RemoveSlot{"mon-w2"}) == "applied");
  CHECK(w.state.slot("mon-w2") == nullptr);
}
