#include "core/mail_text.h"

#include "core/enums.h"
#include "core/text_rules.h"

namespace pathways {
namespace {

std::string_view without_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// The pathway a message is about: its subject is a session ("<pathway>/<key>"), a
// pathway, or a participant (their first pathway).
const Pathway* pathway_of(const State& state, const OutboxMessage& m) {
  if (const Session* s = state.session(m.subject)) return state.pathway(s->pathway);
  if (const Pathway* pw = state.pathway(m.subject)) return pw;
  const auto& own = state.ids(state.pathways_by_participant, m.subject);
  return own.empty() ? nullptr : state.pathway(own.front());
}

std::string name_of(const State& state, const Id& user) {
  const User* u = state.user(user);
  return u ? u->name : std::string();
}

// R15 in words, for the session a cancellation or missed notice is about.
std::string billing_sentence(const OutboxMessage& m, const Session& s) {
  if (m.kind == MailTemplate::cancellation) return "This cancellation is not billed.";
  if (m.kind != MailTemplate::missed_notice) return {};
  switch (s.missed_reason) {
    case MissedReason::late_cancellation:
      return "It was cancelled less than 24 hours before the start, so it counts as a late cancellation and is "
             "billed.";
    case MissedReason::no_show:
      return "Nobody joined from your side, so it counts as a missed session and is billed.";
    case MissedReason::coach_no_show:
      return "Your coach could not attend; it is not billed.";
    case MissedReason::none:
      return {};
  }
  return {};
}

void escape_html(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

// One line of HTML: escaped, with http(s) addresses made links.
void line_to_html(std::string& out, std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    const std::size_t a = std::min(line.find("https://", i), line.find("http://", i));
    if (a == std::string_view::npos) {
      escape_html(out, line.substr(i));
      return;
    }
    escape_html(out, line.substr(i, a - i));
    std::size_t end = a;
    while (end < line.size() && line[end] != ' ' && line[end] != '<' && line[end] != '>' && line[end] != '"') ++end;
    const std::string_view url = line.substr(a, end - a);
    out += "<a href=\"";
    escape_html(out, url);
    out += "\">";
    escape_html(out, url);
    out += "</a>";
    i = end;
  }
}

}  // namespace

Result<MailTemplateText> parse_mail_template(std::string_view file) {
  if (character_count(file) == std::string_view::npos)
    return reject(RejectCode::invalid_value, "The template is not UTF-8 text.");
  if (file.substr(0, 3) == "\xEF\xBB\xBF") file.remove_prefix(3);  // a byte-order mark from an editor
  const std::size_t first_end = file.find('\n');
  const std::string_view first = without_cr(file.substr(0, first_end));
  constexpr std::string_view prefix = "Subject:";
  if (first.substr(0, prefix.size()) != prefix)
    return reject(RejectCode::invalid_value, "The template's first line must be \"Subject: …\".");
  MailTemplateText t;
  std::string_view subject = first.substr(prefix.size());
  while (!subject.empty() && subject.front() == ' ') subject.remove_prefix(1);
  t.subject = std::string(subject);
  if (t.subject.empty()) return reject(RejectCode::invalid_value, "The template's subject is empty.");
  if (first_end == std::string_view::npos)
    return reject(RejectCode::invalid_value, "The template needs a blank line after the subject, then the body.");
  std::string_view rest = file.substr(first_end + 1);
  const std::size_t second_end = rest.find('\n');
  if (!without_cr(rest.substr(0, second_end)).empty())
    return reject(RejectCode::invalid_value, "The template needs a blank line after the subject, then the body.");
  rest = second_end == std::string_view::npos ? std::string_view{} : rest.substr(second_end + 1);
  t.body.reserve(rest.size());
  for (std::size_t i = 0; i < rest.size(); ++i)
    if (!(rest[i] == '\r' && i + 1 < rest.size() && rest[i + 1] == '\n')) t.body += rest[i];
  return t;
}

std::string render_mail_template(std::string_view text, const std::map<std::string, std::string>& fields) {
  std::string out;
  out.reserve(text.size() + 64);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find("{{", i);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    std::string_view name = text.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (auto it = fields.find(std::string(name)); it != fields.end()) out += it->second;
    i = close + 2;
  }
  out.append(text.substr(i));
  return out;
}

std::string describe_instant(const ZoneRules& zone, Time t) {
  const std::string abbrev = period_at(zone, t).abbrev;
  std::string out = describe_local(to_local(zone, t));
  if (!abbrev.empty()) out += " " + abbrev;
  if (zone.name != abbrev) out += " (" + zone.name + ")";
  return out;
}

std::optional<Time> cancelled_booking_start(const OutboxMessage& message) { return parse_time(message.text); }

std::map<std::string, std::string> mail_fields(const State& state, const OutboxMessage& m, const ZoneRules& zone) {
  std::map<std::string, std::string> f;
  f["recipient"] = name_of(state, m.to);
  f["zone"] = zone.name;
  const Pathway* pw = pathway_of(state, m);
  if (pw) {
    f["participant"] = name_of(state, pw->participant);
    f["coach"] = name_of(state, pw->coach);
    if (const Journey* j = state.journey(pw->journey)) f["journey"] = j->name;
    if (const Cohort* c = state.cohort(pw->cohort))
      if (const Project* p = state.project(c->project))
        if (const Company* co = state.company(p->company)) f["company"] = co->name;
  } else if (const User* u = state.user(m.subject)) {
    f["participant"] = u->name;
  }
  if (const Session* s = state.session(m.subject)) {
    f["session"] = session_title(state, *s);
    if (const Slot* slot = s->slot.empty() ? nullptr : state.slot(s->slot)) f["coach"] = name_of(state, slot->coach);
    Time start = s->start;
    if (m.kind == MailTemplate::cancellation)
      if (auto booked = cancelled_booking_start(m)) start = *booked;
    if (start != Time{}) f["when"] = describe_instant(zone, start);
    if (s->missed_reason != MissedReason::none) f["reason"] = std::string(label(s->missed_reason));
    f["billing"] = billing_sentence(m, *s);
  }
  if (m.kind == MailTemplate::reminder || m.kind == MailTemplate::escalation) f["note"] = m.text;
  return f;
}

std::string text_to_html(std::string_view text) {
  std::string out = "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif; line-height: 1.5\">\n<p>";
  std::size_t i = 0;
  bool first_line = true;
  while (i <= text.size()) {
    const std::size_t end = std::min(text.find('\n', i), text.size());
    const std::string_view line = without_cr(text.substr(i, end - i));
    if (line.empty()) {
      if (!first_line) out += "</p>\n<p>";
      first_line = true;
    } else {
      if (!first_line) out += "<br>\n";
      line_to_html(out, line);
      first_line = false;
    }
    i = end + 1;
  }
  out += "</p>\n</body></html>\n";
  return out;
}

}  // namespace pathways
