// Reading a field of JSON that came from outside (the server, the browser's store) without
// trusting its type: a missing field, a field of another type or a document that is not an
// object all give the fallback. nlohmann's value() would throw on a wrong type, and the
// client is built without exceptions.
#pragma once

#include <cstdint>
#include <string>

#include "nlohmann/json.hpp"

namespace pathways {

inline std::string json_field(const nlohmann::json& object, const char* key, const char* fallback) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string(fallback);
}

inline std::string json_field(const nlohmann::json& object, const char* key, const std::string& fallback) {
  return object.is_object() && object.contains(key) && object[key].is_string() ? object[key].get<std::string>()
                                                                               : fallback;
}

inline bool json_field(const nlohmann::json& object, const char* key, bool fallback) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

inline std::int64_t json_field(const nlohmann::json& object, const char* key, std::int64_t fallback) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

}  // namespace pathways
