// The cohort × placeholder blueprint matrix (R6): which placeholders are its columns, and
// what a change of blueprint does to participants before it is made. The matrix itself is
// cohorts' `blueprint` lists; changes are SetBlueprint ops.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ops.h"
#include "rejection.h"
#include "state.h"

namespace pathways {

// One column of the matrix: a placeholder the journey offers cohorts (not retired, R9).
struct BlueprintColumn {
  const Placeholder* placeholder = nullptr;  // borrowed from the journey
  bool draft_only = false;                   // R9: in the unpublished draft, not yet in the published journey
};

// The columns of `journey`'s matrix, in journey order: its draft's placeholders when it has
// a draft being edited, else the published ones; retired ones left out. Pointers borrow
// `journey`, valid while it lives unchanged.
std::vector<BlueprintColumn> blueprint_columns(const Journey& journey);

// The SetBlueprint ops that make every cell of `cohort_ids` × `placeholder_ids` `visible`,
// leaving out cells already so (a whole row or column at once; R6).
std::vector<SetBlueprint> blueprint_changes(const State& state, const std::vector<Id>& cohort_ids,
                                            const std::vector<Id>& placeholder_ids, bool visible);

// What SetBlueprint changes do to participants (R6, R7, R8), counted before they are made.
// Counts are of participants' sessions made from the changed placeholders, in the changed
// cohorts (granted extra sessions are never in a blueprint).
struct BlueprintImpact {
  int changes = 0;              // cells that change (ops asking for what already is count nothing)
  int participants = 0;         // participants who start or stop seeing at least one session
  int sessions_hidden = 0;      // sessions their participant stops seeing
  int sessions_shown = 0;       // sessions their participant starts seeing
  int booked = 0;               // of the sessions their participant stops seeing, those Booked
  int kept_by_activity = 0;     // hidden by the blueprint, yet still shown: R8's My Coaching tab shows activity
  int new_mismatches = 0;       // R6 mismatches the change makes (visible but greyed out, hidden but bookable)
  int mismatches_resolved = 0;  // R6 mismatches the change ends
};
BlueprintImpact blueprint_impact(const State& state, const std::vector<SetBlueprint>& changes);

// The confirmation sentence for people, e.g. "Hide 'Goal setting' for Spring cohort: 12
// participants stop seeing it; 3 of them have it booked." Several changes are summed
// ("Hide 4 sessions for Spring cohort: …", "Show 'Kick-off' for 3 cohorts: …").
std::string describe_blueprint_change(const State& state, const std::vector<SetBlueprint>& changes,
                                      const BlueprintImpact& impact);

// A cohort's name: check_name (core/text_rules.h: required, one line, at most 200 characters,
// not bytes) with "A cohort needs a name.". Used by CreateCohort; forms ask it before submitting.
Check rule_cohort_name(std::string_view name);

}  // namespace pathways
