// Turns an outbox row into the message people receive (DESIGN.md §10): the trigger's
// template (a file a company may edit, or the built-in one from assets/mail), the facts
// from the state in the recipient's time zone, the plain text with its HTML alternative,
// and for bookings and cancellations the session's invitation (RFC 5545, iTIP method).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/mail_text.h"
#include "core/state.h"
#include "server/mail_message.h"
#include "server/zone_database.h"

namespace pathways::server {

// The templates by trigger name (booking_confirmation, cancellation, …: the names of
// MailTemplate). `folder` empty: the built-in ones. Otherwise each <name>.txt in the
// folder replaces the built-in one of that name; a file that does not parse is an error
// (std::runtime_error naming the file and the reason) so a broken edit is caught at
// start, not when a message is due.
std::map<std::string, MailTemplateText> load_mail_templates(const std::filesystem::path& folder);

// The built-in templates (assets/mail/*.txt, compiled in).
const std::map<std::string, std::string>& default_mail_template_files();

// Letters, digits, '.', '-', '_' only, at most 120 characters of `id`: an outbox id as part
// of a Message-ID or of a file name.
std::string mail_id_part(std::string_view id);

struct WrittenMail {
  std::vector<std::string> recipients;  // envelope addresses: To then Cc
  std::string bytes;                    // RFC 5322 text (server/mail_message.h)
};

struct MailWriterOptions {
  MailAddress from{"Pathways", "no-reply@pathways.invalid"};
  std::string message_id_domain = "pathways.invalid";
};

class MailWriter {
 public:
  MailWriter(std::map<std::string, MailTemplateText> templates, MailWriterOptions options, ZoneDatabase& zones);

  // The message for outbox row `row` (its stable number) holding `message`, or nothing
  // when its recipient is gone or has no address (it can never be sent). Reads `state`
  // only; call it under the state's read lock.
  std::optional<WrittenMail> write(const State& state, std::int64_t row, const OutboxMessage& message) const;

 private:
  std::map<std::string, MailTemplateText> templates_;
  MailWriterOptions options_;
  ZoneDatabase& zones_;
};

}  // namespace pathways::server
