// Loading a snapshot: the document is walked once with JsonCursor, in document order,
// straight into the state. No JSON tree of the whole state is built; users and pathways
// are read field by field (snapshot_records.h), session rows cell by cell, and only the
// few other entities become small JSON values for entity_from_data. nlohmann's SAX reader
// took about a third of the load: its lexer copies every string and number into a token
// buffer a character at a time, and its events hand over copies again.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "entity_codec.h"
#include "json_cursor.h"
#include "snapshot.h"
#include "snapshot_format.h"
#include "snapshot_records.h"

namespace pathways {
namespace {

using Kind = JsonCursor::Kind;
using Number = JsonCursor::Number;

// Makes room for `count` entities of `kind` (and their index entries) before they are read,
// so the maps never rehash while loading.
void reserve_for(State& state, EntityKind kind, std::size_t count) {
  switch (kind) {
    case EntityKind::company:
      state.companies.reserve(count);
      break;
    case EntityKind::project:
      state.projects.reserve(count);
      break;
    case EntityKind::journey:
      state.journeys.reserve(count);
      break;
    case EntityKind::cohort:
      state.cohorts.reserve(count);
      break;
    case EntityKind::user:
      state.users.reserve(count);
      state.user_by_email.reserve(count);
      break;
    case EntityKind::pathway:
      state.pathways.reserve(count);
      state.sessions.reserve(count);
      state.pathways_by_participant.reserve(count);
      break;
    case EntityKind::session:
      break;  // sessions live in their pathway's list
    case EntityKind::slot:
      state.slots.reserve(count);
      break;
    case EntityKind::grant:
      state.grants.reserve(count);
      break;
    case EntityKind::note:
      state.notes.reserve(count);
      break;
    case EntityKind::outbox:
      state.outbox.reserve(count);
      break;
    case EntityKind::escalation:
      state.escalations.reserve(count);
      break;
  }
}

// A whole number as the snapshot's integer fields take it, or nothing for a fraction, an
// exponent or a magnitude beyond 2^62.
std::optional<long long> whole_number(const Number& n) {
  if (n.type == Number::Type::signed_integer) return n.signed_value;
  if (n.type == Number::Type::unsigned_integer && n.unsigned_value <= 1ULL << 62)
    return static_cast<long long>(n.unsigned_value);
  return std::nullopt;
}

class SnapshotLoader {
 public:
  explicit SnapshotLoader(std::string_view text) : cursor_(text) {}

  Result<State> load() {
    if (!read_document()) return error_.value_or(not_json());
    if (!saw_format_) return reject(RejectCode::invalid_value, "Unknown snapshot format.");
    return std::move(state_);
  }

 private:
  JsonCursor cursor_;
  State state_;
  std::optional<Rejection> error_;
  bool saw_format_ = false;

  static Rejection not_json() { return reject(RejectCode::malformed, "The snapshot is not valid JSON."); }

  // False with error_ set for bad data; false without it when the cursor failed.
  bool fail(RejectCode code, std::string message) {
    if (!error_) error_ = reject(code, std::move(message));
    return false;
  }

  bool read_document() {
    if (cursor_.peek() != Kind::object) {
      if (cursor_.peek() == Kind::invalid) return false;
      return fail(RejectCode::malformed, "A snapshot must be a JSON object.");
    }
    if (!cursor_.begin_object()) return false;
    std::string_view key_view;
    std::string key;
    while (cursor_.next_member(key_view)) {
      key.assign(key_view);  // the view lasts only until the next string
      if (!read_section(key)) return false;
    }
    return !cursor_.failed() && cursor_.at_end();
  }

  bool read_section(const std::string& key) {
    if (key == "format") return read_format();
    if (key == "counts") return read_counts();
    if (key == "session_rows") return read_list(key, [&] { return read_session_row(); }) && flush_session_group();
    if (key == "session_columns") return read_list(key, [&] { return cursor_.skip_value(); });
    const auto kind = parse_enum<EntityKind>(key);
    if (!kind || *kind == EntityKind::session) {
      if (cursor_.peek() == Kind::array) return fail(RejectCode::wrong_type, "Unexpected list \"" + key + "\".");
      return fail(RejectCode::wrong_type, "Snapshot field \"" + key + "\" must be a list.");
    }
    if (*kind == EntityKind::user)
      return read_list(key, [&] { return read_entity_object([&] { return read_user(); }); });
    if (*kind == EntityKind::pathway)
      return read_list(key, [&] { return read_entity_object([&] { return read_pathway(); }); });
    return read_list(key, [&] { return read_entity_object([&] { return read_other_entity(*kind); }); });
  }

  // A top-level list whose elements `read_element` reads.
  template <class ReadElement>
  bool read_list(const std::string& key, ReadElement read_element) {
    if (cursor_.peek() != Kind::array) {
      if (cursor_.peek() == Kind::invalid) return false;
      return fail(RejectCode::wrong_type, "Snapshot field \"" + key + "\" must be a list.");
    }
    if (!cursor_.begin_array()) return false;
    while (cursor_.next_element())
      if (!read_element()) return false;
    return !cursor_.failed();
  }

