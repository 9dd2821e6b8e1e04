#include "snapshot_records.h"

#include <array>
#include <cassert>
#include <string_view>

#include "entity_fields.h"

namespace pathways {
namespace {

// What a field held, as far as its checks care. Fields are judged only once the whole
// object is read, so that the problem reported is the first in entity_from_data's field
// order, and a later syntax error still wins as it did when the object was a JSON tree.
enum class Got : std::uint8_t { missing, null, value, wrong_type, bad_value };

// What a field of member type M needs, for the messages: "Field \"x\" must be <type_need>."
// for the wrong JSON type, <value_need> for the right type with a wrong value. As in
// entity_from_data, only text and enums can be required.
template <class M>
struct Needs;
template <>
struct Needs<std::string> {
  static constexpr const char* type = "a string";
  static constexpr const char* value = "a string";
};
template <>
struct Needs<bool> {
  static constexpr const char* type = "true or false";
  static constexpr const char* value = "true or false";
};
template <>
struct Needs<Time> {
  static constexpr const char* type = "a time";
  static constexpr const char* value = "an RFC 3339 time";
};
template <>
struct Needs<std::vector<Id>> {
  static constexpr const char* type = "a list of ids";
  static constexpr const char* value = "a list of ids";
};
template <class M>
requires std::is_enum_v<M>
struct Needs<M> {
  static constexpr const char* type = "a string";
  static constexpr const char* value = "a known value";
};

// Room for the stored fields of any entity (a record has at most 16).
constexpr std::size_t max_fields = 16;

// The first problem among the fields, in list order (entity_from_data's).
template <class T>
std::optional<Rejection> first_problem(T& e, const std::array<Got, max_fields>& got) {
  std::optional<Rejection> problem;
  std::size_t i = 0;
  EntityFields<T>::visit(e, [&](const Field& field, auto& member) {
    using M = std::decay_t<decltype(member)>;
    const Got g = got[i++];
    if (problem) return;
    auto refuse = [&](RejectCode code, std::string_view need) {
      problem = reject(code, "Field \"" + std::string(field.name) + "\" " + std::string(need) + ".");
    };
    const bool required = field.required && (std::is_same_v<M, std::string> || std::is_enum_v<M>);
    switch (g) {
      case Got::value:
        break;
      case Got::missing:
        if (required) refuse(RejectCode::missing_field, "is required");
        break;
      case Got::null:  // an optional null is as good as absent; a required one is a wrong type
        if (required) refuse(RejectCode::wrong_type, std::string("must be ") + Needs<M>::type);
        break;
      case Got::wrong_type:
        refuse(RejectCode::wrong_type, std::string("must be ") + Needs<M>::type);
        break;
      case Got::bad_value:
        refuse(RejectCode::wrong_type, std::string("must be ") + Needs<M>::value);
        break;
    }
  });
  return problem;
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

bool read_member(JsonCursor& cursor, std::string& out, Got& got) { return read_text(cursor, out, got); }
bool read_member(JsonCursor& cursor, bool& out, Got& got) { return read_flag(cursor, out, got); }
bool read_member(JsonCursor& cursor, Time& out, Got& got) { return read_time(cursor, out, got); }
bool read_member(JsonCursor& cursor, std::vector<Id>& out, Got& got) { return read_ids(cursor, out, got); }
template <class E>
requires std::is_enum_v<E>
bool read_member(JsonCursor& cursor, E& out, Got& got) { return read_enum(cursor, out, got); }

// Walks the object's members, reading each listed one into its field of `e`; unknown
// members are checked as JSON and skipped.
template <class T>
bool read_record(JsonCursor& cursor, T& e, std::optional<Rejection>& problem) {
  std::array<Got, max_fields> got{};
  if (!cursor.begin_object()) return false;
  std::string_view key;
  while (cursor.next_member(key)) {
    bool found = false, ok = true;
    std::size_t i = 0;
    EntityFields<T>::visit(e, [&](const Field& field, auto& member) {
      assert(i < max_fields);
      if (!found && field.name == key) {
        found = true;
        ok = read_member(cursor, member, got[i]);
      }
      ++i;
    });
    if (!found) ok = cursor.skip_value();
    if (!ok) return false;
  }
  if (cursor.failed()) return false;
  problem = first_problem(e, got);
  return true;
}

}  // namespace

bool read_user_record(JsonCursor& cursor, User& u, std::optional<Rejection>& problem) {
  return read_record(cursor, u, problem);
}

bool read_pathway_record(JsonCursor& cursor, Pathway& p, std::optional<Rejection>& problem) {
  return read_record(cursor, p, problem);
}

}  // namespace pathways
