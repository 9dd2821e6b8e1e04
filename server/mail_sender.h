// Where composed messages go (DESIGN.md §10): a folder of .eml files (the default, for the
// demo and tests) or an SMTP server through libcurl (RFC 5321; STARTTLS per RFC 3207, or
// implicit TLS with smtps://; AUTH per RFC 4954). A sender says whether a message went,
// should be tried again later, or can never go (parked with the reason).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace pathways::server {

struct Delivery {
  enum class Outcome { sent, retry, permanent };
  Outcome outcome = Outcome::sent;
  std::string reason;  // for retry and permanent: the server's reply or the error, one line
};

class MailSender {
 public:
  virtual ~MailSender() = default;
  // Sends `bytes` (RFC 5322 text with CRLF lines) from `envelope_from` to `recipients`.
  // `name` is the message's stable name (its outbox row and id), unique per message.
  virtual Delivery send(const std::string& name, const std::string& envelope_from,
                        const std::vector<std::string>& recipients, const std::string& bytes) = 0;
};

// One `<name>.eml` per message in `folder`, written to a temporary file then renamed, so a
// crash leaves either the whole file or none; writing the same name again replaces it.
std::unique_ptr<MailSender> file_drop_sender(std::filesystem::path folder);

struct SmtpSettings {
  std::string url;       // smtp://host:587 (STARTTLS when offered; required with a user) or smtps://host:465
  std::string user;      // empty: no AUTH
  std::string password;  // from PATHWAYS_SMTP_PASSWORD or a file, never the command line
  long timeout_s = 60;   // a whole transaction
};

// Delivery through libcurl. A 5xx reply other than an authentication failure is permanent;
// a 4xx reply, a refused or dropped connection, a timeout or failed authentication is
// retried (the last can be fixed by configuration without losing the message).
std::unique_ptr<MailSender> smtp_sender(SmtpSettings settings);

}  // namespace pathways::server
