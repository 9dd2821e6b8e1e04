#include "state.h"

#include <algorithm>

namespace pathways {
namespace {

template <class T>
const T* find_in(const IdMap<T>& map, const Id& id) {
  auto it = map.find(id);
  return it == map.end() ? nullptr : &it->second;
}

// Callers remove an entity's old entries before adding its new ones, so no duplicate
// check is needed (it would make loading quadratic in the size of a cohort).
void index_add(IdMap<std::vector<Id>>& index, const Id& key, const Id& id) { index[key].push_back(id); }

void index_remove(IdMap<std::vector<Id>>& index, const Id& key, const Id& id) {
  auto it = index.find(key);
  if (it == index.end()) return;
  auto& ids = it->second;
  ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
  if (ids.empty()) index.erase(it);
}

// Replaces or removes `value` in `map`, calling `unindex(old)` and `index(new)` around it.
// A new entity is inserted by the same lookup that finds it absent: loading a snapshot
// inserts hundreds of thousands, and each lookup in a map that size is a cache miss.
template <class T, class Unindex, class Index>
void upsert(IdMap<T>& map, const T& value, bool deleted, Unindex unindex, Index index) {
  if (deleted) {
    auto it = map.find(value.id);
    if (it == map.end()) return;
    unindex(it->second);
    map.erase(it);
    return;
  }
  auto [it, inserted] = map.try_emplace(value.id, value);
  if (!inserted) {
    unindex(it->second);
    it->second = value;
  }
  index(value);
}

constexpr auto unindexed = [](const auto&) {};

}  // namespace

bool split_session_id(const Id& session_id, Id& pathway, Id& key) {
  const auto slash = session_id.rfind('/');
  if (slash == Id::npos || slash == 0 || slash + 1 == session_id.size()) return false;
  pathway.assign(session_id, 0, slash);
  key.assign(session_id, slash + 1);
  return true;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == ':' || c == '@' || c == '+' || c == '/';
    if (!ok) return false;
  }
  // Ids name files and paths elsewhere (mail files, URLs): no "." or ".." segment and no
  // empty one (a leading, trailing or doubled '/').
  // [mutation id dot segments]
  std::string_view rest = id;
  for (;;) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  // [end mutation]
  return true;
}

Id id_of(const Entity& e) {
  return std::visit(
      [](const auto& v) -> Id {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, Session>)
          return v.id();
        else
          return v.id;
      },
      e);
}

std::optional<Entity> blank_entity_of(EntityKind kind, const Id& id) {
  if (kind == EntityKind::session) {
    Session s;
    if (!split_session_id(id, s.pathway, s.key)) return std::nullopt;
    return Entity{std::move(s)};
  }
  if (static_cast<std::size_t>(kind) >= std::variant_size_v<Entity>) return std::nullopt;
  // Every other kind is named by its `id` member.
  Entity out;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((static_cast<std::size_t>(kind) == I ? (out.emplace<I>(), void()) : void()), ...);
  }
  (std::make_index_sequence<std::variant_size_v<Entity>>{});
  std::visit(
      [&](auto& e) {
        if constexpr (!std::is_same_v<std::decay_t<decltype(e)>, Session>) e.id = id;
      },
      out);
  return out;
}

std::optional<Entity> find_entity(const State& state, EntityKind kind, const Id& id) {
  auto in = [&](const auto& map) -> std::optional<Entity> {
    auto it = map.find(id);
    if (it == map.end()) return std::nullopt;
    return Entity{it->second};
  };
  switch (kind) {
    case EntityKind::company:
      return in(state.companies);
    case EntityKind::project:
      return in(state.projects);
    case EntityKind::journey:
      return in(state.journeys);
    case EntityKind::cohort:
      return in(state.cohorts);
    case EntityKind::user:
      return in(state.users);
    case EntityKind::pathway:
      return in(state.pathways);
    case EntityKind::session:
      if (const Session* s = state.session(id)) return Entity{*s};
      return std::nullopt;
    case EntityKind::slot:
      return in(state.slots);
    case EntityKind::grant:
      return in(state.grants);
    case EntityKind::note:
      return in(state.notes);
    case EntityKind::outbox:
      return in(state.outbox);
    case EntityKind::escalation:
      return in(state.escalations);
  }
  return std::nullopt;
}

const Company* State::company(const Id& id) const { return find_in(companies, id); }
const Project* State::project(const Id& id) const { return find_in(projects, id); }
const Journey* State::journey(const Id& id) const { return find_in(journeys, id); }
const Cohort* State::cohort(const Id& id) const { return find_in(cohorts, id); }
const User* State::user(const Id& id) const { return find_in(users, id); }
const Pathway* State::pathway(const Id& id) const { return find_in(pathways, id); }
const Slot* State::slot(const Id& id) const { return find_in(slots, id); }
const Grant* State::grant(const Id& id) const { return find_in(grants, id); }
const Note* State::note(const Id& id) const { return find_in(notes, id); }

