// A coach's calendar: adding (with weekly repeats) and removing bookable slots.
#include "context.h"

namespace pathways::rules {

constexpr int max_repeat_weeks = 52;
// A coach's calendar ahead of now holds at most this many slots (about 40 a week for a
// year): enough for any real calendar, and a bound on what each of their participants pulls.
constexpr long long max_future_slots = 2000;

Check handle(Context& ctx, const AddSlot& op) {
  if (auto no = may_manage_slots_of(ctx.actor, op.coach)) return no;
  auto coach = need_user(ctx.state, op.coach, Role::coach);
  if (!coach) return coach.rejection();
  if (op.duration_min < 5 || op.duration_min > 480)
    return reject(RejectCode::invalid_value, "A slot lasts between 5 minutes and 8 hours.");
  if (op.kind == SessionKind::one_to_one && op.capacity != 1)
    return reject(RejectCode::invalid_value, "A 1:1 slot has exactly one place.");
  if (op.capacity < 1 || op.capacity > 200)
    return reject(RejectCode::invalid_value, "A pod slot has between 1 and 200 places.");
  const int repeats = op.repeat_weeks.value_or(0);
  if (repeats < 0 || repeats > max_repeat_weeks)
    return reject(RejectCode::invalid_value, "Repeat a slot for at most 52 more weeks.");
  if (op.start < earliest_time || op.start > latest_time)
    return reject(RejectCode::invalid_value, "That start time is out of range.");

  // R17: in a zone, each week keeps the first start's wall-clock time across clock
  // changes; a week whose local time the clocks skip is refused, naming the date.
  std::vector<Time> starts;
  if (op.time_zone && !op.time_zone->empty()) {
    auto zone = need_zone(ctx, *op.time_zone);
    if (!zone) return zone.rejection();
    // [mutation R17 weekly]
    for (auto& week : weekly_repeat(*zone.value(), op.start, repeats + 1)) {
      if (!week) return week.rejection();
      starts.push_back(week->at);
    }
    // [end mutation]
  }
  // [mutation slots future cap]
  long long ahead = 0;
  for (const Id& id : ctx.state.ids(ctx.state.slots_by_coach, op.coach))
    if (const Slot* other = ctx.state.slot(id); other && !(other->start < ctx.at)) ++ahead;
  if (ahead + repeats + 1 > max_future_slots)
    return reject(RejectCode::cap_exceeded, "A coach's calendar holds at most " + std::to_string(max_future_slots) +
                                                " future slots; this one has " + std::to_string(ahead) +
                                                ". Remove some, or add fewer weeks.");
  // [end mutation]
  for (int week = 0; week <= repeats; ++week) {
    Slot s;
    s.id = week == 0 ? op.slot : op.slot + "-w" + std::to_string(week);
    s.coach = op.coach;
    s.start = static_cast<std::size_t>(week) < starts.size() ? starts[static_cast<std::size_t>(week)]
                                                             : op.start + days(7LL * week);
    s.duration_min = op.duration_min;
    s.capacity = op.capacity;
    s.kind = op.kind;
    s.changed_at = ctx.at;
    if (auto no = need_new_id(ctx.state.slot(s.id) != nullptr, "slot", s.id)) return no;
    // A scan of the coach's slots, bounded by the cap above.
    for (const Id& other_id : ctx.state.ids(ctx.state.slots_by_coach, op.coach)) {
      const Slot* other = ctx.state.slot(other_id);
      if (other && other->start < s.end() && s.start < other->end())
        return reject(RejectCode::slot_overlap,
                      "This overlaps the slot at " + format_time(other->start) + "; a coach's slots cannot overlap.");
    }
    ctx.change(s);
  }
  ctx.out.audit.subject = op.slot;
  return std::nullopt;
}

Check handle(Context& ctx, const RemoveSlot& op) {
  const Slot* s = ctx.state.slot(op.slot);
  // A colleague's slot is outside a coach's scope: it reads as absent (DESIGN.md §8).
  if (!s || !in_scope(ctx.state, ctx.actor, *s)) return reject(RejectCode::not_found, "No slot " + op.slot + ".");
  if (auto no = may_manage_slots_of(ctx.actor, s->coach)) return no;
  // DESIGN.md §5: never earlier than the slot's last change (its last booking or cancellation).
  // [mutation slot changed_at remove] -> ctx.effective_at(TimeBasis::claim, Time{});
  ctx.effective_at(TimeBasis::claim, s->changed_at);
  // [end mutation]
  if (s->taken > 0) return reject(RejectCode::slot_in_use, "This slot has bookings; cancel them before removing it.");
  ctx.change(*s, true);
  ctx.out.audit.subject = op.slot;
  return std::nullopt;
}

}  // namespace pathways::rules
