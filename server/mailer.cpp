#include "server/mailer.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>

namespace pathways::server {
namespace {

const char* subject_line(MailTemplate kind) {
  switch (kind) {
    case MailTemplate::booking_confirmation:
      return "Your coaching session is booked";
    case MailTemplate::cancellation:
      return "Your coaching session was cancelled";
    case MailTemplate::missed_notice:
      return "A coaching session was missed";
    case MailTemplate::unbooked_reminder:
      return "You have coaching sessions to book";
    case MailTemplate::feedback_survey:
      return "How was your coaching programme?";
    case MailTemplate::reminder:
      return "A reminder about your coaching programme";
    case MailTemplate::escalation:
      return "A participant has been escalated to you";
  }
  return "Pathways";
}

const char* body_line(MailTemplate kind) {
  switch (kind) {
    case MailTemplate::booking_confirmation:
      return "Your coaching session is booked. You can see it in Pathways.";
    case MailTemplate::cancellation:
      return "Your coaching session booking was cancelled. You can book another time in Pathways.";
    case MailTemplate::missed_notice:
      return "A coaching session was recorded as missed.";
    case MailTemplate::unbooked_reminder:
      return "You have coaching sessions that are not booked yet. Choose a time in Pathways.";
    case MailTemplate::feedback_survey:
      return "Your coaching programme is complete. Please tell us how it went.";
    case MailTemplate::reminder:
      return "Your programme lead sent you a reminder about your coaching programme.";
    case MailTemplate::escalation:
      return "A programme lead escalated one of your participants.";
  }
  return "";
}

// Header values never carry line breaks (no header injection through a user's name).
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

// RFC 2047 for display names outside ASCII.
std::string display_name(std::string_view name) {
  const std::string clean = one_line(name);
  const bool ascii = std::all_of(clean.begin(), clean.end(), [](unsigned char c) { return c >= 32 && c < 127; });
  if (ascii) {
    std::string quoted = "\"";
    for (char c : clean) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return quoted + "\"";
  }
  std::string b64(sodium_base64_encoded_len(clean.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(clean.data()), clean.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  b64.pop_back();  // the terminating NUL
  return "=?UTF-8?B?" + b64 + "?=";
}

std::string mailbox(const storage::Address& a) { return display_name(a.name) + " <" + one_line(a.email) + ">"; }

// "Mon, 23 Nov 2026 12:00:00 +0000" (RFC 5322 §3.3).
std::string rfc5322_date(Time t) {
  static const char* const weekdays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string iso = format_time(t);         // YYYY-MM-DDTHH:MM:SSZ
  const long long day = unix_seconds(t) / 86400;  // times are after 2000 (core/time.h)
  const int month = std::stoi(iso.substr(5, 2));
  return std::string(weekdays[((day % 7) + 7) % 7]) + ", " + iso.substr(8, 2) + " " + months[month - 1] + " " +
         iso.substr(0, 4) + " " + iso.substr(11, 8) + " +0000";
}

// Letters, digits, '.', '-', '_' only: the message id in a file name and a Message-ID.
std::string sanitized(std::string_view id) {
  std::string out;
  for (char c : id.substr(0, 120))
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
  return out;
}

}  // namespace

std::string format_eml(const storage::PendingMail& mail, const storage::Address& to,
                       const std::vector<storage::Address>& cc, const std::string& from) {
  const OutboxMessage& m = mail.message;
  std::string eml;
  eml += "From: " + one_line(from) + "\r\n";
  eml += "To: " + mailbox(to) + "\r\n";
  if (!cc.empty()) {
    eml += "Cc: ";
    for (std::size_t i = 0; i < cc.size(); ++i) eml += (i ? ", " : "") + mailbox(cc[i]);
    eml += "\r\n";
  }
  eml += "Subject: " + std::string(subject_line(m.kind)) + "\r\n";
  eml += "Date: " + rfc5322_date(m.at) + "\r\n";
  eml += "Message-ID: <" + std::to_string(mail.row) + "." + sanitized(m.id) + "@pathways.invalid>\r\n";
  eml += "MIME-Version: 1.0\r\n";
  eml += "Content-Type: text/plain; charset=utf-8\r\n";
  eml += "Content-Transfer-Encoding: 8bit\r\n";
  eml += "X-Pathways-Template: " + std::string(to_string(m.kind)) + "\r\n";
  eml += "X-Pathways-Subject: " + one_line(m.subject) + "\r\n";
  eml += "\r\n";
  eml += "Hello " + one_line(to.name) + ",\r\n\r\n";
  eml += std::string(body_line(m.kind)) + "\r\n";
  if (!m.text.empty() && (m.kind == MailTemplate::reminder || m.kind == MailTemplate::escalation))
    eml += "\r\n" + m.text + "\r\n";
  eml += "\r\n-- \r\nPathways\r\n";
  return eml;
}

Mailer::Mailer(storage::Database& database, MailerOptions options, Clock clock)
    : options_(std::move(options)),
      clock_(std::move(clock)),
      db_(database.connect()),
      worker_([this] { deliver_all(); }, options_.poll_interval) {}

Mailer::~Mailer() { stop(); }

void Mailer::start() { worker_.start(); }

void Mailer::stop() { worker_.stop(); }

void Mailer::wake() { worker_.wake(); }

void Mailer::deliver_all() {
  try {
    while (deliver_pending() > 0) {
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mailer: %s (will retry)\n", e.what());
  }
}

int Mailer::deliver_pending() {
  std::lock_guard lock(deliver_mutex_);
  int handled = 0;
  auto pending = storage::pending_mail(*db_, 100);
  if (!pending.empty()) std::filesystem::create_directories(options_.folder);
  for (const auto& mail : pending) {
    const auto to = storage::user_address(*db_, mail.message.to);
    std::vector<storage::Address> cc;
    for (const Id& id : mail.message.cc)
      if (auto a = storage::user_address(*db_, id)) cc.push_back(*a);
    if (to) {
      char number[24];
      std::snprintf(number, sizeof number, "%08lld", static_cast<long long>(mail.row));
      const auto path = options_.folder / (std::string(number) + "-" + sanitized(mail.message.id) + ".eml");
      const auto partial = path.string() + ".partial";
      {
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        file << format_eml(mail, *to, cc, options_.from);
        if (!file.flush()) throw std::runtime_error("cannot write " + partial);
      }
      std::filesystem::rename(partial, path);
    }
    // A message whose recipient no longer exists is marked sent too: it can never go.
    storage::mark_sent(*db_, mail.message.id, clock_());
    ++handled;
  }
  return handled;
}

void Mailer::skip_pending() {
  std::lock_guard lock(deliver_mutex_);
  storage::mark_all_sent(*db_, clock_());
}

}  // namespace pathways::server
