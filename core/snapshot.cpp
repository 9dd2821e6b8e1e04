#include "snapshot.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "entity_codec.h"

namespace pathways {
namespace {

using json = nlohmann::json;

// Format 3 adds "counts" (sizes to reserve before reading); format 2 reads the same way
// without it, so bases stored by older clients still load.
constexpr int snapshot_format = 3;
constexpr int oldest_readable_format = 2;

// Session row columns, in order. Rows stop after the last value that is not the default.
constexpr std::array session_columns{"pathway", "key",        "status", "kind",  "duration_min", "missed_reason",
                                     "slot",    "start",      "booking_no", "extra", "retired",   "cancelled_by"};

json session_row(const Session& s) {
  json row = json::array({s.pathway, s.key, static_cast<int>(s.status), static_cast<int>(s.kind), s.duration_min,
                          static_cast<int>(s.missed_reason), s.slot, s.start == Time{} ? 0LL : unix_seconds(s.start),
                          s.booking_no, s.extra, s.retired, s.cancelled_by});
  const Session defaults;
  const json blank = json::array({"", "", static_cast<int>(defaults.status), static_cast<int>(defaults.kind),
                                  defaults.duration_min, static_cast<int>(defaults.missed_reason), "", 0LL, 0, false,
                                  false, ""});
  std::size_t keep = row.size();
  while (keep > 2 && row[keep - 1] == blank[keep - 1]) --keep;
  row.erase(row.begin() + static_cast<std::ptrdiff_t>(keep), row.end());
  return row;
}

// One value of a session row, as the streaming reader saw it (no JSON tree per row).
struct Cell {
  enum class Type : std::uint8_t { missing, null, string, integer, boolean, list, other } type = Type::missing;
  std::string text;
  long long number = 0;
};
using SessionRow = std::array<Cell, session_columns.size()>;

// Reads a row into a Session; false on any wrong value. Missing trailing cells keep
// the defaults.
bool read_session_row(SessionRow& row, std::size_t size, Session& s) {
  if (size < 2 || size > row.size()) return false;
  auto str = [&](std::size_t i, Id& out) {
    if (i >= size) return true;
    if (row[i].type != Cell::Type::string) return false;
    out = std::move(row[i].text);
    return true;
  };
  auto integer = [&](std::size_t i, long long lo, long long hi, long long& out) {
    if (i >= size) return true;
    if (row[i].type != Cell::Type::integer) return false;
    out = row[i].number;
    return out >= lo && out <= hi;
  };
  auto boolean = [&](std::size_t i, bool& out) {
    if (i >= size) return true;
    if (row[i].type != Cell::Type::boolean) return false;
    out = row[i].number != 0;
    return true;
  };
  long long status = static_cast<long long>(s.status), kind = static_cast<long long>(s.kind),
            duration = s.duration_min, reason = static_cast<long long>(s.missed_reason), start = 0, booking_no = 0;
  const bool ok = str(0, s.pathway) && str(1, s.key) && integer(2, 0, 4, status) && integer(3, 0, 1, kind) &&
                  integer(4, 1, 24 * 60, duration) && integer(5, 0, 3, reason) && str(6, s.slot) &&
                  integer(7, 0, unix_seconds(latest_time), start) && integer(8, 0, 65535, booking_no) &&
                  boolean(9, s.extra) && boolean(10, s.retired) && str(11, s.cancelled_by);
  if (!ok || s.pathway.empty() || s.key.empty()) return false;
  s.status = static_cast<SessionStatus>(status);
  s.kind = static_cast<SessionKind>(kind);
  s.duration_min = static_cast<int>(duration);
  s.missed_reason = static_cast<MissedReason>(reason);
  s.start = start ? from_unix_seconds(start) : Time{};
  s.booking_no = static_cast<std::uint16_t>(booking_no);
  return true;
}

// [SECTION] Users and pathways, read field by field
//
// A state holds as many users and pathways as participants. Building a JSON object for
// each (a map node and a string per field) and then decoding it cost about as much as
// all the session rows, so their objects are read straight into fields, with the checks
// and messages of entity_from_data (core/entity_codec.cpp). Other kinds are few and go
// through entity_from_data.

constexpr std::array<const char*, 7> user_fields{"id", "name", "email", "role", "companies", "archived", "last_activity"};
constexpr std::array<const char*, 7> pathway_fields{"id",      "participant", "coach",      "cohort",
                                                    "journey", "completed",   "enrolled_at"};

// One flat object as the SAX events give it: a cell per known field, and the strings of
// the one list a kind may have (a user's companies). Unknown fields are skipped whole.
struct Record {
  const std::array<const char*, 7>* names = &user_fields;
  std::array<Cell, 7> cells;
  std::vector<Id> list;
  int field = -1;      // the field the next value belongs to; -1 for an unknown one
  int skip_depth = 0;  // > 0 inside a value being skipped
  bool in_list = false;

