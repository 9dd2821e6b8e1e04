// Session status: booking, cancelling, marking, corrections, grey-out (R1–R5, R18).
#include "../session_rules.h"

#include "../booking.h"
#include "../scope.h"
#include "context.h"

namespace pathways {

// [SECTION] Named rules

Check rule_mark_needs_past_booking(const Session& session, Time at) {
  if (session.status != SessionStatus::booked)
    return reject(RejectCode::not_booked,
                  "Only a booked session can be marked; this one is " + std::string(label(session.status)) + ".");
  // [mutation R1]
  if (!(session.start < at))
    return reject(RejectCode::not_past, "This session has not started yet; mark it once it has taken place.");
  // [end mutation]
  return std::nullopt;
}

const Session* overlapping_booking(const State& state, const Id& participant, Time start, Time end,
                                   const Session* except) {
  for (const Id& pid : state.ids(state.pathways_by_participant, participant)) {
    for (const Session& s : state.sessions_of(pid)) {
      if (&s == except || s.status != SessionStatus::booked) continue;
      const Time s_end = s.start + minutes(s.duration_min);
      if (s.start < end && start < s_end) return &s;
    }
  }
  return nullptr;
}

Check rule_booking_fits_slot(const State& state, const Session& session, const Pathway& pathway, const Slot& slot,
                             const Actor& actor, Time at) {
  // [mutation R3 coach]
  if (slot.coach != pathway.coach)
    return reject(RejectCode::wrong_coach,
                  "That slot belongs to another coach; book a slot of this participant's coach.");
  // [end mutation]
  if (slot.kind != session.kind)
    return reject(RejectCode::slot_kind_mismatch, session.kind == SessionKind::pod
                                                      ? "This is a group (pod) session; choose a pod slot."
                                                      : "This is a 1:1 session; choose a 1:1 slot.");
  if (auto no = rule_slot_open_to(slot, actor, at)) return no;
  // [mutation R3 capacity]
  if (slot.taken >= slot.capacity)
    return reject(RejectCode::slot_taken, "That slot is already full; choose another time.");
  // [end mutation]
  // [mutation R3 overlap]
  if (overlapping_booking(state, pathway.participant, slot.start, slot.end(), &session))
    return reject(RejectCode::overlap, "The participant already has a session booked at that time.");
  // [end mutation]
  return std::nullopt;
}

CancellationOutcome rule_cancellation_window(const Session& session, Role actor_role, Time at) {
  CancellationOutcome out;
  out.late = session.start - at < cancellation_window;
  // [mutation R4] -> if (out.late) {
  if (out.late && actor_role == Role::participant) {
    // [end mutation]
    out.status = SessionStatus::missed;
    out.reason = MissedReason::late_cancellation;
  }
  return out;
}

std::optional<Time> cancellation_late_from(const Session& session, Role actor_role, Time now) {
  const Time late_from = session.start - cancellation_window;
  if (actor_role != Role::participant || session.status != SessionStatus::booked || !(now < late_from))
    return std::nullopt;
  return late_from;
}

Check rule_no_cancel_after_start(const Session& session, Time at, Time received) {
  // [mutation R4b]
  if (!(at < session.start) || !(received < session.start))
    return reject(RejectCode::already_started, "This session started at " + format_time(session.start) +
                                                   "; it can no longer be cancelled. Staff mark it, or an "
                                                   "admin corrects it.");
  // [end mutation]
  return std::nullopt;
}

Check rule_missed_reason(Role actor_role, std::optional<MissedReason> reason) {
  if (!reason || *reason == MissedReason::none)
    return reject(RejectCode::reason_required, "Say why the session was missed: no_show or coach_no_show.");
  if (*reason == MissedReason::late_cancellation)
    return reject(RejectCode::invalid_value,
                  "A late cancellation is recorded by cancelling the booking, not by marking.");
  // [mutation R4a]
  if (*reason == MissedReason::coach_no_show && actor_role != Role::admin)
    return reject(RejectCode::forbidden, "Only an admin can record a coach no-show.");
  // [end mutation]
  return std::nullopt;
}

Check rule_grey_out_needs_unbooked(const Session& session) {
  if (session.status == SessionStatus::unbooked) return std::nullopt;
  if (session.status == SessionStatus::booked)
    return reject(RejectCode::invalid_transition, "Cancel the booking before greying this session out.");
  if (session.status == SessionStatus::greyed_out)
    return reject(RejectCode::invalid_transition, "This session is already greyed out.");
  return reject(RejectCode::invalid_transition, "A session that has been marked cannot be greyed out.");
}

bool is_billable(const Session& session) {
  if (session.status == SessionStatus::completed) return true;
  if (session.status != SessionStatus::missed) return false;
  // [mutation R15] -> return session.missed_reason != MissedReason::none;
  return session.missed_reason == MissedReason::no_show || session.missed_reason == MissedReason::late_cancellation;
  // [end mutation]
}

bool holds_place(const Session& session) {
  switch (session.status) {
    case SessionStatus::booked:
    case SessionStatus::completed:
      return true;
    case SessionStatus::missed:
      return session.missed_reason != MissedReason::late_cancellation;
    default:
      return false;
  }
}

namespace rules {
namespace {

// The place counts of the session's slot after the session goes from `before` to `after`.
void settle_place(Context& ctx, const Session& before, const Session& after) {
  const bool held = holds_place(before) && !before.slot.empty();
  const bool holds = holds_place(after) && !after.slot.empty();
  if (held == holds && before.slot == after.slot) return;
  if (held)
    if (const Slot* s = ctx.state.slot(before.slot)) {
      Slot freed = *s;
      // [mutation R18]
      freed.taken = std::max(0, freed.taken - 1);
      // [end mutation]
      freed.changed_at = ctx.at;
      ctx.change(std::move(freed));
    }
  if (holds)
    if (const Slot* s = ctx.state.slot(after.slot)) {
      Slot taken = *s;
      taken.taken += 1;
      taken.changed_at = ctx.at;
      ctx.change(std::move(taken));
    }
}

// The message about session `s`; its id "<template>:<session>:<trigger>" is built in one
// allocation, as this runs on every booking.
OutboxMessage mail(MailTemplate kind, const Session& s, const Id& to, std::string_view trigger, Time at) {
  OutboxMessage m;
  m.kind = kind;
  m.subject = s.id();
  const std::string_view name = to_string(kind);
  m.id.reserve(name.size() + m.subject.size() + trigger.size() + 2);
  m.id.append(name).append(1, ':').append(m.subject).append(1, ':').append(trigger);
  m.to = to;
  m.at = at;
  return m;
}

// R12: the missed notice goes to the participant with a copy to their programme leads.
void send_missed_notice(Context& ctx, const Session& s, const Pathway& pw) {
  if (s.missed_reason == MissedReason::coach_no_show) return;  // not the participant's doing
  OutboxMessage m = mail(MailTemplate::missed_notice, s, pw.participant, std::to_string(s.booking_no), ctx.at);
  const Id company = company_of_pathway(ctx.state, pw);
  for (const Id& lead : ctx.state.ids(ctx.state.leads_by_company, company))
    if (const User* u = ctx.state.user(lead); u && !u->archived) m.cc.push_back(lead);
  std::sort(m.cc.begin(), m.cc.end());
  m.text = s.missed_reason == MissedReason::late_cancellation ? "late_cancellation" : "no_show";
  send_once(ctx, std::move(m));
}

struct SessionTarget {
  const Session* session;
  const Pathway* pathway;
};

Result<SessionTarget> target(Context& ctx, const Id& session_id, std::optional<SessionAction> action) {
  auto s = need_session(ctx.state, session_id);
  if (!s) return s.rejection();
  auto pw = need_pathway(ctx.state, s.value()->pathway);
  if (!pw) return pw.rejection();
  if (action)
    if (auto no = may_act_on_session(ctx.actor, *pw.value(), *action)) {
      // Someone else's session reads as absent, as need_session says (DESIGN.md §8).
      // [mutation scope session absent]
      if (!in_scope(ctx.state, ctx.actor, *s.value()))
        return reject(RejectCode::not_found, "No session " + session_id + ".");
      // [end mutation]
      return *no;
    }
  if (ctx.actor.role == Role::participant && !participant_sees_session(ctx.state, *s.value()))
    return reject(RejectCode::not_found, "No session " + session_id + ".");  // R7: hidden is absent
  return SessionTarget{s.value(), pw.value()};
}

}  // namespace

// [SECTION] Handlers

Check handle(Context& ctx, const BookSession& op) {
  auto t = target(ctx, op.session, SessionAction::book);
  if (!t) return t.rejection();
  const Session& s = *t->session;
  const Pathway& pw = *t->pathway;
  // [mutation R5]
  if (s.status == SessionStatus::greyed_out)
    return reject(RejectCode::greyed_out, "This session is not available for booking (greyed out by an admin).");
  // [end mutation]
  if (s.status != SessionStatus::unbooked)
    return reject(RejectCode::invalid_transition, "This session is already " + std::string(label(s.status)) +
                                                      "; only an unbooked session can be booked.");
  if (s.retired) return reject(RejectCode::retired, "This session was retired from the journey.");
  if (const User* u = ctx.state.user(pw.participant); u && u->archived)
    return reject(RejectCode::archived, "This participant is archived; restore them first.");
  // [mutation R14 archived cohort]
  if (const Cohort* c = ctx.state.cohort(pw.cohort); c && c->archived)
    return reject(RejectCode::archived, "This cohort is archived; its sessions can no longer be booked.");
  // [end mutation]
  const Slot* slot = ctx.state.slot(op.slot);
  // [mutation scope slot absent] -> if (!slot) return reject(RejectCode::not_found, "No slot " + op.slot + ".");
  if (!slot || !in_scope(ctx.state, ctx.actor, *slot)) return reject(RejectCode::not_found, "No slot " + op.slot + ".");
  // [end mutation]
  // R3: a participant books only slots that have not started when the server hears of it;
  // never earlier than the session's last change nor the slot's (DESIGN.md §5).
  // [mutation slot changed_at book] -> ctx.effective_at(basis_for(ctx.is(Role::participant)), s.changed_at);
  ctx.effective_at(basis_for(ctx.is(Role::participant)), std::max(s.changed_at, slot->changed_at));
  // [end mutation]
  if (auto no = rule_booking_fits_slot(ctx.state, s, pw, *slot, ctx.actor, ctx.at)) return no;

  Session booked = s;
  booked.status = SessionStatus::booked;
  booked.missed_reason = MissedReason::none;
  booked.slot = slot->id;
  booked.start = slot->start;
  booked.booking_no = static_cast<std::uint16_t>(s.booking_no + 1);
  booked.cancelled_by.clear();
  booked.changed_at = ctx.at;
  // Made before `booked` moves into the changes. The changes are, in order: the slot,
  // the session, the participant's activity, the confirmation; room for all at once.
  OutboxMessage confirmation =
      mail(MailTemplate::booking_confirmation, booked, pw.participant, std::to_string(booked.booking_no), ctx.at);
  ctx.out.audit.subject = confirmation.subject;  // the session's id
  ctx.out.changes.reserve(ctx.out.changes.size() + 4);
  settle_place(ctx, s, booked);
  ctx.change(std::move(booked));
  touch_activity(ctx, pw.participant);
  send_once(ctx, std::move(confirmation));
  return std::nullopt;
}

Check handle(Context& ctx, const CancelBooking& op) {
  auto t = target(ctx, op.session, SessionAction::cancel);
  if (!t) return t.rejection();
  const Session& s = *t->session;
  const Pathway& pw = *t->pathway;
  if (s.status != SessionStatus::booked)
    return reject(RejectCode::not_booked,
                  "Only a booked session can be cancelled; this one is " + std::string(label(s.status)) + ".");
  // R4: the window binds a participant at receipt; never earlier than the booking cancelled.
  ctx.effective_at(basis_for(ctx.is(Role::participant)), s.changed_at);
  if (auto no = rule_no_cancel_after_start(s, ctx.at, ctx.times.received)) return no;
  const CancellationOutcome outcome = rule_cancellation_window(s, ctx.actor.role, ctx.at);
  Session after = s;
  after.changed_at = ctx.at;
  after.status = outcome.status;
  after.missed_reason = outcome.reason;
  if (outcome.status == SessionStatus::unbooked) {
    after.slot.clear();
    after.start = Time{};
    after.cancelled_by = outcome.late ? ctx.actor.id : Id{};
  }
  settle_place(ctx, s, after);
  ctx.change(after);
  touch_activity(ctx, pw.participant);
  if (outcome.status == SessionStatus::missed) {
    send_missed_notice(ctx, after, pw);
    settle_completion(ctx, pw.id);
  } else {
    OutboxMessage m = mail(MailTemplate::cancellation, s, pw.participant, std::to_string(s.booking_no), ctx.at);
    m.text = format_time(s.start);  // the session forgets its slot; the message keeps what was cancelled
    send_once(ctx, std::move(m));
  }
  ctx.out.audit.subject = s.id();
  return std::nullopt;
}

Check handle(Context& ctx, const MarkAttendance& op) {
  auto t = target(ctx, op.session, SessionAction::mark);
  if (!t) return t.rejection();
  const Session& s = *t->session;
  // R1: staff marking after the fact keeps its time, bounded by the server's clock.
  ctx.effective_at(TimeBasis::claim, s.changed_at);
  if (auto no = rule_mark_needs_past_booking(s, ctx.at)) return no;
  Session after = s;
  after.changed_at = ctx.at;
  if (op.outcome == Outcome::completed) {
    if (op.reason) return reject(RejectCode::invalid_value, "A completed session has no missed reason.");
    after.status = SessionStatus::completed;
  } else {
    if (auto no = rule_missed_reason(ctx.actor.role, op.reason)) return no;
    after.status = SessionStatus::missed;
    after.missed_reason = *op.reason;
  }
  // Changes: the slot, the session, the participant's activity, then perhaps a notice
  // and the pathway's completion; room for them at once.
  ctx.out.changes.reserve(ctx.out.changes.size() + 4);
  settle_place(ctx, s, after);
  ctx.change(after);
  touch_activity(ctx, t->pathway->participant);
  if (after.status == SessionStatus::missed) send_missed_notice(ctx, after, *t->pathway);
  settle_completion(ctx, t->pathway->id);
  ctx.out.audit.subject = s.id();
  return std::nullopt;
}

Check handle(Context& ctx, const CorrectStatus& op) {
  if (auto no = need_admin(ctx.actor, "correct a session's status")) return no;
  auto t = target(ctx, op.session, std::nullopt);
  if (!t) return t.rejection();
  const Session& s = *t->session;
  ctx.effective_at(TimeBasis::claim, s.changed_at);
  Session after = s;
  after.status = op.status;
  after.missed_reason = MissedReason::none;
  after.changed_at = ctx.at;
  switch (op.status) {
    case SessionStatus::greyed_out:
      return reject(RejectCode::invalid_transition, "Use Grey out to disable a session.");
    case SessionStatus::unbooked:
      if (s.status == SessionStatus::greyed_out)
        return reject(RejectCode::invalid_transition, "Use Un-grey to make a greyed-out session bookable.");
      after.slot.clear();
      after.start = Time{};
      break;
    case SessionStatus::booked:
    case SessionStatus::completed:
    case SessionStatus::missed: {
      if (s.slot.empty() || !ctx.state.slot(s.slot))
        return reject(RejectCode::invalid_transition, "This session has no booking to correct; book it first.");
      if (op.status != SessionStatus::booked && !(s.start < ctx.at))
        return reject(RejectCode::not_past, "This session has not started yet, so it cannot be marked.");
      if (op.status == SessionStatus::missed) {
        if (!op.reason || *op.reason == MissedReason::none)
          return reject(RejectCode::reason_required, "Say why the session was missed.");
        after.missed_reason = *op.reason;
      } else if (op.reason) {
        return reject(RejectCode::invalid_value, "Only a missed session carries a reason.");
      }
      break;
    }
  }
  if (after.status == s.status && after.missed_reason == s.missed_reason)
    return reject(RejectCode::invalid_transition, "The session already has that status.");
  if (holds_place(after) && !holds_place(s) && !after.slot.empty()) {
    const Slot* slot = ctx.state.slot(after.slot);
    if (slot->taken >= slot->capacity)
      return reject(RejectCode::slot_taken, "The slot's place has been given to someone else since.");
  }
  settle_place(ctx, s, after);
  ctx.change(after);
  if (after.status == SessionStatus::missed) send_missed_notice(ctx, after, *t->pathway);
  settle_completion(ctx, t->pathway->id);
  ctx.out.audit.subject = s.id();
  return std::nullopt;
}

Check handle(Context& ctx, const GreyOut& op) {
  if (auto no = need_admin(ctx.actor, "grey out a session")) return no;
  auto t = target(ctx, op.session, std::nullopt);
  if (!t) return t.rejection();
  if (auto no = rule_grey_out_needs_unbooked(*t->session)) return no;
  Session after = *t->session;
  after.status = SessionStatus::greyed_out;
  after.changed_at = ctx.effective_at(TimeBasis::claim, after.changed_at);
  ctx.change(after);
  settle_completion(ctx, t->pathway->id);
  ctx.out.audit.subject = after.id();
  return std::nullopt;
}

Check handle(Context& ctx, const Ungrey& op) {
  if (auto no = need_admin(ctx.actor, "un-grey a session")) return no;
  auto t = target(ctx, op.session, std::nullopt);
  if (!t) return t.rejection();
  if (t->session->status != SessionStatus::greyed_out)
    return reject(RejectCode::invalid_transition, "Only a greyed-out session can be un-greyed.");
  Session after = *t->session;
  after.status = SessionStatus::unbooked;
  after.changed_at = ctx.effective_at(TimeBasis::claim, after.changed_at);
  ctx.change(after);
  settle_completion(ctx, t->pathway->id);
  ctx.out.audit.subject = after.id();
  return std::nullopt;
}

Check handle(Context& ctx, const WaiveLateCancellation& op) {
  if (auto no = need_admin(ctx.actor, "waive a late cancellation")) return no;
  auto t = target(ctx, op.session, std::nullopt);
  if (!t) return t.rejection();
  const Session& s = *t->session;
  if (s.status != SessionStatus::missed || s.missed_reason != MissedReason::late_cancellation)
    return reject(RejectCode::invalid_transition, "Only a late cancellation can be waived.");
  Session after = s;
  after.changed_at = ctx.effective_at(TimeBasis::claim, s.changed_at);
  after.status = SessionStatus::unbooked;
  after.missed_reason = MissedReason::none;
  after.slot.clear();
  after.start = Time{};
  ctx.change(after);
  settle_completion(ctx, t->pathway->id);
  ctx.out.audit.subject = s.id();
  return std::nullopt;
}

Check handle(Context& ctx, const AddNote& op) {
  auto t = target(ctx, op.session, SessionAction::note);
  if (!t) return t.rejection();
  if (auto no = need_new_id(ctx.state.note(op.note) != nullptr, "note", op.note)) return no;
  if (op.text.value.empty()) return reject(RejectCode::invalid_value, "A note needs some text.");
  ctx.change(Note{op.note, op.session, ctx.actor.id, op.text.value, ctx.at});
  ctx.out.audit.subject = op.note;
  return std::nullopt;
}

}  // namespace rules
}  // namespace pathways
