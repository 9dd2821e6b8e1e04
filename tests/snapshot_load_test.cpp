// Loading snapshots: what save_snapshot writes (format 3) and format 2 load back into the
// same state, and every bad document is refused with a reason: never an exception, never
// a crash. (The reading of users and pathways against entity_from_data is checked in
// entity_codec_test.cpp.)
#include "core/snapshot.h"

#include <nlohmann/json.hpp>

#include "core/entity_codec.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// The fixture world with some of everything: a booking, a marking, a note, a grant, mail,
// and names that need escapes and multi-byte UTF-8.
World busy_world() {
  World w = make_world();
  w.book("pa/s1", -hours(2));
  w.must(coach, MarkAttendance{"pa/s1", Outcome::missed, MissedReason::no_show});
  w.must(coach, AddNote{"pa/s1", "n1", {"Said \"later\"\nthen left \\ \xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80"}});
  w.must(admin, GrantSessions{"pa", "g1", 1, {"PO"}, {"Why"}});
  w.book("pb/pod1", days(3));
  User odd = *w.state.user("bob");
  odd.name = "Bob \"the\" Builder\t\xE2\x82\xAC";
  odd.archived = true;
  w.state.commit(Change{odd});
  return w;
}

// A document with one pathway "p" (and its people) before `session_rows`.
std::string with_rows(const std::string& rows) {
  return R"({"format":3,"pathway":[{"id":"p","participant":"a","coach":"c","cohort":"k","journey":"j"}],)"
         R"("session_rows":[)" +
         rows + "]}";
}

struct BadDocument {
  std::string text;
  RejectCode code;
};

}  // namespace

TEST_CASE("snapshot load: a saved state loads back the same, however the text is spaced") {
  World w = busy_world();
  const std::string text = save_snapshot(w.state);
  auto loaded = load_snapshot(text);
  REQUIRE(loaded);
  CHECK(save_snapshot(loaded.value()) == text);
  CHECK(loaded->user("bob")->name == w.state.user("bob")->name);
  CHECK(loaded->note("n1")->text == w.state.note("n1")->text);
  CHECK(loaded->session("pb/pod1")->status == SessionStatus::booked);
  CHECK(loaded->session("pb/pod1")->start == w.state.session("pb/pod1")->start);
  CHECK(loaded->ids(loaded->pathways_by_cohort, "c1").size() == 2);
  CHECK(loaded->ids(loaded->leads_by_company, "acme").size() == 1);
  CHECK(loaded->sessions_of("pa").size() == w.state.sessions_of("pa").size());

  // Pretty-printed, with escapes where plain characters were: the same state.
  const auto doc = nlohmann::json::parse(text);
  auto pretty = load_snapshot(doc.dump(2, ' ', true));
  REQUIRE(pretty);
  CHECK(save_snapshot(pretty.value()) == text);
}

TEST_CASE("snapshot load: format 2 (no counts) loads the same state") {
  World w = busy_world();
  const std::string text = save_snapshot(w.state);
  auto doc = nlohmann::json::parse(text);
  doc.erase("counts");
  doc["format"] = 2;
  auto old = load_snapshot(doc.dump());
  REQUIRE(old);
  CHECK(save_snapshot(old.value()) == text);
}

