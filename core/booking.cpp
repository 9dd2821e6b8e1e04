#include "booking.h"

#include <algorithm>

#include "apply.h"

namespace pathways {

Check rule_slot_open_to(const Slot& slot, const Actor& actor, Time at) {
  if (actor.role == Role::participant && !(at < slot.start))
    return reject(RejectCode::slot_in_past, "That slot has already started; choose a later one.");
  return std::nullopt;
}

std::optional<Time> booking_refused_from(const Slot& slot, Role actor_role) {
  if (actor_role != Role::participant) return std::nullopt;
  return slot.start;
}

std::vector<const Slot*> bookable_slots(const State& state, const Id& session_id, const Actor& actor, Time at) {
  std::vector<const Slot*> out;
  const Session* session = state.session(session_id);
  const Pathway* pathway = session ? state.pathway(session->pathway) : nullptr;
  if (!pathway) return out;
  for (const Id& id : state.ids(state.slots_by_coach, pathway->coach))
    if (const Slot* slot = state.slot(id);
        slot && slot->kind == session->kind && slot->taken < slot->capacity && !rule_slot_open_to(*slot, actor, at))
      out.push_back(slot);
  std::sort(out.begin(), out.end(),
            [](const Slot* a, const Slot* b) { return a->start != b->start ? a->start < b->start : a->id < b->id; });
  return out;
}

Check why_not_book(const State& state, const Id& session, const Actor& actor, Time at) {
  const auto slots = bookable_slots(state, session, actor, at);
  if (slots.empty()) return reject(RejectCode::slot_taken, "The coach has no free slot of this kind.");
  Check first;
  for (const Slot* slot : slots) {
    Check why = check(state, BookSession{session, slot->id}, actor, at);
    if (!why) return std::nullopt;
    if (!first) first = std::move(why);
  }
  return first;
}

}  // namespace pathways
