#include "snapshot_records.h"

#include <array>
#include <string_view>

namespace pathways {
namespace {

// What a field held, as far as its checks care. Fields are judged only once the whole
// object is read, so that the problem reported is the first in entity_from_data's field
// order, and a later syntax error still wins as it did when the object was a JSON tree.
enum class Got : std::uint8_t { missing, null, value, wrong_type, bad_value };

struct FieldRule {
  std::string_view name;
  bool required;
  const char* type_need;   // "Field \"x\" must be <type_need>." for the wrong JSON type
  const char* value_need;  // … and for the right type with a wrong value
};

constexpr FieldRule text_field(std::string_view name, bool required = true) {
  return {name, required, "a string", "a string"};
}
constexpr FieldRule enum_field(std::string_view name) { return {name, true, "a string", "a known value"}; }
constexpr FieldRule flag_field(std::string_view name) { return {name, false, "true or false", "true or false"}; }
constexpr FieldRule time_field(std::string_view name) { return {name, false, "a time", "an RFC 3339 time"}; }
constexpr FieldRule ids_field(std::string_view name) { return {name, false, "a list of ids", "a list of ids"}; }

constexpr std::array user_rules{text_field("id"),           text_field("name"),     text_field("email", false),
                                enum_field("role"),         ids_field("companies"), flag_field("archived"),
                                time_field("last_activity")};
constexpr std::array pathway_rules{text_field("id"),         text_field("participant"), text_field("coach"),
                                   text_field("cohort"),     text_field("journey"),     flag_field("completed"),
                                   time_field("enrolled_at")};

// The index of `key` among the rules, or -1.
template <std::size_t N>
int field_index(const std::array<FieldRule, N>& rules, std::string_view key) {
  for (std::size_t i = 0; i < N; ++i)
    if (rules[i].name == key) return static_cast<int>(i);
  return -1;
}

template <std::size_t N>
std::optional<Rejection> first_problem(const std::array<FieldRule, N>& rules, const std::array<Got, N>& got) {
  for (std::size_t i = 0; i < N; ++i) {
    const FieldRule& rule = rules[i];
    auto refuse = [&](RejectCode code, std::string_view need) {
      return reject(code, "Field \"" + std::string(rule.name) + "\" " + std::string(need) + ".");
    };
    switch (got[i]) {
      case Got::value:
        break;
      case Got::missing:
        if (rule.required) return refuse(RejectCode::missing_field, "is required");
        break;
      case Got::null:  // an optional null is as good as absent; a required one is a wrong type
        if (rule.required) return refuse(RejectCode::wrong_type, std::string("must be ") + rule.type_need);
        break;
      case Got::wrong_type:
        return refuse(RejectCode::wrong_type, std::string("must be ") + rule.type_need);
      case Got::bad_value:
        return refuse(RejectCode::wrong_type, std::string("must be ") + rule.value_need);
    }
  }
  return std::nullopt;
}

// [SECTION] Values into fields. Each resets its field first: with a repeated key the
// last value counts, as in a JSON object.

// Null, or a value of the wrong type (skipped whole).
bool read_other(JsonCursor& cursor, Got& got) {
  if (cursor.peek() == JsonCursor::Kind::null) {
    got = Got::null;
    return cursor.read_null();
  }
  got = Got::wrong_type;
  return cursor.skip_value();
}

bool read_text(JsonCursor& cursor, std::string& out, Got& got) {
  out.clear();
  if (cursor.peek() != JsonCursor::Kind::string) return read_other(cursor, got);
  std::string_view text;
  if (!cursor.read_string(text)) return false;
  out.assign(text);
  got = Got::value;
  return true;
}

bool read_flag(JsonCursor& cursor, bool& out, Got& got) {
  out = false;
  if (cursor.peek() != JsonCursor::Kind::boolean) return read_other(cursor, got);
  got = Got::value;
  return cursor.read_boolean(out);
}

// An empty string is no time, as entity_from_data reads it.
bool read_time(JsonCursor& cursor, Time& out, Got& got) {
  out = Time{};
  if (cursor.peek() != JsonCursor::Kind::string) return read_other(cursor, got);
  std::string_view text;
  if (!cursor.read_string(text)) return false;
  got = Got::value;
  if (text.empty()) return true;
  if (auto t = parse_time(text))
    out = *t;
  else
    got = Got::bad_value;
  return true;
}

template <class E>
bool read_enum(JsonCursor& cursor, E& out, Got& got) {
  if (cursor.peek() != JsonCursor::Kind::string) return read_other(cursor, got);
  std::string_view text;
  if (!cursor.read_string(text)) return false;
  if (auto e = parse_enum<E>(text)) {
    out = *e;
    got = Got::value;
  } else {
    got = Got::bad_value;
  }
  return true;
}

// A list of strings; any other element makes the whole field wrong (read on, for syntax).
bool read_ids(JsonCursor& cursor, std::vector<Id>& out, Got& got) {
  out.clear();
  if (cursor.peek() != JsonCursor::Kind::array) return read_other(cursor, got);
  if (!cursor.begin_array()) return false;
  got = Got::value;
  while (cursor.next_element()) {
    if (cursor.peek() != JsonCursor::Kind::string) {
      got = Got::wrong_type;
      if (!cursor.skip_value()) return false;
      continue;
    }
    std::string_view id;
    if (!cursor.read_string(id)) return false;
    out.emplace_back(id);
  }
  return !cursor.failed();
}

// Walks the object's members, giving each known one to `read_field(index, got)`.
template <std::size_t N, class ReadField>
bool read_record(JsonCursor& cursor, const std::array<FieldRule, N>& rules, std::optional<Rejection>& problem,
                 ReadField read_field) {
  std::array<Got, N> got{};
  if (!cursor.begin_object()) return false;
  std::string_view key;
  while (cursor.next_member(key)) {
    const int i = field_index(rules, key);
    const bool ok = i < 0 ? cursor.skip_value() : read_field(i, got[static_cast<std::size_t>(i)]);
    if (!ok) return false;
  }
  if (cursor.failed()) return false;
  problem = first_problem(rules, got);
  return true;
}

}  // namespace

bool read_user_record(JsonCursor& cursor, User& u, std::optional<Rejection>& problem) {
  return read_record(cursor, user_rules, problem, [&](int field, Got& got) {
    switch (field) {
      case 0:
        return read_text(cursor, u.id, got);
      case 1:
        return read_text(cursor, u.name, got);
      case 2:
        return read_text(cursor, u.email, got);
      case 3:
        return read_enum(cursor, u.role, got);
      case 4:
        return read_ids(cursor, u.companies, got);
      case 5:
        return read_flag(cursor, u.archived, got);
      default:
        return read_time(cursor, u.last_activity, got);
    }
  });
}

bool read_pathway_record(JsonCursor& cursor, Pathway& p, std::optional<Rejection>& problem) {
  return read_record(cursor, pathway_rules, problem, [&](int field, Got& got) {
    switch (field) {
      case 0:
        return read_text(cursor, p.id, got);
      case 1:
        return read_text(cursor, p.participant, got);
      case 2:
        return read_text(cursor, p.coach, got);
      case 3:
        return read_text(cursor, p.cohort, got);
      case 4:
        return read_text(cursor, p.journey, got);
      case 5:
        return read_flag(cursor, p.completed, got);
      default:
        return read_time(cursor, p.enrolled_at, got);
    }
  });
}

}  // namespace pathways
