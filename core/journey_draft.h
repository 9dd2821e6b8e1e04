// R9: the draft of a published journey and what publishing it will do. Edits to a
// published journey go to `Journey::draft`; publishing applies the draft to every pathway
// on the journey. The preview here is what the admin is shown before publishing, and the
// publish rule (rules/journey_rules.cpp) decides each session with the same
// `publish_effect`, so what publishing does is what the preview said.
#pragma once

#include <cstdint>
#include <vector>

#include "state.h"

namespace pathways {

// The list being designed: the draft when a published journey has one, otherwise the
// placeholders. Columns of a cohort's blueprint matrix are its placeholders that are not
// retired; one absent from `placeholders` exists only in the draft.
const std::vector<Placeholder>& working_placeholders(const Journey& journey);

// The placeholder `id` in `list`, or null.
const Placeholder* find_in(const std::vector<Placeholder>& list, const Id& id);

// Calls f(pathway, cohort) for every pathway on the journey `journey_id`, through its
// cohorts (archived ones too: their history is the journey's).
template <class F>
void for_each_pathway_on(const State& state, const Id& journey_id, F&& f) {
  for (const auto& [cid, c] : state.cohorts) {
    if (c.journey != journey_id) continue;
    for (const Id& pid : state.ids(state.pathways_by_cohort, cid))
      if (const Pathway* pw = state.pathway(pid)) f(*pw, c);
  }
}

// R9: a session with history is Booked, Completed or Missed, or has been booked before.
// Publishing never rewrites one, and retiring its placeholder keeps it (marked retired).
bool has_history(const Session& session);

// How many sessions made from placeholder `placeholder` of the journey hold history
// (shown beside a retired placeholder).
int sessions_with_history(const State& state, const Journey& journey, const Id& placeholder);

// What publishing does to one session made from a placeholder.
enum class SessionEffect : std::uint8_t {
  none,
  created,       // a placeholder added: Unbooked, or Greyed out where the blueprint hides it
  updated,       // kind or duration changed, on an Unbooked or Greyed-out session
  kept_retired,  // retired placeholder, session with history: kept, marked retired
  removed,       // retired placeholder, session without history
};

// R9: the effect on `session` (made from `published`) of publishing the draft's `drafted`
// version of the same placeholder. Sessions with history are never rewritten.
SessionEffect publish_effect(const Session& session, const Placeholder& published, const Placeholder& drafted);

struct SessionCounts {
  int created = 0;
  int updated = 0;
  int kept_retired = 0;
  int removed = 0;

  void add(SessionEffect effect);
  int total() const { return created + updated + kept_retired + removed; }
  bool operator==(const SessionCounts&) const = default;
};

enum class DraftChangeKind : std::uint8_t { added, edited, retired, reordered };

// One change of the draft against the published list.
struct DraftChange {
  DraftChangeKind kind = DraftChangeKind::added;
  Placeholder before;  // as published (empty for `added` and `reordered`)
  Placeholder after;   // as drafted (empty for `reordered`)
  // For `edited`: which fields differ (before → after are `before` and `after`).
  bool title_changed = false;
  bool kind_changed = false;
  bool duration_changed = false;
  int pathways = 0;  // pathways it touches: holding a session from it (added, reordered: all on the journey)
  SessionCounts sessions;
};

struct PublishPreview {
  std::vector<DraftChange> changes;  // in draft order; `reordered` last
  int pathways = 0;                  // distinct pathways touched by any change
  SessionCounts sessions;            // the sum over the changes
};

// R9: what publishing `journey`'s draft would change in `state`. Empty when the journey
// has no draft (an unpublished journey's first publish changes no session).
PublishPreview publish_preview(const State& state, const Journey& journey);

}  // namespace pathways
