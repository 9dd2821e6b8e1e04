// Scoping: who sees which entities (DESIGN.md §1, R7, R8).
#include "scope.h"

#include <algorithm>

#include "permissions.h"

namespace pathways {

bool in_blueprint(const State& state, const Session& session) {
  if (session.extra) return true;  // granted to this participant: always theirs to see
  const Pathway* pw = state.pathway(session.pathway);
  if (!pw) return false;
  const Cohort* c = state.cohort(pw->cohort);
  return c && std::binary_search(c->blueprint.begin(), c->blueprint.end(), session.key);
}

bool participant_sees_session(const State& state, const Session& session) {
  if (in_blueprint(state, session)) return true;
  const Pathway* pw = state.pathway(session.pathway);
  const Journey* j = pw ? state.journey(pw->journey) : nullptr;
  const bool has_activity = session.status == SessionStatus::booked || session.status == SessionStatus::completed ||
                            session.status == SessionStatus::missed;
  // [mutation R8] -> return j && has_activity;
  return j && j->my_coaching_tab && has_activity;
  // [end mutation]
}

namespace {

bool contains(const std::vector<Id>& ids, const Id& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

// The pathways a viewer works with: a coach's own, a lead's companies', a participant's own.
bool sees_pathway(const State& state, const User& viewer, const Pathway& pw) {
  switch (viewer.role) {
    case Role::admin:
      return true;
    case Role::coach:
      return pw.coach == viewer.id;
    case Role::participant:
      return pw.participant == viewer.id;
    case Role::program_lead:
      return contains(viewer.companies, company_of_pathway(state, pw));
  }
  return false;
}

template <class F>
bool any_pathway_of(const State& state, const User& viewer, F&& pred) {
  const auto& index = viewer.role == Role::coach         ? state.pathways_by_coach
                      : viewer.role == Role::participant ? state.pathways_by_participant
                                                         : state.pathways_by_coach;
  if (viewer.role == Role::coach || viewer.role == Role::participant) {
    for (const Id& pid : state.ids(index, viewer.id))
      if (const Pathway* pw = state.pathway(pid); pw && pred(*pw)) return true;
    return false;
  }
  for (const auto& [pid, pw] : state.pathways)
    if (sees_pathway(state, viewer, pw) && pred(pw)) return true;
  return false;
}

bool sees_user(const State& state, const User& viewer, const User& other) {
  if (viewer.role == Role::admin || viewer.id == other.id) return true;
  if (other.role == Role::admin) return false;
  if (viewer.role == Role::participant) {
    // Their own coaches, nobody else.
    return other.role == Role::coach &&
           any_pathway_of(state, viewer, [&](const Pathway& pw) { return pw.coach == other.id; });
  }
  if (viewer.role == Role::coach && other.role == Role::coach) return true;  // colleagues, for the calendar
  if (viewer.role == Role::program_lead && other.role == Role::program_lead) return false;
  return any_pathway_of(state, viewer,
                        [&](const Pathway& pw) { return pw.participant == other.id || pw.coach == other.id; });
}

bool sees_slot(const State& state, const User& viewer, const Slot& slot) {
  switch (viewer.role) {
    case Role::admin:
      return true;
    case Role::coach:
      return slot.coach == viewer.id;
    case Role::participant:
    case Role::program_lead:
      return any_pathway_of(state, viewer, [&](const Pathway& pw) { return pw.coach == slot.coach; });
  }
  return false;
}

bool sees_session(const State& state, const User& viewer, const Session& s) {
  const Pathway* pw = state.pathway(s.pathway);
  if (!pw || !sees_pathway(state, viewer, *pw)) return false;
  // [mutation R7] -> return true;
  return viewer.role != Role::participant || participant_sees_session(state, s);
  // [end mutation]
}

}  // namespace

bool may_see_email(const State& state, const User& viewer, const User& other) {
  if (viewer.role == Role::admin || viewer.id == other.id) return true;
  if (viewer.role == Role::participant) return other.role == Role::coach && sees_user(state, viewer, other);
  return sees_user(state, viewer, other);
}

bool in_scope(const State& state, const User& viewer, const Entity& entity) {
  return std::visit(
      [&](const auto& e) -> bool {
        using T = std::decay_t<decltype(e)>;
        if (viewer.role == Role::admin) return !std::is_same_v<T, OutboxMessage>;
        if constexpr (std::is_same_v<T, Company>) {
          return any_pathway_of(state, viewer,
                                [&](const Pathway& pw) { return company_of_pathway(state, pw) == e.id; }) ||
                 (viewer.role == Role::program_lead && contains(viewer.companies, e.id));
        } else if constexpr (std::is_same_v<T, Project>) {
          if (viewer.role == Role::program_lead) return contains(viewer.companies, e.company);
          return any_pathway_of(state, viewer, [&](const Pathway& pw) {
            const Cohort* c = state.cohort(pw.cohort);
            return c && c->project == e.id;
          });
        } else if constexpr (std::is_same_v<T, Journey>) {
          return any_pathway_of(state, viewer, [&](const Pathway& pw) { return pw.journey == e.id; });
        } else if constexpr (std::is_same_v<T, Cohort>) {
          if (viewer.role == Role::program_lead)
            if (const Project* p = state.project(e.project)) return contains(viewer.companies, p->company);
          return any_pathway_of(state, viewer, [&](const Pathway& pw) { return pw.cohort == e.id; });
        } else if constexpr (std::is_same_v<T, User>) {
          return sees_user(state, viewer, e);
        } else if constexpr (std::is_same_v<T, Pathway>) {
          return sees_pathway(state, viewer, e);
        } else if constexpr (std::is_same_v<T, Session>) {
          return sees_session(state, viewer, e);
        } else if constexpr (std::is_same_v<T, Slot>) {
          return sees_slot(state, viewer, e);
        } else if constexpr (std::is_same_v<T, Grant>) {
          const Pathway* pw = state.pathway(e.pathway);
          return pw && sees_pathway(state, viewer, *pw);
        } else if constexpr (std::is_same_v<T, Note>) {
          // Notes are internal: coaches and admins only.
          if (viewer.role != Role::coach) return false;
          const Session* s = state.session(e.session);
          return s && sees_session(state, viewer, *s);
        } else if constexpr (std::is_same_v<T, Escalation>) {
          if (viewer.role == Role::participant) return false;
          return any_pathway_of(state, viewer, [&](const Pathway& pw) { return pw.participant == e.participant; });
        } else {
          return false;  // the outbox is the server's
        }
      },
      entity);
}

void for_each_in_scope(const State& state, const User& viewer, const std::function<void(const Entity&)>& visit) {
  auto offer = [&](const auto& value) {
    Entity e{value};
    if (in_scope(state, viewer, e)) visit(e);
  };
  // Pathways first (cheap, by index for coaches and participants); sessions, grants and
  // notes through them, so a coach's scan does not touch other coaches' data.
  std::vector<const Pathway*> mine;
  if (viewer.role == Role::coach || viewer.role == Role::participant) {
    const auto& index = viewer.role == Role::coach ? state.pathways_by_coach : state.pathways_by_participant;
    for (const Id& pid : state.ids(index, viewer.id))
      if (const Pathway* pw = state.pathway(pid)) mine.push_back(pw);
  } else {
    for (const auto& [pid, pw] : state.pathways)
      if (sees_pathway(state, viewer, pw)) mine.push_back(&pw);
  }
  for (const Pathway* pw : mine) {
    visit(Entity{*pw});
    for (const Session& s : state.sessions_of(pw->id)) {
      if (viewer.role == Role::participant && !participant_sees_session(state, s)) continue;
      visit(Entity{s});
      if (viewer.role == Role::admin || viewer.role == Role::coach)
        for (const Id& nid : state.ids(state.notes_by_session, s.id()))
          if (const Note* n = state.note(nid)) visit(Entity{*n});
    }
    for (const Id& gid : state.ids(state.grants_by_pathway, pw->id))
      if (const Grant* g = state.grant(gid)) visit(Entity{*g});
  }
  for (const auto& [id, v] : state.companies) offer(v);
  for (const auto& [id, v] : state.projects) offer(v);
  for (const auto& [id, v] : state.journeys) offer(v);
  for (const auto& [id, v] : state.cohorts) offer(v);
  for (const auto& [id, v] : state.escalations) offer(v);
  if (viewer.role == Role::admin) {
    for (const auto& [id, v] : state.users) visit(Entity{v});
    for (const auto& [id, v] : state.slots) visit(Entity{v});
    return;
  }
  // The people on the viewer's pathways, and for coaches their colleagues.
  std::vector<Id> people{viewer.id};
  for (const Pathway* pw : mine) {
    people.push_back(pw->participant);
    people.push_back(pw->coach);
  }
  if (viewer.role == Role::coach)
    for (const auto& [id, u] : state.users)
      if (u.role == Role::coach) people.push_back(id);
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  for (const Id& uid : people)
    if (const User* u = state.user(uid); u && sees_user(state, viewer, *u)) visit(Entity{*u});
  if (viewer.role == Role::coach) {
    for (const Id& sid : state.ids(state.slots_by_coach, viewer.id))
      if (const Slot* s = state.slot(sid)) visit(Entity{*s});
  } else {
    std::vector<Id> coaches;
    for (const Pathway* pw : mine)
      if (!contains(coaches, pw->coach)) coaches.push_back(pw->coach);
    for (const Id& coach : coaches)
      for (const Id& sid : state.ids(state.slots_by_coach, coach))
        if (const Slot* s = state.slot(sid)) visit(Entity{*s});
  }
}

}  // namespace pathways
