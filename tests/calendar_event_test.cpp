// Calendar invitations (RFC 5545 / RFC 5546): one stable UID per session, a sequence that
// grows with every booking and cancellation, CRLF lines folded at 75 octets, text escaped.
#include <string>

#include "core/calendar_event.h"
#include "core/mail_text.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// Every physical line ends in CRLF and holds at most 75 octets.
void check_lines(const std::string& ics) {
  std::size_t start = 0;
  while (start < ics.size()) {
    const std::size_t end = ics.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    const std::string line = ics.substr(start, end - start);
    CHECK(line.size() <= 75);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find('\r') == std::string::npos);
    start = end + 2;
  }
}

std::string unfolded(const std::string& ics) {
  std::string out;
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += ics[i];
  }
  return out;
}

}  // namespace

TEST_CASE("Calendar invitation: UID stable per session, sequence grows with each booking and cancellation") {
  World w = make_world();
  CHECK_FALSE(session_event(w.state, "pa/s1").has_value());  // never booked: no event
  w.slot("a", days(2));
  w.slot("b", days(3));
  w.must(alice, BookSession{"pa/s1", "a"});
  auto booked = session_event(w.state, "pa/s1");
  REQUIRE(booked);
  CHECK(booked->uid == "pa/s1@pathways");
  CHECK(booked->sequence == 0);
  CHECK_FALSE(booked->cancelled);
  CHECK(booked->start == now + days(2));
  CHECK(booked->summary == "Kick-off");
  CHECK(booked->organizer.email == "coach1@example.test");
  CHECK(booked->attendee.email == "alice@example.test");

  Applied cancel = w.must(alice, CancelBooking{"pa/s1"});
  // Back to Unbooked, the session no longer holds the time; the cancellation message does.
  CHECK_FALSE(session_event(w.state, "pa/s1").has_value());
  REQUIRE(cancel.mail.size() == 1);
  REQUIRE(cancel.mail[0].kind == MailTemplate::cancellation);
  const auto booked_start = cancelled_booking_start(cancel.mail[0]);
  REQUIRE(booked_start);
  CHECK(*booked_start == now + days(2));
  auto cancelled = session_event(w.state, "pa/s1", booked_start);
  REQUIRE(cancelled);
  CHECK(cancelled->start == now + days(2));
  CHECK(cancelled->uid == booked->uid);
  CHECK(cancelled->cancelled);
  CHECK(cancelled->sequence == 1);

  w.must(alice, BookSession{"pa/s1", "b"});
  auto rebooked = session_event(w.state, "pa/s1");
  REQUIRE(rebooked);
  CHECK(rebooked->uid == booked->uid);
  CHECK(rebooked->sequence == 2);
  CHECK(rebooked->start == now + days(3));
  CHECK_FALSE(rebooked->cancelled);
}

TEST_CASE("Calendar invitation: a late cancellation withdraws the event, a completed session keeps it") {
  World w = make_world();
  w.slot("soon", hours(3));
  w.must(alice, BookSession{"pa/s1", "soon"});
  w.must(alice, CancelBooking{"pa/s1"}, now + hours(1));  // inside 24 h: Missed, late_cancellation (R4)
  REQUIRE(w.status("pa/s1") == SessionStatus::missed);
  auto late = session_event(w.state, "pa/s1");
  REQUIRE(late);
  CHECK(late->cancelled);
  CHECK(late->sequence == 1);

  w.book("pb/s1", -hours(2));
  w.must(coach, MarkAttendance{"pb/s1", Outcome::completed, std::nullopt});
  auto done = session_event(w.state, "pb/s1");
  REQUIRE(done);
  CHECK_FALSE(done->cancelled);
  CHECK(done->sequence == 0);
}

