// What each user may see (DESIGN.md §1, R7, R8), and which fields of it: the server's
// pull sends exactly this, and the client draws from it. Hidden sessions never leave the
// server for a participant.
//
// Every answer is the Scope object's. It reads the viewer's pathways once (through the
// state's indexes, on the first question that needs them) into sets of the people,
// cohorts, journeys, projects and companies they reference, and answers each question
// with a lookup: a full pull of a coach with 1,000 participants asks about every person
// on them, which scanning the pathways per question made a million lookups. The free
// functions below are the same answers for one question (they build a Scope).
#pragma once

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "state.h"

namespace pathways {

// R7 with R8: a participant sees a session their cohort's blueprint shows; when the
// journey's "My Coaching" tab is on, also every session with activity (booked or marked).
bool participant_sees_session(const State& state, const Session& session);

// R8 alone: does the journey's "My Coaching" tab show this session whatever the blueprint
// says (it is on, and the session has activity: Booked, Completed or Missed)? Null journey: no.
bool my_coaching_shows(const Journey* journey, const Session& session);

// Is the session in the cohort's blueprint (R6)?
bool in_blueprint(const State& state, const Session& session);

// Redaction: internal fields (PO references, approvers, who cancelled, archive flags,
// billing) are for staff. Null `viewer` means the whole entity (storage, snapshots).
bool sees_staff_fields(const User* viewer);

// One viewer's scope. Borrows `state` and `viewer`: valid while both live unchanged (the
// server holds the state's lock for it). Not for sharing between threads (the sets are
// filled on first use).
class Scope {
 public:
  Scope(const State& state, const User& viewer) : state_(state), viewer_(viewer) {}

  const State& state() const { return state_; }
  const User& viewer() const { return viewer_; }

  // May the viewer see this entity at all? The outbox is nobody's (it is the server's).
  bool contains(const Entity& entity) const;
  template <class T>
  bool contains(const T& entity) const;

  // May the viewer read `other`'s e-mail address? (Participants: only their own coaches'.)
  bool may_see_email(const User& other) const;

  // R7: the placeholders of `journey` the viewer may see, in journey order: all of them
  // for staff; for a participant, those some cohort of theirs on the journey shows, and
  // (R8) those of their sessions the My Coaching tab keeps in view.
  std::vector<const Placeholder*> shown_placeholders(const Journey& journey) const;

  // Calls `visit` with every entity in scope as its own type (const Pathway&, const
  // Session&, …), each once: pathways with their sessions, notes and grants, then
  // companies, projects, journeys, cohorts, escalations, users and slots. The order is the
  // full pull's.
  template <class Visit>
  void for_each(Visit&& visit) const;

 private:
  bool sees_pathway(const Pathway& pw) const;
  bool sees_session(const Session& s) const;
  bool sees_user(const User& other) const;
  const std::vector<const Pathway*>& pathways() const;  // the viewer's, in index order
  void read_pathways() const;
  static bool has(const std::unordered_set<std::string_view>& set, std::string_view id) { return set.count(id) > 0; }

  const State& state_;
  const User& viewer_;
  mutable bool read_ = false;
  mutable std::vector<const Pathway*> pathways_;
  // What the viewer's pathways reference (not filled for admins, who see everything).
  mutable std::unordered_set<std::string_view> participants_, coaches_, cohorts_, journeys_, projects_, companies_;
};

// Scope(state, viewer).contains(entity).
bool in_scope(const State& state, const User& viewer, const Entity& entity);

// Scope(state, viewer).for_each, with each entity as an Entity (a copy).
void for_each_in_scope(const State& state, const User& viewer, const std::function<void(const Entity&)>& visit);

// Scope(state, viewer).may_see_email(other).
bool may_see_email(const State& state, const User& viewer, const User& other);

// [SECTION] for_each

template <class Visit>
void Scope::for_each(Visit&& visit) const {
  const State& state = state_;
  const Role role = viewer_.role;
  auto offer = [&](const auto& e) {
    if (contains(e)) visit(e);
  };
  // Pathways first; sessions, notes and grants through them, so a coach's scan does not
  // touch other coaches' data.
  for (const Pathway* pw : pathways()) {
    visit(*pw);
    for (const Session& s : state.sessions_of(pw->id)) {
      if (!sees_session(s)) continue;
      visit(s);
      if ((role == Role::admin || role == Role::coach) && !state.notes_by_session.empty())
        for (const Id& nid : state.ids(state.notes_by_session, s.id()))
          if (const Note* n = state.note(nid)) visit(*n);
    }
    for (const Id& gid : state.ids(state.grants_by_pathway, pw->id))
      if (const Grant* g = state.grant(gid)) visit(*g);
  }
  for (const auto& [id, v] : state.companies) offer(v);
  for (const auto& [id, v] : state.projects) offer(v);
  for (const auto& [id, v] : state.journeys) offer(v);
  for (const auto& [id, v] : state.cohorts) offer(v);
  for (const auto& [id, v] : state.escalations) offer(v);
  if (role == Role::admin) {
    for (const auto& [id, v] : state.users) visit(v);
    for (const auto& [id, v] : state.slots) visit(v);
    return;
  }
  // The people on the viewer's pathways, and for coaches their colleagues, by id.
  std::vector<std::string_view> people{viewer_.id};
  people.reserve(2 * pathways_.size() + 1);
  for (const Pathway* pw : pathways_) {
    people.push_back(pw->participant);
    people.push_back(pw->coach);
  }
  if (role == Role::coach)
    for (const auto& [id, u] : state.users)
      if (u.role == Role::coach) people.push_back(id);
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  for (std::string_view uid : people) {
    auto it = state.users.find(Id(uid));
    if (it != state.users.end() && sees_user(it->second)) visit(it->second);
  }
  // Slots: a coach's own; for the others, those of the coaches on their pathways.
  std::vector<std::string_view> coaches;
  if (role == Role::coach) {
    coaches.push_back(viewer_.id);
  } else {
    for (const Pathway* pw : pathways_)
      if (std::find(coaches.begin(), coaches.end(), pw->coach) == coaches.end()) coaches.push_back(pw->coach);
  }
  for (std::string_view coach : coaches)
    for (const Id& sid : state.ids(state.slots_by_coach, Id(coach)))
      if (const Slot* s = state.slot(sid)) visit(*s);
}

}  // namespace pathways
