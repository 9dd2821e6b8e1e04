#include "permissions.h"

#include <algorithm>
#include <string>

namespace pathways {

Check may_act_on_session(const Actor& actor, const Pathway& pathway, SessionAction action) {
  switch (actor.role) {
    case Role::admin:
      return std::nullopt;
    case Role::coach:
      // [mutation R2] -> return std::nullopt;
      if (pathway.coach == actor.id) return std::nullopt;
      // [end mutation]
      return reject(RejectCode::forbidden, "Only the participant's own coach or an admin can change this session.");
    case Role::participant:
      if (action == SessionAction::mark) return reject(RejectCode::forbidden, "Participants cannot mark attendance.");
      if (action == SessionAction::note) return reject(RejectCode::forbidden, "Participants cannot add session notes.");
      if (pathway.participant == actor.id) return std::nullopt;
      return reject(RejectCode::forbidden, "You can only book and cancel your own sessions.");
    case Role::program_lead:
      return reject(RejectCode::forbidden, "Programme leads cannot change sessions.");
  }
  return reject(RejectCode::forbidden, "Not allowed.");
}

Check need_admin(const Actor& actor, std::string_view what) {
  if (actor.role == Role::admin) return std::nullopt;
  return reject(RejectCode::forbidden, "Only an admin can " + std::string(what) + ".");
}

Check may_manage_slots_of(const Actor& actor, const Id& coach) {
  if (actor.role == Role::admin || (actor.role == Role::coach && actor.id == coach)) return std::nullopt;
  return reject(RejectCode::forbidden, "Coaches manage only their own calendar.");
}

Id company_of_pathway(const State& state, const Pathway& pathway) {
  if (const Cohort* c = state.cohort(pathway.cohort))
    if (const Project* p = state.project(c->project)) return p->company;
  return {};
}

bool participant_in_companies(const State& state, const Id& participant, const std::vector<Id>& companies) {
  for (const Id& pid : state.ids(state.pathways_by_participant, participant)) {
    const Pathway* pw = state.pathway(pid);
    if (!pw) continue;
    const Id company = company_of_pathway(state, *pw);
    if (std::find(companies.begin(), companies.end(), company) != companies.end()) return true;
  }
  return false;
}

Check may_chase_participant(const State& state, const Actor& actor, const Id& participant) {
  if (actor.role == Role::admin) return std::nullopt;
  if (actor.role == Role::program_lead) {
    const User* lead = state.user(actor.id);
    if (lead && participant_in_companies(state, participant, lead->companies)) return std::nullopt;
    return reject(RejectCode::forbidden, "This participant is not in one of your companies.");
  }
  return reject(RejectCode::forbidden, "Only programme leads and admins send reminders and escalations.");
}

}  // namespace pathways
