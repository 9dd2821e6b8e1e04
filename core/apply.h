// The heart of Pathways, run unchanged by the server and the browser:
//   apply(state, op, actor, times, zones) -> Applied{changes, effects} | Rejection{code, message}
// It never mutates the state; the caller commits `changes` (the server after its database
// commit, the client into its optimistic view) and carries out the effects.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "effective_time.h"
#include "ops.h"
#include "rejection.h"
#include "state.h"
#include "time_zone.h"

namespace pathways {

struct AuditEntry {
  Id actor;
  OpType op = OpType::book_session;
  Id subject;     // the main entity the op is about
  Time at{};      // the effective time the op's rules judged it at (DESIGN.md §5)
  OpTimes times;  // R21: the op's own claim and the server's receipt, both kept
};

struct Applied {
  std::vector<Change> changes;
  std::vector<OutboxMessage> mail;  // R12/R13: new messages to send, each once
  std::vector<Id> suggest_ungrey;   // R10: sessions the new blueprint unlocks
  AuditEntry audit;                 // every applied op is one audit entry
};

// R17, DESIGN.md §9: the rules of an IANA zone by name, or null for a zone not known. The
// core reads no zone database; the server fills this from its ZoneDatabase, the browser
// from the rules it pulled. An empty lookup knows no zone.
using ZoneLookup = std::function<const ZoneRules*(std::string_view name)>;

// `times` are the op's claimed time (its `at`, once the server has bounded it with
// check_op_time) and the server's receipt; each rule judges the op at its effective time
// (core/effective_time.h). The browser predicts with its server-corrected now as the
// receipt. `zones` serves add_slot's weekly repeats (R17); refused `unknown_time_zone`
// when it does not know the op's zone.
Result<Applied> apply(const State& state, const Op& op, const Actor& actor, OpTimes times,
                      const ZoneLookup& zones = {});
Result<Applied> apply(const State& state, const OpBody& body, const Actor& actor, OpTimes times,
                      const ZoneLookup& zones = {});
// The same with one time for both: an op judged as if received when it claims (tests, the
// demo, a view's preview at the current time).
Result<Applied> apply(const State& state, const Op& op, const Actor& actor, Time at);
Result<Applied> apply(const State& state, const OpBody& body, const Actor& actor, Time at);

// DESIGN.md §5: an op's time may be at most 5 minutes in the server's future and no older
// than the offline window (30 days).
Check check_op_time(Time at, Time server_now);

// For views: would this op be accepted now, and if not, why (the reason shown on hover).
Check check(const State& state, const OpBody& body, const Actor& actor, Time at);
Check check(const State& state, const OpBody& body, const Actor& actor, OpTimes times, const ZoneLookup& zones = {});

}  // namespace pathways
