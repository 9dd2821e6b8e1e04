// The session status machine as a table: every (status, op, role, timing) combination and
// its expected outcome (R1, R2, R3, R4, R4b, R5). Rows are read top to bottom; the first row
// that matches decides, "*" matches anything.
#include <array>

#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

enum class Act { book, cancel, mark_completed, mark_missed, grey_out, ungrey, correct_completed };
enum class Who { admin, own_coach, other_coach, lead, own_participant };
enum class When { past, soon, later };  // start 2 h ago, in 2 h, in 3 days

constexpr std::array acts{Act::book,     Act::cancel, Act::mark_completed,   Act::mark_missed,
                          Act::grey_out, Act::ungrey, Act::correct_completed};
constexpr std::array whos{Who::admin, Who::own_coach, Who::other_coach, Who::lead, Who::own_participant};
constexpr std::array whens{When::past, When::soon, When::later};
constexpr std::array statuses{SessionStatus::unbooked, SessionStatus::booked, SessionStatus::completed,
                              SessionStatus::missed, SessionStatus::greyed_out};

struct Row {
  std::optional<SessionStatus> status;
  std::optional<Act> act;
  std::optional<Who> who;
  std::optional<When> when;
  const char* outcome;                   // "applied" or a rejection code
  std::optional<SessionStatus> after{};  // status once applied
  MissedReason reason = MissedReason::none;
};

constexpr auto any = std::nullopt;
using S = SessionStatus;

const Row table[] = {
    // Programme leads and other coaches never change these sessions (R2). To another coach
    // the session is outside their scope: booking, cancelling and marking it read as if it
    // did not exist (DESIGN.md §8); the admin-only ops refuse them as non-admins first.
    {any, any, Who::lead, any, "forbidden"},
    {any, Act::book, Who::other_coach, any, "not_found"},
    {any, Act::cancel, Who::other_coach, any, "not_found"},
    {any, Act::mark_completed, Who::other_coach, any, "not_found"},
    {any, Act::mark_missed, Who::other_coach, any, "not_found"},
    {any, any, Who::other_coach, any, "forbidden"},
    // Participants never mark, grey out or correct (R2, R5).
    {any, Act::mark_completed, Who::own_participant, any, "forbidden"},
    {any, Act::mark_missed, Who::own_participant, any, "forbidden"},
    {any, Act::grey_out, Who::own_participant, any, "forbidden"},
    {any, Act::ungrey, Who::own_participant, any, "forbidden"},
    {any, Act::correct_completed, Who::own_participant, any, "forbidden"},
    // Only admins grey out, un-grey and correct (R2, R5).
    {any, Act::grey_out, Who::own_coach, any, "forbidden"},
    {any, Act::ungrey, Who::own_coach, any, "forbidden"},
    {any, Act::correct_completed, Who::own_coach, any, "forbidden"},
    // Booking (R3, R5).
    {S::unbooked, Act::book, Who::own_participant, When::past, "slot_in_past"},
    {S::unbooked, Act::book, any, any, "applied", S::booked},
    {S::greyed_out, Act::book, any, any, "greyed_out"},
    {any, Act::book, any, any, "invalid_transition"},
    // Nobody cancels a session that has started: staff mark it, an admin corrects it (R4b).
    {S::booked, Act::cancel, any, When::past, "already_started"},
    // Cancelling (R4): a participant's late cancellation is a billable Missed.
    {S::booked, Act::cancel, Who::own_participant, When::later, "applied", S::unbooked},
    {S::booked, Act::cancel, Who::own_participant, any, "applied", S::missed, MissedReason::late_cancellation},
    {S::booked, Act::cancel, any, any, "applied", S::unbooked},
    {any, Act::cancel, any, any, "not_booked"},
    // Marking (R1).
    {S::booked, Act::mark_completed, any, When::past, "applied", S::completed},
    {S::booked, Act::mark_missed, any, When::past, "applied", S::missed, MissedReason::no_show},
    {S::booked, Act::mark_completed, any, any, "not_past"},
    {S::booked, Act::mark_missed, any, any, "not_past"},
    {any, Act::mark_completed, any, any, "not_booked"},
    {any, Act::mark_missed, any, any, "not_booked"},
    // Grey-out and un-grey (R5).
    {S::unbooked, Act::grey_out, any, any, "applied", S::greyed_out},
    {any, Act::grey_out, any, any, "invalid_transition"},
    {S::greyed_out, Act::ungrey, any, any, "applied", S::unbooked},
    {any, Act::ungrey, any, any, "invalid_transition"},
    // Corrections (R2): any marked or booked session that has started.
    {S::booked, Act::correct_completed, any, When::past, "applied", S::completed},
    {S::missed, Act::correct_completed, any, any, "applied", S::completed},
    {S::booked, Act::correct_completed, any, any, "not_past"},
    {any, Act::correct_completed, any, any, "invalid_transition"},
};