  void start(const std::array<const char*, 7>& kind_fields) {
    names = &kind_fields;
    for (Cell& c : cells) c.type = Cell::Type::missing;
    list.clear();
    field = -1;
    skip_depth = 0;
    in_list = false;
  }
  void key(std::string_view k) {
    if (skip_depth > 0 || in_list) return;
    field = -1;
    for (std::size_t i = 0; i < names->size(); ++i)
      if (k == (*names)[i]) field = static_cast<int>(i);
  }
  void value(Cell::Type type, long long number = 0, std::string* text = nullptr) {
    if (skip_depth > 0 || field < 0) return;
    Cell& c = cells[static_cast<std::size_t>(field)];
    if (in_list) {
      if (type == Cell::Type::string) list.push_back(std::move(*text));
      else c.type = Cell::Type::other;  // a list of ids holds only strings
      return;
    }
    c.type = type;
    c.number = number;
    if (text) c.text.swap(*text);
  }
  void open_container(bool is_array) {
    if (skip_depth > 0 || field < 0 || in_list) {
      if (field >= 0 && in_list) cells[static_cast<std::size_t>(field)].type = Cell::Type::other;
      ++skip_depth;
      return;
    }
    Cell& c = cells[static_cast<std::size_t>(field)];
    if (is_array) {
      c.type = Cell::Type::list;
      list.clear();
      in_list = true;
    } else {
      c.type = Cell::Type::other;
      ++skip_depth;
    }
  }
  // True when the record itself closes.
  bool close_container() {
    if (skip_depth > 0) {
      --skip_depth;
      return false;
    }
    if (in_list) {
      in_list = false;
      return false;
    }
    return true;
  }
};

// Reads a record's fields into an entity, refusing as entity_from_data would: the first
// problem, in field order, with its code and sentence.
class RecordFields {
 public:
  explicit RecordFields(Record& record) : r_(record) {}
  std::optional<Rejection> error;

  void str(std::size_t i, std::string& out, bool required = true) {
    Cell* c = present(i, required);
    if (!c) return;
    if (c->type == Cell::Type::string) out = std::move(c->text);
    else fail(i, "a string");
  }
  void boolean(std::size_t i, bool& out) {
    Cell* c = present(i, false);
    if (!c) return;
    if (c->type == Cell::Type::boolean) out = c->number != 0;
    else fail(i, "true or false");
  }
  void time(std::size_t i, Time& out) {
    Cell* c = present(i, false);
    if (!c) return;
    if (c->type != Cell::Type::string) return fail(i, "a time");
    if (c->text.empty()) return;
    if (auto t = parse_time(c->text)) out = *t;
    else fail(i, "an RFC 3339 time");
  }
  template <class E>
  void enumeration(std::size_t i, E& out) {
    Cell* c = present(i, true);
    if (!c) return;
    if (c->type != Cell::Type::string) return fail(i, "a string");
    if (auto e = parse_enum<E>(c->text)) out = *e;
    else fail(i, "a known value");
  }
  void ids(std::size_t i, std::vector<Id>& out) {
    Cell* c = present(i, false);
    if (!c) return;
    if (c->type == Cell::Type::list) out = std::move(r_.list);
    else fail(i, "a list of ids");
  }

