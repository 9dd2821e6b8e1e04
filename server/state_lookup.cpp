#include "server/state_lookup.h"

namespace pathways::server {
namespace {

template <class T>
std::optional<Entity> find_in(const IdMap<T>& map, const Id& id) {
  auto it = map.find(id);
  if (it == map.end()) return std::nullopt;
  return Entity{it->second};
}

std::optional<Entity> find_session(const State& state, const Id& id) {
  const Session* s = state.session(id);
  return s ? std::optional<Entity>(Entity{*s}) : std::nullopt;
}

}  // namespace

std::optional<Entity> find_entity(const State& state, EntityKind kind, const Id& id) {
  switch (kind) {
    case EntityKind::company:
      return find_in(state.companies, id);
    case EntityKind::project:
      return find_in(state.projects, id);
    case EntityKind::journey:
      return find_in(state.journeys, id);
    case EntityKind::cohort:
      return find_in(state.cohorts, id);
    case EntityKind::user:
      return find_in(state.users, id);
    case EntityKind::pathway:
      return find_in(state.pathways, id);
    case EntityKind::session:
      return find_session(state, id);
    case EntityKind::slot:
      return find_in(state.slots, id);
    case EntityKind::grant:
      return find_in(state.grants, id);
    case EntityKind::note:
      return find_in(state.notes, id);
    case EntityKind::outbox:
      return find_in(state.outbox, id);
    case EntityKind::escalation:
      return find_in(state.escalations, id);
  }
  return std::nullopt;
}

std::optional<Entity> current_value(const State& state, const Entity& like) {
  return find_entity(state, kind_of(like), id_of(like));
}

}  // namespace pathways::server
