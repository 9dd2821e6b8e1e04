// What a participant sees: their journeys (dropdown), the sessions their blueprint shows
// with their status, booking from their coach's free slots, cancelling with the 24-hour
// rule explained before they confirm (R4) with its deadline in local time, a confirmation
// naming the deadline for a booking or cancellation that may reach the server later
// (DESIGN.md §5: a participant's op is judged when the server receives it), and greyed-out
// sessions shown locked with a sentence why (R7), never as an error.
#pragma once

#include <string>

#include "views/view.h"

namespace pathways {

class ParticipantView : public View {
 public:
  void draw(ViewContext& ctx) override;

 private:
  Id pathway_;
  Id booking_;       // the session whose slot list is open
  Id booking_slot_;  // the slot chosen, waiting for confirmation (only while a booking may arrive late)
  Id cancelling_;    // the session whose cancellation waits for confirmation
  std::string error_;
};

}  // namespace pathways