const Row& expected(S status, Act act, Who who, When when) {
  for (const Row& r : table)
    if ((!r.status || *r.status == status) && (!r.act || *r.act == act) && (!r.who || *r.who == who) &&
        (!r.when || *r.when == when))
      return r;
  FAIL("no row for this combination");
  return table[0];
}

Seconds offset_of(When when) {
  switch (when) {
    case When::past:
      return -hours(2);
    case When::soon:
      return hours(2);
    case When::later:
      return days(3);
  }
  return {};
}

Actor actor_of(Who who) {
  switch (who) {
    case Who::admin:
      return admin;
    case Who::own_coach:
      return coach;
    case Who::other_coach:
      return other_coach;
    case Who::lead:
      return lead;
    case Who::own_participant:
      return alice;
  }
  return admin;
}

// Puts alice's "pa/s1" into `status`, booked at `when` where a booking is involved, and
// adds a free slot "free" at the same distance from now for booking.
World prepare(S status, When when) {
  World w = make_world();
  const std::string id = "pa/s1";
  w.slot("free", offset_of(when) + minutes(90));
  if (status == S::greyed_out) w.must(admin, GreyOut{id});
  if (status == S::booked || status == S::completed || status == S::missed) w.book(id, offset_of(when));
  if (status == S::completed) w.must(admin, MarkAttendance{id, Outcome::completed, std::nullopt});
  if (status == S::missed) w.must(admin, MarkAttendance{id, Outcome::missed, MissedReason::no_show});
  REQUIRE(w.status(id) == status);
  return w;
}

OpBody op_of(Act act) {
  const std::string id = "pa/s1";
  switch (act) {
    case Act::book:
      return BookSession{id, "free"};
    case Act::cancel:
      return CancelBooking{id};
    case Act::mark_completed:
      return MarkAttendance{id, Outcome::completed, std::nullopt};
    case Act::mark_missed:
      return MarkAttendance{id, Outcome::missed, MissedReason::no_show};
    case Act::grey_out:
      return GreyOut{id};
    case Act::ungrey:
      return Ungrey{id};
    case Act::correct_completed:
      return CorrectStatus{id, S::completed, std::nullopt};
  }
  return GreyOut{id};
}

}  // namespace

TEST_CASE("status machine: every (status, op, role, timing) has its expected outcome") {
  int combinations = 0;
  for (S status : statuses)
    for (When when : whens) {
      // Completed and Missed exist only for sessions that have started (R1).
      if ((status == S::completed || status == S::missed) && when != When::past) continue;
      for (Act act : acts)
        for (Who who : whos) {
          World w = prepare(status, when);
          const Row& row = expected(status, act, who, when);
          CAPTURE(to_string(status));
          CAPTURE(static_cast<int>(act));
          CAPTURE(static_cast<int>(who));
          CAPTURE(static_cast<int>(when));
          CHECK(w.run(actor_of(who), op_of(act)) == row.outcome);
          if (row.after) {
            CHECK(w.status("pa/s1") == *row.after);
            CHECK(w.session("pa/s1").missed_reason == row.reason);
          } else {
            CHECK(w.status("pa/s1") == status);  // a rejection changes nothing
          }
          ++combinations;
        }
    }
  CHECK(combinations == 3 * 7 * 5 * 3 + 2 * 7 * 5);
}
