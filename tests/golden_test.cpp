// Golden scenarios (tests/golden/scenarios.json): the same file is replayed here, natively
// and in WebAssembly, and by the server suite over HTTP, so all three agree on every rule.
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;
using json = nlohmann::json;

namespace {

// "now", "now-2h", "now+3d", "now-30m" → a time relative to `base`.
std::optional<Time> relative_time(const std::string& text, Time base) {
  static const std::regex pattern(R"(now(?:([+-])(\d+)([mhd]))?)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return std::nullopt;
  if (!m[1].matched) return base;
  const long long n = std::stoll(m[2]) * (m[1] == "-" ? -1 : 1);
  const Seconds unit = m[3] == "m" ? minutes(1) : m[3] == "h" ? hours(1) : days(1);
  return base + unit * n;
}

json resolve_times(json op, Time base) {
  for (auto& [key, value] : op.items())
    if (value.is_string())
      if (auto t = relative_time(value.get<std::string>(), base)) value = format_time(*t);
  return op;
}

json load_golden() {
  std::ifstream in(std::string(PATHWAYS_TESTS_DIR) + "/golden/scenarios.json");
  REQUIRE_MESSAGE(in.good(), "tests/golden/scenarios.json is readable");
  std::stringstream text;
  text << in.rdbuf();
  json doc = json::parse(text.str(), nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  return doc;
}

// Runs one {actor, at, op} entry; returns "applied" or the rejection code.
std::string run_entry(World& w, const json& entry, std::int64_t seq) {
  const Time at = *relative_time(entry.at("at").get<std::string>(), now);
  json op = resolve_times(entry.at("op"), now);
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
  const json doc = load_golden();
  REQUIRE(doc.at("scenarios").size() >= 5);
  for (const json& scenario : doc.at("scenarios")) {
    const std::string name = scenario.at("name").get<std::string>();
    CAPTURE(name);
    World w = golden_start();
    std::int64_t seq = 1;
    for (const json& entry : doc.at("base")) REQUIRE_MESSAGE(run_entry(w, entry, seq++) == "applied", entry.dump());
    for (const json& entry : scenario.at("setup")) REQUIRE_MESSAGE(run_entry(w, entry, seq++) == "applied", entry.dump());
    for (const json& entry : scenario.at("steps")) {
      CAPTURE(entry.dump());
      CHECK(run_entry(w, entry, seq++) == entry.at("expect").get<std::string>());
    }
    for (auto expected = scenario.at("final").begin(); expected != scenario.at("final").end(); ++expected)
      CHECK_MESSAGE(to_string(w.status(expected.key())) == expected.value().get<std::string>(), expected.key());
  }
}
