// The golden scenarios (tests/golden/scenarios.json) replayed over HTTP: every actor signs
// in and pushes their own ops, each at its own time, and the server must reach the same
// verdicts and final statuses as the core suite does in memory.
#include "harness.h"
#include "tests/golden_file.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// One replay: a fresh server, a device per actor, the clock at each entry's time.
class Replay {
 public:
  Replay() : admin_(server_.login("admin@localhost", test_password)) {}

  // Pushes one {actor, at, op} entry as that actor; returns "applied" or the rejection code.
  std::string run(const json& entry) {
    const Time at = *golden::relative_time(entry.at("at").get<std::string>(), default_now());
    json op = golden::resolve_times(entry.at("op"), default_now());
    op["at"] = format_time(at);
    server_.set_now(at);  // the device syncs right away: the op's time is the server's now
    return device(entry.at("actor").get<std::string>()).run(op);
  }

  std::map<std::string, std::string> statuses() {
    const Reply r = device("admin").pull(0);
    REQUIRE(r.status == 200);
    return session_statuses(r.body);
  }

 private:
  SyncClient& device(const std::string& actor) {
    auto it = devices_.find(actor);
    if (it == devices_.end()) {
      const std::string token = actor == "admin" ? admin_ : server_.login_as(actor);
      it = devices_.emplace(actor, SyncClient(server_, token, actor + "-device")).first;
    }
    return it->second;
  }

  TestServer server_;
  std::string admin_;
  std::map<std::string, SyncClient> devices_;
};

}  // namespace

TEST_CASE("golden scenarios over HTTP give the same results as the core") {
  const json doc = golden::load();
  REQUIRE(doc.at("scenarios").size() >= 5);
  for (const json& scenario : doc.at("scenarios")) {
    const std::string name = scenario.at("name").get<std::string>();
    CAPTURE(name);
    Replay replay;
    for (const json& entry : doc.at("base")) REQUIRE_MESSAGE(replay.run(entry) == "applied", entry.dump());
    for (const json& entry : scenario.at("setup")) REQUIRE_MESSAGE(replay.run(entry) == "applied", entry.dump());
    for (const json& entry : scenario.at("steps")) {
      CAPTURE(entry.dump());
      CHECK(replay.run(entry) == entry.at("expect").get<std::string>());
    }
    const auto statuses = replay.statuses();
    for (auto expected = scenario.at("final").begin(); expected != scenario.at("final").end(); ++expected) {
      CAPTURE(expected.key());
      REQUIRE(statuses.count(expected.key()) == 1);
      CHECK(statuses.at(expected.key()) == expected.value().get<std::string>());
    }
  }
}