  // Entity lists hold objects.
  template <class ReadObject>
  bool read_entity_object(ReadObject read_object) {
    switch (cursor_.peek()) {
      case Kind::object:
        return read_object();
      case Kind::array:
        return fail(RejectCode::malformed, "An entity must be a JSON object.");
      case Kind::invalid:
        return false;
      default:
        return fail(RejectCode::wrong_type, "Snapshot lists hold objects or rows.");
    }
  }

  // Only a whole number naming a readable format.
  bool read_format() {
    const Kind kind = cursor_.peek();
    if (kind == Kind::invalid) return false;
    Number n;
    if (kind == Kind::number && !cursor_.read_number(n)) return false;
    const auto v = kind == Kind::number ? whole_number(n) : std::nullopt;
    saw_format_ = v && *v >= snapshot_format::oldest_readable && *v <= snapshot_format::current;
    return saw_format_ || fail(RejectCode::invalid_value, "Unknown snapshot format.");
  }

  // "counts" only sizes the maps: an unknown kind is ignored, and so is a count larger
  // than the document could hold (it must not make the reader allocate at will).
  bool read_counts() {
    if (cursor_.peek() != Kind::object) return cursor_.peek() != Kind::invalid && bad_counts();
    if (!cursor_.begin_object()) return false;
    std::string_view kind_name;
    while (cursor_.next_member(kind_name)) {
      const auto kind = parse_enum<EntityKind>(kind_name);
      if (cursor_.peek() != Kind::number) return cursor_.peek() != Kind::invalid && bad_counts();
      Number n;
      if (!cursor_.read_number(n)) return false;
      if (n.type != Number::Type::unsigned_integer) return bad_counts();
      if (kind && n.unsigned_value <= cursor_.text().size() / 8)
        reserve_for(state_, *kind, static_cast<std::size_t>(n.unsigned_value));
    }
    return !cursor_.failed();
  }
  bool bad_counts() { return fail(RejectCode::wrong_type, "Snapshot field \"counts\" must give each kind a number."); }

  bool commit(Entity entity) {
    state_.commit(Change{std::move(entity), false});
    return true;
  }

  bool read_user() {
    User u;
    std::optional<Rejection> problem;
    if (!read_user_record(cursor_, u, problem)) return false;
    if (problem) return fail(problem->code, std::move(problem->message));
    return commit(std::move(u));
  }

  bool read_pathway() {
    Pathway p;
    std::optional<Rejection> problem;
    if (!read_pathway_record(cursor_, p, problem)) return false;
    if (problem) return fail(problem->code, std::move(problem->message));
    return commit(std::move(p));
  }

  // Few and varied: checked as JSON by the cursor, then decoded as pulled data is.
  bool read_other_entity(EntityKind kind) {
    const std::size_t start = cursor_.position();
    if (!cursor_.skip_value()) return false;
    const auto value = nlohmann::json::parse(cursor_.text().substr(start, cursor_.position() - start), nullptr, false);
    auto entity = entity_from_data(kind, value);
    if (!entity) return fail(entity.rejection().code, entity.rejection().message);
    return commit(std::move(entity.value()));
  }

  // [SECTION] Session rows

  bool bad_row() { return fail(RejectCode::invalid_value, "A session row is malformed."); }

  // A row: [pathway, key, status, kind, duration_min, missed_reason, slot, start,
  // booking_no, extra, retired, cancelled_by, changed_at], trailing defaults left out. A cell of the
  // wrong type or range is reported once the row is read, so a syntax error later in the
  // row is what gets reported, as with any JSON reader; nesting is refused at once.
  //
  // Each row is read in place at the end of its pathway's group: its first cell says
  // whether it continues the group or the group is complete.
  bool read_session_row() {
    switch (cursor_.peek()) {
      case Kind::array:
        break;
      case Kind::object:
        return bad_row();
      case Kind::invalid:
        return false;
      default:
        return fail(RejectCode::wrong_type, "Snapshot lists hold objects or rows.");
    }
    if (!cursor_.begin_array()) return false;
    std::size_t size = 0;
    bool good = true;
    bool new_group = true;
    if (cursor_.next_element()) {
      const Kind kind = cursor_.peek();
      if (kind == Kind::object || kind == Kind::array) return bad_row();
      std::string_view pathway;
      if (kind == Kind::string) {
        if (!cursor_.read_string(pathway)) return false;
      } else {
        good = false;
        if (!cursor_.skip_value()) return false;
      }
      new_group = group_.empty() || pathway != group_.front().pathway;
      if (new_group) flush_session_group();
      group_.emplace_back().pathway.assign(pathway);
      size = 1;
    }
    if (size == 0) return cursor_.failed() ? false : bad_row();
    Session& s = group_.back();
    while (cursor_.next_element()) {
      if (size >= snapshot_format::session_columns.size()) return bad_row();
      const Kind kind = cursor_.peek();
      if (kind == Kind::object || kind == Kind::array) return bad_row();
      if (!read_session_cell(size, kind, s, good)) return false;
      ++size;
    }
    if (cursor_.failed()) return false;
    if (!good || size < 2 || s.pathway.empty() || s.key.empty()) return bad_row();
    if (new_group && !start_session_group()) return false;
    const Session& added = group_.back();  // `s` may have moved, into a split pathway's list
    for (std::size_t i = 0; i + 1 < group_.size(); ++i)
      if (group_[i].key == added.key)
        return fail(RejectCode::already_exists, "Session " + added.id() + " appears twice.");
    return true;
  }

