// Entity codec, driven by each entity's field list (core/entity_fields.h). Field names
// are the wire format's; change them only with the protocol version (core/protocol.h).
#include "entity_codec.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "entity_fields.h"

namespace pathways {
namespace {

using json = nlohmann::json;

// [SECTION] Writing

// The shown fields of `e` as a JSON object (`scope` null: all stored fields).
template <class T>
json fields_json(const State& state, const Scope* scope, const T& e) {
  json d = json::object();
  EntityFields<T>::visit(e, [&](const Field& field, const auto& v) {
    using M = std::decay_t<decltype(v)>;
    if (!shows_field(field, scope, e)) return;
    if constexpr (is_derived<M>) {
      d[std::string(field.name)] = v.compute(state);
    } else if constexpr (std::is_same_v<M, Time>) {
      d[std::string(field.name)] = v == Time{} && !field.epoch_unset ? std::string() : format_time(v);
    } else if constexpr (std::is_enum_v<M>) {
      d[std::string(field.name)] = to_string(v);
    } else if constexpr (std::is_same_v<M, std::vector<Placeholder>>) {
      json list = json::array();
      if (scope) {
        for (const Placeholder* p : scope->shown_placeholders(owner_journey(e, v)))
          list.push_back(fields_json(state, scope, *p));
      } else {
        for (const Placeholder& p : v) list.push_back(fields_json(state, scope, p));
      }
      d[std::string(field.name)] = std::move(list);
    } else if constexpr (std::is_same_v<M, std::optional<std::vector<Placeholder>>>) {
      if (!v) return;  // R9: no draft is no field
      json list = json::array();
      for (const Placeholder& p : *v) list.push_back(fields_json(state, scope, p));
      d[std::string(field.name)] = std::move(list);
    } else {
      if constexpr (requires { v.empty(); })
        if (field.omit_empty && v.empty()) return;
      d[std::string(field.name)] = v;
    }
  });
  return d;
}

// [SECTION] Reading helpers that collect the first error instead of throwing.

struct Reader {
  const json& data;
  std::optional<Rejection> error;

  const json* at(const char* key) {
    if (error) return nullptr;
    auto it = data.find(key);
    if (it == data.end()) {
      error = reject(RejectCode::missing_field, std::string("Field \"") + key + "\" is required.");
      return nullptr;
    }
    return &*it;
  }
  const json* maybe(const char* key) {
    auto it = data.find(key);
    return it == data.end() || it->is_null() ? nullptr : &*it;
  }
  void fail(const char* key, const char* need) {
    if (!error) error = reject(RejectCode::wrong_type, std::string("Field \"") + key + "\" must be " + need + ".");
  }
  void str(const char* key, std::string& out, bool required) {
    const json* v = required ? at(key) : maybe(key);
    if (!v) return;
    if (v->is_string())
      out = v->get<std::string>();
    else
      fail(key, "a string");
  }
  void integer(const char* key, int& out, bool required) {
    const json* v = required ? at(key) : maybe(key);
    if (!v) return;
    if (v->is_number_integer() && v->get<long long>() >= -1000000 && v->get<long long>() <= 1000000)
      out = v->get<int>();
    else
      fail(key, "a whole number");
  }
  void boolean(const char* key, bool& out) {
    const json* v = maybe(key);
    if (!v) return;
    if (v->is_boolean())
      out = v->get<bool>();
    else
      fail(key, "true or false");
  }
  void time(const char* key, Time& out) {
    const json* v = maybe(key);
    if (!v) return;
    if (!v->is_string()) return fail(key, "a time");
    const auto& s = v->get_ref<const std::string&>();
    if (s.empty()) return;
    if (auto t = parse_time(s))
      out = *t;
    else
      fail(key, "an RFC 3339 time");
  }
  template <class E>
  void enumeration(const char* key, E& out, bool required) {
    const json* v = required ? at(key) : maybe(key);
    if (!v) return;
    if (!v->is_string()) return fail(key, "a string");
    const auto& s = v->get_ref<const std::string&>();
    if (s.empty() && !required) return;
    if (auto e = parse_enum<E>(s))
      out = *e;
    else
      fail(key, "a known value");
  }
  void ids(const char* key, std::vector<Id>& out) {
    const json* v = maybe(key);
    if (!v) return;
    if (!v->is_array()) return fail(key, "a list of ids");
    for (const auto& item : *v) {
      if (!item.is_string()) return fail(key, "a list of ids");
      out.push_back(item.get<std::string>());
    }
  }