 private:
  Record& r_;

  // The cell, or null when absent (a required field then fails) or an optional null.
  Cell* present(std::size_t i, bool required) {
    if (error) return nullptr;
    Cell& c = r_.cells[i];
    if (c.type == Cell::Type::missing || (c.type == Cell::Type::null && !required)) {
      if (required) error = reject(RejectCode::missing_field, std::string("Field \"") + field_name(i) + "\" is required.");
      return nullptr;
    }
    return &c;
  }
  void fail(std::size_t i, const char* need) {
    if (!error)
      error = reject(RejectCode::wrong_type, std::string("Field \"") + field_name(i) + "\" must be " + need + ".");
  }
  const char* field_name(std::size_t i) const { return (*r_.names)[i]; }
};

Result<Entity> user_from_record(Record& record) {
  RecordFields f(record);
  User u;
  f.str(0, u.id);
  f.str(1, u.name);
  f.str(2, u.email, false);
  f.enumeration(3, u.role);
  f.ids(4, u.companies);
  f.boolean(5, u.archived);
  f.time(6, u.last_activity);
  if (f.error) return *f.error;
  return Entity{std::move(u)};
}

Result<Entity> pathway_from_record(Record& record) {
  RecordFields f(record);
  Pathway p;
  f.str(0, p.id);
  f.str(1, p.participant);
  f.str(2, p.coach);
  f.str(3, p.cohort);
  f.str(4, p.journey);
  f.boolean(5, p.completed);
  f.time(6, p.enrolled_at);
  if (f.error) return *f.error;
  return Entity{std::move(p)};
}

// Makes room for `count` entities of `kind` (and their index entries) before they are read,
// so the maps never rehash while loading.
void reserve_for(State& state, EntityKind kind, std::size_t count) {
  switch (kind) {
    case EntityKind::company: state.companies.reserve(count); break;
    case EntityKind::project: state.projects.reserve(count); break;
    case EntityKind::journey: state.journeys.reserve(count); break;
    case EntityKind::cohort: state.cohorts.reserve(count); break;
    case EntityKind::user:
      state.users.reserve(count);
      state.user_by_email.reserve(count);
      break;
    case EntityKind::pathway:
      state.pathways.reserve(count);
      state.sessions.reserve(count);
      state.pathways_by_participant.reserve(count);
      break;
    case EntityKind::session: break;  // sessions live in their pathway's list
    case EntityKind::slot: state.slots.reserve(count); break;
    case EntityKind::grant: state.grants.reserve(count); break;
    case EntityKind::note: state.notes.reserve(count); break;
    case EntityKind::outbox: state.outbox.reserve(count); break;
    case EntityKind::escalation: state.escalations.reserve(count); break;
  }
}

std::size_t session_count(const State& state) {
  std::size_t n = 0;
  for (const auto& [pathway, list] : state.sessions) n += list.size();
  return n;
}

}  // namespace

std::string save_snapshot(const State& state) {
  // Sorted by id, so equal states give equal documents (diffable, testable). The
  // document's keys are sorted too, which puts "counts" before the big lists it sizes and
  // "pathway" before the session rows that name pathways.
  json doc = json::object();
  doc["format"] = snapshot_format;
  json& counts = doc["counts"] = json::object();
  auto add = [&](const auto& map) {
    std::vector<const Id*> ids;
    ids.reserve(map.size());
    for (const auto& [id, value] : map) ids.push_back(&id);
    std::sort(ids.begin(), ids.end(), [](const Id* a, const Id* b) { return *a < *b; });
    if (ids.empty()) return;
    const std::string kind(to_string(kind_of(Entity{map.begin()->second})));
    counts[kind] = ids.size();
    json& list = doc[kind];
    for (const Id* id : ids) list.push_back(entity_data(state, Entity{map.at(*id)}, nullptr));
  };
  add(state.companies);
  add(state.projects);
  add(state.journeys);
  add(state.cohorts);
  add(state.users);
  add(state.pathways);
  add(state.slots);
  add(state.grants);
  add(state.notes);
  add(state.outbox);
  add(state.escalations);
  counts[std::string(to_string(EntityKind::session))] = session_count(state);
  std::vector<const Id*> pathway_ids;
  for (const auto& [pid, list] : state.sessions) pathway_ids.push_back(&pid);
  std::sort(pathway_ids.begin(), pathway_ids.end(), [](const Id* a, const Id* b) { return *a < *b; });
  doc["session_columns"] = session_columns;
  json& rows = doc["session_rows"] = json::array();
  for (const Id* pid : pathway_ids)
    for (const Session& s : state.sessions.at(*pid)) rows.push_back(session_row(s));
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {

// Streams the snapshot through nlohmann's SAX interface: a whole state never exists as a
// JSON tree. Users and pathways are read field by field (Record), session rows cell by
// cell; the few other entities are small trees built one at a time.
class SnapshotReader final : public json::json_sax_t {
 public:
  explicit SnapshotReader(std::size_t text_size) : text_size_(text_size) {}

  State state;
  std::optional<Rejection> error;
  bool saw_format = false;

  bool null() override {
    if (in_row_) return cell(Cell::Type::null);
    if (in_record_) return record_value(Cell::Type::null);
    return scalar(json(nullptr));
  }
  bool boolean(bool v) override {
    if (in_row_) return cell(Cell::Type::boolean, v ? 1 : 0);
    if (in_record_) return record_value(Cell::Type::boolean, v ? 1 : 0);
    return scalar(json(v));
  }
  bool number_integer(number_integer_t v) override {
    if (in_row_) return cell(Cell::Type::integer, v);
    if (in_record_) return record_value(Cell::Type::integer, v);
    return scalar(json(v));
  }
  bool number_unsigned(number_unsigned_t v) override {
    const bool fits = v <= 1ULL << 62;
    if (in_row_) return fits ? cell(Cell::Type::integer, static_cast<long long>(v)) : cell(Cell::Type::other);
    if (in_record_) return fits ? record_value(Cell::Type::integer, static_cast<long long>(v)) : record_value(Cell::Type::other);
    return scalar(json(v));
  }
  bool number_float(number_float_t v, const string_t&) override {
    if (in_row_) return cell(Cell::Type::other);
    if (in_record_) return record_value(Cell::Type::other);
    return scalar(json(v));
  }
  bool string(string_t& v) override {
    if (in_record_) return record_value(Cell::Type::string, 0, &v);
    if (!in_row_) return scalar(json(std::move(v)));
    if (row_size_ >= row_.size()) return bad_row();
    row_[row_size_].text.swap(v);
    return cell(Cell::Type::string);
  }
  bool binary(binary_t&) override { return fail(RejectCode::malformed, "Unexpected binary value."); }

  bool start_object(std::size_t) override {
    if (section_ == Section::session_rows) return bad_row();
    if (depth_ == 0 || (depth_ == 1 && section_ == Section::counts)) {
      ++depth_;
      return true;
    }
    if (in_record_) {
      record_.open_container(false);
      return true;
    }
    if (section_ == Section::records && depth_ == 2 && stack_.empty()) {
      record_.start(kind_ == EntityKind::user ? user_fields : pathway_fields);
      in_record_ = true;
      return true;
    }
    return open(json::object());
  }
  bool start_array(std::size_t) override {
    if (depth_ == 1) {
      ++depth_;
      if (section_ == Section::counts) return bad_counts();
      return section_ != Section::none || fail(RejectCode::wrong_type, "Unexpected list \"" + key_ + "\".");
    }
    if (section_ == Section::counts) return bad_counts();
    if (in_record_) {
      record_.open_container(true);
      return true;
    }
    if (section_ == Section::records && stack_.empty())
      return fail(RejectCode::malformed, "An entity must be a JSON object.");
    if (section_ == Section::session_rows) {
      if (in_row_) return bad_row();
      in_row_ = true;
      row_size_ = 0;
      return true;
    }
    return open(json::array());
  }
  bool key(string_t& k) override {
    if (depth_ == 1) {
      key_ = k;
      section_ = section_of(k);
    } else if (in_record_) {
      record_.key(k);
    } else {
      pending_key_ = k;
    }
    return true;
  }
  bool end_object() override {
    if (in_record_) return !record_.close_container() || finish_record();
    if (depth_ == 2 && section_ == Section::counts) {
      --depth_;
      section_ = Section::none;
      return true;
    }
    if (depth_ == 1 && stack_.empty()) {
      --depth_;
      return true;
    }
    return close();
  }
  bool end_array() override {
    if (in_row_) {
      in_row_ = false;
      return finish_session_row();
    }
    if (in_record_) {
      record_.close_container();
      return true;
    }
    if (depth_ == 2 && stack_.empty()) {
      --depth_;
      if (section_ == Section::session_rows) flush_session_group();
      section_ = Section::none;
      return true;
    }
    return close();
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return fail(RejectCode::malformed, "The snapshot is not valid JSON.");
  }

 private:
  // records: users and pathways, read field by field; entities: other kinds, as JSON.
  enum class Section { none, counts, entities, records, session_rows, column_names };
  const std::size_t text_size_;
  Section section_ = Section::none;
  EntityKind kind_ = EntityKind::company;
  int depth_ = 0;
  std::string key_, pending_key_;
  std::vector<json> stack_;  // the entity or row being built, and its open containers

  Section section_of(const std::string& k) {
    if (k == "session_rows") return Section::session_rows;
    if (k == "session_columns") return Section::column_names;
    if (k == "counts") return Section::counts;
    if (k == "format") return Section::none;
    if (auto kind = parse_enum<EntityKind>(k); kind && *kind != EntityKind::session) {
      kind_ = *kind;
      return kind_ == EntityKind::user || kind_ == EntityKind::pathway ? Section::records : Section::entities;
    }
    return Section::none;
  }

  bool fail(RejectCode code, std::string message) {
    if (!error) error = reject(code, std::move(message));
    return false;
  }

  bool open(json container) {
    if (depth_ < 2) return fail(RejectCode::wrong_type, "Snapshot field \"" + key_ + "\" must be a list.");
    stack_.push_back(std::move(container));
    pending_.push_back(pending_key_);
    return true;
  }

  bool scalar(json v) {
    if (section_ == Section::counts) return count(v);
    if (depth_ == 1) {
      if (key_ == "format") {
        saw_format = v.is_number_integer() && v.get<long long>() >= oldest_readable_format &&
                     v.get<long long>() <= snapshot_format;
        return saw_format || fail(RejectCode::invalid_value, "Unknown snapshot format.");
      }
      return fail(RejectCode::wrong_type, "Snapshot field \"" + key_ + "\" must be a list.");
    }
    if (stack_.empty()) {
      if (section_ == Section::column_names) return true;
      return fail(RejectCode::wrong_type, "Snapshot lists hold objects or rows.");
    }
    add(std::move(v));
    return true;
  }

  // "counts" only sizes the maps: an unknown kind is ignored, and so is a count larger
  // than the document could hold (it must not make the reader allocate at will).
  bool count(const json& v) {
    if (depth_ != 2 || !v.is_number_unsigned()) return bad_counts();
    const auto n = v.get<std::uint64_t>();
    if (auto kind = parse_enum<EntityKind>(pending_key_); kind && n <= text_size_ / 8)
      reserve_for(state, *kind, static_cast<std::size_t>(n));
    return true;
  }
  bool bad_counts() { return fail(RejectCode::wrong_type, "Snapshot field \"counts\" must give each kind a number."); }

  void add(json v) {
    json& top = stack_.back();
    if (top.is_object())
      top[pending_key_] = std::move(v);
    else
      top.push_back(std::move(v));
  }

  bool close() {
    if (stack_.empty()) return fail(RejectCode::malformed, "Unbalanced snapshot.");
    json done = std::move(stack_.back());
    stack_.pop_back();
    pending_key_ = pending_.back();
    pending_.pop_back();
    if (!stack_.empty()) {
      add(std::move(done));
      return true;
    }
    return finish(done);
  }

  bool finish(const json& value) {
    if (section_ == Section::column_names) return true;
    return commit(entity_from_data(kind_, value));
  }

  bool commit(Result<Entity> e) {
    if (!e) return fail(e.rejection().code, e.rejection().message);
    state.commit(Change{std::move(e.value()), false});
    return true;
  }

  std::vector<std::string> pending_;  // keys of the containers on the stack

  // [SECTION] Users and pathways
  bool in_record_ = false;
  Record record_;

  bool record_value(Cell::Type type, long long number = 0, std::string* text = nullptr) {
    record_.value(type, number, text);
    return true;
  }
  bool finish_record() {
    in_record_ = false;
    return commit(kind_ == EntityKind::user ? user_from_record(record_) : pathway_from_record(record_));
  }

  // [SECTION] Session rows
  bool in_row_ = false;
  SessionRow row_;
  std::size_t row_size_ = 0;

  bool cell(Cell::Type type, long long number = 0) {
    if (row_size_ >= row_.size()) return bad_row();
    row_[row_size_].type = type;
    row_[row_size_].number = number;
    ++row_size_;
    return true;
  }
  bool bad_row() { return fail(RejectCode::invalid_value, "A session row is malformed."); }

  // Rows come grouped by pathway. A group is gathered here and moved into the state
  // when the next begins, into a list of exactly its size: growing each list row by row
  // left a quarter of every list as slack (capacity 16 for 12 sessions, 60 MB for 1.2
  // million sessions), and shrinking afterwards did not lower the resident size (the
  // freed blocks stayed in the heap between live ones).
  std::vector<Session> group_;
  Id group_pathway_;

  bool finish_session_row() {
    Session s;
    if (!read_session_row(row_, row_size_, s)) return bad_row();
    if (group_.empty() || s.pathway != group_pathway_)
      if (!start_session_group(s)) return false;
    if (std::any_of(group_.begin(), group_.end(), [&](const Session& other) { return other.key == s.key; }))
      return fail(RejectCode::already_exists, "Session " + s.id() + " appears twice.");
    group_.push_back(std::move(s));
    return true;
  }

  bool start_session_group(const Session& first) {
    flush_session_group();
    if (!state.pathway(first.pathway))
      return fail(RejectCode::not_found, "Session " + first.id() + " names a pathway the snapshot lacks.");
    group_pathway_ = first.pathway;
    // A pathway whose rows were split: continue its list (and check keys against it).
    if (auto it = state.sessions.find(group_pathway_); it != state.sessions.end()) {
      group_ = std::move(it->second);
      state.sessions.erase(it);
    }
    return true;
  }

  void flush_session_group() {
    if (group_.empty()) return;
    if (state.sessions.empty()) state.sessions.reserve(state.pathways.size());
    std::vector<Session> exact;
    exact.reserve(group_.size());
    std::move(group_.begin(), group_.end(), std::back_inserter(exact));
    state.sessions[group_pathway_] = std::move(exact);
    group_.clear();  // keeps its capacity for the next group
  }
};

}  // namespace

Result<State> load_snapshot(std::string_view text) {
  SnapshotReader reader(text.size());
  const bool ok = json::sax_parse(text.begin(), text.end(), &reader, json::input_format_t::json, true);
  if (!ok || reader.error) return reader.error.value_or(reject(RejectCode::malformed, "The snapshot is not valid JSON."));
  if (!reader.saw_format) return reject(RejectCode::invalid_value, "Unknown snapshot format.");
  return std::move(reader.state);
}

}  // namespace pathways
