// JsonCursor accepts exactly the JSON nlohmann/json accepts, classes numbers as it does,
// decodes strings as it does, and fails (never crashes) on anything else.
#include "core/json_cursor.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace pathways;

namespace {

// The whole text as one JSON value, read by the cursor.
bool cursor_accepts(std::string_view text) {
  JsonCursor cursor(text);
  return cursor.skip_value() && cursor.at_end();
}

bool nlohmann_accepts(std::string_view text) { return nlohmann::json::accept(text); }

const std::vector<std::string> samples{
    // Good
    R"({"a":[1,-2,3.5,1e3,-0,0.0e-1,true,false,null,"x"],"b":{}})",
    R"([])",
    R"({})",
    R"("\u00e9\ud83d\ude00\n\t\"\\\/\b\f\r")",
    " \t\r\n[ 1 , 2 ] \n",
    "\xEF\xBB\xBF{\"bom\":1}",
    "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "-18446744073709551616",
    "1e-400",
    "[1.5e308, -2E+10, 0.000001]",
    "[[[[[[[[[[]]]]]]]]]]",
    // Bad
    "1e400",
    "-1.8e308",
    "1" + std::string(400, '0'),
    "",
    " ",
    "[1,]",
    "{\"a\":1,}",
    "{,}",
    "[,1]",
    "{\"a\" 1}",
    "{\"a\":}",
    "{1:2}",
    "[1 2]",
    "01",
    "-",
    "1.",
    ".5",
    "1e",
    "1e+",
    "+1",
    "tru",
    "truex",
    "nul",
    "NaN",
    "\"abc",
    "\"a\x01\"",
    "\"\\x\"",
    "\"\\u12\"",
    "\"\\ud83d\"",
    "\"\\ude00\"",
    "\"\\ud83d\\u0041\"",
    "\"\xC0\xAF\"",          // overlong
    "\"\xED\xA0\x80\"",      // an encoded surrogate
    "\"\xF4\x90\x80\x80\"",  // above U+10FFFF
    "\"\xE2\x82\"",          // cut short
    "\"\x80\"",
    "[1]]",
    "{}{}",
    "[\"a\"",
    "{\"a\":[",
    std::string("[1,\0]", 5),
    "\xEF\xBB{}",
};

}  // namespace

TEST_CASE("json cursor: accepts what nlohmann/json accepts, nothing else") {
  for (const std::string& text : samples) CHECK_MESSAGE(cursor_accepts(text) == nlohmann_accepts(text), text);
}

TEST_CASE("json cursor: every one-byte change of a document is judged as nlohmann/json judges it") {
  const std::string base =
      R"({"k":["s\u00e9",-12,3.25e-2,true,false,null,{"x":[]}],"e":"\ud83d\ude00","n":18446744073709551615})";
  const std::string replacements = "{}[]\",:-+.eE0159tfnul\\/ \x01\x7f\x80\xC3\xE2\xF0";
  int compared = 0;
  for (std::size_t i = 0; i < base.size(); ++i) {
    for (char r : replacements) {
      std::string text = base;
      text[i] = r;
      CHECK_MESSAGE(cursor_accepts(text) == nlohmann_accepts(text), text);
      ++compared;
    }
    // And every prefix: a document cut short is refused.
    CHECK(cursor_accepts(std::string_view(base).substr(0, i)) == false);
  }
  CHECK(compared > 1000);
}

TEST_CASE("json cursor: walks objects and arrays and reads scalars") {
  JsonCursor c(R"( {"name":"Ann\u00e9e", "n":[7,-3,2.5,99999999999999999999], "on":true, "none":null} )");
  REQUIRE(c.begin_object());
  std::string_view key, text;
  REQUIRE(c.next_member(key));
  CHECK(key == "name");
  CHECK(c.peek() == JsonCursor::Kind::string);
  REQUIRE(c.read_string(text));
  CHECK(text ==
        "Ann\xC3\xA9"
        "e");
  REQUIRE(c.next_member(key));
  CHECK(key == "n");
  REQUIRE(c.begin_array());
  using Type = JsonCursor::Number::Type;
  std::vector<JsonCursor::Number> numbers;
  while (c.next_element()) {
    JsonCursor::Number n;
    REQUIRE(c.read_number(n));
    numbers.push_back(n);
  }
  REQUIRE(numbers.size() == 4);
  CHECK((numbers[0].type == Type::unsigned_integer && numbers[0].unsigned_value == 7));
  CHECK((numbers[1].type == Type::signed_integer && numbers[1].signed_value == -3));
  CHECK(numbers[2].type == Type::floating);
  CHECK(numbers[3].type == Type::floating);  // beyond 64 bits, as nlohmann/json has it
  REQUIRE(c.next_member(key));
  bool on = false;
  CHECK(c.peek() == JsonCursor::Kind::boolean);
  REQUIRE(c.read_boolean(on));
  CHECK(on);
  REQUIRE(c.next_member(key));
  CHECK(c.peek() == JsonCursor::Kind::null);
  REQUIRE(c.read_null());
  CHECK_FALSE(c.next_member(key));
  CHECK_FALSE(c.failed());
  CHECK(c.at_end());
}

TEST_CASE("json cursor: a failure sticks, and reading the wrong kind fails") {
  JsonCursor c(R"(["a", 1])");
  REQUIRE(c.begin_array());
  REQUIRE(c.next_element());
  JsonCursor::Number n;
  CHECK_FALSE(c.read_number(n));  // a string is next
  CHECK(c.failed());
  std::string_view s;
  CHECK_FALSE(c.read_string(s));
  CHECK_FALSE(c.next_element());
  CHECK(c.peek() == JsonCursor::Kind::invalid);
}

TEST_CASE("json cursor: deep nesting is skipped without recursion") {
  const std::size_t depth = 200000;
  const std::string deep = std::string(depth, '[') + std::string(depth, ']');
  CHECK(cursor_accepts(deep));
  CHECK_FALSE(cursor_accepts(deep.substr(0, deep.size() - 1)));
  std::string objects;
  for (std::size_t i = 0; i < depth; ++i) objects += "{\"a\":";
  objects += "1" + std::string(depth, '}');
  CHECK(cursor_accepts(objects));
}
