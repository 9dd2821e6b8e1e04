// R9: drafts of published journeys and the publish preview (journey_draft.h).
#include "journey_draft.h"

#include <algorithm>
#include <unordered_map>

namespace pathways {

const std::vector<Placeholder>& working_placeholders(const Journey& journey) {
  return journey.draft ? *journey.draft : journey.placeholders;
}

const Placeholder* find_in(const std::vector<Placeholder>& list, const Id& id) {
  for (const Placeholder& p : list)
    if (p.id == id) return &p;
  return nullptr;
}

bool has_history(const Session& s) {
  return s.status == SessionStatus::booked || s.status == SessionStatus::completed ||
         s.status == SessionStatus::missed || s.booking_no > 0;
}

int sessions_with_history(const State& state, const Journey& journey, const Id& placeholder) {
  int n = 0;
  for_each_pathway_on(state, journey.id, [&](const Pathway& pw, const Cohort&) {
    for (const Session& s : state.sessions_of(pw.id))
      if (!s.extra && s.key == placeholder && has_history(s)) ++n;
  });
  return n;
}

SessionEffect publish_effect(const Session& s, const Placeholder& published, const Placeholder& drafted) {
  if (s.extra || s.retired || published.retired) return SessionEffect::none;
  if (drafted.retired) {
    // [mutation R9 retire keeps history] -> return SessionEffect::removed;
    return has_history(s) ? SessionEffect::kept_retired : SessionEffect::removed;
    // [end mutation]
  }
  // [mutation R9 never rewritten]
  if (s.status != SessionStatus::unbooked && s.status != SessionStatus::greyed_out) return SessionEffect::none;
  // [end mutation]
  // A field is applied only when the draft changed it.
  const SessionKind kind = published.kind != drafted.kind ? drafted.kind : s.kind;
  const int duration = published.duration_min != drafted.duration_min ? drafted.duration_min : s.duration_min;
  return kind != s.kind || duration != s.duration_min ? SessionEffect::updated : SessionEffect::none;
}

void SessionCounts::add(SessionEffect effect) {
  switch (effect) {
    case SessionEffect::none:
      break;
    case SessionEffect::created:
      ++created;
      break;
    case SessionEffect::updated:
      ++updated;
      break;
    case SessionEffect::kept_retired:
      ++kept_retired;
      break;
    case SessionEffect::removed:
      ++removed;
      break;
  }
}

namespace {

// The changes of the draft against the published list, without counts.
std::vector<DraftChange> draft_changes(const Journey& j) {
  std::vector<DraftChange> out;
  const auto& published = j.placeholders;
  const auto& drafted = *j.draft;
  for (const Placeholder& d : drafted) {
    const Placeholder* p = find_in(published, d.id);
    DraftChange c;
    c.after = d;
    if (!p) {
      if (d.retired) continue;
      c.kind = DraftChangeKind::added;
    } else if (p->retired) {
      continue;  // retired before: nothing more can change
    } else if (d.retired) {
      c.kind = DraftChangeKind::retired;
      c.before = *p;
    } else {
      c.kind = DraftChangeKind::edited;
      c.before = *p;
      c.title_changed = p->title != d.title;
      c.kind_changed = p->kind != d.kind;
      c.duration_changed = p->duration_min != d.duration_min;
      if (!c.title_changed && !c.kind_changed && !c.duration_changed) continue;
    }
    out.push_back(std::move(c));
  }
  // Reordered: the placeholders in both lists, and in use in both, meet participants in
  // another order.
  auto in_use_order = [](const std::vector<Placeholder>& list, const std::vector<Placeholder>& other) {
    std::vector<Id> ids;
    for (const Placeholder& p : list) {
      const Placeholder* q = find_in(other, p.id);
      if (!p.retired && q && !q->retired) ids.push_back(p.id);
    }
    return ids;
  };
  if (in_use_order(published, drafted) != in_use_order(drafted, published)) {
    DraftChange c;
    c.kind = DraftChangeKind::reordered;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

PublishPreview publish_preview(const State& state, const Journey& j) {
  PublishPreview out;
  if (!j.published || !j.draft) return out;
  out.changes = draft_changes(j);
  std::unordered_map<Id, std::size_t> by_placeholder;
  for (std::size_t i = 0; i < out.changes.size(); ++i)
    if (out.changes[i].kind != DraftChangeKind::reordered) by_placeholder.emplace(out.changes[i].after.id, i);
  std::vector<char> touches(out.changes.size());
  for_each_pathway_on(state, j.id, [&](const Pathway& pw, const Cohort&) {
    std::fill(touches.begin(), touches.end(), 0);
    for (const Session& s : state.sessions_of(pw.id)) {
      if (s.extra) continue;
      auto it = by_placeholder.find(s.key);
      if (it == by_placeholder.end()) continue;
      DraftChange& c = out.changes[it->second];
      if (c.kind == DraftChangeKind::added) continue;
      c.sessions.add(publish_effect(s, c.before, c.after));
      touches[it->second] = 1;
    }
    for (std::size_t i = 0; i < out.changes.size(); ++i) {
      DraftChange& c = out.changes[i];
      if (c.kind == DraftChangeKind::added) c.sessions.add(SessionEffect::created);
      if (c.kind == DraftChangeKind::added || c.kind == DraftChangeKind::reordered) touches[i] = 1;
      c.pathways += touches[i];
    }
    if (std::find(touches.begin(), touches.end(), 1) != touches.end()) ++out.pathways;
  });
  for (const DraftChange& c : out.changes) {
    out.sessions.created += c.sessions.created;
    out.sessions.updated += c.sessions.updated;
    out.sessions.kept_retired += c.sessions.kept_retired;
    out.sessions.removed += c.sessions.removed;
  }
  return out;
}

}  // namespace pathways
