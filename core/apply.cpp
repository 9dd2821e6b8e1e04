// apply(): one dispatch from an op to its handler, shared by server and browser.
#include "apply.h"

#include "protocol.h"
#include "rules/context.h"

namespace pathways {

static_assert(std::variant_size_v<OpBody> == EnumNames<OpType>::names.size(), "every OpType has exactly one op struct");

// Op::type() relies on the alternatives being listed in OpType order.
template <std::size_t... I>
constexpr bool op_types_in_order(std::index_sequence<I...>) {
  return ((std::variant_alternative_t<I, OpBody>::type == static_cast<OpType>(I)) && ...);
}
static_assert(op_types_in_order(std::make_index_sequence<std::variant_size_v<OpBody>>{}),
              "OpBody alternatives follow OpType order");

Result<Applied> apply(const State& state, const OpBody& body, const Actor& actor, OpTimes times,
                      const ZoneLookup& zones) {
  Applied out;
  // Ops whose rules read no time of an entity are judged at their claim, bounded by the
  // server's clock; session handlers narrow this per rule (core/effective_time.h).
  const Time at = effective_time(times, TimeBasis::claim, Time{});
  out.audit = AuditEntry{actor.id, static_cast<OpType>(body.index()), {}, at, times};
  if (!state.user(actor.id)) return reject(RejectCode::forbidden, "Unknown user.");
  rules::Context ctx{state, actor, at, out, times, zones};
  Check verdict = std::visit([&](const auto& op) -> Check { return rules::handle(ctx, op); }, body);
  if (verdict) return *verdict;
  return out;
}

Result<Applied> apply(const State& state, const Op& op, const Actor& actor, OpTimes times, const ZoneLookup& zones) {
  return apply(state, op.body, actor, times, zones);
}

Result<Applied> apply(const State& state, const OpBody& body, const Actor& actor, Time at) {
  return apply(state, body, actor, OpTimes{at, at});
}

Result<Applied> apply(const State& state, const Op& op, const Actor& actor, Time at) {
  return apply(state, op.body, actor, OpTimes{at, at});
}

Check check_op_time(Time at, Time server_now) {
  if (at > server_now + protocol::max_future_skew)
    return reject(RejectCode::time_out_of_range, "The action's time is in the future; check this device's clock.");
  if (at < server_now - protocol::offline_window)
    return reject(RejectCode::time_out_of_range,
                  "The action is older than the 30-day offline window and cannot be applied.");
  return std::nullopt;
}

Check check(const State& state, const OpBody& body, const Actor& actor, Time at) {
  return check(state, body, actor, OpTimes{at, at});
}

Check check(const State& state, const OpBody& body, const Actor& actor, OpTimes times, const ZoneLookup& zones) {
  auto result = apply(state, body, actor, times, zones);
  if (result) return std::nullopt;
  return result.rejection();
}

}  // namespace pathways
