// Pieces every handler shares: lookups with readable rejections, mail de-duplication
// (R12), activity (R14) and completion (R13).
#include <algorithm>

#include "../pathway_rules.h"
#include "../scope.h"
#include "context.h"

namespace pathways::rules {

Result<const Session*> need_session(const State& state, const Id& session_id) {
  if (const Session* s = state.session(session_id)) return s;
  return reject(RejectCode::not_found, "No session " + session_id + ".");
}

Result<const Pathway*> need_pathway(const State& state, const Id& pathway_id) {
  if (const Pathway* p = state.pathway(pathway_id)) return p;
  return reject(RejectCode::not_found, "No pathway " + pathway_id + ".");
}

Result<const User*> need_user(const State& state, const Id& user_id, std::optional<Role> role) {
  const User* u = state.user(user_id);
  if (!u) return reject(RejectCode::not_found, "No user " + user_id + ".");
  // Said by id, not by name: the actor may not be allowed to know who this is.
  if (role && u->role != *role)
    return reject(RejectCode::invalid_value, "User " + user_id + " is not a " + std::string(label(*role)) + ".");
  return u;
}

template <class T>
bool in_scope(const State& state, const Actor& actor, const T& entity) {
  if (actor.role == Role::admin) return true;
  const User* viewer = state.user(actor.id);
  return viewer && Scope(state, *viewer).contains(entity);
}
template bool in_scope(const State&, const Actor&, const Session&);
template bool in_scope(const State&, const Actor&, const Slot&);

Check need_new_id(bool exists, std::string_view what, const Id& id) {
  if (!valid_new_id(id))
    return reject(RejectCode::invalid_value, "A new " + std::string(what) + "'s id may not contain '/'.");
  if (!exists) return std::nullopt;
  return reject(RejectCode::already_exists, "A " + std::string(what) + " with id " + id + " already exists.");
}

Result<const ZoneRules*> need_zone(const Context& ctx, const Id& name) {
  if (const ZoneRules* rules = ctx.zones ? ctx.zones(name) : nullptr) return rules;
  return reject(RejectCode::unknown_time_zone,
                "No time zone is known by the name \"" + name + "\"; use an IANA name such as Europe/London.");
}

bool send_once(Context& ctx, OutboxMessage message) {
  // [mutation R12]
  if (ctx.state.outbox.count(message.id)) return false;
  // [end mutation]
  for (const auto& m : ctx.out.mail)
    if (m.id == message.id) return false;
  ctx.change(message);
  ctx.out.mail.push_back(std::move(message));
  return true;
}

void touch_activity(Context& ctx, const Id& participant) {
  const User* u = ctx.state.user(participant);
  if (!u || u->last_activity >= ctx.at) return;
  User after = *u;
  after.last_activity = ctx.at;
  ctx.change(std::move(after));  // a User copy allocates (name, e-mail): make only one
}

void settle_completion(Context& ctx, const Id& pathway_id) {
  const Pathway* pw = ctx.state.pathway(pathway_id);
  if (!pw) return;
  // The pathway's sessions as they will be once this op's changes commit.
  std::vector<Session> sessions = ctx.state.sessions_of(pathway_id);
  for (const Change& c : ctx.out.changes) {
    const Session* s = std::get_if<Session>(&c.entity);
    if (!s || s->pathway != pathway_id) continue;
    auto it = std::find_if(sessions.begin(), sessions.end(), [&](const Session& x) { return x.key == s->key; });
    if (c.deleted) {
      if (it != sessions.end()) sessions.erase(it);
    } else if (it != sessions.end()) {
      *it = *s;
    } else {
      sessions.push_back(*s);
    }
  }
  const bool complete = rule_pathway_complete(sessions);
  if (complete != pw->completed) {
    Pathway after = *pw;
    after.completed = complete;
    ctx.change(std::move(after));
  }
  if (complete) {
    OutboxMessage survey;
    survey.id = "feedback_survey:" + pathway_id;
    survey.kind = MailTemplate::feedback_survey;
    survey.to = pw->participant;
    survey.subject = pathway_id;
    survey.at = ctx.at;
    send_once(ctx, std::move(survey));
  }
}

}  // namespace pathways::rules
