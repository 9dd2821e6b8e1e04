#include "json_cursor.h"

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdlib>

namespace pathways {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

}  // namespace

JsonCursor::JsonCursor(std::string_view text) : text_(text) {
  // nlohmann/json skips a UTF-8 byte order mark at the start; so does this reader.
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool JsonCursor::fail() {
  failed_ = true;
  return false;
}

void JsonCursor::skip_whitespace() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
    ++pos_;
  }
}

bool JsonCursor::expect(char c) {
  skip_whitespace();
  if (failed_ || pos_ >= text_.size() || text_[pos_] != c) return fail();
  ++pos_;
  return true;
}

JsonCursor::Kind JsonCursor::peek() {
  skip_whitespace();
  if (failed_ || pos_ >= text_.size()) return Kind::invalid;
  const char c = text_[pos_];
  if (c == '{') return Kind::object;
  if (c == '[') return Kind::array;
  if (c == '"') return Kind::string;
  if (c == '-' || is_digit(c)) return Kind::number;
  if (c == 't' || c == 'f') return Kind::boolean;
  if (c == 'n') return Kind::null;
  return Kind::invalid;
}

bool JsonCursor::begin_object() {
  if (!expect('{')) return false;
  just_opened_ = true;
  return true;
}

bool JsonCursor::begin_array() {
  if (!expect('[')) return false;
  just_opened_ = true;
  return true;
}

// True when another element follows (its comma read), false at the closing bracket or
// at an error.
bool JsonCursor::next_in_container(char close) {
  skip_whitespace();
  if (failed_ || pos_ >= text_.size()) return fail();
  const char c = text_[pos_];
  if (c == close) {
    ++pos_;
    just_opened_ = false;
    return false;
  }
  if (just_opened_) {
    just_opened_ = false;
    return true;
  }
  if (c != ',') return fail();
  ++pos_;
  return true;
}

bool JsonCursor::next_member(std::string_view& key) {
  if (!next_in_container('}')) return false;
  return read_string(key) && expect(':');
}

bool JsonCursor::next_element() { return next_in_container(']'); }

bool JsonCursor::read_string(std::string_view& out) {
  if (!expect('"')) return false;
  const std::size_t start = pos_;
  std::size_t i = pos_;
  while (i < text_.size()) {
    const auto c = static_cast<unsigned char>(text_[i]);
    if (c == '"') {
      out = text_.substr(start, i - start);
      pos_ = i + 1;
      return true;
    }
    if (c == '\\') return decode_escaped(start, out);
    if (c < 0x20) return fail();  // control characters must be escaped
    if (c < 0x80)
      ++i;
    else if (!check_utf8(i))
      return fail();
  }
  return fail();
}