TEST_CASE("snapshot load: bad documents are refused with a reason") {
  const std::string pathway = R"({"id":"p","participant":"a","coach":"c","cohort":"k","journey":"j"})";
  const std::vector<BadDocument> table{
      // Not JSON, or not a snapshot
      {"", RejectCode::malformed},
      {"   ", RejectCode::malformed},
      {"[]", RejectCode::malformed},
      {"3", RejectCode::malformed},
      {R"({"format":3)", RejectCode::malformed},
      {R"({"format":3} {})", RejectCode::malformed},
      {R"({"format":3,})", RejectCode::malformed},
      {"{\"format\":3,\"company\":[{\"id\":\"c\",\"name\":\"\xC0\xAF\"}]}", RejectCode::malformed},
      {"{\"format\":3,\"user\":[{\"id\":\"u\",\"name\":\"\\q\",\"role\":\"admin\"}]}", RejectCode::malformed},
      {"{\"format\":3,\"user\":[{\"id\":\"u\",\"name\":\"a\x01\",\"role\":\"admin\"}]}", RejectCode::malformed},
      // The format
      {"{}", RejectCode::invalid_value},
      {R"({"format":1})", RejectCode::invalid_value},
      {R"({"format":4})", RejectCode::invalid_value},
      {R"({"format":"3"})", RejectCode::invalid_value},
      {R"({"format":3.0})", RejectCode::invalid_value},
      {R"({"format":null})", RejectCode::invalid_value},
      {R"({"format":[3]})", RejectCode::invalid_value},
      {R"({"format":18446744073709551617})", RejectCode::invalid_value},
      // Counts
      {R"({"format":3,"counts":[]})", RejectCode::wrong_type},
      {R"({"format":3,"counts":7})", RejectCode::wrong_type},
      {R"({"format":3,"counts":{"user":-1}})", RejectCode::wrong_type},
      {R"({"format":3,"counts":{"user":1.5}})", RejectCode::wrong_type},
      {R"({"format":3,"counts":{"user":{}}})", RejectCode::wrong_type},
      // Sections
      {R"({"format":3,"wizard":[]})", RejectCode::wrong_type},
      {R"({"format":3,"wizard":1})", RejectCode::wrong_type},
      {R"({"format":3,"session":[]})", RejectCode::wrong_type},
      {R"({"format":3,"user":{}})", RejectCode::wrong_type},
      {R"({"format":3,"session_rows":"none"})", RejectCode::wrong_type},
      {R"({"format":3,"session_columns":{}})", RejectCode::wrong_type},
      // Entities
      {R"({"format":3,"user":[[]]})", RejectCode::malformed},
      {R"({"format":3,"company":[[]]})", RejectCode::malformed},
      {R"({"format":3,"user":[1]})", RejectCode::wrong_type},
      {R"({"format":3,"slot":["s"]})", RejectCode::wrong_type},
      {R"({"format":3,"company":[{"id":"c"}]})", RejectCode::missing_field},
      {R"({"format":3,"user":[{"id":"u","name":"U"}]})", RejectCode::missing_field},
      {R"({"format":3,"user":[{"id":"u","name":"U","role":"admin","archived":"no"}]})", RejectCode::wrong_type},
      {R"({"format":3,"pathway":[{"id":"p","participant":"a","coach":"c","cohort":"k"}]})", RejectCode::missing_field},
      {R"({"format":3,"pathway":[{"id":"p","participant":"a","coach":"c","cohort":"k","journey":7}]})",
       RejectCode::wrong_type},
      {R"({"format":3,"pathway":[{"id":"p","participant":"a","coach":"c","cohort":"k","journey":"j","enrolled_at":"soon"}]})",
       RejectCode::wrong_type},
      // Session rows
      {with_rows(R"(["p"])"), RejectCode::invalid_value},
      {with_rows(R"([])"), RejectCode::invalid_value},
      {with_rows(R"(["","k"])"), RejectCode::invalid_value},
      {with_rows(R"(["p",""])"), RejectCode::invalid_value},
      {with_rows(R"(["p",1])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",9])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",-1])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",1.0])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",null])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k","1"])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,2])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,0,0])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,0,1441])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,0,60,4])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,0,60,0,7])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,0,60,0,"",-5])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,0,60,0,"",99999999999])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,0,60,0,"",0,65536])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,0,60,0,"",0,18446744073709551615])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,0,60,0,"",0,0,"yes"])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,0,60,0,"",0,0,false,1])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,0,60,0,"",0,0,false,false,0])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",0,0,60,0,"",0,0,false,false,"",""])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",[1]])"), RejectCode::invalid_value},
      {with_rows(R"(["p","k",{}])"), RejectCode::invalid_value},
      {with_rows(R"({"p":"k"})"), RejectCode::invalid_value},
      {with_rows(R"("p")"), RejectCode::wrong_type},
      {with_rows(R"(["q","k"])"), RejectCode::not_found},
      {with_rows(R"(["p","k"],["p","k"])"), RejectCode::already_exists},
      // A bad cell, then text that is not JSON: the JSON error is reported.
      {R"({"format":3,"pathway":[)" + pathway + R"(],"session_rows":[["p","k",9 x]]})", RejectCode::malformed},
  };
  for (const BadDocument& bad : table) {
    auto loaded = load_snapshot(bad.text);
    REQUIRE_MESSAGE(!loaded, bad.text);
    CHECK_MESSAGE(loaded.rejection().code == bad.code, bad.text, " -> ", loaded.rejection().message);
    CHECK_MESSAGE(!loaded.rejection().message.empty(), bad.text);
  }
  // The good neighbours of those rows load.
  CHECK(load_snapshot(with_rows(R"(["p","k",0,0,1440,3,"s",32503679999,65535,true,true,"x"])")));
  CHECK(load_snapshot(with_rows(R"(["p","k"],["p","l"])")));
}

