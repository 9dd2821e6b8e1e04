// Push and pull over HTTP (DESIGN.md §5): round trip, exactly-once, seq order and gaps,
// client ownership, offline races, rejections kept for pull, time bounds.
#include "harness.h"
#include "server/storage/op_log.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

json add_slot(const std::string& id, const std::string& coach, Time start, const std::string& kind = "one_to_one",
              int capacity = 1) {
  return {{"type", "add_slot"}, {"slot", id},           {"coach", coach}, {"start", format_time(start)},
          {"duration_min", 60}, {"capacity", capacity}, {"kind", kind}};
}

json book(const std::string& session, const std::string& slot) {
  return {{"type", "book_session"}, {"session", session}, {"slot", slot}};
}

}  // namespace

TEST_CASE("push then pull: an applied op's effect comes back to the pushing client and to others") {
  TestServer s;
  const std::string admin = make_small_world(s);
  const std::string coach = s.login_as("coach1");
  SyncClient laptop(s, coach, "coach1-laptop");
  const Reply pushed = laptop.push({add_slot("sl-1", "coach1", s.now() + days(2))});
  REQUIRE(pushed.status == 200);
  CHECK(pushed.body.at("results") == json::array({{{"seq", 1}, {"status", "applied"}}}));
  const std::int64_t version = pushed.body.at("version").get<std::int64_t>();

  const Reply full = laptop.pull(0);
  REQUIRE(full.status == 200);
  CHECK(full.body.at("reset") == true);
  CHECK(full.body.at("version") == version);
  CHECK(full.body.at("last_seq") == 1);
  CHECK(full.body.at("server_time") == format_time(s.now()));
  const json slot = changes_of(full.body, "slot").at("sl-1");
  CHECK(slot.at("deleted") == false);
  CHECK(slot.at("data").at("coach") == "coach1");
  CHECK(slot.at("data").at("taken") == 0);
  // Wire format: every change has kind, id, version, deleted, data.
  for (const json& c : full.body.at("changes"))
    for (const char* key : {"kind", "id", "version", "deleted", "data"}) CHECK_MESSAGE(c.contains(key), c.dump());

  // Alice books it; the coach's next pull since `version` carries the session and the slot.
  SyncClient phone(s, s.login_as("alice"), "alice-phone");
  CHECK(phone.run(book("pa/s1", "sl-1")) == "applied");
  const Reply increment = laptop.pull(version);
  REQUIRE(increment.status == 200);
  CHECK(increment.body.at("reset") == false);
  CHECK(session_statuses(increment.body) == std::map<std::string, std::string>{{"pa/s1", "booked"}});
  CHECK(changes_of(increment.body, "slot").at("sl-1").at("data").at("taken") == 1);
  CHECK(increment.body.at("version").get<std::int64_t>() == version + 1);
  // Nothing new: an empty increment at the same version.
  const Reply quiet = laptop.pull(increment.body.at("version").get<std::int64_t>());
  CHECK(quiet.body.at("changes").empty());
  CHECK(quiet.body.at("reset") == false);
  (void)admin;
}

TEST_CASE("a re-pushed op is exactly-once: the stored result comes back and nothing changes") {
  TestServer s;
  make_small_world(s);
  SyncClient coach(s, s.login_as("coach1"), "coach1-laptop");
  const json slot_op = add_slot("sl-1", "coach1", s.now() + days(2));
  const Reply first = coach.push({slot_op, add_slot("sl-1", "coach1", s.now() + days(3))});
  REQUIRE(first.status == 200);
  CHECK(first.body.at("results").at(0).at("status") == "applied");
  CHECK(first.body.at("results").at(1).at("code") == "already_exists");
  const std::int64_t version = first.body.at("version").get<std::int64_t>();

  // The same two ops again (a retry after a lost answer), plus one new op.
  json again = json::array();
  again.push_back(with(slot_op, {{"seq", 1}, {"at", format_time(s.now())}}));
  again.push_back(with(add_slot("sl-1", "coach1", s.now() + days(3)), {{"seq", 2}, {"at", format_time(s.now())}}));
  const Reply retry = coach.push_raw(again);
  REQUIRE(retry.status == 200);
  CHECK(retry.body.at("results") == first.body.at("results"));
  CHECK(retry.body.at("version") == version);  // nothing committed

  // Still exactly one slot, and the version moved only for new ops.
  const Reply pulled = coach.pull(0);
  CHECK(changes_of(pulled.body, "slot").size() == 1);
  CHECK(pulled.body.at("last_seq") == 2);
}

