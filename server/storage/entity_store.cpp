// Each entity's stored columns are its fields in the core's list (core/entity_fields.h),
// under the field's column name; the SQL for writing and reading and the binding code are
// generated from that list, so a column cannot be written under one name and read under
// another, nor be missing from storage while the wire carries it. `derived` columns (a
// session's id, a pathway's company…) are written for reports and never read back: the core
// recomputes them.
#include "server/storage/entity_store.h"

#include <algorithm>
#include <cassert>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <variant>

#include "core/entity_codec.h"
#include "core/entity_fields.h"
#include "core/permissions.h"

namespace pathways::server::storage {
namespace {

using json = nlohmann::json;

// [SECTION] Column lists

// Calls col(column name, member) for each stored field of `e` (derived fields are the
// core's to compute, not storage's).
template <class T>
void columns(auto& e, auto&& col) {
  EntityFields<T>::visit(e, [&](const Field& field, auto&& member) {
    if constexpr (!is_derived<std::decay_t<decltype(member)>>) col(field.column_name(), member);
  });
}

template <class T>
struct Table;

template <>
struct Table<Company> {
  static constexpr const char* name = "companies";
  static void derived(const State&, const Company&, auto&&) {}
};

template <>
struct Table<Project> {
  static constexpr const char* name = "projects";
  static void derived(const State&, const Project&, auto&&) {}
};

template <>
struct Table<Journey> {
  static constexpr const char* name = "journeys";
  static void derived(const State&, const Journey&, auto&&) {}
};

Id company_of_project(const State& state, const Id& project) {
  const Project* p = state.project(project);
  return p ? p->company : Id{};
}

template <>
struct Table<Cohort> {
  static constexpr const char* name = "cohorts";
  static void derived(const State& state, const Cohort& e, auto&& col) {
    col("company", company_of_project(state, e.project));
  }
};

template <>
struct Table<User> {
  static constexpr const char* name = "users";
  static void derived(const State&, const User&, auto&&) {}
};

template <>
struct Table<Pathway> {
  static constexpr const char* name = "pathways";
  // For reports: the project and company the pathway's cohort belongs to.
  static void derived(const State& state, const Pathway& e, auto&& col) {
    const Cohort* c = state.cohort(e.cohort);
    const Id project = c ? c->project : Id{};
    col("project", project);
    col("company", company_of_project(state, project));
  }
};

template <>
struct Table<Session> {
  static constexpr const char* name = "sessions";
  static void derived(const State&, const Session& e, auto&& col) { col("id", e.id()); }
};

template <>
struct Table<Slot> {
  static constexpr const char* name = "slots";
  static void derived(const State&, const Slot&, auto&&) {}
};

template <>
struct Table<Grant> {
  static constexpr const char* name = "grants";
  static void derived(const State&, const Grant&, auto&&) {}
};

template <>
struct Table<Note> {
  static constexpr const char* name = "notes";
  static void derived(const State&, const Note&, auto&&) {}
};

template <>
struct Table<OutboxMessage> {
  static constexpr const char* name = "outbox";
  static void derived(const State&, const OutboxMessage&, auto&&) {}
};

template <>
struct Table<Escalation> {
  static constexpr const char* name = "escalations";
  static void derived(const State&, const Escalation&, auto&&) {}
};

// [SECTION] Values to and from columns

json placeholders_to_json(const std::vector<Placeholder>& list) {
  json out = json::array();
  for (const Placeholder& p : list) out.push_back(placeholder_data(p));
  return out;
}

// What the server wrote; an entry that does not decode (never written so) is skipped.
std::vector<Placeholder> placeholders_from_json(const json& list) {
  std::vector<Placeholder> out;
  if (!list.is_array()) return out;
  for (const json& j : list)
    if (auto p = placeholder_from_data(j)) out.push_back(std::move(p.value()));
  return out;
}

// Binds members to parameters 1, 2, … (converting them as the columns store them), or only
// those whose bit is set in `only`.
struct Binder {
  sql::Statement& stmt;
  std::uint32_t only = ~0u;
  int index = 1;
  int column = 0;