TEST_CASE("snapshot load: pathways read as entity_from_data reads them") {
  const std::vector<std::string> pathways{
      R"({"id":"p","participant":"a","coach":"c","cohort":"k","journey":"j","completed":true,"enrolled_at":"2026-11-02T10:00:00+01:00","x":[{"y":null}]})",
      R"({"id":"p","participant":"a","coach":"c","cohort":"k","journey":"j","completed":null,"enrolled_at":""})",
      R"({"id":"p","participant":"a","coach":"c","cohort":"old","cohort":"k","journey":"j"})",
      R"({"id":"p","participant":"a","coach":"c","cohort":"k","journey":"j","completed":"yes"})",
      R"({"id":"p","participant":"a","coach":"c","cohort":"k","journey":"j","enrolled_at":5})",
      R"({"id":"p","participant":null,"coach":"c","cohort":"k","journey":"j"})",
      R"({"participant":"a","coach":[],"cohort":"k","journey":"j"})",
      R"({"id":"p","participant":"a","coach":"c","cohort":"k","journey":"j","completed":true,"completed":false})",
  };
  for (const std::string& text : pathways) {
    const auto data = nlohmann::json::parse(text);
    auto want = entity_from_data(EntityKind::pathway, data);
    auto got = load_snapshot(R"({"format":3,"pathway":[)" + text + "]}");
    REQUIRE_MESSAGE(bool(got) == bool(want), text);
    if (!want) {
      CHECK_MESSAGE(got.rejection().message == want.rejection().message, text);
      CHECK(got.rejection().code == want.rejection().code);
      continue;
    }
    const Pathway& w = std::get<Pathway>(want.value());
    const Pathway* g = got->pathway("p");
    REQUIRE(g);
    CHECK(g->participant == w.participant);
    CHECK(g->coach == w.coach);
    CHECK(g->cohort == w.cohort);
    CHECK(g->journey == w.journey);
    CHECK(g->completed == w.completed);
    CHECK(g->enrolled_at == w.enrolled_at);
  }
}

TEST_CASE("snapshot load: a document cut short or with a byte changed is refused, never crashes") {
  World w = busy_world();
  const std::string text = save_snapshot(w.state);
  for (std::size_t n = 0; n < text.size(); ++n) {
    auto cut = load_snapshot(std::string_view(text).substr(0, n));
    REQUIRE_MESSAGE(!cut, n);
    CHECK(cut.rejection().code == RejectCode::malformed);
  }
  // Any change that leaves no JSON is refused (as not JSON, or for a wrong value met
  // before the text goes wrong); others may load or be refused.
  for (std::size_t i = 0; i < text.size(); i += 3) {
    for (char c : {'"', ']', '9', '\x80'}) {
      std::string changed = text;
      changed[i] = c;
      auto loaded = load_snapshot(changed);
      if (!nlohmann::json::accept(changed)) CHECK_MESSAGE(!loaded, changed);
    }
  }
}

TEST_CASE("snapshot load: oversized counts and deep unknown fields do not hurt") {
  World w = make_world();
  auto doc = nlohmann::json::parse(save_snapshot(w.state));
  doc["counts"]["pathway"] = 18446744073709551615ULL;
  doc["counts"]["session"] = 1ULL << 40;
  CHECK(load_snapshot(doc.dump()));

  const std::size_t depth = 100000;
  const std::string deep = std::string(depth, '[') + std::string(depth, ']');
  auto loaded = load_snapshot(R"({"format":3,"user":[{"id":"u","name":"U","role":"admin","deep":)" + deep + "}]}");
  REQUIRE(loaded);
  CHECK(loaded->user("u"));
  CHECK_FALSE(
      load_snapshot(R"({"format":3,"user":[{"id":"u","name":"U","role":"admin","deep":)" + deep.substr(1) + "}]}"));
}
