// The time a rule judges an op at (DESIGN.md §5, "But `at` is a claim…"). An op carries the
// time its device claims (`at`); the server knows when it received it. A claim never buys
// an advantage the claimant could not have had, so every rule that reads time reads it
// through effective_time, on the server and in the browser's prediction alike.
#pragma once

#include <cstdint>

#include "time.h"

namespace pathways {

// An op's two times, both UTC instants. `claimed` is the op's own `at`; `received` is when
// the server received it. The browser, predicting the server's verdict, passes its
// server-corrected now as `received`: the verdict the server would give if the op arrived now.
struct OpTimes {
  Time claimed{};
  Time received{};
};

// Which of the two times a rule trusts.
enum class TimeBasis : std::uint8_t {
  // Staff recording after the fact (R1 marking, corrections, a staff cancellation's R4
  // window): the op's own time, but never later than the server's clock — a device whose
  // clock runs ahead (the 5 minutes of allowed skew) cannot mark a session that has not
  // started by the time the server hears of it.
  claim,
  // A rule that binds a participant against their interest (R4's 24-hour window, R3's
  // booking only slots that have not started): the time the server received the op.
  receipt,
};

// R3/R4 for participants: receipt; for staff: claim.
constexpr TimeBasis basis_for(bool binds_participant) {
  return binds_participant ? TimeBasis::receipt : TimeBasis::claim;
}

// DESIGN.md §5: the effective time of an op under `basis`, never earlier than
// `known_before` — the latest time the server already knows came before the op (the
// session's last change: the booking a cancellation cancels, the booking a mark marks).
// Pass Time{} when nothing is known.
Time effective_time(const OpTimes& times, TimeBasis basis, Time known_before);

}  // namespace pathways
