// Who may do what (DESIGN.md §1). Every "may this actor…" question is answered here, so
// the browser hides what the server would refuse, and the server refuses it anyway.
#pragma once

#include <string_view>

#include "ops.h"
#include "rejection.h"
#include "state.h"

namespace pathways {

enum class SessionAction : std::uint8_t { book, cancel, mark, note };

// R2 and the role table: coaches act on their own participants' sessions, participants
// book and cancel their own, admins act on any, programme leads never change sessions.
Check may_act_on_session(const Actor& actor, const Pathway& pathway, SessionAction action);

// Admin-only operations (R5 grey-out, corrections, journeys, cohorts, users, grants).
Check need_admin(const Actor& actor, std::string_view what);

// A coach manages their own calendar; admins manage anyone's.
Check may_manage_slots_of(const Actor& actor, const Id& coach);

// Programme leads act on participants of their companies; admins on anyone.
Check may_chase_participant(const State& state, const Actor& actor, const Id& participant);

// [SECTION] Capabilities: what a role may do as a whole (DESIGN.md §1, §7). Each page of the
// client is shown by one capability, so which pages a role has is answered here.
enum class Capability : std::uint8_t {
  see_cohort_grid,       // admins, coaches, programme leads: participants × sessions
  see_profiles,          // admins, coaches: a participant's journeys and sessions, with Actions
  manage_calendars,      // admins (anyone's), coaches (their own): slots
  book_own_sessions,     // participants: their sessions, booking and cancelling
  correct_sessions,      // admins: grey-out, un-grey, status corrections, waiving (R2, R4, R5)
  reconcile_blueprints,  // admins: R6's one-click fix
  design_journeys,       // admins: journeys, placeholders, drafts and publishing (R8, R9)
  design_cohorts,        // admins: cohorts, blueprints, previewing as a participant (R6)
  enrol_participants,    // admins: enrolment, one at a time or by CSV import
  manage_people,         // admins: companies, projects, users, sign-in links
  see_reports,           // admins, programme leads, coaches: the named reports (DESIGN.md §7)
  see_mail_delivery,     // admins: what the mailer has queued, sent and parked (DESIGN.md §10)
};
template <>
struct EnumNames<Capability> {
  static constexpr std::array names{"see_cohort_grid",   "see_profiles",     "manage_calendars",
                                    "book_own_sessions", "correct_sessions", "reconcile_blueprints",
                                    "design_journeys",   "design_cohorts",   "enrol_participants",
                                    "manage_people",     "see_reports",      "see_mail_delivery"};
};

// Does `role` have `capability`? The role table of DESIGN.md §1 as code.
bool role_has_capability(Role role, Capability capability);
// The same, as a reason for people when not: `forbidden`, "Only an admin can …".
Check may(const Actor& actor, Capability capability);

// R6: may `actor` reconcile a cohort's blueprint and grey-out (admins only)?
// Refused with `forbidden`, "Only an admin can reconcile blueprints."
Check may_reconcile(const Actor& actor);

// The coaches whose calendar `actor` may manage (may_manage_slots_of), sorted by id:
// every coach for an admin, themselves for a coach, nobody for others.
std::vector<Id> managed_calendars(const State& state, const Actor& actor);

// The companies a participant's pathways belong to (through cohort → project → company).
bool participant_in_companies(const State& state, const Id& participant, const std::vector<Id>& companies);
Id company_of_pathway(const State& state, const Pathway& pathway);

}  // namespace pathways
