#include "server/viewer_scope.h"

#include "core/permissions.h"

namespace pathways::server {
namespace {

bool listed(const std::vector<Id>& ids, const Id& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

}  // namespace

ViewerScope::ViewerScope(const State& state, const User& viewer) : state_(state), viewer_(viewer) {
  // The pathways the core's any_pathway_of and for_each_in_scope go through.
  if (viewer.role == Role::coach || viewer.role == Role::participant) {
    const auto& index = viewer.role == Role::coach ? state.pathways_by_coach : state.pathways_by_participant;
    for (const Id& pid : state.ids(index, viewer.id))
      if (const Pathway* pw = state.pathway(pid)) pathways_.push_back(pw);
  } else if (viewer.role == Role::program_lead) {
    for (const auto& [pid, pw] : state.pathways)
      if (listed(viewer.companies, company_of_pathway(state, pw))) pathways_.push_back(&pw);
  } else {
    pathways_.reserve(state.pathways.size());
    for (const auto& [pid, pw] : state.pathways) pathways_.push_back(&pw);
    return;  // an admin sees everything: the sets are never asked
  }
  for (const Pathway* pw : pathways_) {
    participants_.insert(pw->participant);
    coaches_.insert(pw->coach);
    cohorts_.insert(pw->cohort);
    journeys_.insert(pw->journey);
    if (const Cohort* c = state.cohort(pw->cohort)) {
      projects_.insert(c->project);
      if (const Project* p = state.project(c->project))
        companies_.insert(p->company);
      else
        companies_.insert(std::string_view());
    } else {
      companies_.insert(std::string_view());  // company_of_pathway's answer without a cohort
    }
  }
}

// core/scope.cpp sees_user, with "some pathway of the viewer has them" as a set lookup.
bool ViewerScope::sees_user(const User& other) const {
  if (viewer_.role == Role::admin || viewer_.id == other.id) return true;
  if (other.role == Role::admin) return false;
  if (viewer_.role == Role::participant) return other.role == Role::coach && has(coaches_, other.id);
  if (viewer_.role == Role::coach && other.role == Role::coach) return true;
  if (viewer_.role == Role::program_lead && other.role == Role::program_lead) return false;
  return has(participants_, other.id) || has(coaches_, other.id);
}

bool ViewerScope::may_see_email(const User& other) const {
  if (viewer_.role == Role::admin || viewer_.id == other.id) return true;
  if (viewer_.role == Role::participant) return other.role == Role::coach && sees_user(other);
  return sees_user(other);
}

bool ViewerScope::sees_slot(const Slot& slot) const {
  switch (viewer_.role) {
    case Role::admin:
      return true;
    case Role::coach:
      return slot.coach == viewer_.id;
    case Role::participant:
    case Role::program_lead:
      return has(coaches_, slot.coach);
  }
  return false;
}

// core/scope.cpp in_scope for the kinds it answers by scanning the viewer's pathways.
template <class T>
bool ViewerScope::contains_typed(const T& e) const {
  const bool lead = viewer_.role == Role::program_lead;
  if (viewer_.role == Role::admin) return true;
  if constexpr (std::is_same_v<T, Company>) {
    return has(companies_, e.id) || (lead && listed(viewer_.companies, e.id));
  } else if constexpr (std::is_same_v<T, Project>) {
    if (lead) return listed(viewer_.companies, e.company);
    return has(projects_, e.id);
  } else if constexpr (std::is_same_v<T, Journey>) {
    return has(journeys_, e.id);
  } else if constexpr (std::is_same_v<T, Cohort>) {
    if (lead)
      if (const Project* p = state_.project(e.project)) return listed(viewer_.companies, p->company);
    return has(cohorts_, e.id);
  } else if constexpr (std::is_same_v<T, User>) {
    return sees_user(e);
  } else if constexpr (std::is_same_v<T, Slot>) {
    return sees_slot(e);
  } else {
    static_assert(std::is_same_v<T, Escalation>);
    if (viewer_.role == Role::participant) return false;
    return has(participants_, e.participant);
  }
}

template bool ViewerScope::contains_typed(const Company&) const;
template bool ViewerScope::contains_typed(const Project&) const;
template bool ViewerScope::contains_typed(const Journey&) const;
template bool ViewerScope::contains_typed(const Cohort&) const;
template bool ViewerScope::contains_typed(const Escalation&) const;

bool ViewerScope::contains(const Entity& entity) const {
  return std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        // Pathways, sessions, grants, notes and the outbox cost the core no scan.
        if constexpr (std::is_same_v<T, Pathway> || std::is_same_v<T, Session> || std::is_same_v<T, Grant> ||
                      std::is_same_v<T, Note> || std::is_same_v<T, OutboxMessage>)
          return in_scope(state_, viewer_, entity);
        else
          return contains_typed(e);
      },
      entity);
}

}  // namespace pathways::server
