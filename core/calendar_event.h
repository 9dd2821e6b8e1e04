// Calendar invitations and feeds for booked sessions: iCalendar text (RFC 5545) with the
// iTIP methods of RFC 5546. The core writes them, so the server's invitations and feeds and
// the browser's "Add to calendar" download carry the same event for the same session.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/state.h"

namespace pathways {

// RFC 5546 §1.4: REQUEST invites (Outlook offers Accept / Decline only for it), CANCEL
// withdraws an event of the same UID, PUBLISH is a plain copy (a download, a feed).
enum class IcsMethod { request, cancel, publish };

struct CalendarPerson {
  std::string name;
  std::string email;  // empty when the viewer may not see it: the property is then left out
};

// One session's booking as a calendar event.
struct CalendarEvent {
  std::string uid;         // stable for the session across bookings: "<session id>@pathways"
  int sequence = 0;        // RFC 5545 §3.8.7.4: grows with every booking and cancellation
  bool cancelled = false;  // the booking was cancelled (also a late cancellation, R4)
  Time start{};            // UTC
  int duration_min = 60;   // minutes
  std::string summary;     // the session's title
  std::string description;
  CalendarPerson organizer;  // the coach
  CalendarPerson attendee;   // the participant
};

// The event of a session that has been booked at least once (its slot's time, kept on the
// session), or nothing for a session never booked or not in `state`. Sequence numbers:
// booking n is 2n-2 and its cancellation 2n-1, so every change is higher than the last.
// The coach is the slot's when the slot is still known, else the pathway's.
// A session cancelled back to Unbooked no longer holds its booking's start: `booked_start`
// gives it (cancelled_booking_start of the cancellation message); without it there is no
// event to withdraw.
std::optional<CalendarEvent> session_event(const State& state, const Id& session_id,
                                           std::optional<Time> booked_start = std::nullopt);

// A whole iCalendar object (VCALENDAR with one VEVENT) for `method`, lines ended by CRLF
// and folded at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1). `stamp` is
// DTSTAMP (UTC instant the object was made). A cancelled event or IcsMethod::cancel gives
// STATUS:CANCELLED.
std::string event_ics(const CalendarEvent& event, IcsMethod method, Time stamp);

// A feed: one VCALENDAR holding every event (cancelled ones too, so subscribed calendars
// drop them), no METHOD (RFC 5545 §3.7.2: a plain calendar to subscribe to). `name` is
// the calendar's display name (X-WR-CALNAME).
std::string feed_ics(const std::vector<CalendarEvent>& events, const std::string& name, Time stamp);

// The MIME type of an iCalendar object sent by mail with `method` ("text/calendar;
// charset=utf-8; method=REQUEST"), RFC 6047 §2.4.
std::string ics_content_type(IcsMethod method);

// The iTIP method's name: "REQUEST", "CANCEL" or "PUBLISH" (RFC 5546 §1.4).
const char* ics_method_name(IcsMethod method);

// RFC 5545 §3.3.11: backslash, semicolon and comma escaped, line breaks as "\n", other
// control characters dropped. Exposed for tests.
std::string ics_text(std::string_view text);

// RFC 5545 §3.1: a content line folded to lines of at most 75 octets, CRLF after each.
std::string ics_fold(std::string_view line);

}  // namespace pathways
