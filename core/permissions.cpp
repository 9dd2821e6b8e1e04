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

bool role_has_capability(Role role, Capability capability) {
  switch (capability) {
    case Capability::see_cohort_grid:
      return role != Role::participant;
    case Capability::see_profiles:
    case Capability::manage_calendars:
      return role == Role::admin || role == Role::coach;
    case Capability::book_own_sessions:
      return role == Role::participant;
    case Capability::correct_sessions:
    case Capability::reconcile_blueprints:
    case Capability::design_journeys:
    case Capability::design_cohorts:
    case Capability::enrol_participants:
    case Capability::manage_people:
    case Capability::see_mail_delivery:
      return role == Role::admin;
    case Capability::see_reports:
      return role != Role::participant;
  }
  return false;
}

Check may(const Actor& actor, Capability capability) {
  if (role_has_capability(actor.role, capability)) return std::nullopt;
  switch (capability) {
    case Capability::see_cohort_grid:
      return reject(RejectCode::forbidden, "Participants see their own sessions only.");
    case Capability::see_profiles:
      return reject(RejectCode::forbidden, "Only coaches and admins open participant profiles.");
    case Capability::manage_calendars:
      return reject(RejectCode::forbidden, "Only coaches and admins manage calendars.");
    case Capability::book_own_sessions:
      return reject(RejectCode::forbidden, "Only participants book their own sessions here.");
    case Capability::correct_sessions:
      return reject(RejectCode::forbidden, "Only an admin can correct sessions.");
    case Capability::reconcile_blueprints:
      return reject(RejectCode::forbidden, "Only an admin can reconcile blueprints.");
    case Capability::design_journeys:
      return reject(RejectCode::forbidden, "Only an admin can design journeys.");
    case Capability::design_cohorts:
      return reject(RejectCode::forbidden, "Only an admin can design cohorts and blueprints.");
    case Capability::enrol_participants:
      return reject(RejectCode::forbidden, "Only an admin can enrol participants.");
    case Capability::manage_people:
      return reject(RejectCode::forbidden, "Only an admin can manage companies, projects and users.");
    case Capability::see_reports:
      return reject(RejectCode::forbidden, "Participants see their own sessions only.");
    case Capability::see_mail_delivery:
      return reject(RejectCode::forbidden, "Only an admin can see mail delivery.");
  }
  return reject(RejectCode::forbidden, "Not allowed.");
}

Check may_reconcile(const Actor& actor) { return may(actor, Capability::reconcile_blueprints); }

std::vector<Id> managed_calendars(const State& state, const Actor& actor) {
  std::vector<Id> out;
  for (const auto& [id, user] : state.users)
    if (user.role == Role::coach && !may_manage_slots_of(actor, id)) out.push_back(id);
  // A coach's own calendar, even before their user record has arrived.
  if (actor.role == Role::coach && !state.user(actor.id) && !may_manage_slots_of(actor, actor.id))
    out.push_back(actor.id);
  std::sort(out.begin(), out.end());
  return out;
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
