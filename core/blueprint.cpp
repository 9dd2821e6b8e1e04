// The blueprint matrix's columns and the impact of blueprint changes (R6, R7, R8).
#include "blueprint.h"

#include <algorithm>
#include <set>

#include "journey_draft.h"
#include "pathway_rules.h"
#include "scope.h"
#include "text_rules.h"

namespace pathways {
namespace {

bool shows(const Cohort& cohort, const Id& placeholder) {
  return std::binary_search(cohort.blueprint.begin(), cohort.blueprint.end(), placeholder);
}

std::string count_of(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::vector<BlueprintColumn> blueprint_columns(const Journey& journey) {
  // The one place that chooses the matrix's source: the draft being edited (R9), else the
  // published placeholders; a column only in the draft is marked as such.
  const std::vector<Placeholder>& source = working_placeholders(journey);
  std::vector<BlueprintColumn> columns;
  for (const Placeholder& p : source) {
    if (p.retired) continue;
    const Placeholder* published = find_placeholder(journey, p.id);
    columns.push_back({&p, !published || published->retired});
  }
  return columns;
}

std::vector<SetBlueprint> blueprint_changes(const State& state, const std::vector<Id>& cohort_ids,
                                            const std::vector<Id>& placeholder_ids, bool visible) {
  std::vector<SetBlueprint> out;
  for (const Id& cid : cohort_ids) {
    const Cohort* c = state.cohort(cid);
    if (!c) continue;
    for (const Id& pid : placeholder_ids)
      if (shows(*c, pid) != visible) out.push_back({cid, pid, visible});
  }
  return out;
}

BlueprintImpact blueprint_impact(const State& state, const std::vector<SetBlueprint>& changes) {
  BlueprintImpact impact;
  std::set<Id> people;
  std::set<std::pair<Id, Id>> seen;  // (cohort, placeholder): a cell counts once
  for (const SetBlueprint& op : changes) {
    const Cohort* cohort = state.cohort(op.cohort);
    if (!cohort || shows(*cohort, op.placeholder) == op.visible) continue;
    if (!seen.insert({op.cohort, op.placeholder}).second) continue;
    ++impact.changes;
    const Journey* journey = state.journey(cohort->journey);
    for (const Id& pid : state.ids(state.pathways_by_cohort, op.cohort)) {
      const Pathway* pw = state.pathway(pid);
      if (!pw) continue;
      for (const Session& s : state.sessions_of(pid)) {
        if (s.extra || s.key != op.placeholder) continue;
        const bool before = participant_sees_session(state, s);
        // R7 with R8 after the change: the blueprint's answer, or My Coaching's activity.
        const bool after = op.visible || my_coaching_shows(journey, s);
        if (before && !after) ++impact.sessions_hidden;
        if (!before && after) ++impact.sessions_shown;
        if (before != after) people.insert(pw->participant);
        if (before && !after && s.status == SessionStatus::booked) ++impact.booked;
        if (!op.visible && after) ++impact.kept_by_activity;
        // R6: only Unbooked and Greyed out can disagree with the blueprint.
        const bool bookable = s.status == SessionStatus::unbooked;
        const bool greyed = s.status == SessionStatus::greyed_out;
        if (!s.retired && (bookable || greyed)) {
          // Before the change the cell showed !op.visible; a mismatch is visible and greyed
          // out, or hidden and bookable.
          const bool mismatch_before = (!op.visible && greyed) || (op.visible && bookable);
          const bool mismatch_after = (op.visible && greyed) || (!op.visible && bookable);
          if (!mismatch_before && mismatch_after) ++impact.new_mismatches;
          if (mismatch_before && !mismatch_after) ++impact.mismatches_resolved;
        }
      }
    }
  }
  impact.participants = static_cast<int>(people.size());
  return impact;
}

std::string describe_blueprint_change(const State& state, const std::vector<SetBlueprint>& changes,
                                      const BlueprintImpact& impact) {
  if (impact.changes == 0) return "Nothing changes: every cell is already as asked.";
  std::set<Id> cohorts, placeholders;
  bool visible = true;
  for (const SetBlueprint& op : changes) {
    cohorts.insert(op.cohort);
    placeholders.insert(op.placeholder);
    visible = op.visible;
  }
  std::string what;
  if (placeholders.size() == 1) {
    const Cohort* c = state.cohort(*cohorts.begin());
    const Journey* j = c ? state.journey(c->journey) : nullptr;
    const Placeholder* p = nullptr;
    if (j)  // the draft's title too: a session added in a draft is in the matrix before it is published
      for (const Placeholder& candidate : working_placeholders(*j))
        if (candidate.id == *placeholders.begin()) p = &candidate;
    what = "'" + (p ? p->title : *placeholders.begin()) + "'";
  } else {
    what = count_of(static_cast<int>(placeholders.size()), "session", "sessions");
  }
  std::string whom;
  if (cohorts.size() == 1) {
    const Cohort* c = state.cohort(*cohorts.begin());
    whom = c ? c->name : *cohorts.begin();
  } else {
    whom = count_of(static_cast<int>(cohorts.size()), "cohort", "cohorts");
  }
  const bool several = placeholders.size() > 1;
  std::string text = std::string(visible ? "Show " : "Hide ") + what + " for " + whom + ": ";
  const int n = impact.participants;
  if (visible)
    text += count_of(n, "participant starts", "participants start") + " seeing " + (several ? "them" : "it");
  else
    text += count_of(n, "participant stops", "participants stop") + " seeing " + (several ? "them" : "it");
  if (!visible && impact.booked > 0)
    text += "; " + std::to_string(impact.booked) + " of " + (impact.booked == 1 ? "them has" : "them have") +
            (several ? " one booked" : " it booked");
  text += ".";
  if (!visible && impact.kept_by_activity > 0)
    text += " " + count_of(impact.kept_by_activity, "session stays", "sessions stay") +
            " in view under My Coaching, which shows sessions with activity.";
  if (impact.new_mismatches > 0)
    text += " " + count_of(impact.new_mismatches, "session will disagree", "sessions will disagree") +
            (visible ? " (visible but greyed out)" : " (hidden but bookable)") + " until reconciled.";
  return text;
}

Check rule_cohort_name(std::string_view name) { return check_name(name, "A cohort needs a name."); }

}  // namespace pathways
