// Names people type (core/text_rules.h): counted in characters, one line, valid UTF-8.
#include "core/text_rules.h"

#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {
std::string repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}
}  // namespace

TEST_CASE("names: character_count counts code points and refuses what is not UTF-8 (RFC 3629)") {
  CHECK(character_count("") == 0);
  CHECK(character_count("Zoë O'Brien") == 11);
  CHECK(character_count("\xF0\x9F\x98\x80 ok") == 4);  // U+1F600, a space, two letters
  CHECK(character_count("\xE2\x82\xAC") == 1);         // €
  const auto npos = std::string_view::npos;
  CHECK(character_count("\x80") == npos);                    // a continuation byte first
  CHECK(character_count("\xC0\xAF") == npos);                // an overlong '/'
  CHECK(character_count("\xE0\x80\xAF") == npos);            // overlong, three bytes
  CHECK(character_count("\xED\xA0\x80") == npos);            // a UTF-16 surrogate
  CHECK(character_count("\xF4\x90\x80\x80") == npos);        // above U+10FFFF
  CHECK(character_count("\xE2\x82") == npos);                // cut short
  CHECK(character_count(std::string_view("a\0b", 3)) == 3);  // counted; check_name refuses it
}

TEST_CASE("names: check_name counts characters, not bytes, and keeps a name on one line") {
  CHECK_FALSE(check_name("Leadership 101", "A journey needs a name."));
  CHECK_FALSE(check_name("Dr \"Quotes\" & Co, ünïcödé 🚀", "x"));
  // 200 emoji are 800 bytes but 200 characters: accepted; 201 are refused, saying how many.
  CHECK_FALSE(check_name(repeat("\xF0\x9F\x9A\x80", 200), "x"));
  const Check long_one = check_name(repeat("\xF0\x9F\x9A\x80", 201), "x");
  REQUIRE(long_one);
  CHECK(long_one->code == RejectCode::invalid_value);
  CHECK(long_one->message == "A name is at most 200 characters; this one has 201.");

  const Check empty = check_name("   ", "A journey needs a name.");
  REQUIRE(empty);
  CHECK(empty->message == "A journey needs a name.");
  CHECK(check_name("", "x"));

  for (const char* bad : {"two\nlines", "tab\there", "cr\rhere", "bell\x07"}) {
    CAPTURE(bad);
    const Check one_line = check_name(bad, "x");
    REQUIRE(one_line);
    CHECK(one_line->message == "A name is one line: no line breaks, tabs or control characters.");
  }
  CHECK(check_name(std::string_view("nul\0x", 5), "x"));
  const Check not_utf8 = check_name("caf\xE9", "x");  // Latin-1 é
  REQUIRE(not_utf8);
  CHECK(not_utf8->message == "This name is not valid UTF-8 text.");
}

TEST_CASE("names: set-up ops refuse blank, multi-line and overlong names with the core's sentence") {
  World w = make_world();
  CHECK(w.run(admin, CreateCompany{"rocket", {"Rocket 🚀 \"Ltd\""}}) == "applied");
  CHECK(w.run(admin, CreateCompany{"blank", {"  "}}) == "invalid_value");
  CHECK(w.run(admin, CreateCompany{"lines", {"Acme\nLtd"}}) == "invalid_value");
  CHECK(w.run(admin, CreateCompany{"long", {repeat("é", 201)}}) == "invalid_value");
  CHECK(w.run(admin, CreateCompany{"fits", {repeat("é", 200)}}) == "applied");
  CHECK(w.run(admin, UpdateCompany{"rocket", {repeat("x", 201)}}) == "invalid_value");
  CHECK(w.state.company("rocket")->name == "Rocket 🚀 \"Ltd\"");
}
