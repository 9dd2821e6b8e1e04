#include "engagement.h"

#include <algorithm>
#include <tuple>
#include <unordered_set>

#include "scope.h"

namespace pathways {

std::vector<Id> engagement_participants(const Engagement& report) {
  std::vector<Id> out;
  std::unordered_set<std::string_view> seen;
  for (const EngagementRow& row : report.rows)
    if (!row.at.participant.empty() && seen.insert(row.at.participant).second) out.emplace_back(row.at.participant);
  return out;
}

std::vector<const Escalation*> open_escalations(const State& state, const User& viewer, const Id& participant) {
  std::vector<const Escalation*> out;
  const Scope scope(state, viewer);
  for (const auto& [id, e] : state.escalations) {
    if (!participant.empty() && e.participant != participant) continue;
    // [mutation R19-open-escalations] -> if (!scope.contains(e)) continue;
    if (!e.open() || !scope.contains(e)) continue;
    // [end mutation]
    out.push_back(&e);
  }
  std::sort(out.begin(), out.end(),
            [](const Escalation* a, const Escalation* b) { return std::tie(a->at, a->id) < std::tie(b->at, b->id); });
  return out;
}

}  // namespace pathways