  // Every listed field of `e`, in list order; the first problem is kept.
  template <class T>
  void fields(T& e);
  void placeholders(const char* key, std::vector<Placeholder>& out);
};

template <class T>
void Reader::fields(T& e) {
  EntityFields<T>::visit(e, [&](const Field& field, auto& v) {
    using M = std::decay_t<decltype(v)>;
    const std::string name(field.name);  // nlohmann's find takes a key
    const char* key = name.c_str();
    if constexpr (std::is_same_v<M, std::string>) {
      str(key, v, field.required);
    } else if constexpr (std::is_same_v<M, int>) {
      integer(key, v, field.required);
    } else if constexpr (std::is_same_v<M, std::uint16_t>) {
      int n = 0;
      integer(key, n, field.required);
      v = static_cast<std::uint16_t>(std::clamp(n, 0, 65535));
    } else if constexpr (std::is_same_v<M, bool>) {
      boolean(key, v);
    } else if constexpr (std::is_same_v<M, Time>) {
      time(key, v);
    } else if constexpr (std::is_enum_v<M>) {
      enumeration(key, v, field.required);
    } else if constexpr (std::is_same_v<M, std::vector<Id>>) {
      ids(key, v);
    } else if constexpr (std::is_same_v<M, std::optional<std::vector<Placeholder>>>) {
      if (!maybe(key)) return;  // absent or null: no draft
      v.emplace();
      placeholders(key, *v);
    } else {
      static_assert(std::is_same_v<M, std::vector<Placeholder>>);
      placeholders(key, v);
    }
  });
}

void Reader::placeholders(const char* key, std::vector<Placeholder>& out) {
  const json* ps = at(key);
  if (!ps) return;
  if (!ps->is_array()) return fail(key, "a list");
  for (const auto& pj : *ps) {
    if (!pj.is_object()) return fail(key, "a list of objects");
    Reader pr{pj, std::nullopt};
    Placeholder p;
    pr.fields(p);
    if (pr.error) {
      if (!error) error = pr.error;
      return;
    }
    out.push_back(std::move(p));
  }
}

template <class T>
Result<T> decode(const json& data) {
  if (!data.is_object()) return reject(RejectCode::malformed, "An entity must be a JSON object.");
  Reader r{data, std::nullopt};
  T e{};
  r.fields(e);
  if constexpr (std::is_same_v<T, Cohort>) std::sort(e.blueprint.begin(), e.blueprint.end());
  if (r.error) return *r.error;
  return e;
}

}  // namespace

json entity_data(const State& state, const Entity& entity, const User* viewer) {
  if (!viewer) return std::visit([&](const auto& e) { return fields_json(state, nullptr, e); }, entity);
  const Scope scope(state, *viewer);
  return entity_data(scope, entity);
}

json entity_data(const Scope& scope, const Entity& entity) {
  return std::visit([&](const auto& e) { return fields_json(scope.state(), &scope, e); }, entity);
}

json placeholder_data(const Placeholder& p) { return fields_json(State{}, nullptr, p); }

Result<Placeholder> placeholder_from_data(const json& data) { return decode<Placeholder>(data); }

Result<Entity> entity_from_data(EntityKind kind, const json& data) {
  if (static_cast<std::size_t>(kind) >= std::variant_size_v<Entity>)
    return reject(RejectCode::invalid_value, "Unknown entity kind.");
  std::optional<Result<Entity>> out;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((static_cast<std::size_t>(kind) == I ? (void)(out = [&]() -> Result<Entity> {
       auto e = decode<std::variant_alternative_t<I, Entity>>(data);
       if (!e) return e.rejection();
       return Entity{std::move(e.value())};
     }())
                                          : void()),
     ...);
  }
  (std::make_index_sequence<std::variant_size_v<Entity>>{});
  return std::move(*out);
}

}  // namespace pathways