  // Reads cell `column` into `s`; `good` turns false for a wrong value. The cases follow
  // snapshot_format::session_columns.
  static_assert(snapshot_format::session_columns.size() == 13);
  bool read_session_cell(std::size_t column, Kind kind, Session& s, bool& good) {
    auto text = [&](Id& out) {
      std::string_view v;
      if (kind != Kind::string) return (good = false, cursor_.skip_value());
      if (!cursor_.read_string(v)) return false;
      out.assign(v);
      return true;
    };
    auto integer = [&](long long lo, long long hi, auto& out) {
      Number n;
      if (kind != Kind::number) return (good = false, cursor_.skip_value());
      if (!cursor_.read_number(n)) return false;
      const auto v = whole_number(n);
      if (!v || *v < lo || *v > hi)
        good = false;
      else
        out = static_cast<std::remove_reference_t<decltype(out)>>(*v);
      return true;
    };
    auto flag = [&](bool& out) {
      if (kind != Kind::boolean) return (good = false, cursor_.skip_value());
      return cursor_.read_boolean(out);
    };
    long long start = 0;
    switch (column) {
      case 0:
        return text(s.pathway);
      case 1:
        return text(s.key);
      case 2:
        return integer(0, snapshot_format::max_status, s.status);
      case 3:
        return integer(0, snapshot_format::max_kind, s.kind);
      case 4:
        return integer(1, 24 * 60, s.duration_min);
      case 5:
        return integer(0, snapshot_format::max_missed_reason, s.missed_reason);
      case 6:
        return text(s.slot);
      case 7:
        if (!integer(0, unix_seconds(latest_time), start)) return false;
        s.start = start ? from_unix_seconds(start) : Time{};
        return true;
      case 8:
        return integer(0, 65535, s.booking_no);
      case 9:
        return flag(s.extra);
      case 10:
        return flag(s.retired);
      case 11:
        return text(s.cancelled_by);
      default:
        if (!integer(0, unix_seconds(latest_time), start)) return false;
        s.changed_at = start ? from_unix_seconds(start) : Time{};
        return true;
    }
  }

  // Rows come grouped by pathway. Each group is moved into the state as a list of
  // exactly its size: growing each list row by row left a quarter of every list as
  // slack (capacity 16 for 12 sessions, 60 MB for 1.2 million sessions), and shrinking
  // afterwards did not lower the resident size (the freed blocks stayed in the heap
  // between live ones). So each group is read into room for as many rows as the last
  // one had, and moves into the state whole when it filled that room exactly.
  std::vector<Session> group_;
  std::vector<Session>* group_list_ = nullptr;  // the group's list in the state

  // The group's only row is its first: check its pathway, and find its list.
  bool start_session_group() {
    const Session& first = group_.back();
    if (!state_.pathway(first.pathway))
      return fail(RejectCode::not_found, "Session " + first.id() + " names a pathway the snapshot lacks.");
    if (state_.sessions.empty()) state_.sessions.reserve(state_.pathways.size());
    // Element addresses in an unordered_map survive rehashing, so the pointer holds.
    group_list_ = &state_.sessions[first.pathway];
    if (!group_list_->empty()) {
      // A pathway whose rows were split: continue its list (and check keys against it).
      std::vector<Session> earlier = std::move(*group_list_);
      earlier.push_back(std::move(group_.back()));
      group_ = std::move(earlier);
    }
    return true;
  }

  // Moves the finished group into the state (true, for chaining).
  bool flush_session_group() {
    if (group_.empty()) return true;
    const std::size_t size = group_.size();
    if (group_.capacity() == size) {
      *group_list_ = std::move(group_);
    } else {
      std::vector<Session> exact;
      exact.reserve(size);
      std::move(group_.begin(), group_.end(), std::back_inserter(exact));
      *group_list_ = std::move(exact);
    }
    group_ = std::vector<Session>();
    group_.reserve(size);
    return true;
  }
};

}  // namespace

Result<State> load_snapshot(std::string_view text) { return SnapshotLoader(text).load(); }

}  // namespace pathways
