#include "server/entity_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/entity_codec.h"
#include "core/scope.h"
#include "core/session_rules.h"
#include "server/json_text.h"

namespace pathways::server {
namespace {

using json_text::Object;

bool staff(const User& viewer) { return viewer.role != Role::participant; }

// A participant sees only the placeholders some cohort of theirs shows (R7).
void append_placeholders(std::string& out, const ViewerScope& scope, const Journey& j) {
  const State& state = scope.state();
  const User& viewer = scope.viewer();
  std::vector<Id> shown;
  const bool participant = viewer.role == Role::participant;
  if (participant)
    for (const Id& pid : state.ids(state.pathways_by_participant, viewer.id))
      if (const Pathway* pw = state.pathway(pid); pw && pw->journey == j.id)
        if (const Cohort* c = state.cohort(pw->cohort))
          shown.insert(shown.end(), c->blueprint.begin(), c->blueprint.end());
  out += '[';
  bool first = true;
  for (const Placeholder& p : j.placeholders) {
    if (participant && std::find(shown.begin(), shown.end(), p.id) == shown.end()) continue;
    if (!first) out += ',';
    first = false;
    Object(out)
        .integer("duration_min", p.duration_min)
        .string("id", p.id)
        .string("kind", to_string(p.kind))
        .boolean("retired", p.retired)
        .string("title", p.title)
        .close();
  }
  out += ']';
}

}  // namespace

EntityJsonWriter::EntityJsonWriter(const ViewerScope& scope) : scope_(scope) {}

// Many entities share a time (a pod slot's start, a day's activity): each is formatted once.
std::string_view EntityJsonWriter::time(Time t) const {
  auto [it, added] = times_.try_emplace(unix_seconds(t));
  if (added) it->second = format_time(t);
  return it->second;
}

std::string_view EntityJsonWriter::time_text(Time t) const { return t == Time{} ? std::string_view() : time(t); }

void EntityJsonWriter::append(std::string& out, const Company& e) const {
  Object(out).string("id", e.id).string("name", e.name).close();
}

void EntityJsonWriter::append(std::string& out, const Project& e) const {
  Object o(out);
  o.string("company", e.company).string("id", e.id).string("name", e.name);
  if (staff(scope_.viewer())) o.string("po_ref", e.po_ref);
  o.close();
}

void EntityJsonWriter::append(std::string& out, const Journey& e) const {
  Object o(out);
  o.string("id", e.id)
      .integer("max_extra_sessions", e.max_extra_sessions)
      .boolean("my_coaching_tab", e.my_coaching_tab);
  o.string("name", e.name);
  append_placeholders(o.key("placeholders"), scope_, e);
  o.boolean("published", e.published).close();
}

void EntityJsonWriter::append(std::string& out, const Cohort& e) const {
  Object(out)
      .boolean("archived", e.archived)
      .strings("blueprint", e.blueprint)
      .string("id", e.id)
      .string("journey", e.journey)
      .string("name", e.name)
      .string("project", e.project)
      .close();
}

void EntityJsonWriter::append(std::string& out, const User& e) const {
  const bool staff_viewer = staff(scope_.viewer());
  Object o(out);
  if (staff_viewer) {
    o.boolean("archived", e.archived);
    if (!e.companies.empty()) o.strings("companies", e.companies);
  }
  if (scope_.may_see_email(e)) o.string("email", e.email);
  o.string("id", e.id);
  if (staff_viewer) o.string("last_activity", time_text(e.last_activity));
  o.string("name", e.name).string("role", to_string(e.role)).close();
}

void EntityJsonWriter::append(std::string& out, const Pathway& e) const {
  Object(out)
      .string("coach", e.coach)
      .string("cohort", e.cohort)
      .boolean("completed", e.completed)
      .string("enrolled_at", time_text(e.enrolled_at))
      .string("id", e.id)
      .string("journey", e.journey)
      .string("participant", e.participant)
      .close();
}

void EntityJsonWriter::append(std::string& out, const Session& e) const {
  const State& state = scope_.state();
  const bool staff_viewer = staff(scope_.viewer());
  Object o(out);
  if (staff_viewer) o.boolean("billable", is_billable(e));
  o.integer("booking_no", e.booking_no);
  if (staff_viewer) o.string("cancelled_by", e.cancelled_by);
  o.integer("duration_min", e.duration_min)
      .boolean("extra", e.extra)
      .string("id", e.id())
      .boolean("in_blueprint", in_blueprint(state, e))
      .string("key", e.key)
      .string("kind", to_string(e.kind))
      .string("missed_reason", to_string(e.missed_reason))
      .string("pathway", e.pathway)
      .boolean("retired", e.retired)
      .string("slot", e.slot)
      .string("start", time_text(e.start))
      .string("status", to_string(e.status))
      .string("title", session_title(state, e))
      .close();
}

void EntityJsonWriter::append(std::string& out, const Slot& e) const {
  Object(out)
      .integer("capacity", e.capacity)
      .string("coach", e.coach)
      .integer("duration_min", e.duration_min)
      .string("id", e.id)
      .string("kind", to_string(e.kind))
      .string("start", time(e.start))
      .integer("taken", e.taken)
      .close();
}

void EntityJsonWriter::append(std::string& out, const Grant& e) const {
  const bool staff_viewer = staff(scope_.viewer());
  Object o(out);
  if (staff_viewer) o.string("approver", e.approver);
  o.string("at", time_text(e.at)).integer("count", e.count).string("id", e.id).string("pathway", e.pathway);
  if (staff_viewer) o.string("po_ref", e.po_ref).string("reason", e.reason);
  o.close();
}

void EntityJsonWriter::append(std::string& out, const Note& e) const {
  Object(out)
      .string("at", time_text(e.at))
      .string("author", e.author)
      .string("id", e.id)
      .string("session", e.session)
      .string("text", e.text)
      .close();
}

void EntityJsonWriter::append(std::string& out, const Escalation& e) const {
  Object(out)
      .string("at", time_text(e.at))
      .string("id", e.id)
      .string("participant", e.participant)
      .string("raised_by", e.raised_by)
      .string("text", e.text)
      .close();
}

// The outbox never leaves the server (no scope holds it); should it ever, the core writes it.
void EntityJsonWriter::append(std::string& out, const OutboxMessage& e) const {
  out += entity_data(scope_.state(), Entity{e}, &scope_.viewer())
             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void EntityJsonWriter::append(std::string& out, const Entity& entity) const {
  std::visit([&](const auto& e) { append(out, e); }, entity);
}

}  // namespace pathways::server
