// An entity's `data` in a pull change, as JSON text: byte for byte what the core's
// entity_data(state, entity, &viewer).dump() gives (core/entity_codec.h is the definition;
// tests/server/pull_equivalence_test.cpp holds the two together), written straight into
// the response. nlohmann's objects are ordered maps, so keys come in byte order here too.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "core/state.h"
#include "server/viewer_scope.h"

namespace pathways::server {

class EntityJsonWriter {
 public:
  explicit EntityJsonWriter(const ViewerScope& scope);

  void append(std::string& out, const Entity& entity) const;
  void append(std::string& out, const Company& entity) const;
  void append(std::string& out, const Project& entity) const;
  void append(std::string& out, const Journey& entity) const;
  void append(std::string& out, const Cohort& entity) const;
  void append(std::string& out, const User& entity) const;
  void append(std::string& out, const Pathway& entity) const;
  void append(std::string& out, const Session& entity) const;
  void append(std::string& out, const Slot& entity) const;
  void append(std::string& out, const Grant& entity) const;
  void append(std::string& out, const Note& entity) const;
  void append(std::string& out, const OutboxMessage& entity) const;
  void append(std::string& out, const Escalation& entity) const;

 private:
  std::string_view time(Time t) const;       // core format_time
  std::string_view time_text(Time t) const;  // empty for an unset time, as the core writes it

  const ViewerScope& scope_;
  mutable std::unordered_map<long long, std::string> times_;
};

}  // namespace pathways::server
