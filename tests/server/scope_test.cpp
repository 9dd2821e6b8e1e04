// Scoping on pull (DESIGN.md §1, R7): each role gets exactly its share of the world, and
// increments send tombstones for what leaves a scope and context for what enters it.
#include <set>

#include "harness.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

std::set<std::string> ids(const json& pull, const std::string& kind, bool deleted = false) {
  std::set<std::string> out;
  for (const auto& [id, change] : changes_of(pull, kind))
    if (change.at("deleted").get<bool>() == deleted) out.insert(id);
  return out;
}

// The placeholder ids of journey "lead" as the pull shows them.
json placeholder_ids(const json& pull) {
  const auto journeys = changes_of(pull, "journey");
  json out = json::array();
  for (const json& p : journeys.at("lead").at("data").at("placeholders")) out.push_back(p.at("id"));
  return out;
}

// The small world plus a slot for each coach.
struct ScopeWorld {
  TestServer server;
  std::string admin;
  SyncClient admin_desk;

  ScopeWorld() : admin(make_small_world(server)), admin_desk(server, admin, "admin-desk") {
    const Time t = server.now() + days(2);
    for (const auto& [slot, coach] : {std::pair{"slot-c1", "coach1"}, std::pair{"slot-c2", "coach2"}})
      REQUIRE(admin_desk.run({{"type", "add_slot"},
                              {"slot", slot},
                              {"coach", coach},
                              {"start", format_time(t)},
                              {"duration_min", 60},
                              {"capacity", 1},
                              {"kind", "one_to_one"}}) == "applied");
  }
  json full_pull(const Id& user) {
    SyncClient c(server, server.login_as(user), user + "-device");
    const Reply r = c.pull(0);
    REQUIRE(r.status == 200);
    CHECK(r.body.at("reset") == true);
    return r.body;
  }
};

}  // namespace

TEST_CASE("a coach pulls their own participants, their journeys and their own slots") {
  ScopeWorld w;
  const json pull = w.full_pull("coach1");
  CHECK(ids(pull, "pathway") == std::set<std::string>{"pa", "pb"});
  CHECK(ids(pull, "slot") == std::set<std::string>{"slot-c1"});
  CHECK(ids(pull, "journey") == std::set<std::string>{"lead"});
  CHECK(ids(pull, "cohort") == std::set<std::string>{"c1"});
  const auto users = ids(pull, "user");
  CHECK(users.count("alice") == 1);
  CHECK(users.count("bob") == 1);
  CHECK(users.count("carol") == 0);  // coach2's participant
  CHECK(users.count("admin") == 0);
  for (const auto& [id, status] : session_statuses(pull))
    CHECK_MESSAGE((id.rfind("pa/", 0) == 0 || id.rfind("pb/", 0) == 0), id);
  CHECK(ids(pull, "outbox").empty());
}

TEST_CASE("a participant pulls only their own pathway, without hidden sessions or other participants") {
  ScopeWorld w;
  const json pull = w.full_pull("alice");
  CHECK(ids(pull, "pathway") == std::set<std::string>{"pa"});
  // R7: c1's blueprint hides s4; it never reaches alice's device.
  CHECK(ids(pull, "session") == std::set<std::string>{"pa/s1", "pa/s2", "pa/pod1"});
  CHECK(ids(pull, "user") == std::set<std::string>{"alice", "coach1"});
  CHECK(ids(pull, "slot") == std::set<std::string>{"slot-c1"});  // her coach's, bookable
  const json coach = changes_of(pull, "user").at("coach1").at("data");
  CHECK(coach.at("email") == "coach1@example.test");
  // The journey lists only the placeholders her cohort shows.
  CHECK(placeholder_ids(pull) == json::array({"s1", "s2", "pod1"}));

  CHECK(ids(pull, "note").empty());
}

TEST_CASE("a programme lead pulls the pathways of their companies only") {
  ScopeWorld w;
  const json pull = w.full_pull("lead1");
  CHECK(ids(pull, "pathway") == std::set<std::string>{"pa", "pb"});  // carol is at globex
  CHECK(ids(pull, "company") == std::set<std::string>{"acme"});
  CHECK(ids(pull, "user").count("carol") == 0);
  CHECK(ids(pull, "slot") == std::set<std::string>{"slot-c1"});
}

TEST_CASE("an admin pulls everything but the outbox") {
  ScopeWorld w;
  const json pull = w.full_pull("admin");
  CHECK(ids(pull, "pathway") == std::set<std::string>{"pa", "pb", "pc"});
  CHECK(ids(pull, "session").size() == 12);
  CHECK(ids(pull, "slot").size() == 2);
  CHECK(ids(pull, "outbox").empty());
}