TEST_CASE("Calendar invitation: REQUEST and CANCEL objects carry the method, UTC times and the people") {
  World w = make_world();
  w.slot("a", days(2));
  w.must(alice, BookSession{"pa/s1", "a"});
  const auto event = *session_event(w.state, "pa/s1");
  const std::string request = event_ics(event, IcsMethod::request, now);
  check_lines(request);
  const std::string text = unfolded(request);
  CHECK(text.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
  CHECK(text.find("METHOD:REQUEST\r\n") != std::string::npos);
  CHECK(text.find("UID:pa/s1@pathways\r\n") != std::string::npos);
  CHECK(text.find("DTSTART:20261104T090000Z\r\n") != std::string::npos);
  CHECK(text.find("DTEND:20261104T100000Z\r\n") != std::string::npos);
  CHECK(text.find("DTSTAMP:20261102T090000Z\r\n") != std::string::npos);
  CHECK(text.find("ORGANIZER;CN=\"Cora Coach\":mailto:coach1@example.test\r\n") != std::string::npos);
  CHECK(text.find("ATTENDEE;CN=\"Alice Archer\";") != std::string::npos);
  CHECK(text.find("STATUS:CONFIRMED\r\n") != std::string::npos);
  CHECK(ics_content_type(IcsMethod::request) == "text/calendar; charset=utf-8; method=REQUEST");

  const std::string cancel = unfolded(event_ics(event, IcsMethod::cancel, now));
  CHECK(cancel.find("METHOD:CANCEL\r\n") != std::string::npos);
  CHECK(cancel.find("STATUS:CANCELLED\r\n") != std::string::npos);
  CHECK(cancel.find("UID:pa/s1@pathways\r\n") != std::string::npos);
}

TEST_CASE("Calendar text: escaped per RFC 5545 §3.3.11, folded without splitting a character") {
  CHECK(ics_text("a,b;c\\d") == "a\\,b\\;c\\\\d");
  CHECK(ics_text("line one\r\nline two\nthree") == "line one\\nline two\\nthree");
  CHECK(ics_text(std::string("bell\x07") + "tab\t") == "belltab");

  // 100 three-octet characters and a four-octet emoji: every line at most 75 octets, and
  // unfolding gives back the original.
  std::string long_line = "SUMMARY:";
  for (int i = 0; i < 100; ++i) long_line += "\xE2\x82\xAC";  // €
  long_line += "\xF0\x9F\x98\x80";                            // 😀
  const std::string folded = ics_fold(long_line);
  check_lines(folded);
  CHECK(unfolded(folded) == long_line + "\r\n");
  // No continuation line starts inside a character: the byte after "\r\n " is a lead byte.
  for (std::size_t i = folded.find("\r\n "); i != std::string::npos; i = folded.find("\r\n ", i + 1))
    if (i + 3 < folded.size()) CHECK((static_cast<unsigned char>(folded[i + 3]) & 0xC0) != 0x80);

  // A name with a quote, a comma and a line break stays one well-formed property.
  World w = make_world();
  UpdateUser rename;
  rename.user = "alice";
  rename.name = Name{"Alice \"Al\" O'Hara, 😀"};
  w.must(admin, rename);
  w.slot("a", days(2));
  w.must(alice, BookSession{"pa/s1", "a"});
  const std::string ics = unfolded(event_ics(*session_event(w.state, "pa/s1"), IcsMethod::request, now));
  CHECK(ics.find("ATTENDEE;CN=\"Alice 'Al' O'Hara, 😀\";") != std::string::npos);
}

TEST_CASE("Calendar feed: every event, cancelled ones marked, no METHOD") {
  World w = make_world();
  w.slot("a", days(2));
  w.slot("b", days(3));
  w.must(alice, BookSession{"pa/s1", "a"});
  w.must(bob, BookSession{"pb/s1", "b"});
  Applied cancel = w.must(bob, CancelBooking{"pb/s1"});
  const std::vector<CalendarEvent> events{*session_event(w.state, "pa/s1"),
                                          *session_event(w.state, "pb/s1", cancelled_booking_start(cancel.mail[0]))};
  const std::string feed = unfolded(feed_ics(events, "Cora Coach, Pathways", now));
  CHECK(feed.find("METHOD:") == std::string::npos);
  CHECK(feed.find("X-WR-CALNAME:Cora Coach\\, Pathways\r\n") != std::string::npos);
  CHECK(feed.find("UID:pa/s1@pathways\r\n") != std::string::npos);
  CHECK(feed.find("UID:pb/s1@pathways\r\n") != std::string::npos);
  CHECK(feed.find("STATUS:CONFIRMED") != std::string::npos);
  CHECK(feed.find("STATUS:CANCELLED") != std::string::npos);
}
