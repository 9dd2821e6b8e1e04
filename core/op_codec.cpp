// Op codec: one generic reader and writer driven by each op's visit_fields list.
#include "op_codec.h"

#include <nlohmann/json.hpp>

#include "names.h"

namespace pathways {
namespace {

using json = nlohmann::json;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct is_text : std::false_type {};
template <std::size_t N>
struct is_text<Text<N>> : std::true_type {};

template <class T>
constexpr std::string_view type_word() {
  if constexpr (std::is_same_v<T, bool>)
    return "true or false";
  else if constexpr (std::is_same_v<T, int>)
    return "a whole number";
  else if constexpr (std::is_same_v<T, Time>)
    return "an RFC 3339 UTC time";
  else if constexpr (std::is_enum_v<T>)
    return "one of the listed words";
  else if constexpr (std::is_same_v<T, std::vector<Id>>)
    return "a list of ids";
  else
    return "a string";
}

std::string field_error(std::string_view field, std::string_view need) {
  return "Field \"" + std::string(field) + "\" must be " + std::string(need) + ".";
}

Check read_value(const json& v, std::string_view field, Id& out) {
  if (!v.is_string()) return reject(RejectCode::wrong_type, field_error(field, "a string id"));
  const auto& s = v.get_ref<const std::string&>();
  if (!valid_id(s))
    return reject(RejectCode::invalid_value, field_error(field, "an id of 1-64 letters, digits or - _ . : @ + /"));
  out = s;
  return std::nullopt;
}

template <std::size_t N>
Check read_value(const json& v, std::string_view field, Text<N>& out) {
  if (!v.is_string()) return reject(RejectCode::wrong_type, field_error(field, "a string"));
  const auto& s = v.get_ref<const std::string&>();
  // Counted in characters, as people count them (core/names.h); at most 4 bytes each.
  if (s.size() > N && (s.size() > 4 * N || character_count(s) > N))
    return reject(RejectCode::invalid_value, field_error(field, "at most " + std::to_string(N) + " characters"));
  out.value = s;
  return std::nullopt;
}

Check read_value(const json& v, std::string_view field, int& out) {
  if (!v.is_number_integer()) return reject(RejectCode::wrong_type, field_error(field, "a whole number"));
  if (v.is_number_unsigned()) {
    const auto n = v.get<std::uint64_t>();
    if (n > 1000000) return reject(RejectCode::invalid_value, field_error(field, "at most 1000000"));
    out = static_cast<int>(n);
    return std::nullopt;
  }
  const auto n = v.get<std::int64_t>();
  if (n < -1000000 || n > 1000000)
    return reject(RejectCode::invalid_value, field_error(field, "between -1000000 and 1000000"));
  out = static_cast<int>(n);
  return std::nullopt;
}

Check read_value(const json& v, std::string_view field, bool& out) {
  if (!v.is_boolean()) return reject(RejectCode::wrong_type, field_error(field, "true or false"));
  out = v.get<bool>();
  return std::nullopt;
}

Check read_value(const json& v, std::string_view field, Time& out) {
  if (!v.is_string()) return reject(RejectCode::wrong_type, field_error(field, "an RFC 3339 time string"));
  auto t = parse_time(v.get_ref<const std::string&>());
  if (!t) return reject(RejectCode::invalid_value, field_error(field, "an RFC 3339 time such as 2026-11-22T10:00:00Z"));
  out = *t;
  return std::nullopt;
}

Check read_value(const json& v, std::string_view field, std::vector<Id>& out) {
  if (!v.is_array()) return reject(RejectCode::wrong_type, field_error(field, "a list of ids"));
  if (v.size() > 1000) return reject(RejectCode::invalid_value, field_error(field, "at most 1000 ids"));
  out.clear();
  for (const auto& item : v) {
    Id id;
    if (auto no = read_value(item, field, id)) return no;
    out.push_back(std::move(id));
  }
  return std::nullopt;
}

template <class E>
requires std::is_enum_v<E> Check read_value(const json& v, std::string_view field, E& out) {
  if (!v.is_string()) return reject(RejectCode::wrong_type, field_error(field, "a string"));
  auto e = parse_enum<E>(v.get_ref<const std::string&>());
  if (!e) {
    std::string words;
    for (const auto* n : EnumNames<E>::names)
      if (*n) words += std::string(words.empty() ? "" : ", ") + n;
    return reject(RejectCode::invalid_value, field_error(field, "one of: " + words));
  }
  out = *e;
  return std::nullopt;
}

template <class T>
Check read_field(const json& obj, std::string_view field, T& out) {
  auto it = obj.find(field);
  if constexpr (is_optional<T>::value) {
    if (it == obj.end() || it->is_null()) {
      out.reset();
      return std::nullopt;
    }
    typename T::value_type value{};
    if (auto no = read_value(*it, field, value)) return no;
    out = std::move(value);
    return std::nullopt;
  } else {
    if (it == obj.end()) return reject(RejectCode::missing_field, "Field \"" + std::string(field) + "\" is required.");
    return read_value(*it, field, out);
  }
}

template <class T>
json write_value(const T& v) {
  if constexpr (is_text<T>::value)
    return v.value;
  else if constexpr (std::is_same_v<T, Time>)
    return format_time(v);
  else if constexpr (std::is_enum_v<T>)
    return std::string(to_string(v));
  else
    return v;
}

template <class OpT>
Result<OpBody> read_body(const json& obj) {
  OpT op{};
  Check verdict;
  std::size_t known = 3;  // seq, at, type
  OpT::visit_fields(op, [&](std::string_view name, auto& member) {
    if (verdict) return;
    if (obj.contains(name)) ++known;
    verdict = read_field(obj, name, member);
  });
  if (verdict) return *verdict;
  if (known != obj.size()) {
    // Name the first field nobody asked for.
    for (auto item = obj.begin(); item != obj.end(); ++item) {
      const std::string& key = item.key();  // a plain name: lambdas cannot capture bindings in clang 14
      bool listed = key == "seq" || key == "at" || key == "type";
      OpT::visit_fields(op, [&](std::string_view name, auto&) { listed = listed || name == key; });
      if (!listed)
        return reject(RejectCode::unknown_field,
                      "Field \"" + key + "\" is not part of " + std::string(to_string(OpT::type)) + ".");
    }
  }
  return OpBody{std::move(op)};
}

template <std::size_t... I>
Result<OpBody> read_body_of(OpType type, const json& obj, std::index_sequence<I...>) {
  using Reader = Result<OpBody> (*)(const json&);
  static constexpr Reader readers[] = {&read_body<std::variant_alternative_t<I, OpBody>>...};
  return readers[static_cast<std::size_t>(type)](obj);
}

}  // namespace

Result<Op> decode_op_value(const json& obj) {
  if (!obj.is_object()) return reject(RejectCode::malformed, "An op must be a JSON object.");
  auto type_it = obj.find("type");
  if (type_it == obj.end()) return reject(RejectCode::missing_field, "Field \"type\" is required.");
  if (!type_it->is_string()) return reject(RejectCode::wrong_type, "Field \"type\" must be a string.");
  auto type = parse_enum<OpType>(type_it->get_ref<const std::string&>());
  if (!type) {
    std::string shown = type_it->get_ref<const std::string&>().substr(0, 40);
    return reject(RejectCode::unknown_op, "\"" + json(shown).dump(-1, ' ', false, json::error_handler_t::replace) +
                                              "\" is not an op this server knows.");
  }
  Op op;
  auto seq_it = obj.find("seq");
  if (seq_it == obj.end()) return reject(RejectCode::missing_field, "Field \"seq\" is required.");
  if (!seq_it->is_number_integer()) return reject(RejectCode::wrong_type, "Field \"seq\" must be a whole number.");
  const bool in_range =
      seq_it->is_number_unsigned() ? seq_it->get<std::uint64_t>() - 1 < (1ULL << 53) : seq_it->get<std::int64_t>() >= 1;
  if (!in_range) return reject(RejectCode::invalid_value, "Field \"seq\" must be between 1 and 2^53.");
  op.seq = seq_it->get<std::int64_t>();
  if (auto no = read_field(obj, "at", op.at)) return *no;
  auto body = read_body_of(*type, obj, std::make_index_sequence<std::variant_size_v<OpBody>>{});
  if (!body) return body.rejection();
  op.body = std::move(body.value());
  return op;
}

Result<Op> decode_op(std::string_view bytes) {
  if (bytes.size() > max_op_bytes)
    return reject(RejectCode::malformed, "An op may be at most " + std::to_string(max_op_bytes) + " bytes.");
  json value = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return reject(RejectCode::malformed, "The op is not valid JSON.");
  return decode_op_value(value);
}

json encode_op(const Op& op) {
  json out = json::object();
  out["seq"] = op.seq;
  out["at"] = format_time(op.at);
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        out["type"] = std::string(to_string(T::type));
        T::visit_fields(body, [&](std::string_view name, const auto& member) {
          using M = std::decay_t<decltype(member)>;
          if constexpr (is_optional<M>::value) {
            if (member) out[std::string(name)] = write_value(*member);
          } else {
            out[std::string(name)] = write_value(member);
          }
        });
      },
      op.body);
  return out;
}

std::string encode_op_text(const Op& op) { return encode_op(op).dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace pathways