TEST_CASE("increments: what leaves a scope comes as a tombstone, what enters it comes with its context") {
  ScopeWorld w;
  SyncClient alice(w.server, w.server.login_as("alice"), "alice-phone");
  SyncClient coach(w.server, w.server.login_as("coach1"), "coach1-laptop");
  const std::int64_t v0 = alice.pull(0).body.at("version").get<std::int64_t>();
  coach.pull(0);

  SUBCASE("hiding a session from the blueprint tombstones it on the participant's device") {
    REQUIRE(w.admin_desk.run(
                {{"type", "set_blueprint"}, {"cohort", "c1"}, {"placeholder", "s2"}, {"visible", false}}) == "applied");
    const json inc = alice.pull(v0).body;
    CHECK(inc.at("reset") == false);
    CHECK(ids(inc, "session", true).count("pa/s2") == 1);
    CHECK(ids(inc, "session", false).count("pa/s2") == 0);
    // And the journey she sees is re-sent without it.
    CHECK(placeholder_ids(inc) == json::array({"s1", "pod1"}));
  }
  SUBCASE("R8 a hidden session staff book (kept in view by My Coaching) arrives with its placeholder") {
    CHECK(placeholder_ids(alice.pull(0).body) == json::array({"s1", "s2", "pod1"}));
    const std::int64_t v1 = alice.pull(0).body.at("version").get<std::int64_t>();
    REQUIRE(w.admin_desk.run({{"type", "ungrey"}, {"session", "pa/s4"}}) == "applied");
    REQUIRE(w.admin_desk.run({{"type", "book_session"}, {"session", "pa/s4"}, {"slot", "slot-c1"}}) == "applied");
    const json inc = alice.pull(v1).body;
    CHECK(inc.at("reset") == false);
    CHECK(ids(inc, "session", false).count("pa/s4") == 1);
    CHECK(placeholder_ids(inc) == json::array({"s1", "s2", "pod1", "s4"}));
  }
  SUBCASE("a removed slot is a tombstone") {
    REQUIRE(coach.run({{"type", "remove_slot"}, {"slot", "slot-c1"}}) == "applied");
    const json inc = alice.pull(v0).body;
    CHECK(ids(inc, "slot", true) == std::set<std::string>{"slot-c1"});
  }
  SUBCASE("a new pathway brings its cohort, company, coach and the coach's slots along") {
    // Alice joins a globex cohort with coach2: nothing of that changed, yet it is new to her.
    REQUIRE(w.admin_desk.run({{"type", "enrol_participant"},
                              {"pathway", "pa2"},
                              {"participant", "alice"},
                              {"cohort", "c2"},
                              {"coach", "coach2"}}) == "applied");
    const json inc = alice.pull(v0).body;
    CHECK(inc.at("reset") == false);
    CHECK(ids(inc, "pathway").count("pa2") == 1);
    CHECK(ids(inc, "cohort").count("c2") == 1);
    CHECK(ids(inc, "company").count("globex") == 1);
    CHECK(ids(inc, "project").count("globex-2026") == 1);
    CHECK(ids(inc, "user").count("coach2") == 1);
    CHECK(ids(inc, "slot").count("slot-c2") == 1);
    CHECK(ids(inc, "user").count("carol") == 0);
  }
  SUBCASE("changes outside the viewer's scope never arrive as data") {
    SyncClient coach2(w.server, w.server.login_as("coach2"), "coach2-laptop");
    REQUIRE(coach2.run({{"type", "add_slot"},
                        {"slot", "slot-c2b"},
                        {"coach", "coach2"},
                        {"start", format_time(w.server.now() + days(3))},
                        {"duration_min", 60},
                        {"capacity", 1},
                        {"kind", "one_to_one"}}) == "applied");
    const json inc = coach.pull(v0).body;
    CHECK(ids(inc, "slot", false).count("slot-c2b") == 0);
  }
}

TEST_CASE("a programme lead whose companies change gets a full reset") {
  ScopeWorld w;
  SyncClient lead(w.server, w.server.login_as("lead1"), "lead-desk");
  const std::int64_t v0 = lead.pull(0).body.at("version").get<std::int64_t>();
  REQUIRE(w.admin_desk.run({{"type", "update_user"}, {"user", "lead1"}, {"companies", {"globex"}}}) == "applied");
  const json inc = lead.pull(v0).body;
  CHECK(inc.at("reset") == true);
  CHECK(ids(inc, "pathway") == std::set<std::string>{"pc"});
}
