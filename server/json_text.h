// Appending JSON text to a string without building a JSON tree: for responses of
// thousands of entities, where nlohmann::json's tree of maps costs more than the data.
// The text is what nlohmann's dump(-1, ' ', false, replace) writes for the same values:
// strings escaped the same way (invalid UTF-8 replaced by U+FFFD), integers in decimal,
// no spaces. Keys are written in the order the caller gives them.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pathways::server::json_text {

// A JSON string literal, quotes included.
void append_string(std::string& out, std::string_view text);
void append_integer(std::string& out, std::int64_t value);

// One object: `{` at construction, `"key":value` pairs, `}` at close().
class Object {
 public:
  explicit Object(std::string& out) : out_(out) { out_ += '{'; }

  Object& string(std::string_view key, std::string_view value) {
    this->key(key);
    append_string(out_, value);
    return *this;
  }
  template <std::integral N>
  requires(!std::same_as<N, bool>) Object& integer(std::string_view key, N value) {
    this->key(key);
    append_integer(out_, static_cast<std::int64_t>(value));
    return *this;
  }
  Object& boolean(std::string_view key, bool value) {
    this->key(key);
    out_ += value ? "true" : "false";
    return *this;
  }
  Object& strings(std::string_view key, const std::vector<std::string>& values);
  // Starts the member; the caller appends its value. Keys are plain ASCII constants and
  // are written as they are.
  std::string& key(std::string_view key);
  void close() { out_ += '}'; }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace pathways::server::json_text
