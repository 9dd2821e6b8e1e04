// A participant's view of the state, for previews (R7): scope, then write and read back.
#include "preview.h"

#include <tuple>

#include <nlohmann/json.hpp>

#include "entity_codec.h"
#include "scope.h"

namespace pathways {

State scoped_state(const State& state, const Id& participant) {
  State out;
  const User* viewer = state.user(participant);
  if (!viewer || viewer->role != Role::participant) return out;
  const Scope scope(state, *viewer);
  std::vector<Change> changes;
  scope.for_each([&](const auto& entity) {
    const Entity e{entity};
    if (auto read = entity_from_data(kind_of(e), entity_data(scope, e)))
      changes.push_back({std::move(read.value()), false});
  });
  out.commit(changes);
  return out;
}

Id first_participant(const State& state, const Id& cohort) {
  const User* first = nullptr;
  for (const Id& pid : state.ids(state.pathways_by_cohort, cohort)) {
    const Pathway* pw = state.pathway(pid);
    const User* u = pw ? state.user(pw->participant) : nullptr;
    if (u && (!first || std::tie(u->name, u->id) < std::tie(first->name, first->id))) first = u;
  }
  return first ? first->id : Id{};
}

}  // namespace pathways
