// The words of an outbox message (R12, R13, R19; DESIGN.md §10): the facts a message
// names, drawn from the state for its recipient, and the templates that turn them into a
// subject and a body. Templates are files a company may edit; the core only reads text.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/rejection.h"
#include "core/state.h"
#include "core/time_zone.h"

namespace pathways {

// A template file: a first line "Subject: …", a blank line, then the body. `{{name}}`
// anywhere is replaced by the field of that name (see mail_fields); an unknown name is
// replaced by nothing. Lines may end in LF or CRLF.
struct MailTemplateText {
  std::string subject;
  std::string body;
};

// Parses a template file. Rejects (invalid_value) a file without the "Subject:" line or the
// blank line after it, or one that is not UTF-8 — the message names what is wrong.
Result<MailTemplateText> parse_mail_template(std::string_view file);

// Replaces every {{name}} in `text` by fields[name] (nothing for an unknown name).
std::string render_mail_template(std::string_view text, const std::map<std::string, std::string>& fields);

// The fields of one message for its recipient, whose zone is `zone` (UTC when unknown):
// recipient, participant, coach, session, when ("Wed 4 Nov 2026 09:00 GMT
// (Europe/London)"), zone, journey, company, reason (a missed session's), billing (a
// sentence on whether the session is billed, R15), note (a reminder's or escalation's
// words), link (set by the caller: the survey or sign-in address). Facts the state no
// longer has are empty.
std::map<std::string, std::string> mail_fields(const State& state, const OutboxMessage& message, const ZoneRules& zone);

// A local reading of `t` in `zone` with the zone named, as `when` above.
std::string describe_instant(const ZoneRules& zone, Time t);

// A simple HTML alternative of a plain-text body: special characters escaped, blank lines
// as paragraph breaks, line breaks kept, http(s) addresses as links.
std::string text_to_html(std::string_view text);

// The start (UTC) of the booking a cancellation message is about: the session no longer
// holds it once it is Unbooked, so the message's text carries it (RFC 3339). Nothing when
// the text holds no time.
std::optional<Time> cancelled_booking_start(const OutboxMessage& message);

}  // namespace pathways
