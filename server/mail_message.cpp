#include "server/mail_message.h"

#include <gmime/gmime.h>

#include <mutex>

namespace pathways::server {
namespace {

// GMime keeps process-wide tables (charsets, encoders); set them up once.
void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// Headers never carry a line break from data (no header injection through a name or a
// subject); control characters become spaces.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) out += (static_cast<unsigned char>(c) < 32 || c == 127) ? ' ' : c;
  return out;
}

// An address has no spaces, controls or angle brackets.
std::string addr_spec(std::string_view email) {
  std::string out;
  for (char c : email)
    if (static_cast<unsigned char>(c) > 32 && c != 127 && c != '<' && c != '>' && c != ',') out += c;
  return out;
}

// Body text with CRLF only (GMime's newline filter adds the CR of each LF).
std::string lf_only(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      out += '\n';
    } else {
      out += text[i];
    }
  }
  return out;
}

// A text part of `subtype`, quoted-printable: lines stay short and 8-bit text survives any
// relay (RFC 2045 §6.7).
GMimeObject* text_part(const char* subtype, const std::string& body) {
  GMimeTextPart* part = g_mime_text_part_new_with_subtype(subtype);
  // GMime converts the text to the smallest charset that holds it and names it in the
  // Content-Type (RFC 2046 §4.1.2).
  g_mime_text_part_set_text(part, lf_only(body).c_str());
  g_mime_part_set_content_encoding(GMIME_PART(part), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  return GMIME_OBJECT(part);
}

// RFC 2047 §2, §5: a header text outside ASCII as encoded words of at most 75 characters,
// each holding whole UTF-8 characters (45 bytes at most: 60 in base64 plus the 12 of
// "=?UTF-8?B?" and "?="). GMime's own subject encoder can write longer words for a long
// run of letters with no space, which strict relays refuse.
std::string encoded_words(std::string_view text) {
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 128;
  if (ascii) return std::string(text);
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = std::min(i + 45, text.size());
    while (end < text.size() && end > i && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    gchar* b64 = g_base64_encode(reinterpret_cast<const guchar*>(text.data() + i), end - i);
    if (!out.empty()) out += ' ';
    out += "=?UTF-8?B?";
    out += b64;
    out += "?=";
    g_free(b64);
    i = end;
  }
  return out;
}

void add(GMimeMessage* message, GMimeAddressType type, const MailAddress& a) {
  g_mime_message_add_mailbox(message, type, one_line(a.name).c_str(), addr_spec(a.email).c_str());
}

}  // namespace

std::string compose_message(const MailContent& c) {
  init_gmime();
  GMimeMessage* message = g_mime_message_new(TRUE);
  add(message, GMIME_ADDRESS_TYPE_FROM, c.from);
  if (c.reply_to) add(message, GMIME_ADDRESS_TYPE_REPLY_TO, *c.reply_to);
  add(message, GMIME_ADDRESS_TYPE_TO, c.to);
  for (const MailAddress& a : c.cc) add(message, GMIME_ADDRESS_TYPE_CC, a);
  g_mime_object_set_header(GMIME_OBJECT(message), "Subject", encoded_words(one_line(c.subject)).c_str(), nullptr);
  GDateTime* date = g_date_time_new_from_unix_utc(unix_seconds(c.date));
  g_mime_message_set_date(message, date);
  g_date_time_unref(date);
  g_mime_message_set_message_id(message, addr_spec(c.message_id).c_str());
  for (const auto& [name, value] : c.headers)
    g_mime_object_set_header(GMIME_OBJECT(message), one_line(name).c_str(), one_line(value).c_str(), "utf-8");

  GMimeObject* body = nullptr;
  if (c.html.empty() && !c.calendar) {
    body = text_part("plain", c.text);
  } else {
    GMimeMultipart* alternative = g_mime_multipart_new_with_subtype("alternative");
    // RFC 2046 §5.1.4: in increasing order of preference; the calendar last so mail
    // programs that understand it show the invitation.
    GMimeObject* plain = text_part("plain", c.text);
    g_mime_multipart_add(alternative, plain);
    g_object_unref(plain);
    if (!c.html.empty()) {
      GMimeObject* html = text_part("html", c.html);
      g_mime_multipart_add(alternative, html);
      g_object_unref(html);
    }
    if (c.calendar) {
      GMimeObject* calendar = text_part("calendar", c.calendar->second);
      g_mime_object_set_content_type_parameter(calendar, "method", ics_method_name(c.calendar->first));
      g_mime_multipart_add(alternative, calendar);
      g_object_unref(calendar);
    }
    body = GMIME_OBJECT(alternative);
  }
  g_mime_message_set_mime_part(message, body);
  g_object_unref(body);

  GMimeFormatOptions* options = g_mime_format_options_new();
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  char* text = g_mime_object_to_string(GMIME_OBJECT(message), options);
  std::string out = text ? text : "";
  g_free(text);
  g_mime_format_options_free(options);
  g_object_unref(message);
  return out;
}

std::string format_mailbox(const MailAddress& address) {
  init_gmime();
  InternetAddress* mailbox =
      internet_address_mailbox_new(one_line(address.name).c_str(), addr_spec(address.email).c_str());
  char* text = internet_address_to_string(mailbox, nullptr, TRUE);
  std::string out = text ? text : "";
  g_free(text);
  g_object_unref(mailbox);
  return out;
}

}  // namespace pathways::server
