// Pathways as a whole: grants (R11), completion and feedback (R13), archiving (R14),
// reminders and escalations, and the blueprint mismatch report (R6).
#include "../pathway_rules.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "../programme.h"
#include "../scope.h"
#include "context.h"

namespace pathways {

// [SECTION] Named rules

bool rule_pathway_complete(const std::vector<Session>& sessions) {
  bool any_marked = false;
  for (const Session& s : sessions) {
    if (s.status == SessionStatus::greyed_out) continue;
    // [mutation R13]
    if (s.status != SessionStatus::completed && s.status != SessionStatus::missed) return false;
    // [end mutation]
    any_marked = true;
  }
  return any_marked;
}

int granted_sessions(const State& state, const Id& pathway_id) {
  int total = 0;
  for (const Id& gid : state.ids(state.grants_by_pathway, pathway_id))
    if (const Grant* g = state.grant(gid)) total += g->count;
  return total;
}

Check rule_grant_within_cap(const State& state, const Pathway& pathway, int count) {
  const Journey* j = state.journey(pathway.journey);
  const int cap = j ? j->max_extra_sessions : 0;
  const int already = granted_sessions(state, pathway.id);
  // [mutation R11] -> return std::nullopt;
  if (already + count <= cap) return std::nullopt;
  // [end mutation]
  return reject(RejectCode::cap_exceeded, "This journey allows " + std::to_string(cap) +
                                              " extra sessions per participant; " + std::to_string(already) +
                                              " already granted.");
}

std::vector<Mismatch> find_mismatches(const State& state, const Id& cohort_id) {
  std::vector<Mismatch> out;
  for (const Id& pid : state.ids(state.pathways_by_cohort, cohort_id))
    if (const Pathway* pw = state.pathway(pid)) find_mismatches(state, *pw, out);
  return out;
}

namespace {

// R6 for one session of `pathway`, whose cohort is `cohort` (looked up once per pathway).
std::optional<MismatchKind> mismatch_of(const Cohort* cohort, const Session& s) {
  if (s.extra || s.retired) return std::nullopt;  // granted sessions are always the participant's to see
  // Only these two statuses can disagree with the blueprint: asked first, it spares most
  // sessions the search.
  if (s.status != SessionStatus::greyed_out && s.status != SessionStatus::unbooked) return std::nullopt;
  // in_blueprint() for a session of this pathway.
  const bool visible = cohort && std::binary_search(cohort->blueprint.begin(), cohort->blueprint.end(), s.key);
  if (visible && s.status == SessionStatus::greyed_out) return MismatchKind::visible_but_greyed_out;
  // [mutation R6]
  if (!visible && s.status == SessionStatus::unbooked) return MismatchKind::hidden_but_bookable;
  // [end mutation]
  return std::nullopt;
}

}  // namespace

void find_mismatches(const State& state, const Pathway& pathway, std::vector<Mismatch>& out) {
  const Cohort* cohort = state.cohort(pathway.cohort);
  for (const Session& s : state.sessions_of(pathway.id))
    if (const auto kind = mismatch_of(cohort, s)) out.push_back({s.id(), pathway.participant, *kind});
}

MismatchFlags mismatch_flags(const State& state, const Pathway& pathway) {
  return mismatch_flags(state.cohort(pathway.cohort), state.sessions_of(pathway.id));
}

MismatchFlags mismatch_flags(const Cohort* cohort, const std::vector<Session>& sessions) {
  MismatchFlags flags;
  for (std::size_t i = 0; i < sessions.size() && i < 64; ++i)
    if (const auto kind = mismatch_of(cohort, sessions[i]))
      (*kind == MismatchKind::visible_but_greyed_out ? flags.visible_but_greyed_out : flags.hidden_but_bookable) |=
          std::uint64_t{1} << i;
  return flags;
}

std::vector<OpBody> reconcile_ops(const std::vector<Mismatch>& mismatches) {
  std::vector<OpBody> ops;
  for (const Mismatch& m : mismatches) {
    if (m.kind == MismatchKind::visible_but_greyed_out)
      ops.emplace_back(Ungrey{m.session});
    else
      ops.emplace_back(GreyOut{m.session});
  }
  return ops;
}

namespace {
bool has_booking_ahead(const State& state, const Id& participant, Time now) {
  for (const Id& pid : state.ids(state.pathways_by_participant, participant))
    for (const Session& s : state.sessions_of(pid))
      if (s.status == SessionStatus::booked && s.start > now) return true;
  return false;
}
}  // namespace

std::vector<Id> inactive_participants(const State& state, Time now) {
  const Time cutoff = months_before(now, inactivity_months);
  std::vector<Id> out;
  for (const auto& [id, u] : state.users) {
    // [mutation R14-booking-ahead] -> if (false) continue;
    if (u.role == Role::participant && has_booking_ahead(state, id, now)) continue;
    // [end mutation]
    // [mutation R14] -> if (u.role == Role::participant && u.last_activity <= cutoff) out.push_back(id);
    if (u.role == Role::participant && !u.archived && u.last_activity <= cutoff) out.push_back(id);
    // [end mutation]
  }
  std::sort(out.begin(), out.end());
  return out;
}

LastReminders last_reminders(const State& state) {
  LastReminders last;
  for (const auto& [id, m] : state.outbox) {
    if (m.kind != MailTemplate::reminder && m.kind != MailTemplate::unbooked_reminder) continue;
    auto [it, fresh] = last.try_emplace(m.to, m.at);
    if (!fresh && it->second < m.at) it->second = m.at;
  }
  return last;
}

Check rule_reminder_pacing(const LastReminders& last, const Id& participant, Time now) {
  auto it = last.find(participant);
  // [mutation R19] -> if (false)
  if (it != last.end() && it->second <= now && now - it->second < reminder_pacing_window)
    // [end mutation]
    return reject(RejectCode::already_exists, "A reminder went to this participant at " + format_time(it->second) +
                                                  "; the next may go 7 days after it.");
  return std::nullopt;
}

BulkReminderPlan plan_bulk_reminder(const State& state, const std::vector<Id>& participants, Time now) {
  const LastReminders last = last_reminders(state);
  BulkReminderPlan plan;
  std::unordered_map<Id, bool> seen;
  for (const Id& p : participants) {
    if (!seen.try_emplace(p, true).second) continue;
    if (rule_reminder_pacing(last, p, now))
      plan.skipped.emplace_back(p, last.at(p));
    else
      plan.send.push_back(p);
  }
  return plan;
}

std::vector<OutboxMessage> due_unbooked_reminders(const State& state, Time now) {
  std::vector<OutboxMessage> out;
  const LastReminders last = last_reminders(state);
  const long long week = unix_seconds(now) / (7 * 86400);
  for (const auto& [pid, pw] : state.pathways) {
    if (pw.completed) continue;
    const User* u = state.user(pw.participant);
    if (!u || u->archived) continue;
    if (const Cohort* c = state.cohort(pw.cohort); !c || c->archived) continue;
    int unbooked = 0;
    for (const Session& s : state.sessions_of(pid))
      if (s.status == SessionStatus::unbooked && participant_sees_session(state, s)) ++unbooked;
    if (unbooked == 0) continue;
    OutboxMessage m;
    m.id = "unbooked_reminder:" + pid + ":" + std::to_string(week);
    if (state.outbox.count(m.id)) continue;
    if (rule_reminder_pacing(last, pw.participant, now)) continue;
    m.kind = MailTemplate::unbooked_reminder;
    m.to = pw.participant;
    m.subject = pid;
    m.text = std::to_string(unbooked);
    m.at = now;
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  // R19: one per participant, however many pathways they have.
  std::unordered_map<Id, bool> reminded;
  std::erase_if(out, [&](const OutboxMessage& m) { return !reminded.try_emplace(m.to, true).second; });
  return out;
}

namespace rules {

// [SECTION] Handlers

Check handle(Context& ctx, const GrantSessions& op) {
  if (auto no = need_admin(ctx.actor, "grant extra sessions")) return no;
  auto pw = need_pathway(ctx.state, op.pathway);
  if (!pw) return pw.rejection();
  if (auto no = need_new_id(ctx.state.grant(op.grant) != nullptr, "grant", op.grant)) return no;
  if (op.count < 1 || op.count > 20)
    return reject(RejectCode::invalid_value, "Grant between 1 and 20 sessions at a time.");
  if (op.po_ref.value.empty())
    return reject(RejectCode::invalid_value, "A grant needs the PO reference that pays for it.");
  if (op.reason.value.empty()) return reject(RejectCode::invalid_value, "A grant needs a reason.");
  if (auto no = rule_grant_within_cap(ctx.state, *pw.value(), op.count)) return no;
  ctx.change(Grant{op.grant, op.pathway, op.count, op.po_ref.value, op.reason.value, ctx.actor.id, ctx.at});
  for (int n = 1; n <= op.count; ++n) {
    Session s;
    s.pathway = op.pathway;
    s.key = op.grant + "." + std::to_string(n);
    s.extra = true;
    ctx.change(s);
  }
  settle_completion(ctx, op.pathway);
  ctx.out.audit.subject = op.grant;
  return std::nullopt;
}

Check handle(Context& ctx, const CompletePathway& op) {
  if (auto no = need_admin(ctx.actor, "mark a pathway complete")) return no;
  auto pw = need_pathway(ctx.state, op.pathway);
  if (!pw) return pw.rejection();
  if (pw.value()->completed) return reject(RejectCode::invalid_transition, "This pathway is already complete.");
  Pathway after = *pw.value();
  after.completed = true;
  ctx.change(after);
  OutboxMessage survey;
  survey.id = "feedback_survey:" + op.pathway;
  survey.kind = MailTemplate::feedback_survey;
  survey.to = after.participant;
  survey.subject = op.pathway;
  survey.at = ctx.at;
  send_once(ctx, std::move(survey));
  ctx.out.audit.subject = op.pathway;
  return std::nullopt;
}

namespace {
Check set_archived(Context& ctx, const Id& participant, bool archived) {
  if (auto no = need_admin(ctx.actor, archived ? "archive participants" : "restore participants")) return no;
  auto u = need_user(ctx.state, participant, Role::participant);
  if (!u) return u.rejection();
  if (u.value()->archived == archived)
    return reject(RejectCode::invalid_transition, archived ? "Already archived." : "This participant is not archived.");
  if (archived)
    if (auto no = rule_archive_needs_no_booking_ahead(ctx.state, participant, ctx.at)) return no;
  User after = *u.value();
  after.archived = archived;
  ctx.change(after);
  ctx.out.audit.subject = participant;
  return std::nullopt;
}
}  // namespace

Check handle(Context& ctx, const ArchiveParticipant& op) { return set_archived(ctx, op.participant, true); }
Check handle(Context& ctx, const RestoreParticipant& op) { return set_archived(ctx, op.participant, false); }

Check handle(Context& ctx, const SendReminder& op) {
  // Who may chase whom first: outside their companies a lead hears the same sentence
  // whether the id exists or not (DESIGN.md §8).
  // [mutation scope chase first SendReminder]
  if (auto no = may_chase_participant(ctx.state, ctx.actor, op.participant)) return no;
  // [end mutation]
  auto u = need_user(ctx.state, op.participant, Role::participant);
  if (!u) return u.rejection();
  if (auto no = may_chase_participant(ctx.state, ctx.actor, op.participant)) return no;
  // R19: one reminder per participant per rolling 7 days, whoever sends it (the weekly job,
  // a programme lead, an admin), judged at the server's receipt so a claimed time cannot
  // step outside the window.
  ctx.effective_at(TimeBasis::receipt, Time{});
  const Check paced = rule_reminder_pacing(last_reminders(ctx.state), op.participant, ctx.at);
  // [mutation R19-send]
  if (paced) return paced;
  // [end mutation]
  OutboxMessage m;
  m.id = "reminder:" + op.participant + ":" + std::to_string(unix_seconds(ctx.at));
  m.kind = MailTemplate::reminder;
  m.to = op.participant;
  m.subject = op.participant;
  m.text = op.text ? op.text->value : "";
  m.at = ctx.at;
  if (!send_once(ctx, std::move(m)))
    return reject(RejectCode::already_exists, "A reminder was just sent to this participant.");
  ctx.out.audit.subject = op.participant;
  return std::nullopt;
}

Check handle(Context& ctx, const Escalate& op) {
  // Who may chase whom first: outside their companies a lead hears the same sentence
  // whether the id exists or not (DESIGN.md §8).
  // [mutation scope chase first Escalate]
  if (auto no = may_chase_participant(ctx.state, ctx.actor, op.participant)) return no;
  // [end mutation]
  auto u = need_user(ctx.state, op.participant, Role::participant);
  if (!u) return u.rejection();
  if (auto no = may_chase_participant(ctx.state, ctx.actor, op.participant)) return no;
  Escalation e{"escalation:" + op.participant + ":" + std::to_string(unix_seconds(ctx.at)), op.participant,
               ctx.actor.id, op.text ? op.text->value : "", ctx.at};
  if (ctx.state.escalations.count(e.id))
    return reject(RejectCode::already_exists, "This participant was just escalated.");
  // The participant's coaches hear of it.
  for (const Id& pid : ctx.state.ids(ctx.state.pathways_by_participant, op.participant)) {
    const Pathway* pw = ctx.state.pathway(pid);
    if (!pw) continue;
    OutboxMessage m;
    m.id = "escalation:" + e.id + ":" + pw->coach;
    m.kind = MailTemplate::escalation;
    m.to = pw->coach;
    m.subject = op.participant;
    m.text = e.text;
    m.at = ctx.at;
    send_once(ctx, std::move(m));
  }
  ctx.out.audit.subject = e.id;
  ctx.change(std::move(e));
  return std::nullopt;
}

Check handle(Context& ctx, const ResolveEscalation& op) {
  auto found = ctx.state.escalations.find(op.escalation);
  if (found == ctx.state.escalations.end())
    return reject(RejectCode::not_found, "No escalation " + op.escalation + ".");
  const Escalation& e = found->second;
  // [mutation R19-resolve-who]
  if (auto no = may_chase_participant(ctx.state, ctx.actor, e.participant)) return no;
  // [end mutation]
  // [mutation R19-resolve-once]
  if (!e.open()) return reject(RejectCode::invalid_transition, "This escalation is already resolved.");
  // [end mutation]
  Escalation after = e;
  after.resolved_by = ctx.actor.id;
  after.resolved_at = ctx.at;
  after.resolution = op.note ? op.note->value : "";
  ctx.out.audit.subject = e.id;
  ctx.change(std::move(after));
  return std::nullopt;
}

}  // namespace rules
}  // namespace pathways
