// What an admin's programme actions offer: cohorts to move to (R10), the grant cap (R11),
// and the bookings to cancel before archiving (R14).
#include "programme.h"

#include <algorithm>
#include <tuple>

#include "pathway_rules.h"

namespace pathways {

int grant_cap(const State& state, const Pathway& pathway) {
  const Journey* j = state.journey(pathway.journey);
  return j ? j->max_extra_sessions : 0;
}

int remaining_grants(const State& state, const Pathway& pathway) {
  return std::max(0, grant_cap(state, pathway) - granted_sessions(state, pathway.id));
}

std::vector<const Cohort*> move_targets(const State& state, const Pathway& pathway) {
  std::vector<const Cohort*> out;
  for (const auto& [id, c] : state.cohorts)
    if (c.journey == pathway.journey && !c.archived && id != pathway.cohort) out.push_back(&c);
  std::sort(out.begin(), out.end(),
            [](const Cohort* a, const Cohort* b) { return std::tie(a->name, a->id) < std::tie(b->name, b->id); });
  return out;
}

std::vector<Id> unlocked_by_move(const State& state, const Id& pathway, const Id& cohort, const Actor& actor, Time at) {
  auto applied = apply(state, MoveParticipant{pathway, cohort}, actor, at);
  if (!applied) return {};
  return applied->suggest_ungrey;
}

std::vector<Id> bookings_ahead(const State& state, const Id& participant, Time now) {
  std::vector<const Session*> ahead;
  for (const Id& pid : state.ids(state.pathways_by_participant, participant))
    for (const Session& s : state.sessions_of(pid))
      if (s.status == SessionStatus::booked && s.start > now) ahead.push_back(&s);
  std::sort(ahead.begin(), ahead.end(), [](const Session* a, const Session* b) { return a->start < b->start; });
  std::vector<Id> out;
  for (const Session* s : ahead) out.push_back(s->id());
  return out;
}

Check rule_archive_needs_no_booking_ahead(const State& state, const Id& participant, Time now) {
  const std::size_t n = bookings_ahead(state, participant, now).size();
  // [mutation R14-archive-booking-ahead] -> return std::nullopt;
  if (n == 0) return std::nullopt;
  // [end mutation]
  return reject(RejectCode::invalid_transition,
                n == 1
                    ? "This participant has a booking ahead; cancel it before archiving."
                    : "This participant has " + std::to_string(n) + " bookings ahead; cancel them before archiving.");
}

std::vector<OpBody> archive_ops(const State& state, const Id& participant, Time now) {
  std::vector<OpBody> ops;
  for (const Id& session : bookings_ahead(state, participant, now)) ops.emplace_back(CancelBooking{session});
  ops.emplace_back(ArchiveParticipant{participant});
  return ops;
}

}  // namespace pathways
