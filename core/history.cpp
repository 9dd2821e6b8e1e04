#include "history.h"

#include <variant>

#include "scope.h"

namespace pathways {

std::vector<StatusChange> status_changes(const State& before, const std::vector<Change>& changes) {
  std::vector<StatusChange> out;
  for (const Change& change : changes) {
    const auto* after = std::get_if<Session>(&change.entity);
    if (!after || change.deleted) continue;
    const Session* was = before.session(after->id());
    const SessionStatus from = was ? was->status : SessionStatus::unbooked;
    const MissedReason reason_before = was ? was->missed_reason : MissedReason::none;
    // [mutation R21-unchanged] -> if (false) continue;
    if (from == after->status && reason_before == after->missed_reason) continue;
    // [end mutation]
    const Pathway* pw = before.pathway(after->pathway);
    for (const Change& other : changes)  // a pathway the same op creates (enrolment)
      if (const auto* p = std::get_if<Pathway>(&other.entity); !pw && p && p->id == after->pathway) pw = p;
    out.push_back({after->id(), pw ? pw->participant : Id{}, from, after->status, after->missed_reason});
  }
  return out;
}

Id participant_of_subject(const State& state, const Id& subject) {
  if (const User* u = state.user(subject)) return u->role == Role::participant ? u->id : Id{};
  if (const Pathway* pw = state.pathway(subject)) return pw->participant;
  const Note* note = state.note(subject);  // a note is about its session
  if (const Session* s = state.session(note ? note->session : subject))
    if (const Pathway* pw = state.pathway(s->pathway)) return pw->participant;
  if (const Grant* g = state.grant(subject))
    if (const Pathway* pw = state.pathway(g->pathway)) return pw->participant;
  if (auto e = state.escalations.find(subject); e != state.escalations.end()) return e->second.participant;
  return {};
}

Check may_read_history(const State& state, const User& viewer, const Id& participant) {
  // [mutation R21-participants]
  if (viewer.role == Role::participant)
    return reject(RejectCode::forbidden, "Histories are for the staff who look after a participant.");
  // [end mutation]
  const User* p = state.user(participant);
  // [mutation R21-scope] -> if (!p || p->role != Role::participant)
  if (!p || p->role != Role::participant || !Scope(state, viewer).contains(*p))
    // [end mutation]
    return reject(RejectCode::not_found, "No participant " + participant + " among yours.");
  return std::nullopt;
}

}  // namespace pathways
