// One viewer's scope for the length of one pull, with the core's answers (core/scope.h)
// at the cost of a lookup.
//
// The core decides "may the viewer see X" for companies, projects, journeys, cohorts,
// users, slots and escalations by scanning the viewer's pathways once per question, and
// a full pull asks it about every person on them: for a coach with 1,000 participants
// that is a million pathway lookups. Here the viewer's pathways are read once, through
// the same indexes, into sets of what they reference; every answer is the core's rule
// restated over those sets. tests/server/pull_equivalence_test.cpp checks it against the
// core for every viewer and entity of the demo and generated datasets.
//
// Borrows from the state: valid while the caller holds the state's lock and the state
// does not change.
#pragma once

#include <algorithm>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/scope.h"
#include "core/state.h"

namespace pathways::server {

class ViewerScope {
 public:
  ViewerScope(const State& state, const User& viewer);

  const State& state() const { return state_; }
  const User& viewer() const { return viewer_; }

  // core in_scope(state, viewer, entity).
  bool contains(const Entity& entity) const;
  // core may_see_email(state, viewer, other).
  bool may_see_email(const User& other) const;

  // core for_each_in_scope(state, viewer, …), in the same order, without copying the
  // entities: `visit` is called with each as its own type (const Pathway&, const Session&, …).
  template <class Visit>
  void for_each(Visit&& visit) const;

 private:
  bool sees_user(const User& other) const;
  bool sees_slot(const Slot& slot) const;
  template <class T>
  bool contains_typed(const T& e) const;
  static bool has(const std::unordered_set<std::string_view>& set, std::string_view id) { return set.count(id) > 0; }

  const State& state_;
  const User& viewer_;
  std::vector<const Pathway*> pathways_;  // the viewer's, in the core's order
  // What the viewer's pathways reference.
  std::unordered_set<std::string_view> participants_, coaches_, cohorts_, journeys_, projects_, companies_;
};

// [SECTION] for_each, after core/scope.cpp's for_each_in_scope

template <class Visit>
void ViewerScope::for_each(Visit&& visit) const {
  const State& state = state_;
  const Role role = viewer_.role;
  auto offer = [&](const auto& e) {
    if (contains_typed(e)) visit(e);
  };
  for (const Pathway* pw : pathways_) {
    visit(*pw);
    for (const Session& s : state.sessions_of(pw->id)) {
      if (role == Role::participant && !participant_sees_session(state, s)) continue;
      visit(s);
      if ((role == Role::admin || role == Role::coach) && !state.notes_by_session.empty())
        for (const Id& nid : state.ids(state.notes_by_session, s.id()))
          if (const Note* n = state.note(nid)) visit(*n);
    }
    for (const Id& gid : state.ids(state.grants_by_pathway, pw->id))
      if (const Grant* g = state.grant(gid)) visit(*g);
  }
  for (const auto& [id, v] : state.companies) offer(v);
  for (const auto& [id, v] : state.projects) offer(v);
  for (const auto& [id, v] : state.journeys) offer(v);
  for (const auto& [id, v] : state.cohorts) offer(v);
  for (const auto& [id, v] : state.escalations) offer(v);
  if (role == Role::admin) {
    for (const auto& [id, v] : state.users) visit(v);
    for (const auto& [id, v] : state.slots) visit(v);
    return;
  }
  // The people on the viewer's pathways, and for coaches their colleagues, by id.
  std::vector<std::string_view> people{viewer_.id};
  people.reserve(2 * pathways_.size() + 1);
  for (const Pathway* pw : pathways_) {
    people.push_back(pw->participant);
    people.push_back(pw->coach);
  }
  if (role == Role::coach)
    for (const auto& [id, u] : state.users)
      if (u.role == Role::coach) people.push_back(id);
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  for (std::string_view uid : people) {
    auto it = state.users.find(Id(uid));
    if (it != state.users.end() && sees_user(it->second)) visit(it->second);
  }
  if (role == Role::coach) {
    for (const Id& sid : state.ids(state.slots_by_coach, viewer_.id))
      if (const Slot* s = state.slot(sid)) visit(*s);
  } else {
    std::vector<std::string_view> coaches;
    for (const Pathway* pw : pathways_)
      if (std::find(coaches.begin(), coaches.end(), pw->coach) == coaches.end()) coaches.push_back(pw->coach);
    for (std::string_view coach : coaches)
      for (const Id& sid : state.ids(state.slots_by_coach, Id(coach)))
        if (const Slot* s = state.slot(sid)) visit(*s);
  }
}

}  // namespace pathways::server
