#include "snapshot.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "entity_codec.h"

namespace pathways {
namespace {

using json = nlohmann::json;

constexpr int snapshot_format = 2;

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
  enum class Type : std::uint8_t { missing, string, integer, boolean, other } type = Type::missing;
  std::string text;
  long long number = 0;
};
using SessionRow = std::array<Cell, session_columns.size()>;

// Reads a row into a Session; false on any wrong value. Missing trailing cells keep
// the defaults.
bool read_session_row(const SessionRow& row, std::size_t size, Session& s) {
  if (size < 2 || size > row.size()) return false;
  auto str = [&](std::size_t i, Id& out) {
    if (i >= size) return true;
    if (row[i].type != Cell::Type::string) return false;
    out = row[i].text;
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

template <class Map>
std::vector<const typename Map::mapped_type*> sorted_by_id(const Map& map) {
  std::vector<const typename Map::mapped_type*> values;
  values.reserve(map.size());
  for (const auto& [id, value] : map) values.push_back(&value);
  std::sort(values.begin(), values.end(), [&](const auto* a, const auto* b) { return id_of(Entity{*a}) < id_of(Entity{*b}); });
  return values;
}

}  // namespace

std::string save_snapshot(const State& state) {
  // Sorted by id, so equal states give equal documents (diffable, testable).
  json doc = json::object();
  doc["format"] = snapshot_format;
  auto add = [&](const auto& map) {
    std::vector<const Id*> ids;
    ids.reserve(map.size());
    for (const auto& [id, value] : map) ids.push_back(&id);
    std::sort(ids.begin(), ids.end(), [](const Id* a, const Id* b) { return *a < *b; });
    if (ids.empty()) return;
    json& list = doc[std::string(to_string(kind_of(Entity{map.begin()->second})))];
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
// JSON tree. Entities other than sessions are small trees built one at a time; session
// rows are read straight into Sessions.
class SnapshotReader final : public json::json_sax_t {
 public:
  State state;
  std::optional<Rejection> error;
  bool saw_format = false;

  bool null() override { return in_row() ? cell(Cell::Type::other) : scalar(json(nullptr)); }
  bool boolean(bool v) override { return in_row() ? cell(Cell::Type::boolean, v ? 1 : 0) : scalar(json(v)); }
  bool number_integer(number_integer_t v) override {
    return in_row() ? cell(Cell::Type::integer, v) : scalar(json(v));
  }
  bool number_unsigned(number_unsigned_t v) override {
    if (in_row()) return v > 1ULL << 62 ? cell(Cell::Type::other) : cell(Cell::Type::integer, static_cast<long long>(v));
    return scalar(json(v));
  }
  bool number_float(number_float_t v, const string_t&) override { return in_row() ? cell(Cell::Type::other) : scalar(json(v)); }
  bool string(string_t& v) override {
    if (!in_row()) return scalar(json(std::move(v)));
    if (row_size_ >= row_.size()) return bad_row();
    row_[row_size_].text.swap(v);
    return cell(Cell::Type::string);
  }
  bool binary(binary_t&) override { return fail(RejectCode::malformed, "Unexpected binary value."); }

  bool start_object(std::size_t) override {
    if (section_ == Section::session_rows) return bad_row();
    if (depth_ == 0) {
      ++depth_;
      return true;
    }
    return open(json::object());
  }
  bool start_array(std::size_t) override {
    if (depth_ == 1) {
      ++depth_;
      return section_ != Section::none || fail(RejectCode::wrong_type, "Unexpected list \"" + key_ + "\".");
    }
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
    } else {
      pending_key_ = k;
    }
    return true;
  }
  bool end_object() override {
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
    if (depth_ == 2 && stack_.empty()) {
      --depth_;
      section_ = Section::none;
      return true;
    }
    return close();
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return fail(RejectCode::malformed, "The snapshot is not valid JSON.");
  }

 private:
  enum class Section { none, entities, session_rows, session_columns };
  Section section_ = Section::none;
  EntityKind kind_ = EntityKind::company;
  int depth_ = 0;
  std::string key_, pending_key_;
  std::vector<json> stack_;  // the entity or row being built, and its open containers

  Section section_of(const std::string& k) {
    if (k == "session_rows") return Section::session_rows;
    if (k == "session_columns") return Section::session_columns;
    if (k == "format") return Section::none;
    for (std::size_t i = 0; i < EnumNames<EntityKind>::names.size(); ++i)
      if (k == EnumNames<EntityKind>::names[i] && static_cast<EntityKind>(i) != EntityKind::session) {
        kind_ = static_cast<EntityKind>(i);
        return Section::entities;
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
    if (depth_ == 1) {
      if (key_ == "format") {
        saw_format = v.is_number_integer() && v.get<long long>() == snapshot_format;
        return saw_format || fail(RejectCode::invalid_value, "Unknown snapshot format.");
      }
      return fail(RejectCode::wrong_type, "Snapshot field \"" + key_ + "\" must be a list.");
    }
    if (stack_.empty()) {
      if (section_ == Section::session_columns) return true;
      return fail(RejectCode::wrong_type, "Snapshot lists hold objects or rows.");
    }
    add(std::move(v));
    return true;
  }

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
    if (section_ == Section::session_columns) return true;
    auto e = entity_from_data(kind_, value);
    if (!e) return fail(e.rejection().code, e.rejection().message);
    state.commit(Change{std::move(e.value()), false});
    return true;
  }

  std::vector<std::string> pending_;  // keys of the containers on the stack
  bool in_row_ = false;
  SessionRow row_;
  std::size_t row_size_ = 0;

  bool in_row() const { return in_row_; }
  bool cell(Cell::Type type, long long number = 0) {
    if (row_size_ >= row_.size()) return bad_row();
    row_[row_size_].type = type;
    row_[row_size_].number = number;
    ++row_size_;
    return true;
  }
  bool bad_row() { return fail(RejectCode::invalid_value, "A session row is malformed."); }

  bool finish_session_row() {
    Session s;
    if (!read_session_row(row_, row_size_, s)) return bad_row();
    // Rows come grouped by pathway: look the pathway up once per group.
    if (!current_sessions_ || s.pathway != current_pathway_) {
      if (!state.pathway(s.pathway))
        return fail(RejectCode::not_found, "Session " + s.id() + " names a pathway the snapshot lacks.");
      if (state.sessions.empty()) state.sessions.reserve(state.pathways.size());
      current_pathway_ = s.pathway;
      current_sessions_ = &state.sessions[s.pathway];
    }
    auto& list = *current_sessions_;
    if (std::any_of(list.begin(), list.end(), [&](const Session& other) { return other.key == s.key; }))
      return fail(RejectCode::already_exists, "Session " + s.id() + " appears twice.");
    list.push_back(std::move(s));
    return true;
  }
  Id current_pathway_;
  std::vector<Session>* current_sessions_ = nullptr;
};

}  // namespace

Result<State> load_snapshot(std::string_view text) {
  SnapshotReader reader;
  const bool ok = json::sax_parse(text.begin(), text.end(), &reader, json::input_format_t::json, true);
  if (!ok || reader.error) return reader.error.value_or(reject(RejectCode::malformed, "The snapshot is not valid JSON."));
  if (!reader.saw_format) return reject(RejectCode::invalid_value, "Unknown snapshot format.");
  for (auto& [pathway, sessions] : reader.state.sessions) sessions.shrink_to_fit();  // growth slack is a third
  return std::move(reader.state);
}

}  // namespace pathways
