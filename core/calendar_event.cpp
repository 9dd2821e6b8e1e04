#include "core/calendar_event.h"

#include <cstdio>

#include "core/enums.h"

namespace pathways {
namespace {

// "20261130T090000Z" (RFC 5545 §3.3.5, form 2: UTC).
std::string ics_utc(Time t) {
  const std::string iso = format_time(t);  // YYYY-MM-DDTHH:MM:SSZ
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + "T" + iso.substr(11, 2) + iso.substr(14, 2) +
         iso.substr(17, 2) + "Z";
}

// A parameter value (RFC 5545 §3.2): quoted, and a quote or control character inside it
// has no escape in iCalendar, so it becomes an apostrophe or a space.
std::string param_value(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"')
      out += '\'';
    else if (static_cast<unsigned char>(c) < 32 || c == 127)
      out += ' ';
    else
      out += c;
  }
  return out + "\"";
}

// ORGANIZER / ATTENDEE lines; nothing when the address is unknown.
std::string person_line(std::string_view property, std::string_view extra, const CalendarPerson& person) {
  if (person.email.empty()) return {};
  std::string email;
  for (char c : person.email)
    if (static_cast<unsigned char>(c) > 32 && c != 127) email += c;  // an address has no spaces or controls
  return ics_fold(std::string(property) + ";CN=" + param_value(person.name) + std::string(extra) + ":mailto:" + email);
}

std::string vevent(const CalendarEvent& e, bool cancelled, Time stamp) {
  std::string out;
  out += "BEGIN:VEVENT\r\n";
  out += ics_fold("UID:" + ics_text(e.uid));
  out += "DTSTAMP:" + ics_utc(stamp) + "\r\n";
  out += "DTSTART:" + ics_utc(e.start) + "\r\n";
  out += "DTEND:" + ics_utc(e.start + minutes(e.duration_min)) + "\r\n";
  out += "SEQUENCE:" + std::to_string(e.sequence) + "\r\n";
  out += ics_fold("SUMMARY:" + ics_text(e.summary));
  if (!e.description.empty()) out += ics_fold("DESCRIPTION:" + ics_text(e.description));
  out += person_line("ORGANIZER", "", e.organizer);
  out += person_line("ATTENDEE", ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE", e.attendee);
  out += cancelled ? "STATUS:CANCELLED\r\n" : "STATUS:CONFIRMED\r\n";
  out += "TRANSP:OPAQUE\r\n";
  out += "END:VEVENT\r\n";
  return out;
}

const char* const prodid = "PRODID:-//Pathways//Coaching programmes//EN\r\n";

}  // namespace

std::string ics_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) >= 32 && c != 127) {
      out += c;
    }
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  std::string out;
  std::size_t width = 0;  // octets on the current physical line
  std::size_t i = 0;
  while (i < line.size()) {
    // One UTF-8 character: a lead byte and its continuation bytes stay together.
    std::size_t n = 1;
    while (i + n < line.size() && (static_cast<unsigned char>(line[i + n]) & 0xC0) == 0x80) ++n;
    if (width + n > 75) {
      out += "\r\n ";
      width = 1;  // the leading space counts toward the 75
    }
    out.append(line.substr(i, n));
    width += n;
    i += n;
  }
  return out + "\r\n";
}

std::optional<CalendarEvent> session_event(const State& state, const Id& session_id, std::optional<Time> booked_start) {
  const Session* s = state.session(session_id);
  if (!s || s->booking_no == 0) return std::nullopt;
  const Time start = s->start != Time{} ? s->start : booked_start.value_or(Time{});
  if (start == Time{}) return std::nullopt;
  const Pathway* pw = state.pathway(s->pathway);
  if (!pw) return std::nullopt;

  CalendarEvent e;
  e.uid = s->id() + "@pathways";
  // Booked, or marked from a booking that stood: the event stands. Back to Unbooked, or
  // Missed because it was cancelled late: the booking was withdrawn.
  e.cancelled = s->status == SessionStatus::unbooked || s->status == SessionStatus::greyed_out ||
                (s->status == SessionStatus::missed && s->missed_reason == MissedReason::late_cancellation);
  e.sequence = 2 * s->booking_no - (e.cancelled ? 1 : 2);
  e.start = start;
  e.duration_min = s->duration_min;
  e.summary = session_title(state, *s);
  const Slot* slot = s->slot.empty() ? nullptr : state.slot(s->slot);
  const Id coach_id = slot ? slot->coach : pw->coach;
  if (const User* coach = state.user(coach_id)) {
    e.organizer = {coach->name, coach->email};
    e.description = std::string(long_label(s->kind)) + " with " + coach->name;
  }
  if (const User* participant = state.user(pw->participant)) e.attendee = {participant->name, participant->email};
  return e;
}

std::string event_ics(const CalendarEvent& event, IcsMethod method, Time stamp) {
  std::string out = "BEGIN:VCALENDAR\r\n";
  out += prodid;
  out += "VERSION:2.0\r\n";
  out += "CALSCALE:GREGORIAN\r\n";
  out += std::string("METHOD:") + ics_method_name(method) + "\r\n";
  out += vevent(event, event.cancelled || method == IcsMethod::cancel, stamp);
  out += "END:VCALENDAR\r\n";
  return out;
}

std::string feed_ics(const std::vector<CalendarEvent>& events, const std::string& name, Time stamp) {
  std::string out = "BEGIN:VCALENDAR\r\n";
  out += prodid;
  out += "VERSION:2.0\r\n";
  out += "CALSCALE:GREGORIAN\r\n";
  out += ics_fold("X-WR-CALNAME:" + ics_text(name));
  for (const CalendarEvent& e : events) out += vevent(e, e.cancelled, stamp);
  out += "END:VCALENDAR\r\n";
  return out;
}

const char* ics_method_name(IcsMethod method) {
  switch (method) {
    case IcsMethod::request:
      return "REQUEST";
    case IcsMethod::cancel:
      return "CANCEL";
    case IcsMethod::publish:
      return "PUBLISH";
  }
  return "PUBLISH";
}

std::string ics_content_type(IcsMethod method) {
  return std::string("text/calendar; charset=utf-8; method=") + ics_method_name(method);
}

}  // namespace pathways
