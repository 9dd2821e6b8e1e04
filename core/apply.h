// The heart of Pathways, run unchanged by the server and the browser:
//   apply(state, op, actor, at) -> Applied{changes, effects} | Rejection{code, message}
// It never mutates the state; the caller commits `changes` (the server after its database
// commit, the client into its optimistic view) and carries out the effects.
#pragma once

#include <vector>

#include "ops.h"
#include "rejection.h"
#include "state.h"

namespace pathways {

struct AuditEntry {
  Id actor;
  OpType op = OpType::book_session;
  Id subject;  // the main entity the op is about
  Time at{};
};

struct Applied {
  std::vector<Change> changes;
  std::vector<OutboxMessage> mail;  // R12/R13: new messages to send, each once
  std::vector<Id> suggest_ungrey;   // R10: sessions the new blueprint unlocks
  AuditEntry audit;                 // every applied op is one audit entry
};

// `at` is the time of the action: for synced ops the op's own `at`, once the server has
// bounded it (DESIGN.md §5); for a view's preview, the current time.
Result<Applied> apply(const State& state, const Op& op, const Actor& actor, Time at);
Result<Applied> apply(const State& state, const OpBody& body, const Actor& actor, Time at);

// DESIGN.md §5: an op's time may be at most 5 minutes in the server's future and no older
// than the offline window (30 days).
Check check_op_time(Time at, Time server_now);

// For views: would this op be accepted now, and if not, why (the reason shown on hover).
Check check(const State& state, const OpBody& body, const Actor& actor, Time at);

}  // namespace pathways
