// Journeys, placeholders, cohorts, blueprints and enrolment (R6, R9, R10).
#include <algorithm>

#include "../blueprint.h"
#include "../journey_draft.h"
#include "../pathway_rules.h"
#include "../scope.h"
#include "../text_rules.h"
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

// R9: the list an edit changes: an unpublished journey's placeholders, or a published
// journey's draft (begun from the published list on its first edit).
std::vector<Placeholder>& edited_list(Journey& j) {
  if (!j.published) return j.placeholders;
  // [mutation R9 draft] -> return j.placeholders;
  if (!j.draft) j.draft = j.placeholders;
  return *j.draft;
  // [end mutation]
}

// Records an edit of `j`: a draft edited back to the published list is no draft.
void finish_edit(Context& ctx, Journey& j) {
  if (j.draft && *j.draft == j.placeholders) j.draft.reset();
  j.changed_at = ctx.at;
  ctx.change(j);
  ctx.out.audit.subject = j.id;
}

Result<Placeholder*> need_placeholder(std::vector<Placeholder>& list, const Id& id) {
  auto it = std::find_if(list.begin(), list.end(), [&](const Placeholder& p) { return p.id == id; });
  if (it == list.end()) return reject(RejectCode::not_found, "No session " + id + " in this journey.");
  return &*it;
}

// Adds (or removes) `placeholder` to (from) the blueprint of every cohort on the journey.
void set_in_blueprints(Context& ctx, const Id& journey, const Id& placeholder, bool shown) {
  for (const auto& [cid, c] : ctx.state.cohorts) {
    if (c.journey != journey || blueprint_shows(c, placeholder) == shown) continue;
    Cohort after = c;
    auto& bp = after.blueprint;
    if (shown)
      bp.insert(std::lower_bound(bp.begin(), bp.end(), placeholder), placeholder);
    else
      bp.erase(std::lower_bound(bp.begin(), bp.end(), placeholder));
    ctx.change(std::move(after));
  }
}

}  // namespace

Check handle(Context& ctx, const CreateJourney& op) {
  if (auto no = need_admin(ctx.actor, "design journeys")) return no;
  if (auto no = need_new_id(ctx.state.journey(op.journey) != nullptr, "journey", op.journey)) return no;
  if (auto no = check_name(op.name.value, "A journey needs a name.")) return no;
  Journey j;
  j.id = op.journey;
  j.name = op.name.value;
  j.max_extra_sessions = op.max_extra_sessions.value_or(0);
  j.my_coaching_tab = op.my_coaching_tab.value_or(true);
  j.changed_at = ctx.at;
  if (j.max_extra_sessions < 0 || j.max_extra_sessions > 50)
    return reject(RejectCode::invalid_value, "Allow between 0 and 50 extra sessions.");
  ctx.change(j);
  ctx.out.audit.subject = op.journey;
  return std::nullopt;
}

// R8, R11: settings apply at once (docs/rules.md says why they are not part of the R9 draft).
Check handle(Context& ctx, const UpdateJourney& op) {
  if (auto no = need_admin(ctx.actor, "design journeys")) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  Journey after = *j.value();
  if (op.name) {
    if (auto no = check_name(op.name->value, "A journey needs a name.")) return no;
    after.name = op.name->value;
  }
  if (op.max_extra_sessions) {
    const int cap = *op.max_extra_sessions;
    if (cap < 0 || cap > 50) return reject(RejectCode::invalid_value, "Allow between 0 and 50 extra sessions.");
    // [mutation R11 cap not below grants]
    int most = 0;
    for_each_pathway_on(ctx.state, op.journey, [&](const Pathway& pw, const Cohort&) {
      most = std::max(most, granted_sessions(ctx.state, pw.id));
    });
    if (cap < most)
      return reject(RejectCode::cap_exceeded, "A participant on this journey already has " + std::to_string(most) +
                                                  (most == 1 ? " extra session" : " extra sessions") +
                                                  "; the cap cannot go below " + std::to_string(most) + ".");
    // [end mutation]
    after.max_extra_sessions = cap;
  }
  if (op.my_coaching_tab && *op.my_coaching_tab != after.my_coaching_tab) {
    after.my_coaching_tab = *op.my_coaching_tab;
    // [mutation R8 switch re-sends sessions]
    // What participants see changes for sessions with activity outside the blueprint: re-send
    // them (unchanged) so every client re-scopes them, as a blueprint change does.
    for_each_pathway_on(ctx.state, op.journey, [&](const Pathway& pw, const Cohort&) {
      for (const Session& s : ctx.state.sessions_of(pw.id))
        if (my_coaching_shows(&after, s) || my_coaching_shows(j.value(), s)) ctx.change(s);
    });
    // [end mutation]
  }
  after.changed_at = ctx.at;
  ctx.change(after);
  ctx.out.audit.subject = op.journey;
  return std::nullopt;
}

