#include "server/json_text.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

namespace pathways::server::json_text {
namespace {

// Plain ASCII that JSON takes as it is: the common case of ids, enums and most names.
bool plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

}  // namespace

void append_string(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && plain(static_cast<unsigned char>(text[i]))) ++i;
  if (i == text.size()) {
    const std::size_t at = out.size();
    out.resize(at + text.size() + 2);
    char* p = out.data() + at;
    *p++ = '"';
    p = std::copy(text.begin(), text.end(), p);
    *p = '"';
    return;
  }
  bool ascii = true;
  for (char c : text.substr(i)) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (!ascii) {
    // UTF-8 is checked and repaired exactly as nlohmann does it: let it.
    out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char hex[] = "0123456789abcdef";
          out += "\\u00";
          out += hex[(c >> 4) & 0xf];
          out += hex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_integer(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

std::string& Object::key(std::string_view key) {
  // Keys are the caller's constants, plain ASCII: no escaping to do.
  const std::size_t at = out_.size();
  out_.resize(at + key.size() + 4);
  char* p = out_.data() + at;
  if (!first_) *p++ = ',';
  first_ = false;
  *p++ = '"';
  p = std::copy(key.begin(), key.end(), p);
  *p++ = '"';
  *p++ = ':';
  out_.resize(static_cast<std::size_t>(p - out_.data()));
  return out_;
}

Object& Object::strings(std::string_view key, const std::vector<std::string>& values) {
  this->key(key);
  out_ += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out_ += ',';
    append_string(out_, values[i]);
  }
  out_ += ']';
  return *this;
}

}  // namespace pathways::server::json_text