// The string from `start` has escapes: it is rebuilt, decoded, in the scratch buffer.
bool JsonCursor::decode_escaped(std::size_t start, std::string_view& out) {
  scratch_.clear();
  std::size_t i = start;
  auto read_hex4 = [&](std::uint32_t& code) {
    if (i + 4 > text_.size()) return false;
    code = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int h = hex_value(text_[i + k]);
      if (h < 0) return false;
      code = code * 16 + static_cast<std::uint32_t>(h);
    }
    i += 4;
    return true;
  };
  while (i < text_.size()) {
    const auto c = static_cast<unsigned char>(text_[i]);
    if (c == '"') {
      out = scratch_;
      pos_ = i + 1;
      return true;
    }
    if (c < 0x20) return fail();
    if (c >= 0x80) {
      const std::size_t from = i;
      if (!check_utf8(i)) return fail();
      scratch_.append(text_.substr(from, i - from));
      continue;
    }
    if (c != '\\') {
      scratch_.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (++i >= text_.size()) return fail();
    const char e = text_[i++];
    switch (e) {
      case '"':
        scratch_.push_back('"');
        break;
      case '\\':
        scratch_.push_back('\\');
        break;
      case '/':
        scratch_.push_back('/');
        break;
      case 'b':
        scratch_.push_back('\b');
        break;
      case 'f':
        scratch_.push_back('\f');
        break;
      case 'n':
        scratch_.push_back('\n');
        break;
      case 'r':
        scratch_.push_back('\r');
        break;
      case 't':
        scratch_.push_back('\t');
        break;
      case 'u': {
        std::uint32_t code = 0;
        if (!read_hex4(code)) return fail();
        if (code >= 0xDC00 && code <= 0xDFFF) return fail();  // a low surrogate alone
        if (code >= 0xD800 && code <= 0xDBFF) {
          // A high surrogate must be followed by an escaped low one.
          std::uint32_t low = 0;
          if (i + 2 > text_.size() || text_[i] != '\\' || text_[i + 1] != 'u') return fail();
          i += 2;
          if (!read_hex4(low) || low < 0xDC00 || low > 0xDFFF) return fail();
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(scratch_, code);
        break;
      }
      default:
        return fail();
    }
  }
  return fail();
}

// Checks the UTF-8 sequence starting at i (a byte >= 0x80) as RFC 3629 defines it (no
// overlong forms, no surrogates, nothing above U+10FFFF) and moves i past it.
bool JsonCursor::check_utf8(std::size_t& i) {
  const auto byte = [&](std::size_t k) -> unsigned {
    return i + k < text_.size() ? static_cast<unsigned char>(text_[i + k]) : 0u;
  };
  const auto in = [](unsigned b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
  const unsigned b0 = byte(0);
  std::size_t length = 0;
  if (in(b0, 0xC2, 0xDF)) {
    length = in(byte(1), 0x80, 0xBF) ? 2 : 0;
  } else if (b0 == 0xE0) {
    length = in(byte(1), 0xA0, 0xBF) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
  } else if (in(b0, 0xE1, 0xEC) || in(b0, 0xEE, 0xEF)) {
    length = in(byte(1), 0x80, 0xBF) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
  } else if (b0 == 0xED) {
    length = in(byte(1), 0x80, 0x9F) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
  } else if (b0 == 0xF0) {
    length = in(byte(1), 0x90, 0xBF) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
  } else if (in(b0, 0xF1, 0xF3)) {
    length = in(byte(1), 0x80, 0xBF) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
  } else if (b0 == 0xF4) {
    length = in(byte(1), 0x80, 0x8F) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
  }
  i += length;
  return length > 0;
}

bool JsonCursor::read_number(Number& out) {
  skip_whitespace();
  if (failed_) return false;
  std::size_t i = pos_;
  const bool negative = i < text_.size() && text_[i] == '-';
  if (negative) ++i;
  if (i >= text_.size() || !is_digit(text_[i])) return fail();
  // Magnitude, while it fits: beyond 64 bits the number is floating, as in nlohmann/json.
  unsigned long long magnitude = 0;
  bool fits = true;
  if (text_[i] == '0') {
    ++i;
  } else {
    for (; i < text_.size() && is_digit(text_[i]); ++i) {
      const auto d = static_cast<unsigned>(text_[i] - '0');
      if (magnitude > (~0ULL - d) / 10)
        fits = false;
      else
        magnitude = magnitude * 10 + d;
    }
  }
  bool integral = true;
  if (i < text_.size() && text_[i] == '.') {
    integral = false;
    ++i;
    if (i >= text_.size() || !is_digit(text_[i])) return fail();
    while (i < text_.size() && is_digit(text_[i])) ++i;
  }
  if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
    integral = false;
    ++i;
    if (i < text_.size() && (text_[i] == '+' || text_[i] == '-')) ++i;
    if (i >= text_.size() || !is_digit(text_[i])) return fail();
    while (i < text_.size() && is_digit(text_[i])) ++i;
  }
  const std::size_t start = pos_;
  pos_ = i;
  out = Number{};
  if (!integral || !fits) return read_floating(text_.substr(start, i - start), out);
  if (!negative) {
    out.type = Number::Type::unsigned_integer;
    out.unsigned_value = magnitude;
  } else if (magnitude <= (1ULL << 63)) {
    out.type = Number::Type::signed_integer;
    out.signed_value = magnitude == (1ULL << 63) ? static_cast<long long>(-9223372036854775807LL - 1)
                                                 : -static_cast<long long>(magnitude);
  } else {
    return read_floating(text_.substr(start, i - start), out);
  }
  return true;
}

// nlohmann/json refuses a number too large for a double, so this reader does too. Rare
// in snapshots, so a copy for strtod costs nothing that matters.
bool JsonCursor::read_floating(std::string_view token, Number& out) {
  std::string text(token);
  // strtod reads the locale's decimal point, as nlohmann/json arranges for too.
  const char point = *std::localeconv()->decimal_point;
  std::replace(text.begin(), text.end(), '.', point);
  out.floating_value = std::strtod(text.c_str(), nullptr);
  return std::isfinite(out.floating_value) || fail();
}

bool JsonCursor::read_literal(std::string_view word) {
  skip_whitespace();
  if (failed_ || text_.substr(pos_, word.size()) != word) return fail();
  pos_ += word.size();
  return true;
}

bool JsonCursor::read_boolean(bool& out) {
  skip_whitespace();
  if (failed_ || pos_ >= text_.size()) return fail();
  out = text_[pos_] == 't';
  return read_literal(out ? "true" : "false");
}

bool JsonCursor::read_null() { return read_literal("null"); }

bool JsonCursor::skip_value() {
  // Open containers' closing brackets, innermost last: a loop, not recursion, so depth
  // is bounded by memory, not by the stack.
  std::string open;
  std::string_view ignored;
  Number number;
  bool flag = false;
  for (;;) {
    switch (peek()) {
      case Kind::object:
        if (!begin_object()) return false;
        open.push_back('}');
        break;
      case Kind::array:
        if (!begin_array()) return false;
        open.push_back(']');
        break;
      case Kind::string:
        if (!read_string(ignored)) return false;
        break;
      case Kind::number:
        if (!read_number(number)) return false;
        break;
      case Kind::boolean:
        if (!read_boolean(flag)) return false;
        break;
      case Kind::null:
        if (!read_null()) return false;
        break;
      case Kind::invalid:
        return fail();
    }
    // Find the next value to read, closing the containers that end here.
    for (;;) {
      if (open.empty()) return true;
      const bool more = open.back() == '}' ? next_member(ignored) : next_element();
      if (failed_) return false;
      if (more) break;
      open.pop_back();
    }
  }
}

bool JsonCursor::at_end() {
  skip_whitespace();
  return !failed_ && pos_ == text_.size();
}

}  // namespace pathways
