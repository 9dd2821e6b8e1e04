// Entity codec. Field names are the wire format's; change them only with the protocol
// version (core/protocol.h).
#include "entity_codec.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "scope.h"
#include "session_rules.h"

namespace pathways {
namespace {

using json = nlohmann::json;

std::string time_text(Time t) { return t == Time{} ? std::string() : format_time(t); }

json placeholders_json(const State& state, const Journey& j, const User* viewer) {
  json list = json::array();
  // Participants see only the placeholders some cohort of theirs shows (R7).
  std::vector<Id> shown;
  const bool participant = viewer && viewer->role == Role::participant;
  if (participant)
    for (const Id& pid : state.ids(state.pathways_by_participant, viewer->id))
      if (const Pathway* pw = state.pathway(pid); pw && pw->journey == j.id)
        if (const Cohort* c = state.cohort(pw->cohort))
          shown.insert(shown.end(), c->blueprint.begin(), c->blueprint.end());
  for (const Placeholder& p : j.placeholders) {
    if (participant && std::find(shown.begin(), shown.end(), p.id) == shown.end()) continue;
    list.push_back({{"id", p.id},
                    {"title", p.title},
                    {"kind", to_string(p.kind)},
                    {"duration_min", p.duration_min},
                    {"retired", p.retired}});
  }
  return list;
}

// [SECTION] Reading helpers that collect the first error instead of throwing.

struct Reader {
  const json& data;
  std::optional<Rejection> error;

