// What the Engagement actions work from (DESIGN.md §7, R19): who an Engagement report lists,
// and the escalations still open. Reminding and escalating themselves are ops
// (SendReminder, Escalate, ResolveEscalation); a bulk reminder is planned by
// plan_bulk_reminder (pathway_rules.h).
#pragma once

#include <vector>

#include "named_reports.h"
#include "state.h"

namespace pathways {

// The participants `report` lists, each once, in the order of their first row (the
// participants a "Remind all listed" asks about).
std::vector<Id> engagement_participants(const Engagement& report);

// Escalations not yet resolved that `viewer` may see (Scope: staff with the participant,
// never participants), of `participant` only when it is not empty; oldest first, then by id.
// Pointers into `state`: valid while it is unchanged.
std::vector<const Escalation*> open_escalations(const State& state, const User& viewer, const Id& participant = {});

}  // namespace pathways