// R9: on a published journey the new placeholder goes to the draft, and into every
// cohort's blueprint (shown), so the admin can hide it per cohort before publishing.
Check handle(Context& ctx, const AddPlaceholder& op) {
  if (auto no = need_admin(ctx.actor, "design journeys")) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  const Journey& before = *j.value();
  // [mutation R9 new id in draft] -> const bool exists = find_in(before.placeholders, op.placeholder);
  const bool exists =
      find_in(before.placeholders, op.placeholder) || find_in(working_placeholders(before), op.placeholder);
  // [end mutation]
  if (auto no = need_new_id(exists, "placeholder", op.placeholder)) return no;
  if (auto no = check_name(op.title.value, "A session needs a title.")) return no;
  if (auto no = valid_duration(op.duration_min)) return no;
  Journey after = before;
  auto& list = edited_list(after);
  const int size = static_cast<int>(list.size());
  const int pos = op.position.value_or(size);
  if (pos < 0 || pos > size) return reject(RejectCode::invalid_value, "Position out of range.");
  list.insert(list.begin() + pos, Placeholder{op.placeholder, op.title.value, op.kind, op.duration_min, false});
  // [mutation R9 add shows in blueprints]
  if (after.published) set_in_blueprints(ctx, op.journey, op.placeholder, true);
  // [end mutation]
  finish_edit(ctx, after);
  return std::nullopt;
}

Check handle(Context& ctx, const UpdatePlaceholder& op) {
  if (auto no = need_admin(ctx.actor, "design journeys")) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  Journey after = *j.value();
  auto found = need_placeholder(edited_list(after), op.placeholder);
  if (!found) return found.rejection();
  Placeholder& p = *found.value();
  if (p.retired) return reject(RejectCode::retired, "This session was retired; add a new one instead.");
  if (op.title) {
    if (auto no = check_name(op.title->value, "A session needs a title.")) return no;
    p.title = op.title->value;
  }
  if (op.duration_min) {
    if (auto no = valid_duration(*op.duration_min)) return no;
    p.duration_min = *op.duration_min;
  }
  if (op.kind) p.kind = *op.kind;
  finish_edit(ctx, after);
  return std::nullopt;
}

Check handle(Context& ctx, const MovePlaceholder& op) {
  if (auto no = need_admin(ctx.actor, "design journeys")) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  Journey after = *j.value();
  auto& list = edited_list(after);
  auto it = std::find_if(list.begin(), list.end(), [&](const Placeholder& p) { return p.id == op.placeholder; });
  if (it == list.end()) return reject(RejectCode::not_found, "No session " + op.placeholder + " in this journey.");
  const int size = static_cast<int>(list.size());
  // [mutation R9 move range]
  if (op.position < 0 || op.position >= size) return reject(RejectCode::invalid_value, "Position out of range.");
  // [end mutation]
  Placeholder moving = *it;
  list.erase(it);
  list.insert(list.begin() + op.position, moving);
  finish_edit(ctx, after);
  return std::nullopt;
}

// R9: retiring a published placeholder is a draft change, applied by publishing; one
// only in the draft (or in an unpublished journey) is simply removed: nothing was made from it.
Check handle(Context& ctx, const RetirePlaceholder& op) {
  if (auto no = need_admin(ctx.actor, "design journeys")) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  Journey after = *j.value();
  auto& list = edited_list(after);
  auto it = std::find_if(list.begin(), list.end(), [&](const Placeholder& p) { return p.id == op.placeholder; });
  if (it == list.end()) return reject(RejectCode::not_found, "No session " + op.placeholder + " in this journey.");
  if (it->retired) return reject(RejectCode::retired, "This session is already retired.");
  if (!after.published) {
    list.erase(it);
  } else if (!find_in(after.placeholders, op.placeholder)) {
    list.erase(it);
    set_in_blueprints(ctx, op.journey, op.placeholder, false);
  } else {
    it->retired = true;
  }
  finish_edit(ctx, after);
  return std::nullopt;
}

