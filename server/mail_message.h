// One e-mail as RFC 5322 text, built with GMime (Debian's libgmime-3.0): CRLF line ends,
// folded headers, RFC 2047 encoded words of at most 75 characters for names and subjects
// outside ASCII, quoted-printable bodies (RFC 2045 §6.7), and a multipart/alternative of
// plain text, HTML and, for invitations, text/calendar with its iTIP method (RFC 6047 §2.4).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/calendar_event.h"
#include "core/time.h"

namespace pathways::server {

struct MailAddress {
  std::string name;   // UTF-8, any characters (line breaks become spaces)
  std::string email;  // addr-spec
};

struct MailContent {
  MailAddress from;
  std::optional<MailAddress> reply_to;  // the coach, where a reply should reach them
  MailAddress to;
  std::vector<MailAddress> cc;
  std::string subject;                                        // UTF-8, one line
  Time date{};                                                // UTC instant, written as RFC 5322 §3.3 date-time
  std::string message_id;                                     // "local@domain", without angle brackets
  std::string text;                                           // plain text body, lines separated by "\n"
  std::string html;                                           // the HTML alternative; empty for none
  std::optional<std::pair<IcsMethod, std::string>> calendar;  // an iCalendar object to carry
  std::vector<std::pair<std::string, std::string>> headers;   // extra headers (X-…)
};

// The whole message as bytes ready for SMTP DATA or an .eml file. Every line ends in CRLF
// and holds at most 998 octets (RFC 5322 §2.1.1). Never throws for any UTF-8 input.
std::string compose_message(const MailContent& content);

// "Name <addr>" as a header would carry it (RFC 2047 where needed), for logs and tests.
std::string format_mailbox(const MailAddress& address);

}  // namespace pathways::server
