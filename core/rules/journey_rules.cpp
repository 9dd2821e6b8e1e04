// Journeys, placeholders, cohorts, blueprints and enrolment (R6, R9, R10).
#include <algorithm>

#include "../blueprint.h"
#include "../pathway_rules.h"
#include "context.h"

namespace pathways::rules {
namespace {

Result<const Journey*> need_journey(const State& state, const Id& id) {
  if (const Journey* j = state.journey(id)) return j;
  return reject(RejectCode::not_found, "No journey " + id + ".");
}

Result<const Cohort*> need_cohort(const State& state, const Id& id) {
  if (const Cohort* c = state.cohort(id)) return c;
  return reject(RejectCode::not_found, "No cohort " + id + ".");
}

Check valid_duration(int minutes_) {
  if (minutes_ < 5 || minutes_ > 480)
    return reject(RejectCode::invalid_value, "A session lasts between 5 minutes and 8 hours.");
  return std::nullopt;
}

bool blueprint_shows(const Cohort& cohort, const Id& placeholder) {
  return std::binary_search(cohort.blueprint.begin(), cohort.blueprint.end(), placeholder);
}

// A new session from a placeholder: bookable if the cohort shows it, greyed out if not,
// so enrolment starts with no blueprint mismatch (R6).
Session instantiate(const Pathway& pw, const Placeholder& p, const Cohort& cohort) {
  Session s;
  s.pathway = pw.id;
  s.key = p.id;
  s.kind = p.kind;
  s.duration_min = p.duration_min;
  s.status = blueprint_shows(cohort, p.id) ? SessionStatus::unbooked : SessionStatus::greyed_out;
  return s;
}

// Every pathway on this journey, through its cohorts.
template <class F>
void for_each_pathway_on(const State& state, const Id& journey_id, F&& f) {
  for (const auto& [cid, c] : state.cohorts) {
    if (c.journey != journey_id) continue;
    for (const Id& pid : state.ids(state.pathways_by_cohort, cid))
      if (const Pathway* pw = state.pathway(pid)) f(*pw, c);
  }
}

}  // namespace

Check handle(Context& ctx, const CreateJourney& op) {
  if (auto no = need_admin(ctx.actor, "design journeys")) return no;
  if (auto no = need_new_id(ctx.state.journey(op.journey) != nullptr, "journey", op.journey)) return no;
  if (op.name.value.empty()) return reject(RejectCode::invalid_value, "A journey needs a name.");
  Journey j;
  j.id = op.journey;
  j.name = op.name.value;
  j.max_extra_sessions = op.max_extra_sessions.value_or(0);
  j.my_coaching_tab = op.my_coaching_tab.value_or(true);
  if (j.max_extra_sessions < 0 || j.max_extra_sessions > 50)
    return reject(RejectCode::invalid_value, "Allow between 0 and 50 extra sessions.");
  ctx.change(j);
  ctx.out.audit.subject = op.journey;
  return std::nullopt;
}

Check handle(Context& ctx, const AddPlaceholder& op) {
  if (auto no = need_admin(ctx.actor, "design journeys")) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  if (auto no = need_new_id(find_placeholder(*j.value(), op.placeholder) != nullptr, "placeholder", op.placeholder))
    return no;
  if (op.title.value.empty()) return reject(RejectCode::invalid_value, "A session needs a title.");
  if (auto no = valid_duration(op.duration_min)) return no;
  Journey after = *j.value();
  const int size = static_cast<int>(after.placeholders.size());
  const int pos = op.position.value_or(size);
  if (pos < 0 || pos > size) return reject(RejectCode::invalid_value, "Position out of range.");
  Placeholder p{op.placeholder, op.title.value, op.kind, op.duration_min, false};
  after.placeholders.insert(after.placeholders.begin() + pos, p);
  ctx.change(after);
  // A published journey's participants get the new session too, hidden until a cohort shows it.
  if (after.published)
    for_each_pathway_on(ctx.state, op.journey,
                        [&](const Pathway& pw, const Cohort& c) { ctx.change(instantiate(pw, p, c)); });
  ctx.out.audit.subject = op.journey;
  return std::nullopt;
}

Check handle(Context& ctx, const UpdatePlaceholder& op) {
  if (auto no = need_admin(ctx.actor, "design journeys")) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  Journey after = *j.value();
  auto it = std::find_if(after.placeholders.begin(), after.placeholders.end(),
                         [&](const Placeholder& p) { return p.id == op.placeholder; });
  if (it == after.placeholders.end())
    return reject(RejectCode::not_found, "No session " + op.placeholder + " in this journey.");
  if (it->retired) return reject(RejectCode::retired, "This session was retired; add a new one instead.");
  if (op.title) {
    if (op.title->value.empty()) return reject(RejectCode::invalid_value, "A session needs a title.");
    it->title = op.title->value;
  }
  if (op.duration_min) {
    if (auto no = valid_duration(*op.duration_min)) return no;
    it->duration_min = *op.duration_min;
  }
  ctx.change(after);
  ctx.out.audit.subject = op.journey;
  return std::nullopt;
}

Check handle(Context& ctx, const MovePlaceholder& op) {
  if (auto no = need_admin(ctx.actor, "design journeys")) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  Journey after = *j.value();
  auto it = std::find_if(after.placeholders.begin(), after.placeholders.end(),
                         [&](const Placeholder& p) { return p.id == op.placeholder; });
  if (it == after.placeholders.end())
    return reject(RejectCode::not_found, "No session " + op.placeholder + " in this journey.");
  const int size = static_cast<int>(after.placeholders.size());
  if (op.position < 0 || op.position >= size) return reject(RejectCode::invalid_value, "Position out of range.");
  Placeholder moving = *it;
  after.placeholders.erase(it);
  after.placeholders.insert(after.placeholders.begin() + op.position, moving);
  ctx.change(after);
  ctx.out.audit.subject = op.journey;
  return std::nullopt;
}

// R9: a published journey keeps sessions with history; they are marked retired.
Check handle(Context& ctx, const RetirePlaceholder& op) {
  if (auto no = need_admin(ctx.actor, "design journeys")) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  Journey after = *j.value();
  auto it = std::find_if(after.placeholders.begin(), after.placeholders.end(),
                         [&](const Placeholder& p) { return p.id == op.placeholder; });
  if (it == after.placeholders.end())
    return reject(RejectCode::not_found, "No session " + op.placeholder + " in this journey.");
  if (it->retired) return reject(RejectCode::retired, "This session is already retired.");
  if (!after.published) {
    after.placeholders.erase(it);  // nothing was ever made from a draft
  } else {
    it->retired = true;
    std::vector<Id> touched;
    for_each_pathway_on(ctx.state, op.journey, [&](const Pathway& pw, const Cohort&) {
      for (const Session& s : ctx.state.sessions_of(pw.id)) {
        if (s.key != op.placeholder || s.extra) continue;
        const bool has_history = s.status == SessionStatus::booked || s.status == SessionStatus::completed ||
                                 s.status == SessionStatus::missed || s.booking_no > 0;
        // [mutation R9] -> if (false) {
        if (has_history) {
          // [end mutation]
          Session kept = s;
          kept.retired = true;
          ctx.change(kept);
        } else {
          ctx.change(s, true);
        }
        touched.push_back(pw.id);
      }
    });
    ctx.change(after);
    for (const Id& pid : touched) settle_completion(ctx, pid);
    ctx.out.audit.subject = op.journey;
    return std::nullopt;
  }
  ctx.change(after);
  ctx.out.audit.subject = op.journey;
  return std::nullopt;
}

Check handle(Context& ctx, const PublishJourney& op) {
  if (auto no = need_admin(ctx.actor, "publish journeys")) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  if (j.value()->published) return reject(RejectCode::invalid_transition, "This journey is already published.");
  const auto& ps = j.value()->placeholders;
  if (std::none_of(ps.begin(), ps.end(), [](const Placeholder& p) { return !p.retired; }))
    return reject(RejectCode::invalid_value, "Add at least one session before publishing.");
  Journey after = *j.value();
  after.published = true;
  ctx.change(after);
  ctx.out.audit.subject = op.journey;
  return std::nullopt;
}

Check handle(Context& ctx, const CreateCohort& op) {
  if (auto no = need_admin(ctx.actor, "create cohorts")) return no;
  if (auto no = need_new_id(ctx.state.cohort(op.cohort) != nullptr, "cohort", op.cohort)) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  if (!j.value()->published)
    return reject(RejectCode::not_published, "Publish the journey before creating cohorts on it.");
  if (!ctx.state.project(op.project)) return reject(RejectCode::not_found, "No project " + op.project + ".");
  if (auto no = rule_cohort_name(op.name.value)) return no;
  Cohort c;
  c.id = op.cohort;
  c.name = op.name.value;
  c.journey = op.journey;
  c.project = op.project;
  for (const Placeholder& p : j.value()->placeholders)
    if (!p.retired) c.blueprint.push_back(p.id);
  std::sort(c.blueprint.begin(), c.blueprint.end());
  ctx.change(c);
  ctx.out.audit.subject = op.cohort;
  return std::nullopt;
}

// R6: the blueprint changes what participants see, never what is bookable.
Check handle(Context& ctx, const SetBlueprint& op) {
  if (auto no = need_admin(ctx.actor, "edit blueprints")) return no;
  auto c = need_cohort(ctx.state, op.cohort);
  if (!c) return c.rejection();
  const Journey* j = ctx.state.journey(c.value()->journey);
  if (!j || !find_placeholder(*j, op.placeholder))
    return reject(RejectCode::not_found, "No session " + op.placeholder + " in this cohort's journey.");
  Cohort after = *c.value();
  auto& bp = after.blueprint;
  const bool shown = blueprint_shows(after, op.placeholder);
  if (shown == op.visible)
    return reject(RejectCode::invalid_transition, op.visible ? "Already visible." : "Already hidden.");
  if (op.visible)
    bp.insert(std::lower_bound(bp.begin(), bp.end(), op.placeholder), op.placeholder);
  else
    bp.erase(std::lower_bound(bp.begin(), bp.end(), op.placeholder));
  ctx.change(after);
  // Participants' views of these sessions change: re-send them so clients re-scope.
  for (const Id& pid : ctx.state.ids(ctx.state.pathways_by_cohort, op.cohort))
    for (const Session& s : ctx.state.sessions_of(pid))
      if (s.key == op.placeholder) ctx.change(s);
  ctx.out.audit.subject = op.cohort;
  return std::nullopt;
}

Check handle(Context& ctx, const EnrolParticipant& op) {
  if (auto no = need_admin(ctx.actor, "enrol participants")) return no;
  if (auto no = need_new_id(ctx.state.pathway(op.pathway) != nullptr, "pathway", op.pathway)) return no;
  auto participant = need_user(ctx.state, op.participant, Role::participant);
  if (!participant) return participant.rejection();
  auto coach = need_user(ctx.state, op.coach, Role::coach);
  if (!coach) return coach.rejection();
  auto c = need_cohort(ctx.state, op.cohort);
  if (!c) return c.rejection();
  if (c.value()->archived) return reject(RejectCode::archived, "This cohort is archived.");
  for (const Id& pid : ctx.state.ids(ctx.state.pathways_by_participant, op.participant))
    if (const Pathway* other = ctx.state.pathway(pid); other && other->cohort == op.cohort)
      return reject(RejectCode::already_exists, participant.value()->name + " is already in this cohort.");
  const Journey* j = ctx.state.journey(c.value()->journey);
  if (!j) return reject(RejectCode::not_found, "The cohort's journey is missing.");
  Pathway pw{op.pathway, op.participant, op.coach, op.cohort, j->id, false, ctx.at};
  ctx.change(pw);
  for (const Placeholder& p : j->placeholders)
    if (!p.retired) ctx.change(instantiate(pw, p, *c.value()));
  touch_activity(ctx, op.participant);
  ctx.out.audit.subject = op.pathway;
  return std::nullopt;
}

// R10: the pathway (history, notes) moves whole; the new blueprint applies, and greyed-out
// sessions it shows are offered for un-greying.
Check handle(Context& ctx, const MoveParticipant& op) {
  if (auto no = need_admin(ctx.actor, "move participants")) return no;
  auto pw = need_pathway(ctx.state, op.pathway);
  if (!pw) return pw.rejection();
  auto c = need_cohort(ctx.state, op.cohort);
  if (!c) return c.rejection();
  if (c.value()->archived) return reject(RejectCode::archived, "That cohort is archived.");
  if (pw.value()->cohort == op.cohort)
    return reject(RejectCode::invalid_transition, "The participant is already in that cohort.");
  // [mutation R10]
  if (c.value()->journey != pw.value()->journey)
    return reject(RejectCode::journey_mismatch, "That cohort follows another journey; move within the same journey.");
  // [end mutation]
  Pathway after = *pw.value();
  after.cohort = op.cohort;
  ctx.change(after);
  for (const Session& s : ctx.state.sessions_of(after.id)) {
    // Unchanged values, re-sent so every client re-scopes them under the new blueprint.
    ctx.change(s);
    if (s.status == SessionStatus::greyed_out && !s.extra && blueprint_shows(*c.value(), s.key))
      ctx.out.suggest_ungrey.push_back(s.id());
  }
  ctx.out.audit.subject = op.pathway;
  return std::nullopt;
}

Check handle(Context& ctx, const ArchiveCohort& op) {
  if (auto no = need_admin(ctx.actor, "archive cohorts")) return no;
  auto c = need_cohort(ctx.state, op.cohort);
  if (!c) return c.rejection();
  if (c.value()->archived) return reject(RejectCode::invalid_transition, "This cohort is already archived.");
  Cohort after = *c.value();
  after.archived = true;
  ctx.change(after);
  ctx.out.audit.subject = op.cohort;
  return std::nullopt;
}

}  // namespace pathways::rules