TEST_CASE("ops apply in seq order; a gap or a shuffled push is refused with seq_gap and changes nothing") {
  TestServer s;
  make_small_world(s);
  SyncClient coach(s, s.login_as("coach1"), "coach1-laptop");
  const std::string at = format_time(s.now());
  auto op = [&](int seq, int day) {
    return with(add_slot("sl-" + std::to_string(seq), "coach1", s.now() + days(day)), {{"seq", seq}, {"at", at}});
  };
  Reply gap = coach.push_raw(json::array({op(2, 2)}));
  CHECK(gap.status == 409);
  CHECK(gap.body.at("error").at("code") == "seq_gap");
  Reply shuffled = coach.push_raw(json::array({op(1, 2), op(3, 3)}));
  CHECK(shuffled.status == 409);
  CHECK(shuffled.body.at("error").at("code") == "seq_gap");
  CHECK(coach.pull(0).body.at("last_seq") == 0);
  // In order, it goes through.
  Reply ordered = coach.push_raw(json::array({op(1, 2), op(2, 3)}));
  CHECK(ordered.status == 200);
  CHECK(coach.pull(0).body.at("last_seq") == 2);
}

TEST_CASE("a client_id belongs to the user who first used it") {
  TestServer s;
  make_small_world(s);
  SyncClient coach(s, s.login_as("coach1"), "shared-id");
  CHECK(coach.run(add_slot("sl-1", "coach1", s.now() + days(2))) == "applied");
  SyncClient intruder(s, s.login_as("coach2"), "shared-id");
  const Reply r = intruder.push({add_slot("sl-2", "coach2", s.now() + days(2))});
  CHECK(r.status == 403);
  CHECK(r.body.at("error").at("code") == "client_taken");
  CHECK(intruder.pull(0).status == 403);
}

TEST_CASE("two clients book the same slot offline: one is applied, the other rejected with slot_taken") {
  TestServer s;
  make_small_world(s);
  SyncClient coach(s, s.login_as("coach1"), "coach1-laptop");
  CHECK(coach.run(add_slot("sl-1", "coach1", s.now() + days(2))) == "applied");
  SyncClient alice(s, s.login_as("alice"), "alice-phone");
  SyncClient bob(s, s.login_as("bob"), "bob-phone");
  // Both booked while offline, an hour apart; they sync later, Bob first.
  const std::string alice_at = format_time(s.now() + minutes(10));
  const std::string bob_at = format_time(s.now() + minutes(70));
  s.set_now(s.now() + hours(2));
  CHECK(bob.run(with(book("pb/s1", "sl-1"), {{"at", bob_at}})) == "applied");
  CHECK(alice.run(with(book("pa/s1", "sl-1"), {{"at", alice_at}})) == "slot_taken");
  // The server's commit order decides, not the devices' clocks; the place is taken once.
  const Reply pulled = coach.pull(0);
  CHECK(session_statuses(pulled.body).at("pb/s1") == "booked");
  CHECK(session_statuses(pulled.body).at("pa/s1") == "unbooked");
  CHECK(changes_of(pulled.body, "slot").at("sl-1").at("data").at("taken") == 1);
}