namespace {

// R9: applies a published journey's draft to every pathway on it (journey_draft.h says
// what each session gets; publish_preview counts the same decisions).
void apply_draft(Context& ctx, const Journey& j) {
  const auto& published = j.placeholders;
  const auto& drafted = *j.draft;
  std::vector<const Placeholder*> added;
  for (const Placeholder& d : drafted)
    if (!d.retired && !find_in(published, d.id)) added.push_back(&d);
  for_each_pathway_on(ctx.state, j.id, [&](const Pathway& pw, const Cohort& cohort) {
    bool settle = false;
    for (const Session& s : ctx.state.sessions_of(pw.id)) {
      const Placeholder* p = s.extra ? nullptr : find_in(published, s.key);
      const Placeholder* d = p ? find_in(drafted, s.key) : nullptr;
      if (!d) continue;
      switch (publish_effect(s, *p, *d)) {
        case SessionEffect::none:
        case SessionEffect::created:
          break;
        case SessionEffect::updated: {
          Session changed = s;
          if (p->kind != d->kind) changed.kind = d->kind;
          if (p->duration_min != d->duration_min) changed.duration_min = d->duration_min;
          ctx.change(std::move(changed));
          break;
        }
        case SessionEffect::kept_retired: {
          Session kept = s;
          kept.retired = true;
          ctx.change(std::move(kept));
          settle = true;
          break;
        }
        case SessionEffect::removed:
          ctx.change(s, true);
          settle = true;
          break;
      }
    }
    // [mutation R9 publish adds sessions]
    for (const Placeholder* d : added) ctx.change(instantiate(pw, *d, cohort));
    // [end mutation]
    if (settle) settle_completion(ctx, pw.id);
  });
}

}  // namespace

Check handle(Context& ctx, const PublishJourney& op) {
  if (auto no = need_admin(ctx.actor, "publish journeys")) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  const Journey& before = *j.value();
  // [mutation R9 publish needs a draft]
  if (before.published && !before.draft)
    return reject(RejectCode::invalid_transition, "This journey is published and has no draft changes to publish.");
  // [end mutation]
  const auto& ps = working_placeholders(before);
  if (std::none_of(ps.begin(), ps.end(), [](const Placeholder& p) { return !p.retired; }))
    return reject(RejectCode::invalid_value, "Add at least one session before publishing.");
  Journey after = before;
  if (before.published) {
    apply_draft(ctx, before);
    after.placeholders = *before.draft;
    after.draft.reset();
  }
  after.published = true;
  after.changed_at = ctx.at;
  ctx.change(after);
  ctx.out.audit.subject = op.journey;
  return std::nullopt;
}

// R9: drops a published journey's draft; placeholders only the draft had leave the cohorts' blueprints.
Check handle(Context& ctx, const DiscardDraft& op) {
  if (auto no = need_admin(ctx.actor, "design journeys")) return no;
  auto j = need_journey(ctx.state, op.journey);
  if (!j) return j.rejection();
  // [mutation R9 discard needs a draft]
  if (!j.value()->draft) return reject(RejectCode::invalid_transition, "This journey has no draft to discard.");
  // [end mutation]
  Journey after = *j.value();
  for (const Placeholder& d : *after.draft)
    if (!find_in(after.placeholders, d.id)) set_in_blueprints(ctx, op.journey, d.id, false);
  after.draft.reset();
  after.changed_at = ctx.at;
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
  // R9: a placeholder only in the draft is shown too, as AddPlaceholder shows it in other cohorts.
  for (const Placeholder& p : working_placeholders(*j.value()))
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
  // [mutation R9 blueprint of a draft placeholder] -> const bool known = j && find_placeholder(*j, op.placeholder);
  const bool known = j && (find_placeholder(*j, op.placeholder) || find_in(working_placeholders(*j), op.placeholder));
  // [end mutation]
  if (!known) return reject(RejectCode::not_found, "No session " + op.placeholder + " in this cohort's journey.");
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
