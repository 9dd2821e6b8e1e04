// Golden scenarios (tests/golden/scenarios.json): the same file is replayed here, natively
// and in WebAssembly, and by the server suite over HTTP, so all three agree on every rule.
#include <nlohmann/json.hpp>

#include "fixture.h"
#include "tests/golden_file.h"

using namespace pathways;
using namespace pathways::testing;
using json = nlohmann::json;

namespace {

// Runs one {actor, at, op} entry; returns "applied" or the rejection code.
std::string run_entry(World& w, const json& entry, std::int64_t seq) {
  const Time at = *golden::relative_time(entry.at("at").get<std::string>(), now);
  json op = golden::resolve_times(entry.at("op"), now);
  op["seq"] = seq;
  op["at"] = format_time(at);
  auto decoded = decode_op_value(op);
  if (!decoded) return std::string(to_string(decoded.rejection().code));
  const User* user = w.state.user(entry.at("actor").get<std::string>());
  REQUIRE_MESSAGE(user != nullptr, entry.at("actor").dump());
  return w.run(Actor{user->id, user->role}, decoded->body, at);
}

World golden_start() {
  World w;
  User root;
  root.id = "admin";
  root.name = "Admin";
  root.email = "admin@golden.test";
  root.role = Role::admin;
  w.state.commit(Change{root});
  return w;
}

}  // namespace

TEST_CASE("golden scenarios: every step gives its expected result and the final statuses hold") {
  const json doc = golden::load();
  REQUIRE(doc.at("scenarios").size() >= 5);
  for (const json& scenario : doc.at("scenarios")) {
    const std::string name = scenario.at("name").get<std::string>();
    CAPTURE(name);
    World w = golden_start();
    std::int64_t seq = 1;
    for (const json& entry : doc.at("base")) REQUIRE_MESSAGE(run_entry(w, entry, seq++) == "applied", entry.dump());
    for (const json& entry : scenario.at("setup"))
      REQUIRE_MESSAGE(run_entry(w, entry, seq++) == "applied", entry.dump());
    for (const json& entry : scenario.at("steps")) {
      CAPTURE(entry.dump());
      CHECK(run_entry(w, entry, seq++) == entry.at("expect").get<std::string>());
    }
    for (auto expected = scenario.at("final").begin(); expected != scenario.at("final").end(); ++expected)
      CHECK_MESSAGE(to_string(w.status(expected.key())) == expected.value().get<std::string>(), expected.key());
  }
}