  bool wanted() {
    const bool w = column >= 32 || ((only >> column) & 1u);
    ++column;
    return w;
  }
  void operator()(std::string_view, const std::string& v) {
    if (wanted()) stmt.bind(index++, v);
  }
  void operator()(std::string_view, int v) {
    if (wanted()) stmt.bind(index++, v);
  }
  void operator()(std::string_view, std::uint16_t v) {
    if (wanted()) stmt.bind(index++, static_cast<int>(v));
  }
  void operator()(std::string_view, bool v) {
    if (wanted()) stmt.bind(index++, v ? 1 : 0);
  }
  void operator()(std::string_view, Time v) {
    if (wanted()) stmt.bind(index++, static_cast<std::int64_t>(unix_seconds(v)));
  }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(std::string_view, E v) {
    if (wanted()) stmt.bind(index++, to_string(v));
  }
  void operator()(std::string_view, const std::vector<Id>& v) {
    if (wanted()) stmt.bind(index++, json(v).dump());
  }
  void operator()(std::string_view, const std::vector<Placeholder>& v) {
    if (wanted()) stmt.bind(index++, placeholders_to_json(v).dump(-1, ' ', false, json::error_handler_t::replace));
  }
  // R9: a journey's draft; no draft is stored as empty text.
  void operator()(std::string_view, const std::optional<std::vector<Placeholder>>& v) {
    if (wanted())
      stmt.bind(index++,
                v ? placeholders_to_json(*v).dump(-1, ' ', false, json::error_handler_t::replace) : std::string());
  }
};

template <class M>
bool same(const M& a, const M& b) {
  return a == b;
}
bool same(const std::vector<Placeholder>& a, const std::vector<Placeholder>& b) {
  return placeholders_to_json(a) == placeholders_to_json(b);
}
bool same(const std::optional<std::vector<Placeholder>>& a, const std::optional<std::vector<Placeholder>>& b) {
  return a.has_value() == b.has_value() && (!a || same(*a, *b));
}

// Which stored columns of `after` differ from `before` (a bit per column, in list order).
template <class T>
std::uint32_t changed_columns(const T& before, const T& after) {
  std::vector<const void*> old;  // addresses of before's members, in column order
  columns<T>(before, [&](std::string_view, const auto& member) { old.push_back(&member); });
  std::uint32_t changed = 0;
  std::size_t i = 0;
  columns<T>(after, [&](std::string_view, const auto& member) {
    using M = std::decay_t<decltype(member)>;
    if (!same(*static_cast<const M*>(old[i]), member)) changed |= 1u << i;
    ++i;
  });
  assert(i <= 32 && "a table's stored columns fit the change mask");
  return changed;
}

struct Reader {
  const sql::Statement& stmt;
  int index = 0;

