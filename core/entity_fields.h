// Each entity lists its fields once, as ops do (core/ops.h): the wire name, who may read
// it (redaction as a field policy), whether a decoder requires it, and the member. The
// entity codec (both directions), the snapshot's records, the server's JSON writer and its
// storage columns are all driven from these lists, so a field cannot be written under one
// name, redacted in one place and read under another.
//
// Lists are in byte order of the wire names: the order of keys in nlohmann's objects, so a
// writer that streams the fields as listed writes the codec's bytes (tests check the order).
// Derived fields (a session's id, title, billable flag) are computed from the state for a
// reader; decoders and storage skip them.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "scope.h"
#include "session_rules.h"
#include "state.h"

namespace pathways {

// Who reads a field.
enum class Show : std::uint8_t {
  always,
  staff,       // sees_staff_fields: not participants
  email,       // Scope::may_see_email of the user it belongs to
  blueprint,   // a placeholder list, filtered per R7 (Scope::shown_placeholders)
  view,        // derived for display: in a viewer's data only, never stored
  staff_view,  // derived, for staff viewers only
};

struct Field {
  std::string_view name;
  Show show = Show::always;
  bool required = false;     // a decoder refuses the entity without it (text, numbers, enums)
  bool omit_empty = false;   // an empty list is left out rather than written as []
  bool epoch_unset = false;  // an unset time is written as the epoch rather than as ""
  std::string_view column;   // the storage column, when it differs from the wire name
  constexpr std::string_view column_name() const { return column.empty() ? name : column; }
};

constexpr Field required_field(std::string_view name, Show show = Show::always) {
  Field f;
  f.name = name;
  f.show = show;
  f.required = true;
  return f;
}
constexpr Field optional_field(std::string_view name, Show show = Show::always) {
  Field f;
  f.name = name;
  f.show = show;
  return f;
}
// Variants of a field: with an empty list left out, an unset time as the epoch, a column.
constexpr Field omit_empty(Field f) { return (f.omit_empty = true, f); }
constexpr Field epoch_unset(Field f) { return (f.epoch_unset = true, f); }
constexpr Field stored_as(Field f, std::string_view column) { return (f.column = column, f); }

// A field computed from the state: `compute(state)` gives its value.
template <class F>
struct Derived {
  F compute;
};
template <class F>
Derived(F) -> Derived<F>;

template <class T>
inline constexpr bool is_derived = false;
template <class F>
inline constexpr bool is_derived<Derived<F>> = true;

// EntityFields<T>::visit(entity, f) calls f(Field, member) for each field in list order
// (`entity` const or not; derived fields only for a const entity's readers).
template <class T>
struct EntityFields;

template <>
struct EntityFields<Company> {
  static void visit(auto& e, auto&& f) {
    f(required_field("id"), e.id);
    f(required_field("name"), e.name);
  }
};

template <>
struct EntityFields<Project> {
  static void visit(auto& e, auto&& f) {
    f(required_field("company"), e.company);
    f(required_field("id"), e.id);
    f(required_field("name"), e.name);
    f(optional_field("po_ref", Show::staff), e.po_ref);
  }
};

template <>
struct EntityFields<Placeholder> {
  static void visit(auto& e, auto&& f) {
    f(required_field("duration_min"), e.duration_min);
    f(required_field("id"), e.id);
    f(required_field("kind"), e.kind);
    f(optional_field("retired"), e.retired);
    f(required_field("title"), e.title);
  }
};

template <>
struct EntityFields<Journey> {
  static void visit(auto& e, auto&& f) {
    f(optional_field("changed_at"), e.changed_at);
    f(optional_field("draft", Show::staff), e.draft);  // R9: absent when there is none; never to participants
    f(required_field("id"), e.id);
    f(optional_field("max_extra_sessions"), e.max_extra_sessions);
    f(optional_field("my_coaching_tab"), e.my_coaching_tab);
    f(required_field("name"), e.name);
    f(required_field("placeholders", Show::blueprint), e.placeholders);
    f(optional_field("published"), e.published);
  }
};

template <>
struct EntityFields<Cohort> {
  static void visit(auto& e, auto&& f) {
    f(optional_field("archived"), e.archived);
    f(optional_field("blueprint"), e.blueprint);  // kept sorted: decoders sort it (R6 looks it up)
    f(required_field("id"), e.id);
    f(required_field("journey"), e.journey);
    f(required_field("name"), e.name);
    f(required_field("project"), e.project);
  }
};

template <>
struct EntityFields<User> {
  static void visit(auto& e, auto&& f) {
    f(optional_field("archived", Show::staff), e.archived);
    f(omit_empty(optional_field("companies", Show::staff)), e.companies);
    f(optional_field("deactivated", Show::staff), e.deactivated);
    f(optional_field("email", Show::email), e.email);
    f(required_field("id"), e.id);
    f(optional_field("last_activity", Show::staff), e.last_activity);
    f(required_field("name"), e.name);
    f(required_field("role"), e.role);
    f(optional_field("time_zone"), e.time_zone);  // R17, §9: IANA name; empty when not set
  }
};

template <>
struct EntityFields<Pathway> {
  static void visit(auto& e, auto&& f) {
    f(required_field("coach"), e.coach);
    f(required_field("cohort"), e.cohort);
    f(optional_field("completed"), e.completed);
    f(optional_field("enrolled_at"), e.enrolled_at);
    f(required_field("id"), e.id);
    f(required_field("journey"), e.journey);
    f(required_field("participant"), e.participant);
  }
};

template <>
struct EntityFields<Session> {
  static void visit(auto& e, auto&& f) {
    constexpr bool reading = std::is_const_v<std::remove_reference_t<decltype(e)>>;
    if constexpr (reading)
      f(optional_field("billable", Show::staff_view), Derived{[&](const State&) { return is_billable(e); }});
    f(optional_field("booking_no"), e.booking_no);
    f(optional_field("cancelled_by", Show::staff), e.cancelled_by);
    f(optional_field("changed_at"), e.changed_at);
    f(optional_field("duration_min"), e.duration_min);
    f(optional_field("extra"), e.extra);
    if constexpr (reading) {
      f(optional_field("id"), Derived{[&](const State&) { return e.id(); }});
      f(optional_field("in_blueprint", Show::view), Derived{[&](const State& s) { return in_blueprint(s, e); }});
    }
    f(required_field("key"), e.key);
    f(required_field("kind"), e.kind);
    f(optional_field("missed_reason"), e.missed_reason);
    f(required_field("pathway"), e.pathway);
    f(optional_field("retired"), e.retired);
    f(optional_field("slot"), e.slot);
    f(optional_field("start"), e.start);
    f(required_field("status"), e.status);
    if constexpr (reading)
      f(optional_field("title", Show::view), Derived{[&](const State& s) { return session_title(s, e); }});
  }
};

template <>
struct EntityFields<Slot> {
  static void visit(auto& e, auto&& f) {
    f(required_field("capacity"), e.capacity);
    f(optional_field("changed_at"), e.changed_at);
    f(required_field("coach"), e.coach);
    f(required_field("duration_min"), e.duration_min);
    f(required_field("id"), e.id);
    f(required_field("kind"), e.kind);
    f(epoch_unset(optional_field("start")), e.start);
    f(optional_field("taken"), e.taken);
  }
};

template <>
struct EntityFields<Grant> {
  static void visit(auto& e, auto&& f) {
    f(optional_field("approver", Show::staff), e.approver);
    f(optional_field("at"), e.at);
    f(required_field("count"), e.count);
    f(required_field("id"), e.id);
    f(required_field("pathway"), e.pathway);
    f(optional_field("po_ref", Show::staff), e.po_ref);
    f(optional_field("reason", Show::staff), e.reason);
  }
};

template <>
struct EntityFields<Note> {
  static void visit(auto& e, auto&& f) {
    f(optional_field("at"), e.at);
    f(required_field("author"), e.author);
    f(required_field("id"), e.id);
    f(required_field("session"), e.session);
    f(required_field("text"), e.text);
  }
};

template <>
struct EntityFields<OutboxMessage> {
  static void visit(auto& e, auto&& f) {
    f(optional_field("at"), e.at);
    f(optional_field("cc"), e.cc);
    f(required_field("id"), e.id);
    f(required_field("kind"), e.kind);
    f(optional_field("subject"), e.subject);
    f(optional_field("text"), e.text);
    f(stored_as(required_field("to"), "recipient"), e.to);
  }
};

template <>
struct EntityFields<Escalation> {
  static void visit(auto& e, auto&& f) {
    f(optional_field("at"), e.at);
    f(required_field("id"), e.id);
    f(required_field("participant"), e.participant);
    f(optional_field("raised_by"), e.raised_by);
    f(optional_field("resolution"), e.resolution);
    f(optional_field("resolved_at"), e.resolved_at);
    f(optional_field("resolved_by"), e.resolved_by);
    f(optional_field("text"), e.text);
  }
};

// The journey that owns a placeholder list `member` of `entity`. Written in terms of the
// member's type, so that a generic field visitor instantiates it for journeys only.
template <class E, class M>
const Journey& owner_journey(const E& entity, const M& /*member*/) {
  return entity;
}

// The redaction decision for one field of `entity` (an entity type, or Placeholder):
// `scope` null means the whole entity for storage and snapshots (no derived fields).
template <class T>
bool shows_field(const Field& field, const Scope* scope, const T& entity) {
  switch (field.show) {
    case Show::always:
    case Show::blueprint:
      return true;
    case Show::staff:
      return sees_staff_fields(scope ? &scope->viewer() : nullptr);
    case Show::email:
      if constexpr (std::is_same_v<T, User>)
        return !scope || scope->may_see_email(entity);
      else
        return true;
    case Show::view:
      return scope != nullptr;
    case Show::staff_view:
      return scope && sees_staff_fields(&scope->viewer());
  }
  return false;
}

}  // namespace pathways
