// An entity's `data` in a pull change, as JSON text written straight into the response:
// byte for byte what the core's entity_data(scope, entity).dump() gives. Both walk the
// entity's field list (core/entity_fields.h) and ask the core's Scope the same redaction
// questions; this writer only shapes bytes (json_text), it decides nothing.
// tests/server/pull_equivalence_test.cpp compares the two for every viewer.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "core/scope.h"
#include "core/state.h"

namespace pathways::server {

class EntityJsonWriter {
 public:
  // Borrows `scope` for the writer's life.
  explicit EntityJsonWriter(const Scope& scope) : scope_(scope) {}

  // Appends the entity's data object to `out`.
  void append(std::string& out, const Entity& entity) const;
  template <class T>
  void append(std::string& out, const T& entity) const;

 private:
  std::string_view time(Time t) const;  // core format_time, each distinct time formatted once

  const Scope& scope_;
  mutable std::unordered_map<long long, std::string> times_;
};

}  // namespace pathways::server