  void operator()(std::string_view, std::string& v) { v = stmt.text(index++); }
  void operator()(std::string_view, int& v) { v = static_cast<int>(stmt.integer(index++)); }
  void operator()(std::string_view, std::uint16_t& v) { v = static_cast<std::uint16_t>(stmt.integer(index++)); }
  void operator()(std::string_view, bool& v) { v = stmt.integer(index++) != 0; }
  void operator()(std::string_view, Time& v) { v = from_unix_seconds(stmt.integer(index++)); }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(std::string_view, E& v) {
    // An empty text is the enum's "none" (e.g. MissedReason), which has no name.
    if (auto e = parse_enum<E>(stmt.text(index++))) v = *e;
  }
  void operator()(std::string_view, std::vector<Id>& v) {
    const std::string_view text = stmt.text(index++);
    v.clear();
    if (text == "[]") return;  // most lists are empty: skip the parser
    const json list = json::parse(text, nullptr, false);
    if (list.is_array())
      for (const json& id : list)
        if (id.is_string()) v.push_back(id.get<std::string>());
  }
  void operator()(std::string_view, std::vector<Placeholder>& v) {
    v = placeholders_from_json(json::parse(stmt.text(index++), nullptr, false));
  }
  void operator()(std::string_view, std::optional<std::vector<Placeholder>>& v) {
    const std::string_view text = stmt.text(index++);
    if (text.empty())
      v.reset();
    else
      v = placeholders_from_json(json::parse(text, nullptr, false));
  }
};

// [SECTION] SQL text, built once per type from the column lists

template <class T>
std::vector<std::string> stored_columns() {
  std::vector<std::string> names;
  T sample{};
  columns<T>(sample, [&](std::string_view name, auto&) { names.emplace_back(name); });
  return names;
}

// Written with every change but never read back: derived columns, and a session's id.
template <class T>
std::vector<std::string> derived_columns() {
  std::vector<std::string> names;
  T sample{};
  State empty;
  Table<T>::derived(empty, sample, [&](const char* name, const auto&) { names.emplace_back(name); });
  return names;
}

template <class T>
const std::string& upsert_sql() {
  static const std::string sql = [] {
    std::vector<std::string> names = stored_columns<T>();
    for (auto& n : derived_columns<T>()) names.push_back(std::move(n));
    std::string cols, params, updates;
    for (const auto& n : names) {
      cols += n + ", ";
      params += "?, ";
      if (n != "id") updates += n + " = excluded." + n + ", ";
    }
    return std::string("INSERT INTO ") + Table<T>::name + " (" + cols + "version, deleted) VALUES (" + params +
           "?, ?) ON CONFLICT (id) DO UPDATE SET " + updates + "version = excluded.version, deleted = excluded.deleted";
  }();
  return sql;
}

// UPDATE of just the stored columns in `changed` (a bit per column), the derived ones, the
// version and the flag. SQLite maintains only the indexes on columns an UPDATE sets, so a
// marked session touches its status index and not the others.
template <class T>
const std::string& update_sql(std::uint32_t changed) {
  static thread_local std::unordered_map<std::uint32_t, std::string> texts;
  auto& sql = texts[changed];
  if (sql.empty()) {
    static const std::vector<std::string> stored = stored_columns<T>();
    std::string sets;
    for (std::size_t i = 0; i < stored.size(); ++i)
      if (changed & (1u << i)) sets += stored[i] + " = ?, ";
    for (const auto& n : derived_columns<T>())
      if (n != "id") sets += n + " = ?, ";
    sql = std::string("UPDATE ") + Table<T>::name + " SET " + sets + "version = ?, deleted = ? WHERE id = ?";
  }
  return sql;
}

template <class T>
Id row_id(const T& e) {
  if constexpr (std::is_same_v<T, Session>)
    return e.id();
  else
    return e.id;
}

template <class T>
void write_row(sql::Connection& db, const State& state, const T& e, bool deleted, std::int64_t version,
               const T* before) {
  // Derived columns (except a session's id, which is the key) are written every time.
  auto bind_derived = [&](Binder& bind) {
    Table<T>::derived(state, e, [&](const char* name, const auto& v) {
      if (std::string_view(name) != "id") bind(name, v);
    });
  };
  if (before) {
    const std::uint32_t changed = changed_columns(*before, e);
    auto q = db.query(update_sql<T>(changed));
    Binder bind{*q, changed};
    columns<T>(e, bind);
    bind.only = ~0u;
    bind_derived(bind);
    q->bind(bind.index, version);
    q->bind(bind.index + 1, deleted ? 1 : 0);
    q->bind(bind.index + 2, row_id(e));
    q->run();
    if (db.changes() > 0) return;
    // No row although the state had the entity: write it whole.
  }
  auto q = db.query(upsert_sql<T>());
  Binder bind{*q};
  columns<T>(e, bind);
  if constexpr (std::is_same_v<T, Session>) bind("id", e.id());
  bind_derived(bind);
  q->bind(bind.index, version);
  q->bind(bind.index + 1, deleted ? 1 : 0);
  q->run();
}

template <class T>
const std::string& select_live_sql() {
  static const std::string sql = [] {
    std::string cols;
    for (const auto& n : stored_columns<T>()) cols += (cols.empty() ? "" : ", ") + n;
    return "SELECT " + cols + " FROM " + Table<T>::name + " WHERE deleted = 0 ORDER BY rowid";
  }();
  return sql;
}

// The state's map for entities of type T, to reserve room before loading.
template <class T>
auto& map_of(State& s) {
  if constexpr (std::is_same_v<T, Company>)
    return s.companies;
  else if constexpr (std::is_same_v<T, Project>)
    return s.projects;
  else if constexpr (std::is_same_v<T, Journey>)
    return s.journeys;
  else if constexpr (std::is_same_v<T, Cohort>)
    return s.cohorts;
  else if constexpr (std::is_same_v<T, User>)
    return s.users;
  else if constexpr (std::is_same_v<T, Pathway>)
    return s.pathways;
  else if constexpr (std::is_same_v<T, Slot>)
    return s.slots;
  else if constexpr (std::is_same_v<T, Grant>)
    return s.grants;
  else if constexpr (std::is_same_v<T, Note>)
    return s.notes;
  else if constexpr (std::is_same_v<T, OutboxMessage>)
    return s.outbox;
  else
    return s.escalations;
}

template <class T>
void load_rows(sql::Connection& db, State& state) {
  {
    // Growing a map of 100,000s of entries rehashes it again and again: size it once.
    auto count = db.query(std::string("SELECT count(*) FROM ") + Table<T>::name + " WHERE deleted = 0");
    if (count->step()) {
      const auto n = static_cast<std::size_t>(count->integer(0));
      if constexpr (std::is_same_v<T, Session>)
        state.sessions.reserve(state.pathways.size());  // by pathway
      else
        map_of<T>(state).reserve(n);
    }
  }
  auto q = db.query(select_live_sql<T>());
  while (q->step()) {
    T e{};
    columns<T>(e, Reader{*q});
    state.commit(Change{Entity{std::move(e)}, false});
  }
}

template <class T>
void list_changed(sql::Connection& db, std::int64_t version, std::vector<ChangedRow>& out) {
  const std::string sql = std::string("SELECT id, version, deleted FROM ") + Table<T>::name + " WHERE version > ?";
  auto q = db.query(sql);
  q->bind(1, version);
  const EntityKind kind = kind_of(Entity{T{}});
  while (q->step()) out.push_back({kind, Id(q->text(0)), q->integer(1), q->integer(2) != 0});
}

}  // namespace

void write_entity(sql::Connection& db, const State& state, const Change& change, std::int64_t version,
                  const Entity* before) {
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        const T* previous = before ? std::get_if<T>(before) : nullptr;
        write_row(db, state, e, change.deleted, version, previous);
      },
      change.entity);
}

