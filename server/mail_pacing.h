// Pacing (DESIGN.md §10): no push can flood an inbox. Changes that cancel each other out
// within a short window (a booking cancelled seconds later) send nothing, a message is
// held back at most `settle` for that, and each recipient gets at most `per_hour`
// messages in any hour; the rest wait for the next hour, never dropped.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <vector>

#include "server/storage/outbox_store.h"

namespace pathways::server {

struct PacingOptions {
  std::chrono::seconds settle{10};  // how long a booking or cancellation message waits for its undo
  int per_hour = 20;                // messages to one recipient in any hour
};

struct PacingDecision {
  std::vector<const storage::PendingMail*> send;                   // in queue order
  std::vector<const storage::PendingMail*> superseded;             // undone within the window: never sent
  std::vector<std::pair<const storage::PendingMail*, Time>> hold;  // not yet: try again at
};

// Decides for messages due at `now`. `sent_last_hour` counts, per recipient user id, the
// messages sent to them in the hour before `now`. A booking confirmation and the
// cancellation of that same booking (the same session, recipient and booking number),
// both still unsent, supersede each other. A booking or cancellation message younger than
// `settle` (by its `at`) is held until it is `settle` old.
PacingDecision pace(const std::vector<storage::PendingMail>& due, Time now, const std::map<Id, int>& sent_last_hour,
                    const PacingOptions& options);

}  // namespace pathways::server