TEST_CASE("a rejection is final, counts as processed, and is reported by pull too") {
  TestServer s;
  make_small_world(s);
  SyncClient alice(s, s.login_as("alice"), "alice-phone");
  const Reply r = alice.push({book("pa/s1", "no-such-slot")});
  REQUIRE(r.status == 200);
  const json& result = r.body.at("results").at(0);
  CHECK(result.at("status") == "rejected");
  CHECK(result.at("code") == "not_found");
  CHECK(result.at("message").get<std::string>().size() > 0);
  const std::int64_t version = r.body.at("version").get<std::int64_t>();

  // The answer was lost: pull tells the client the verdict and that seq 1 is done.
  const Reply since_before = alice.pull(version - 1);
  CHECK(since_before.body.at("last_seq") == 1);
  CHECK(since_before.body.at("rejections") ==
        json::array({{{"seq", 1}, {"code", "not_found"}, {"message", result.at("message")}}}));
  CHECK(alice.pull(0).body.at("rejections").size() == 1);    // a reset lists it as well
  CHECK(alice.pull(version).body.at("rejections").empty());  // reported once per increment
  // The next op is seq 2; re-sending seq 1 gives the same verdict.
  CHECK(alice.next_seq() == 2);
}

TEST_CASE("an op's time is its own `at`, bounded: not in the future, not older than the offline window") {
  TestServer s;
  make_small_world(s);
  SyncClient coach(s, s.login_as("coach1"), "coach1-laptop");
  CHECK(coach.run(add_slot("past", "coach1", s.now() - hours(3))) == "applied");
  CHECK(coach.run(with(add_slot("future", "coach1", s.now() + days(1)), {{"at", format_time(s.now() + minutes(6))}})) ==
        "time_out_of_range");
  CHECK(coach.run(with(add_slot("stale", "coach1", s.now() + days(2)), {{"at", format_time(s.now() - days(31))}})) ==
        "time_out_of_range");
  // Marked offline after it happened, synced later: valid (R1 uses the op's time).
  SyncClient alice(s, s.login_as("alice"), "alice-phone");
  CHECK(coach.run(add_slot("soon", "coach1", s.now() + hours(1))) == "applied");
  CHECK(alice.run(book("pa/s1", "soon")) == "applied");
  const std::string marked_at = format_time(s.now() + hours(2));
  s.set_now(s.now() + days(3));
  CHECK(coach.run({{"type", "mark_attendance"}, {"session", "pa/s1"}, {"outcome", "completed"}, {"at", marked_at}}) ==
        "applied");
}

TEST_CASE("pull: an unknown or future `since` gets a full reset; bad parameters are 400") {
  TestServer s;
  const std::string admin = make_small_world(s);
  SyncClient client(s, admin, "admin-desk");
  const std::int64_t version = client.pull(0).body.at("version").get<std::int64_t>();
  CHECK(client.pull(version + 100).body.at("reset") == true);
  CHECK(client.pull(version).body.at("reset") == false);
  CHECK(s.get("/api/sync/pull?client_id=admin-desk&since=-1", admin).status == 400);
  CHECK(s.get("/api/sync/pull?client_id=admin-desk&since=abc", admin).status == 400);
  CHECK(s.get("/api/sync/pull?since=0", admin).status == 400);
  CHECK(s.get("/api/sync/pull?client_id=bad%20id&since=0", admin).status == 400);
}

