#include "server/mail_writer.h"

#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/calendar_event.h"
#include "core/enums.h"

namespace pathways::server {
namespace {

std::optional<MailAddress> address_of(const State& state, const Id& user) {
  const User* u = state.user(user);
  if (!u || u->email.empty()) return std::nullopt;
  return MailAddress{u->name, u->email};
}

// The coach a reply should reach, for messages about a session.
std::optional<MailAddress> coach_of(const State& state, const OutboxMessage& m) {
  const Session* s = state.session(m.subject);
  if (!s) return std::nullopt;
  const Slot* slot = s->slot.empty() ? nullptr : state.slot(s->slot);
  const Pathway* pw = state.pathway(s->pathway);
  return address_of(state, slot ? slot->coach : pw ? pw->coach : Id{});
}

}  // namespace

std::string mail_id_part(std::string_view id) {
  std::string out;
  for (char c : id.substr(0, 120))
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
  return out;
}

std::map<std::string, MailTemplateText> load_mail_templates(const std::filesystem::path& folder) {
  std::map<std::string, MailTemplateText> out;
  auto add = [&](const std::string& name, const std::string& text, const std::string& where) {
    auto parsed = parse_mail_template(text);
    if (!parsed) throw std::runtime_error(where + ": " + parsed.rejection().message);
    out[name] = std::move(parsed.value());
  };
  for (const auto& [name, text] : default_mail_template_files()) add(name, text, "built-in template " + name);
  if (folder.empty()) return out;
  for (const auto& [name, text] : default_mail_template_files()) {
    const auto path = folder / (name + ".txt");
    if (!std::filesystem::exists(path)) continue;
    std::ifstream file(path, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    if (!file) throw std::runtime_error(path.string() + ": cannot be read");
    add(name, content.str(), path.string());
  }
  return out;
}

MailWriter::MailWriter(std::map<std::string, MailTemplateText> templates, MailWriterOptions options,
                       ZoneDatabase& zones)
    : templates_(std::move(templates)), options_(std::move(options)), zones_(zones) {}

std::optional<WrittenMail> MailWriter::write(const State& state, std::int64_t row, const OutboxMessage& m) const {
  const auto to = address_of(state, m.to);
  if (!to) return std::nullopt;
  const auto found = templates_.find(std::string(to_string(m.kind)));
  if (found == templates_.end()) return std::nullopt;
  const User* recipient = state.user(m.to);
  const ZoneRules* zone = recipient->time_zone.empty() ? nullptr : zones_.find(recipient->time_zone);
  const ZoneRules utc = utc_zone();
  const auto fields = mail_fields(state, m, zone ? *zone : utc);

  MailContent c;
  c.from = options_.from;
  c.to = *to;
  WrittenMail out;
  out.recipients.push_back(to->email);
  for (const Id& id : m.cc)
    if (auto a = address_of(state, id)) {
      c.cc.push_back(*a);
      out.recipients.push_back(a->email);
    }
  if (m.kind == MailTemplate::booking_confirmation || m.kind == MailTemplate::cancellation ||
      m.kind == MailTemplate::missed_notice)
    c.reply_to = coach_of(state, m);
  c.subject = render_mail_template(found->second.subject, fields);
  c.text = render_mail_template(found->second.body, fields);
  c.html = text_to_html(c.text);
  c.date = m.at;
  c.message_id = std::to_string(row) + "." + mail_id_part(m.id) + "@" + options_.message_id_domain;
  c.headers.emplace_back("X-Pathways-Template", std::string(to_string(m.kind)));

  // The invitation travels with the confirmation; its withdrawal with the cancellation,
  // and with a missed notice for a late cancellation (RFC 5546 §3.2.2, §3.2.5).
  if (m.kind == MailTemplate::booking_confirmation) {
    if (auto e = session_event(state, m.subject); e && !e->cancelled)
      c.calendar = {IcsMethod::request, event_ics(*e, IcsMethod::request, m.at)};
  } else if (m.kind == MailTemplate::cancellation) {
    if (auto e = session_event(state, m.subject, cancelled_booking_start(m)))
      c.calendar = {IcsMethod::cancel, event_ics(*e, IcsMethod::cancel, m.at)};
  } else if (m.kind == MailTemplate::missed_notice) {
    if (auto e = session_event(state, m.subject); e && e->cancelled)
      c.calendar = {IcsMethod::cancel, event_ics(*e, IcsMethod::cancel, m.at)};
  }
  out.bytes = compose_message(c);
  return out;
}

}  // namespace pathways::server
