// Each entity type lists its columns once, in `Table<T>::columns`; the SQL for writing and
// reading and the binding code are generated from that list, so a column cannot be written
// under one name and read under another. `derived` columns (a session's company, cohort,
// coach…) are written for reports and never read back: the core recomputes them.
#include "server/storage/entity_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "core/permissions.h"

namespace pathways::server::storage {
namespace {

using json = nlohmann::json;

// [SECTION] Column lists

template <class T>
struct Table;

template <>
struct Table<Company> {
  static constexpr const char* name = "companies";
  static void columns(auto& e, auto&& col) {
    col("id", e.id);
    col("name", e.name);
  }
  static void derived(const State&, const Company&, auto&&) {}
};

template <>
struct Table<Project> {
  static constexpr const char* name = "projects";
  static void columns(auto& e, auto&& col) {
    col("id", e.id);
    col("company", e.company);
    col("name", e.name);
    col("po_ref", e.po_ref);
  }
  static void derived(const State&, const Project&, auto&&) {}
};

template <>
struct Table<Journey> {
  static constexpr const char* name = "journeys";
  static void columns(auto& e, auto&& col) {
    col("id", e.id);
    col("name", e.name);
    col("published", e.published);
    col("max_extra_sessions", e.max_extra_sessions);
    col("my_coaching_tab", e.my_coaching_tab);
    col("placeholders", e.placeholders);
  }
  static void derived(const State&, const Journey&, auto&&) {}
};

Id company_of_project(const State& state, const Id& project) {
  const Project* p = state.project(project);
  return p ? p->company : Id{};
}

template <>
struct Table<Cohort> {
  static constexpr const char* name = "cohorts";
  static void columns(auto& e, auto&& col) {
    col("id", e.id);
    col("name", e.name);
    col("journey", e.journey);
    col("project", e.project);
    col("blueprint", e.blueprint);
    col("archived", e.archived);
  }
  static void derived(const State& state, const Cohort& e, auto&& col) { col("company", company_of_project(state, e.project)); }
};

template <>
struct Table<User> {
  static constexpr const char* name = "users";
  static void columns(auto& e, auto&& col) {
    col("id", e.id);
    col("name", e.name);
    col("email", e.email);
    col("role", e.role);
    col("companies", e.companies);
    col("archived", e.archived);
    col("last_activity", e.last_activity);
  }
  static void derived(const State&, const User&, auto&&) {}
};

// The report columns of anything that belongs to a pathway.
void pathway_columns(const State& state, const Id& pathway_id, auto&& col) {
  const Pathway* pw = state.pathway(pathway_id);
  const Cohort* c = pw ? state.cohort(pw->cohort) : nullptr;
  const Id project = c ? c->project : Id{};
  col("project", project);
  col("company", company_of_project(state, project));
}

template <>
struct Table<Pathway> {
  static constexpr const char* name = "pathways";
  static void columns(auto& e, auto&& col) {
    col("id", e.id);
    col("participant", e.participant);
    col("coach", e.coach);
    col("cohort", e.cohort);
    col("journey", e.journey);
    col("completed", e.completed);
    col("enrolled_at", e.enrolled_at);
  }
  static void derived(const State& state, const Pathway& e, auto&& col) { pathway_columns(state, e.id, col); }
};

template <>
struct Table<Session> {
  static constexpr const char* name = "sessions";
  static void columns(auto& e, auto&& col) {
    col("pathway", e.pathway);
    col("key", e.key);
    col("kind", e.kind);
    col("status", e.status);
    col("missed_reason", e.missed_reason);
    col("extra", e.extra);
    col("retired", e.retired);
    col("booking_no", e.booking_no);
    col("duration_min", e.duration_min);
    col("slot", e.slot);
    col("start", e.start);
    col("cancelled_by", e.cancelled_by);
  }
  static void derived(const State& state, const Session& e, auto&& col) {
    col("id", e.id());
    const Pathway* pw = state.pathway(e.pathway);
    col("participant", pw ? pw->participant : Id{});
    col("coach", pw ? pw->coach : Id{});
    col("cohort", pw ? pw->cohort : Id{});
    pathway_columns(state, e.pathway, col);
  }
};

template <>
struct Table<Slot> {
  static constexpr const char* name = "slots";
  static void columns(auto& e, auto&& col) {
    col("id", e.id);
    col("coach", e.coach);
    col("start", e.start);
    col("duration_min", e.duration_min);
    col("capacity", e.capacity);
    col("kind", e.kind);
    col("taken", e.taken);
  }
  static void derived(const State&, const Slot&, auto&&) {}
};

template <>
struct Table<Grant> {
  static constexpr const char* name = "grants";
  static void columns(auto& e, auto&& col) {
    col("id", e.id);
    col("pathway", e.pathway);
    col("count", e.count);
    col("po_ref", e.po_ref);
    col("reason", e.reason);
    col("approver", e.approver);
    col("at", e.at);
  }
  static void derived(const State&, const Grant&, auto&&) {}
};

template <>
struct Table<Note> {
  static constexpr const char* name = "notes";
  static void columns(auto& e, auto&& col) {
    col("id", e.id);
    col("session", e.session);
    col("author", e.author);
    col("text", e.text);
    col("at", e.at);
  }
  static void derived(const State&, const Note&, auto&&) {}
};

template <>
struct Table<OutboxMessage> {
  static constexpr const char* name = "outbox";
  static void columns(auto& e, auto&& col) {
    col("id", e.id);
    col("kind", e.kind);
    col("recipient", e.to);
    col("cc", e.cc);
    col("subject", e.subject);
    col("text", e.text);
    col("at", e.at);
  }
  static void derived(const State&, const OutboxMessage&, auto&&) {}
};

template <>
struct Table<Escalation> {
  static constexpr const char* name = "escalations";
  static void columns(auto& e, auto&& col) {
    col("id", e.id);
    col("participant", e.participant);
    col("raised_by", e.raised_by);
    col("text", e.text);
    col("at", e.at);
  }
  static void derived(const State&, const Escalation&, auto&&) {}
};

// [SECTION] Values to and from columns

json placeholders_to_json(const std::vector<Placeholder>& list) {
  json out = json::array();
  for (const Placeholder& p : list)
    out.push_back({{"id", p.id}, {"title", p.title}, {"kind", to_string(p.kind)}, {"duration_min", p.duration_min},
                   {"retired", p.retired}});
  return out;
}

std::vector<Placeholder> placeholders_from_json(const json& list) {
  std::vector<Placeholder> out;
  if (!list.is_array()) return out;
  for (const json& j : list) {
    if (!j.is_object()) continue;
    Placeholder p;
    p.id = j.value("id", "");
    p.title = j.value("title", "");
    p.kind = parse_enum<SessionKind>(j.value("kind", "")).value_or(SessionKind::one_to_one);
    p.duration_min = j.value("duration_min", 60);
    p.retired = j.value("retired", false);
    out.push_back(std::move(p));
  }
  return out;
}

struct Binder {
  sql::Statement& stmt;
  int index = 1;

