// A strict JSON reader that the caller walks value by value, for documents whose shape
// the caller knows (snapshots). It accepts exactly what nlohmann/json accepts (RFC 8259,
// UTF-8 checked, an optional leading byte order mark), copies nothing it need not:
// strings without escapes are views into the text, and nothing is allocated per value.
// It never throws and never recurses, so no input can exhaust the stack. After the
// first syntax error every call fails and `failed()` stays true.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pathways {

class JsonCursor {
 public:
  enum class Kind : std::uint8_t { object, array, string, number, boolean, null, invalid };

  // A number as nlohmann/json classes it: negative integers are signed, others unsigned;
  // a fraction, an exponent or an integer too large for 64 bits makes it floating. One
  // too large for a double is refused, as nlohmann/json refuses it.
  struct Number {
    enum class Type : std::uint8_t { signed_integer, unsigned_integer, floating } type = Type::floating;
    long long signed_value = 0;
    unsigned long long unsigned_value = 0;
    double floating_value = 0;
  };

  explicit JsonCursor(std::string_view text);

  // What the next value is, from its first character; `invalid` at a syntax error.
  Kind peek();

  // Containers. After begin_object, each next_member() reads ", key :" (or the first key)
  // and returns true, or reads "}" and returns false; arrays likewise with next_element().
  // A false return with failed() set means a syntax error instead of the end.
  bool begin_object();
  bool next_member(std::string_view& key);
  bool begin_array();
  bool next_element();

  // Scalars. A string view lasts until the next string is read (escaped strings are
  // decoded into a buffer the cursor reuses).
  bool read_string(std::string_view& out);
  bool read_number(Number& out);
  bool read_boolean(bool& out);
  bool read_null();

  // Reads and checks any value without keeping it.
  bool skip_value();

  // True when only whitespace is left (the value read was the whole document).
  bool at_end();

  bool failed() const { return failed_; }
  // Where the next unread character is: with `text()`, the span of a value just read.
  std::size_t position() const { return pos_; }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  bool failed_ = false;
  bool just_opened_ = false;  // the last token was "{" or "[": no comma before the next
  std::string scratch_;       // decoded escaped strings

  bool fail();
  void skip_whitespace();
  bool expect(char c);
  bool next_in_container(char close);
  bool read_literal(std::string_view word);
  bool read_floating(std::string_view token, Number& out);
  bool decode_escaped(std::size_t from, std::string_view& out);
  bool check_utf8(std::size_t& i);
};

}  // namespace pathways
