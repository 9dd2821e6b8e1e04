// Which slots a person may book a session into (R3), asked by views and by the rule itself,
// so the list a view offers and what the core accepts are one rule.
#pragma once

#include <optional>
#include <vector>

#include "ops.h"
#include "rejection.h"
#include "state.h"

namespace pathways {

// R3: may `actor` put a session into `slot` as far as its time goes? Staff may record a
// session in a slot that has already started (after the fact); participants book only slots
// that start after `at`. Refused with `slot_in_past` and a sentence.
Check rule_slot_open_to(const Slot& slot, const Actor& actor, Time at);

// R3, DESIGN.md §5: a participant's booking is judged when the server receives it, so one
// made offline may arrive after its slot has started and be refused. Before the person
// books, a view says from when that would happen: the slot's start (UTC). Nothing for staff,
// who may record a booking after the fact.
std::optional<Time> booking_refused_from(const Slot& slot, Role actor_role);

// R3, R18: the slots `actor` may book `session` into at time `at`: slots of the pathway's
// coach, of the session's kind (1:1 / pod), with a free place, open to the actor by time
// (rule_slot_open_to); in start order (then id). Pointers into `state`, valid until it
// changes. Empty when the session or its pathway is unknown. A slot listed here may still be
// refused by `check` for the booking as a whole (the participant's overlapping booking, the
// session's status, the actor's rights): views show it with that reason.
std::vector<const Slot*> bookable_slots(const State& state, const Id& session, const Actor& actor, Time at);

// Why `actor` cannot book `session` at all right now, or nothing when at least one of its
// bookable slots would be accepted (the core's `check` of the booking). With no bookable slot
// the reason is `slot_taken`, "The coach has no free slot of this kind."
Check why_not_book(const State& state, const Id& session, const Actor& actor, Time at);

}  // namespace pathways