  void operator()(const char*, const std::string& v) { stmt.bind(index++, v); }
  void operator()(const char*, int v) { stmt.bind(index++, v); }
  void operator()(const char*, std::uint16_t v) { stmt.bind(index++, static_cast<int>(v)); }
  void operator()(const char*, bool v) { stmt.bind(index++, v ? 1 : 0); }
  void operator()(const char*, Time v) { stmt.bind(index++, static_cast<std::int64_t>(unix_seconds(v))); }
  template <class E>
    requires std::is_enum_v<E>
  void operator()(const char*, E v) {
    stmt.bind(index++, to_string(v));
  }
  void operator()(const char*, const std::vector<Id>& v) { stmt.bind(index++, json(v).dump()); }
  void operator()(const char*, const std::vector<Placeholder>& v) {
    stmt.bind(index++, placeholders_to_json(v).dump(-1, ' ', false, json::error_handler_t::replace));
  }
};

struct Reader {
  const sql::Statement& stmt;
  int index = 0;

  void operator()(const char*, std::string& v) { v = stmt.text(index++); }
  void operator()(const char*, int& v) { v = static_cast<int>(stmt.integer(index++)); }
  void operator()(const char*, std::uint16_t& v) { v = static_cast<std::uint16_t>(stmt.integer(index++)); }
  void operator()(const char*, bool& v) { v = stmt.integer(index++) != 0; }
  void operator()(const char*, Time& v) { v = from_unix_seconds(stmt.integer(index++)); }
  template <class E>
    requires std::is_enum_v<E>
  void operator()(const char*, E& v) {
    // An empty text is the enum's "none" (e.g. MissedReason), which has no name.
    if (auto e = parse_enum<E>(stmt.text(index++))) v = *e;
  }
  void operator()(const char*, std::vector<Id>& v) {
    const json list = json::parse(stmt.text(index++), nullptr, false);
    v.clear();
    if (list.is_array())
      for (const json& id : list)
        if (id.is_string()) v.push_back(id.get<std::string>());
  }
  void operator()(const char*, std::vector<Placeholder>& v) {
    v = placeholders_from_json(json::parse(stmt.text(index++), nullptr, false));
  }
};

// [SECTION] SQL text, built once per type from the column lists

template <class T>
std::vector<std::string> stored_columns() {
  std::vector<std::string> names;
  T sample{};
  Table<T>::columns(sample, [&](const char* name, auto&) { names.emplace_back(name); });
  return names;
}

template <class T>
const std::string& upsert_sql() {
  static const std::string sql = [] {
    std::vector<std::string> names = stored_columns<T>();
    T sample{};
    State empty;
    Table<T>::derived(empty, sample, [&](const char* name, const auto&) { names.emplace_back(name); });
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

template <class T>
const std::string& select_live_sql() {
  static const std::string sql = [] {
    std::string cols;
    for (const auto& n : stored_columns<T>()) cols += (cols.empty() ? "" : ", ") + n;
    return "SELECT " + cols + " FROM " + Table<T>::name + " WHERE deleted = 0 ORDER BY rowid";
  }();
  return sql;
}

template <class T>
void write_row(sql::Connection& db, const State& state, const T& e, bool deleted, std::int64_t version) {
  auto q = db.query(upsert_sql<T>());
  Binder bind{*q};
  Table<T>::columns(e, bind);
  Table<T>::derived(state, e, bind);
  q->bind(bind.index, version);
  q->bind(bind.index + 1, deleted ? 1 : 0);
  q->run();
}

template <class T>
void load_rows(sql::Connection& db, State& state) {
  auto q = db.query(select_live_sql<T>());
  while (q->step()) {
    T e{};
    Table<T>::columns(e, Reader{*q});
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

void write_entity(sql::Connection& db, const State& state, const Change& change, std::int64_t version) {
  std::visit([&](const auto& e) { write_row(db, state, e, change.deleted, version); }, change.entity);
}

void load_entities(sql::Connection& db, State& state) {
  // Every alternative of Entity, in EntityKind order: parents come before children.
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (load_rows<std::variant_alternative_t<I, Entity>>(db, state), ...);
  }(std::make_index_sequence<std::variant_size_v<Entity>>{});
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
  }(std::make_index_sequence<std::variant_size_v<Entity>>{});
  std::stable_sort(out.begin(), out.end(), [](const ChangedRow& a, const ChangedRow& b) { return a.version < b.version; });
  return out;
}

}  // namespace pathways::server::storage