  const json* at(const char* key) {
    if (error) return nullptr;
    auto it = data.find(key);
    if (it == data.end()) {
      error = reject(RejectCode::missing_field, std::string("Field \"") + key + "\" is required.");
      return nullptr;
    }
    return &*it;
  }
  const json* maybe(const char* key) {
    auto it = data.find(key);
    return it == data.end() || it->is_null() ? nullptr : &*it;
  }
  void fail(const char* key, const char* need) {
    if (!error) error = reject(RejectCode::wrong_type, std::string("Field \"") + key + "\" must be " + need + ".");
  }
  void str(const char* key, std::string& out, bool required = true) {
    const json* v = required ? at(key) : maybe(key);
    if (!v) return;
    if (v->is_string())
      out = v->get<std::string>();
    else
      fail(key, "a string");
  }
  void integer(const char* key, int& out, bool required = true) {
    const json* v = required ? at(key) : maybe(key);
    if (!v) return;
    if (v->is_number_integer() && v->get<long long>() >= -1000000 && v->get<long long>() <= 1000000)
      out = v->get<int>();
    else
      fail(key, "a whole number");
  }
  void boolean(const char* key, bool& out) {
    const json* v = maybe(key);
    if (!v) return;
    if (v->is_boolean())
      out = v->get<bool>();
    else
      fail(key, "true or false");
  }
  void time(const char* key, Time& out) {
    const json* v = maybe(key);
    if (!v) return;
    if (!v->is_string()) return fail(key, "a time");
    const auto& s = v->get_ref<const std::string&>();
    if (s.empty()) return;
    if (auto t = parse_time(s))
      out = *t;
    else
      fail(key, "an RFC 3339 time");
  }
  template <class E>
  void enumeration(const char* key, E& out, bool required = true) {
    const json* v = required ? at(key) : maybe(key);
    if (!v) return;
    if (!v->is_string()) return fail(key, "a string");
    const auto& s = v->get_ref<const std::string&>();
    if (s.empty() && !required) return;
    if (auto e = parse_enum<E>(s))
      out = *e;
    else
      fail(key, "a known value");
  }
  void ids(const char* key, std::vector<Id>& out) {
    const json* v = maybe(key);
    if (!v) return;
    if (!v->is_array()) return fail(key, "a list of ids");
    for (const auto& item : *v) {
      if (!item.is_string()) return fail(key, "a list of ids");
      out.push_back(item.get<std::string>());
    }
  }
};

}  // namespace

json entity_data(const State& state, const Entity& entity, const User* viewer) {
  const bool staff = !viewer || viewer->role != Role::participant;
  return std::visit(
      [&](const auto& e) -> json {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, Company>) {
          return {{"id", e.id}, {"name", e.name}};
        } else if constexpr (std::is_same_v<T, Project>) {
          json d{{"id", e.id}, {"company", e.company}, {"name", e.name}};
          if (staff) d["po_ref"] = e.po_ref;
          return d;
        } else if constexpr (std::is_same_v<T, Journey>) {
          return {{"id", e.id},
                  {"name", e.name},
                  {"placeholders", placeholders_json(state, e, viewer)},
                  {"published", e.published},
                  {"max_extra_sessions", e.max_extra_sessions},
                  {"my_coaching_tab", e.my_coaching_tab}};
        } else if constexpr (std::is_same_v<T, Cohort>) {
          json d{
              {"id", e.id}, {"name", e.name}, {"journey", e.journey}, {"project", e.project}, {"archived", e.archived}};
          d["blueprint"] = e.blueprint;
          return d;
        } else if constexpr (std::is_same_v<T, User>) {
          json d{{"id", e.id}, {"name", e.name}, {"role", to_string(e.role)}};
          if (!viewer || may_see_email(state, *viewer, e)) d["email"] = e.email;
          if (staff) {
            d["archived"] = e.archived;
            d["last_activity"] = time_text(e.last_activity);
            if (!e.companies.empty()) d["companies"] = e.companies;
          }
          return d;
        } else if constexpr (std::is_same_v<T, Pathway>) {
          return {{"id", e.id},
                  {"participant", e.participant},
                  {"coach", e.coach},
                  {"cohort", e.cohort},
                  {"journey", e.journey},
                  {"completed", e.completed},
                  {"enrolled_at", time_text(e.enrolled_at)}};
        } else if constexpr (std::is_same_v<T, Session>) {
          json d{{"id", e.id()},
                 {"pathway", e.pathway},
                 {"key", e.key},
                 {"kind", to_string(e.kind)},
                 {"status", to_string(e.status)},
                 {"missed_reason", to_string(e.missed_reason)},
                 {"slot", e.slot},
                 {"start", time_text(e.start)},
                 {"duration_min", e.duration_min},
                 {"booking_no", e.booking_no},
                 {"extra", e.extra},
                 {"retired", e.retired}};
          if (staff) d["cancelled_by"] = e.cancelled_by;
          if (viewer) {
            d["title"] = session_title(state, e);
            d["in_blueprint"] = in_blueprint(state, e);
            if (staff) d["billable"] = is_billable(e);
          }
          return d;
        } else if constexpr (std::is_same_v<T, Slot>) {
          return {{"id", e.id},
                  {"coach", e.coach},
                  {"start", format_time(e.start)},
                  {"duration_min", e.duration_min},
                  {"capacity", e.capacity},
                  {"kind", to_string(e.kind)},
                  {"taken", e.taken}};
        } else if constexpr (std::is_same_v<T, Grant>) {
          json d{{"id", e.id}, {"pathway", e.pathway}, {"count", e.count}, {"at", time_text(e.at)}};
          if (staff) {
            d["po_ref"] = e.po_ref;
            d["reason"] = e.reason;
            d["approver"] = e.approver;
          }
          return d;
        } else if constexpr (std::is_same_v<T, Note>) {
          return {
              {"id", e.id}, {"session", e.session}, {"author", e.author}, {"text", e.text}, {"at", time_text(e.at)}};
        } else if constexpr (std::is_same_v<T, OutboxMessage>) {
          return {{"id", e.id},     {"kind", to_string(e.kind)}, {"to", e.to}, {"cc", e.cc}, {"subject", e.subject},
                  {"text", e.text}, {"at", time_text(e.at)}};
        } else {
          return {{"id", e.id},
                  {"participant", e.participant},
                  {"raised_by", e.raised_by},
                  {"text", e.text},
                  {"at", time_text(e.at)}};
        }
      },
      entity);
}