// The outbox is the largest table after sessions, and in memory it is mostly a registry of
// triggers that have fired (R12: the core asks whether a message id exists). Its contents
// are the mailer's, read from the table: the state gets the ids, with each message's kind,
// recipient and time, which R19 reads (last_reminders: when a participant was last
// reminded), so pacing holds across a restart.
void load_outbox_ids(sql::Connection& db, State& state) {
  auto count = db.query("SELECT count(*) FROM outbox");
  if (count->step()) state.outbox.reserve(static_cast<std::size_t>(count->integer(0)));
  auto q = db.query("SELECT id, kind, recipient, at FROM outbox WHERE deleted = 0");
  while (q->step()) {
    OutboxMessage m;
    m.id = q->text(0);
    m.kind = parse_enum<MailTemplate>(q->text(1)).value_or(MailTemplate::booking_confirmation);
    // [mutation R19 restart] -> m.to = Id{};
    m.to = q->text(2);
    // [end mutation]
    m.at = from_unix_seconds(q->integer(3));
    state.commit(Change{Entity{std::move(m)}, false});
  }
}

void load_entities(sql::Connection& db, State& state) {
  sql::ReadTransaction snapshot(db);
  // Every alternative of Entity, in EntityKind order: parents come before children.
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (
        [&] {
          using T = std::variant_alternative_t<I, Entity>;
          if constexpr (std::is_same_v<T, OutboxMessage>)
            load_outbox_ids(db, state);
          else
            load_rows<T>(db, state);
        }(),
        ...);
  }
  (std::make_index_sequence<std::variant_size_v<Entity>>{});
}

std::vector<ChangedRow> changed_since(sql::Connection& db, std::int64_t version) {
  std::vector<ChangedRow> out;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (
        [&] {
          using T = std::variant_alternative_t<I, Entity>;
          if constexpr (!std::is_same_v<T, OutboxMessage>) list_changed<T>(db, version, out);
        }(),
        ...);
  }
  (std::make_index_sequence<std::variant_size_v<Entity>>{});
  std::stable_sort(out.begin(), out.end(),
                   [](const ChangedRow& a, const ChangedRow& b) { return a.version < b.version; });
  return out;
}

}  // namespace pathways::server::storage