const Session* State::session(const Id& session_id) const {
  Id pathway_id, key;
  if (!split_session_id(session_id, pathway_id, key)) return nullptr;
  auto it = sessions.find(pathway_id);
  if (it == sessions.end()) return nullptr;
  for (const auto& s : it->second)
    if (s.key == key) return &s;
  return nullptr;
}

const std::vector<Session>& State::sessions_of(const Id& pathway_id) const {
  static const std::vector<Session> none;
  auto it = sessions.find(pathway_id);
  return it == sessions.end() ? none : it->second;
}

const std::vector<Id>& State::ids(const IdMap<std::vector<Id>>& index, const Id& key) const {
  static const std::vector<Id> none;
  auto it = index.find(key);
  return it == index.end() ? none : it->second;
}

void State::commit(const std::vector<Change>& changes) {
  for (const auto& c : changes) commit(c);
}

void State::commit(const Change& change) {
  const bool del = change.deleted;
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Company>) {
          upsert(companies, v, del, unindexed, unindexed);
        } else if constexpr (std::is_same_v<T, Project>) {
          upsert(projects, v, del, unindexed, unindexed);
        } else if constexpr (std::is_same_v<T, Journey>) {
          upsert(journeys, v, del, unindexed, unindexed);
        } else if constexpr (std::is_same_v<T, Cohort>) {
          upsert(cohorts, v, del, unindexed, unindexed);
        } else if constexpr (std::is_same_v<T, User>) {
          upsert(
              users, v, del,
              [&](const User& old) {
                user_by_email.erase(email_key(old.email));
                for (const Id& c : old.companies) index_remove(leads_by_company, c, old.id);
              },
              [&](const User& now) {
                if (!now.email.empty()) user_by_email[email_key(now.email)] = now.id;
                if (now.role == Role::program_lead)
                  for (const Id& c : now.companies) index_add(leads_by_company, c, now.id);
              });
        } else if constexpr (std::is_same_v<T, Pathway>) {
          // Most pathway changes (completion) leave the indexed fields alone.
          auto it = pathways.find(v.id);
          if (!del && it != pathways.end() && it->second.participant == v.participant && it->second.coach == v.coach &&
              it->second.cohort == v.cohort) {
            it->second = v;
            return;
          }
          upsert(
              pathways, v, del,
              [&](const Pathway& old) {
                index_remove(pathways_by_participant, old.participant, old.id);
                index_remove(pathways_by_coach, old.coach, old.id);
                index_remove(pathways_by_cohort, old.cohort, old.id);
              },
              [&](const Pathway& now) {
                index_add(pathways_by_participant, now.participant, now.id);
                index_add(pathways_by_coach, now.coach, now.id);
                index_add(pathways_by_cohort, now.cohort, now.id);
              });
          if (del) sessions.erase(v.id);
        } else if constexpr (std::is_same_v<T, Session>) {
          auto& list = sessions[v.pathway];
          auto it = std::find_if(list.begin(), list.end(), [&](const Session& s) { return s.key == v.key; });
          if (del) {
            if (it != list.end()) list.erase(it);
            if (list.empty()) sessions.erase(v.pathway);
          } else if (it != list.end()) {
            *it = v;
          } else {
            list.push_back(v);
          }
        } else if constexpr (std::is_same_v<T, Slot>) {
          upsert(
              slots, v, del, [&](const Slot& old) { index_remove(slots_by_coach, old.coach, old.id); },
              [&](const Slot& now) { index_add(slots_by_coach, now.coach, now.id); });
        } else if constexpr (std::is_same_v<T, Grant>) {
          upsert(
              grants, v, del, [&](const Grant& old) { index_remove(grants_by_pathway, old.pathway, old.id); },
              [&](const Grant& now) { index_add(grants_by_pathway, now.pathway, now.id); });
        } else if constexpr (std::is_same_v<T, Note>) {
          upsert(
              notes, v, del, [&](const Note& old) { index_remove(notes_by_session, old.session, old.id); },
              [&](const Note& now) { index_add(notes_by_session, now.session, now.id); });
        } else if constexpr (std::is_same_v<T, OutboxMessage>) {
          upsert(outbox, v, del, unindexed, unindexed);
        } else if constexpr (std::is_same_v<T, Escalation>) {
          upsert(escalations, v, del, unindexed, unindexed);
        }
      },
      change.entity);
}

std::string email_key(std::string_view email) {
  std::string key(email);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

const User* State::user_by_email_address(std::string_view email) const {
  auto it = user_by_email.find(email_key(email));
  return it == user_by_email.end() ? nullptr : user(it->second);
}

const Placeholder* find_placeholder(const Journey& journey, const Id& placeholder_id) {
  for (const auto& p : journey.placeholders)
    if (p.id == placeholder_id) return &p;
  return nullptr;
}

std::string session_title(const State& state, const Session& session) {
  if (session.extra) return "Extra session";
  if (const Pathway* pw = state.pathway(session.pathway))
    if (const Journey* j = state.journey(pw->journey))
      if (const Placeholder* p = find_placeholder(*j, session.key)) return p->title;
  return session.key;
}

}  // namespace pathways