Result<Entity> entity_from_data(EntityKind kind, const json& data) {
  if (!data.is_object()) return reject(RejectCode::malformed, "An entity must be a JSON object.");
  Reader r{data, std::nullopt};
  Entity out;
  switch (kind) {
    case EntityKind::company: {
      Company e;
      r.str("id", e.id);
      r.str("name", e.name);
      out = e;
      break;
    }
    case EntityKind::project: {
      Project e;
      r.str("id", e.id);
      r.str("company", e.company);
      r.str("name", e.name);
      r.str("po_ref", e.po_ref, false);
      out = e;
      break;
    }
    case EntityKind::journey: {
      Journey e;
      r.str("id", e.id);
      r.str("name", e.name);
      r.boolean("published", e.published);
      r.integer("max_extra_sessions", e.max_extra_sessions, false);
      r.boolean("my_coaching_tab", e.my_coaching_tab);
      if (const json* ps = r.at("placeholders")) {
        if (!ps->is_array()) {
          r.fail("placeholders", "a list");
        } else {
          for (const auto& pj : *ps) {
            Reader pr{pj, std::nullopt};
            Placeholder p;
            if (!pj.is_object()) {
              r.fail("placeholders", "a list of objects");
              break;
            }
            pr.str("id", p.id);
            pr.str("title", p.title);
            pr.enumeration("kind", p.kind);
            pr.integer("duration_min", p.duration_min);
            pr.boolean("retired", p.retired);
            if (pr.error) {
              r.error = pr.error;
              break;
            }
            e.placeholders.push_back(std::move(p));
          }
        }
      }
      out = e;
      break;
    }
    case EntityKind::cohort: {
      Cohort e;
      r.str("id", e.id);
      r.str("name", e.name);
      r.str("journey", e.journey);
      r.str("project", e.project);
      r.boolean("archived", e.archived);
      r.ids("blueprint", e.blueprint);
      std::sort(e.blueprint.begin(), e.blueprint.end());
      out = e;
      break;
    }
    case EntityKind::user: {
      User e;
      r.str("id", e.id);
      r.str("name", e.name);
      r.str("email", e.email, false);
      r.enumeration("role", e.role);
      r.ids("companies", e.companies);
      r.boolean("archived", e.archived);
      r.time("last_activity", e.last_activity);
      out = e;
      break;
    }
    case EntityKind::pathway: {
      Pathway e;
      r.str("id", e.id);
      r.str("participant", e.participant);
      r.str("coach", e.coach);
      r.str("cohort", e.cohort);
      r.str("journey", e.journey);
      r.boolean("completed", e.completed);
      r.time("enrolled_at", e.enrolled_at);
      out = e;
      break;
    }
    case EntityKind::session: {
      Session e;
      r.str("pathway", e.pathway);
      r.str("key", e.key);
      r.enumeration("kind", e.kind);
      r.enumeration("status", e.status);
      r.enumeration("missed_reason", e.missed_reason, false);
      r.str("slot", e.slot, false);
      r.time("start", e.start);
      r.integer("duration_min", e.duration_min, false);
      int booking_no = 0;
      r.integer("booking_no", booking_no, false);
      e.booking_no = static_cast<std::uint16_t>(std::clamp(booking_no, 0, 65535));
      r.boolean("extra", e.extra);
      r.boolean("retired", e.retired);
      r.str("cancelled_by", e.cancelled_by, false);
      out = e;
      break;
    }
    case EntityKind::slot: {
      Slot e;
      r.str("id", e.id);
      r.str("coach", e.coach);
      r.time("start", e.start);
      r.integer("duration_min", e.duration_min);
      r.integer("capacity", e.capacity);
      r.enumeration("kind", e.kind);
      r.integer("taken", e.taken, false);
      out = e;
      break;
    }
    case EntityKind::grant: {
      Grant e;
      r.str("id", e.id);
      r.str("pathway", e.pathway);
      r.integer("count", e.count);
      r.str("po_ref", e.po_ref, false);
      r.str("reason", e.reason, false);
      r.str("approver", e.approver, false);
      r.time("at", e.at);
      out = e;
      break;
    }
    case EntityKind::note: {
      Note e;
      r.str("id", e.id);
      r.str("session", e.session);
      r.str("author", e.author);
      r.str("text", e.text);
      r.time("at", e.at);
      out = e;
      break;
    }
    case EntityKind::outbox: {
      OutboxMessage e;
      r.str("id", e.id);
      r.enumeration("kind", e.kind);
      r.str("to", e.to);
      r.ids("cc", e.cc);
      r.str("subject", e.subject, false);
      r.str("text", e.text, false);
      r.time("at", e.at);
      out = e;
      break;
    }
    case EntityKind::escalation: {
      Escalation e;
      r.str("id", e.id);
      r.str("participant", e.participant);
      r.str("raised_by", e.raised_by, false);
      r.str("text", e.text, false);
      r.time("at", e.at);
      out = e;
      break;
    }
  }
  if (r.error) return *r.error;
  return out;
}

}  // namespace pathways
