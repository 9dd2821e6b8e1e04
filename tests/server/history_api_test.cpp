// R21 over HTTP: GET /api/sessions/<id>/history and /api/participants/<id>/timeline give
// every applied op about them with who, the op's claimed time and the server's receipt, what,
// and for a status change the status before and after and the missed reason; only for the
// staff who may see the participant (participants get 403, others' participants 404).
#include <algorithm>
#include <vector>

#include "harness.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

std::vector<std::string> ops_of(const json& entries) {
  std::vector<std::string> out;
  for (const json& e : entries) out.push_back(e.at("op").get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("R21 history endpoints: a chain of corrections with both times, from and to, and the reason") {
  TestServer server;
  const std::string admin = make_small_world(server);
  SyncClient by_admin(server, admin, "history-admin");
  SyncClient by_coach(server, server.login_as("coach1"), "history-coach");
  SyncClient by_lead(server, server.login_as("lead1"), "history-lead");
  const Time t0 = server.now();
  REQUIRE(by_admin.run(add_slot("held", t0 - hours(3))) == "applied");
  REQUIRE(by_admin.run({{"type", "book_session"}, {"session", "pa/s1"}, {"slot", "held"}}) == "applied");
  server.set_now(t0 + minutes(5));
  // The coach's mark claims a time an hour before the server receives it: both are kept.
  REQUIRE(by_coach.run({{"type", "mark_attendance"},
                        {"session", "pa/s1"},
                        {"outcome", "missed"},
                        {"reason", "no_show"},
                        {"at", format_time(t0 - hours(1))}}) == "applied");
  server.set_now(t0 + minutes(10));
  REQUIRE(by_admin.run({{"type", "correct_status"}, {"session", "pa/s1"}, {"status", "completed"}}) == "applied");
  REQUIRE(
      by_admin.run({{"type", "correct_status"}, {"session", "pa/s1"}, {"status", "missed"}, {"reason", "no_show"}}) ==
      "applied");
  REQUIRE(by_lead.run({{"type", "send_reminder"}, {"participant", "alice"}}) == "applied");
  // A refused op is not history.
  REQUIRE(by_lead.run({{"type", "send_reminder"}, {"participant", "alice"}}) == "already_exists");

  for (const char* path : {"/api/sessions/pa%2Fs1/history", "/api/sessions/pa/s1/history"}) {
    CAPTURE(path);
    const Reply h = server.get(path, admin);
    REQUIRE_MESSAGE(h.status == 200, h.text);
    const json& e = h.body.at("entries");
    REQUIRE(ops_of(e) ==
            std::vector<std::string>{"book_session", "mark_attendance", "correct_status", "correct_status"});
    CHECK(e[0].at("from") == "unbooked");
    CHECK(e[0].at("to") == "booked");
    CHECK(e[1].at("actor") == "coach1");
    CHECK(e[1].at("actor_name") == "Cora Coach");
    CHECK(e[1].at("from") == "booked");
    CHECK(e[1].at("to") == "missed");
    CHECK(e[1].at("reason") == "no_show");
    CHECK(e[1].at("claimed_at") == format_time(t0 - hours(1)));
    CHECK(e[1].at("received_at") == format_time(t0 + minutes(5)));
    CHECK(e[2].at("actor") == "admin");
    CHECK(e[2].at("from") == "missed");
    CHECK(e[2].at("to") == "completed");
    CHECK(e[2].at("reason") == "");
    CHECK(e[3].at("from") == "completed");
    CHECK(e[3].at("to") == "missed");
    CHECK(e[3].at("received_at") == format_time(t0 + minutes(10)));
  }

  // The timeline: alice's whole programme, the reminder included (once: the refusal is not kept).
  const Reply t = server.get("/api/participants/alice/timeline", server.login_as("lead1"));
  REQUIRE_MESSAGE(t.status == 200, t.text);
  const auto ops = ops_of(t.body.at("entries"));
  const std::vector<std::string> tail(ops.end() - 5, ops.end());
  CHECK(tail == std::vector<std::string>{"book_session", "mark_attendance", "correct_status", "correct_status",
                                         "send_reminder"});
  CHECK(std::count(ops.begin(), ops.end(), "enrol_participant") == 1);
  CHECK(t.body.dump().find("pa/s4") != std::string::npos);  // enrolment greyed out the hidden s4
  // Nothing of bob's.
  CHECK(server.get("/api/participants/bob/timeline", admin).body.dump().find("pa/s1") == std::string::npos);
}

TEST_CASE("R21 history endpoints: staff who may see the participant; participants 403; others 404") {
  TestServer server;
  const std::string admin = make_small_world(server);
  const std::string lead = server.login_as("lead1");     // acme: alice and bob
  const std::string coach2 = server.login_as("coach2");  // carol only
  const std::string alice = server.login_as("alice");
  CHECK(server.get("/api/sessions/pa%2Fs1/history", lead).status == 200);
  CHECK(server.get("/api/sessions/pa%2Fs1/history", server.login_as("coach1")).status == 200);
  CHECK(server.get("/api/sessions/pa%2Fs1/history", coach2).status == 404);
  CHECK(server.get("/api/sessions/pc%2Fs1/history", lead).status == 404);
  CHECK(server.get("/api/sessions/pc%2Fs1/history", coach2).status == 200);
  // Participants: 403, their own history included.
  CHECK(server.get("/api/sessions/pa%2Fs1/history", alice).status == 403);
  CHECK(server.get("/api/participants/alice/timeline", alice).status == 403);
  CHECK(server.get("/api/participants/carol/timeline", lead).status == 404);
  CHECK(server.get("/api/participants/coach1/timeline", admin).status == 404);  // not a participant
  CHECK(server.get("/api/sessions/nope%2Fs1/history", admin).status == 404);
  CHECK(server.get("/api/participants/alice/timeline").status == 401);
}
