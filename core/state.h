// The whole world as one side knows it: the server's authoritative state, or the
// client's view of its scope. Changed only through `commit`, which also keeps the
// lookup indexes in step, so every reader can trust them.
#pragma once

#include <optional>
#include <unordered_map>
#include <variant>
#include <vector>

#include "entities.h"

namespace pathways {

enum class EntityKind : std::uint8_t {
  company,
  project,
  journey,
  cohort,
  user,
  pathway,
  session,
  slot,
  grant,
  note,
  outbox,
  escalation
};
template <>
struct EnumNames<EntityKind> {
  static constexpr std::array names{"company", "project", "journey", "cohort", "user",   "pathway",
                                    "session", "slot",    "grant",   "note",   "outbox", "escalation"};
};

// Alternatives in EntityKind order.
using Entity = std::variant<Company, Project, Journey, Cohort, User, Pathway, Session, Slot, Grant, Note, OutboxMessage,
                            Escalation>;

inline EntityKind kind_of(const Entity& e) { return static_cast<EntityKind>(e.index()); }
Id id_of(const Entity& e);

// An entity of `kind` that carries only its id: enough for State::commit to remove it
// (a pulled tombstone names only kind and id). Nothing for a session id without '/'.
// (Named apart from the web client's own `blank_entity`, which it can now replace.)
std::optional<Entity> blank_entity_of(EntityKind kind, const Id& id);

// One entity's new value, or its removal.
struct Change {
  Entity entity;
  bool deleted = false;
};

template <class T>
using IdMap = std::unordered_map<Id, T>;

struct State {
  IdMap<Company> companies;
  IdMap<Project> projects;
  IdMap<Journey> journeys;
  IdMap<Cohort> cohorts;
  IdMap<User> users;
  IdMap<Pathway> pathways;
  IdMap<std::vector<Session>> sessions;  // by pathway id, in creation order
  IdMap<Slot> slots;
  IdMap<Grant> grants;
  IdMap<Note> notes;
  IdMap<OutboxMessage> outbox;
  IdMap<Escalation> escalations;

  // Indexes, kept by commit().
  IdMap<std::vector<Id>> pathways_by_participant;
  IdMap<std::vector<Id>> pathways_by_coach;
  IdMap<std::vector<Id>> pathways_by_cohort;
  IdMap<std::vector<Id>> slots_by_coach;
  IdMap<std::vector<Id>> grants_by_pathway;
  IdMap<std::vector<Id>> notes_by_session;
  IdMap<std::vector<Id>> leads_by_company;
  IdMap<Id> user_by_email;  // key: the e-mail in lower case

  const User* user_by_email_address(std::string_view email) const;

  // [SECTION] Lookups: nullptr when absent.
  const Company* company(const Id& id) const;
  const Project* project(const Id& id) const;
  const Journey* journey(const Id& id) const;
  const Cohort* cohort(const Id& id) const;
  const User* user(const Id& id) const;
  const Pathway* pathway(const Id& id) const;
  const Session* session(const Id& session_id) const;
  const Slot* slot(const Id& id) const;
  const Grant* grant(const Id& id) const;
  const Note* note(const Id& id) const;
  const std::vector<Session>& sessions_of(const Id& pathway_id) const;
  const std::vector<Id>& ids(const IdMap<std::vector<Id>>& index, const Id& key) const;

  // Applies changes in order; indexes follow.
  void commit(const std::vector<Change>& changes);
  void commit(const Change& change);
};

// The entity of this kind and id in `state` (a copy), or nothing. Session ids are
// "<pathway>/<key>". The state's own lookups are one per kind; this is for code that holds
// a kind as a value (changed database rows, undo of a commit).
std::optional<Entity> find_entity(const State& state, EntityKind kind, const Id& id);

const Placeholder* find_placeholder(const Journey& journey, const Id& placeholder_id);

// E-mail addresses compare without regard to case.
std::string email_key(std::string_view email);

// The session's title: its placeholder's, or "Extra session" for granted ones.
std::string session_title(const State& state, const Session& session);

}  // namespace pathways