// DESIGN.md §5 "But `at` is a claim…": the attacks a claimed time could make, over HTTP.
TEST_CASE("effective time: claims never buy an advantage; both times are stored") {
  TestServer s;
  make_small_world(s);
  SyncClient coach(s, s.login_as("coach1"), "coach1-laptop");
  SyncClient alice(s, s.login_as("alice"), "alice-phone");
  const Time t0 = s.now();
  const auto dated = [](json op, Time t) { return with(std::move(op), {{"at", format_time(t)}}); };

  SUBCASE("R4 a late cancellation dated early counts as late: judged at receipt") {
    CHECK(coach.run(add_slot("in-10h", "coach1", t0 + hours(10))) == "applied");
    CHECK(alice.run(book("pa/s1", "in-10h")) == "applied");
    CHECK(alice.run(dated({{"type", "cancel_booking"}, {"session", "pa/s1"}}, t0 - days(2))) == "applied");
    CHECK(session_statuses(alice.pull(0).body).at("pa/s1") == "missed");
  }
  SUBCASE("R4b a cancellation dated before the start, received after it: already_started") {
    CHECK(coach.run(add_slot("in-1h", "coach1", t0 + hours(1))) == "applied");
    CHECK(alice.run(book("pa/s1", "in-1h")) == "applied");
    s.set_now(t0 + hours(2));
    CHECK(alice.run(dated({{"type", "cancel_booking"}, {"session", "pa/s1"}}, t0)) == "already_started");
    CHECK(coach.run(dated({{"type", "cancel_booking"}, {"session", "pa/s1"}}, t0)) == "already_started");
    const Reply refused =
        s.post("/api/sync/push",
               {{"client_id", "admin-desk"},
                {"ops", json::array({dated({{"seq", 1}, {"type", "cancel_booking"}, {"session", "pa/s1"}}, t0)})}},
               s.login_as("admin"));
    CHECK(refused.body.at("results").at(0).at("code") == "already_started");
  }
  SUBCASE("R3 booking a started slot with an early date: refused for a participant") {
    CHECK(coach.run(add_slot("started", "coach1", t0 - hours(1))) == "applied");
    CHECK(alice.run(dated(book("pa/s1", "started"), t0 - hours(2))) == "slot_in_past");
  }
  SUBCASE("R1 a mark dated in the server's future is clamped to the server's clock") {
    CHECK(coach.run(add_slot("in-3m", "coach1", t0 + minutes(3))) == "applied");
    CHECK(alice.run(book("pa/s1", "in-3m")) == "applied");
    const json no_show{{"type", "mark_attendance"}, {"session", "pa/s1"}, {"outcome", "missed"}, {"reason", "no_show"}};
    CHECK(coach.run(dated(no_show, t0 + minutes(5))) == "not_past");
  }
  SUBCASE("both times are stored with the op") {
    CHECK(coach.run(add_slot("in-10h", "coach1", t0 + hours(10))) == "applied");
    s.set_now(t0 + minutes(20));
    CHECK(alice.run(dated(book("pa/s1", "in-10h"), t0 + minutes(10))) == "applied");
    server::sql::Connection db(s.db_path().string());
    auto times = server::storage::stored_times(db, "alice-phone", 1);
    REQUIRE(times);
    CHECK(times->claimed_at == t0 + minutes(10));
    CHECK(times->received_at == t0 + minutes(20));
    CHECK(times->effective_at == t0 + minutes(20));  // a participant's booking: at receipt
    const json session = changes_of(alice.pull(0).body, "session").at("pa/s1").at("data");
    CHECK(session.at("changed_at") == format_time(t0 + minutes(20)));
  }
}

TEST_CASE("R17 GET /api/time-zones/<name>: a zone's rules as data, 404 for an unknown zone") {
  TestServer s;
  const Reply london = s.get("/api/time-zones/Europe/London");
  REQUIRE(london.status == 200);
  CHECK(london.body.at("name") == "Europe/London");
  CHECK(s.get("/api/time-zones/Mars/Olympus_Mons").status == 404);
  CHECK(s.get("/api/time-zones/Mars/Olympus_Mons").body.at("error").at("code") == "not_found");
  // add_slot with a zone keeps the local start across the March change, as the core does.
  make_small_world(s);
  SyncClient coach(s, s.login_as("coach1"), "coach1-laptop");
  json weekly = with(add_slot("weekly", "coach1", at("2026-11-23T09:00:00Z")),
                     {{"repeat_weeks", 1}, {"time_zone", "Australia/Sydney"}});
  CHECK(coach.run(with(weekly, {{"time_zone", "Nowhere/Else"}})) == "unknown_time_zone");
  CHECK(coach.run(weekly) == "applied");
}
