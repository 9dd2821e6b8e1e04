// Scoping: who sees which entities and which of their fields (DESIGN.md §1, R7, R8).
#include "scope.h"

#include "permissions.h"

namespace pathways {
namespace {

bool listed(const std::vector<Id>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

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
  return my_coaching_shows(pw ? state.journey(pw->journey) : nullptr, session);
}

bool my_coaching_shows(const Journey* journey, const Session& session) {
  const bool has_activity = session.status == SessionStatus::booked || session.status == SessionStatus::completed ||
                            session.status == SessionStatus::missed;
  // [mutation R8] -> return journey && has_activity;
  return journey && journey->my_coaching_tab && has_activity;
  // [end mutation]
}

bool sees_staff_fields(const User* viewer) { return !viewer || viewer->role != Role::participant; }

// [SECTION] The viewer's pathways

const std::vector<const Pathway*>& Scope::pathways() const {
  if (!read_) read_pathways();
  return pathways_;
}

// A coach's own pathways, a participant's own, a lead's companies', all for an admin.
void Scope::read_pathways() const {
  read_ = true;
  const State& state = state_;
  if (viewer_.role == Role::coach || viewer_.role == Role::participant) {
    const auto& index = viewer_.role == Role::coach ? state.pathways_by_coach : state.pathways_by_participant;
    for (const Id& pid : state.ids(index, viewer_.id))
      if (const Pathway* pw = state.pathway(pid)) pathways_.push_back(pw);
  } else {
    if (viewer_.role == Role::admin) pathways_.reserve(state.pathways.size());
    for (const auto& [pid, pw] : state.pathways)
      if (sees_pathway(pw)) pathways_.push_back(&pw);
    if (viewer_.role == Role::admin) return;  // an admin sees everything: the sets are never asked
  }
  for (const Pathway* pw : pathways_) {
    participants_.insert(pw->participant);
    coaches_.insert(pw->coach);
    cohorts_.insert(pw->cohort);
    journeys_.insert(pw->journey);
    const Cohort* c = state.cohort(pw->cohort);
    if (c) projects_.insert(c->project);
    const Project* p = c ? state.project(c->project) : nullptr;
    companies_.insert(p ? std::string_view(p->company) : std::string_view());  // company_of_pathway's answer
  }
}

// [SECTION] Entities

bool Scope::sees_pathway(const Pathway& pw) const {
  switch (viewer_.role) {
    case Role::admin:
      return true;
    case Role::coach:
      return pw.coach == viewer_.id;
    case Role::participant:
      return pw.participant == viewer_.id;
    case Role::program_lead:
      return listed(viewer_.companies, company_of_pathway(state_, pw));
  }
  return false;
}

// Of a session on a pathway the viewer sees.
bool Scope::sees_session(const Session& s) const {
  // [mutation R7] -> return true;
  return viewer_.role != Role::participant || participant_sees_session(state_, s);
  // [end mutation]
}

bool Scope::sees_user(const User& other) const {
  if (viewer_.role == Role::admin || viewer_.id == other.id) return true;
  if (other.role == Role::admin) return false;
  pathways();
  // Participants see their own coaches, nobody else.
  if (viewer_.role == Role::participant) return other.role == Role::coach && has(coaches_, other.id);
  if (viewer_.role == Role::coach && other.role == Role::coach) return true;  // colleagues, for the calendar
  if (viewer_.role == Role::program_lead && other.role == Role::program_lead) return false;
  return has(participants_, other.id) || has(coaches_, other.id);
}

template <class T>
bool Scope::contains(const T& e) const {
  const Role role = viewer_.role;
  const bool lead = role == Role::program_lead;
  if constexpr (std::is_same_v<T, OutboxMessage>) {
    return false;  // the outbox is the server's
  } else if (role == Role::admin) {
    return true;
  } else if constexpr (std::is_same_v<T, Pathway>) {
    return sees_pathway(e);
  } else if constexpr (std::is_same_v<T, Session>) {
    const Pathway* pw = state_.pathway(e.pathway);
    return pw && sees_pathway(*pw) && sees_session(e);
  } else if constexpr (std::is_same_v<T, Grant>) {
    const Pathway* pw = state_.pathway(e.pathway);
    return pw && sees_pathway(*pw);
  } else if constexpr (std::is_same_v<T, Note>) {
    // Notes are internal: coaches and admins only.
    if (role != Role::coach) return false;
    const Session* s = state_.session(e.session);
    return s && contains(*s);
  } else if constexpr (std::is_same_v<T, User>) {
    return sees_user(e);
  } else {
    pathways();
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
    } else if constexpr (std::is_same_v<T, Slot>) {
      if (role == Role::coach) return e.coach == viewer_.id;
      return has(coaches_, e.coach);  // participants and leads: the coaches on their pathways
    } else {
      static_assert(std::is_same_v<T, Escalation>);
      if (role == Role::participant) return false;
      return has(participants_, e.participant);
    }
  }
}

template bool Scope::contains(const Company&) const;
template bool Scope::contains(const Project&) const;
template bool Scope::contains(const Journey&) const;
template bool Scope::contains(const Cohort&) const;
template bool Scope::contains(const User&) const;
template bool Scope::contains(const Pathway&) const;
template bool Scope::contains(const Session&) const;
template bool Scope::contains(const Slot&) const;
template bool Scope::contains(const Grant&) const;
template bool Scope::contains(const Note&) const;
template bool Scope::contains(const OutboxMessage&) const;
template bool Scope::contains(const Escalation&) const;

bool Scope::contains(const Entity& entity) const {
  return std::visit([&](const auto& e) { return contains(e); }, entity);
}

// [SECTION] Fields

bool Scope::may_see_email(const User& other) const {
  if (viewer_.role == Role::admin || viewer_.id == other.id) return true;
  if (viewer_.role == Role::participant) return other.role == Role::coach && sees_user(other);
  return sees_user(other);
}

std::vector<const Placeholder*> Scope::shown_placeholders(const Journey& journey) const {
  std::vector<const Placeholder*> out;
  out.reserve(journey.placeholders.size());
  std::vector<Id> shown;  // the blueprints of the participant's cohorts on this journey
  const bool participant = viewer_.role == Role::participant;
  if (participant)
    for (const Pathway* pw : pathways()) {
      if (pw->journey != journey.id) continue;
      if (const Cohort* c = state_.cohort(pw->cohort))
        shown.insert(shown.end(), c->blueprint.begin(), c->blueprint.end());
      // R8: a session the blueprint hides but My Coaching keeps in view (it has activity)
      // reaches the participant, so its placeholder (title, kind) must too.
      // [mutation R8 placeholders of kept sessions]
      for (const Session& s : state_.sessions_of(pw->id))
        if (!s.extra && my_coaching_shows(&journey, s)) shown.push_back(s.key);
      // [end mutation]
    }
  for (const Placeholder& p : journey.placeholders) {
    // [mutation R7 placeholders]
    if (participant && !listed(shown, p.id)) continue;
    // [end mutation]
    out.push_back(&p);
  }
  return out;
}

// [SECTION] One question at a time

bool in_scope(const State& state, const User& viewer, const Entity& entity) {
  return Scope(state, viewer).contains(entity);
}

void for_each_in_scope(const State& state, const User& viewer, const std::function<void(const Entity&)>& visit) {
  Scope(state, viewer).for_each([&](const auto& e) { visit(Entity{e}); });
}

bool may_see_email(const State& state, const User& viewer, const User& other) {
  return Scope(state, viewer).may_see_email(other);
}

}  // namespace pathways
