// DESIGN.md §5 "But `at` is a claim…": the time each rule judges an op at (effective_time),
// the attacks a claimed time could make (R1, R3, R4, R4b), both times kept with every op
// (R21), and zone rules passed in as data for weekly slots and users' zones (R17).
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/session_rules.h"
#include "core/snapshot.h"
#include "core/time_zone_codec.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// The rules of tests/golden/zones.json (London, Chicago, Sydney, …) as the callers' lookup.
const ZoneLookup& zones() {
  static const std::map<std::string, ZoneRules, std::less<>> rules = [] {
    std::ifstream in(std::string(PATHWAYS_TESTS_DIR) + "/golden/zones.json");
    REQUIRE_MESSAGE(in.good(), "tests/golden/zones.json is readable");
    std::stringstream text;
    text << in.rdbuf();
    std::map<std::string, ZoneRules, std::less<>> out;
    for (const auto& z : nlohmann::json::parse(text.str())) {
      auto r = zone_rules_from_json(z);
      REQUIRE(r);
      out.emplace(r->name, r.value());
    }
    return out;
  }();
  static const ZoneLookup lookup = [](std::string_view name) -> const ZoneRules* {
    auto it = rules.find(name);
    return it == rules.end() ? nullptr : &it->second;
  };
  return lookup;
}

// Applies with a claimed and a received time; commits when applied.
Result<Applied> run_at(World& w, const Actor& actor, const OpBody& body, Time claimed, Time received) {
  auto result = apply(w.state, body, actor, OpTimes{claimed, received}, zones());
  if (result) w.state.commit(result->changes);
  return result;
}

std::string code(const Result<Applied>& r) { return r ? "applied" : std::string(to_string(r.rejection().code)); }

}  // namespace

TEST_CASE("effective_time: a claim bounded by the receipt, receipt for participants, never before what came first") {
  const OpTimes early{now - hours(5), now};
  const OpTimes ahead{now + minutes(4), now};
  CHECK(effective_time(early, TimeBasis::claim, Time{}) == now - hours(5));
  CHECK(effective_time(ahead, TimeBasis::claim, Time{}) == now);  // no claim beyond the server's clock
  CHECK(effective_time(early, TimeBasis::receipt, Time{}) == now);
  CHECK(effective_time(early, TimeBasis::claim, now - hours(1)) == now - hours(1));
  CHECK(basis_for(true) == TimeBasis::receipt);
  CHECK(basis_for(false) == TimeBasis::claim);
}

TEST_CASE("R4 a participant's late cancellation dated early counts as late: judged at receipt") {
  World w = make_world();
  w.book("pa/s1", hours(10));
  auto r = run_at(w, alice, CancelBooking{"pa/s1"}, now - days(3), now);
  REQUIRE(r);
  CHECK(w.status("pa/s1") == SessionStatus::missed);
  CHECK(w.session("pa/s1").missed_reason == MissedReason::late_cancellation);
  CHECK(r->audit.at == now);
  CHECK(r->audit.times.claimed == now - days(3));
  CHECK(r->audit.times.received == now);
}

TEST_CASE("R4 cancellation_late_from: what a participant is told before an offline cancellation") {
  World w = make_world();
  w.book("pa/s1", days(3));
  const Session& s = w.session("pa/s1");
  CHECK(cancellation_late_from(s, Role::participant, now) == now + days(2));
  CHECK_FALSE(cancellation_late_from(s, Role::coach, now));                  // the window binds participants
  CHECK_FALSE(cancellation_late_from(s, Role::participant, now + days(2)));  // late already
}

TEST_CASE("R4 a cancellation dated before its booking is judged no earlier than the booking") {
  World w = make_world();
  w.book("pa/s1", hours(20));  // booked at `now`: 20 h before the start
  CHECK(w.session("pa/s1").changed_at == now);
  // The coach claims a time two days earlier, when the cancellation would not be late.
  auto r = run_at(w, coach, CancelBooking{"pa/s1"}, now - days(2), now + hours(1));
  REQUIRE(r);
  CHECK(r->audit.at == now);  // the booking's time, not the claim
  CHECK(w.status("pa/s1") == SessionStatus::unbooked);
  CHECK(w.session("pa/s1").cancelled_by == "coach1");  // R4: recorded as a late cancellation by staff
}

TEST_CASE("R4b nobody cancels a session that has started, whatever time the cancellation claims") {
  for (const Actor& who : {alice, coach, admin}) {
    CAPTURE(who.id);
    World w = make_world();
    w.book("pa/s1", hours(2));
    // Dated an hour before the start, received an hour after it.
    auto r = run_at(w, who, CancelBooking{"pa/s1"}, now + hours(1), now + hours(3));
    CHECK(code(r) == "already_started");
    CHECK(w.status("pa/s1") == SessionStatus::booked);
    // Received before the start, the same cancellation stands.
    CHECK(code(run_at(w, who, CancelBooking{"pa/s1"}, now + hours(1), now + hours(1) + minutes(30))) == "applied");
  }
  // A session that started is marked instead (R1, R4a).
  World w = make_world();
  w.book("pa/s1", -hours(2));
  CHECK(w.run(alice, CancelBooking{"pa/s1"}) == "already_started");
  CHECK(w.run(coach, MarkAttendance{"pa/s1", Outcome::missed, MissedReason::no_show}) == "applied");
}

TEST_CASE("R3 a participant books a started slot with an early date: refused, judged at receipt") {
  World w = make_world();
  // The slot was added three hours ago, before the time the booking claims.
  AddSlot add;
  add.slot = "started";
  add.coach = "coach1";
  add.start = now - hours(1);
  REQUIRE(run_at(w, admin, add, now - hours(3), now - hours(3)));
  CHECK(code(run_at(w, alice, BookSession{"pa/s1", "started"}, now - hours(2), now)) == "slot_in_past");
  // Staff recording after the fact keep their claim.
  auto r = run_at(w, admin, BookSession{"pa/s1", "started"}, now - hours(2), now);
  REQUIRE(r);
  CHECK(r->audit.at == now - hours(2));
  CHECK(w.session("pa/s1").changed_at == now - hours(2));
}

TEST_CASE("R1 a mark dated in the server's future is clamped to the server's clock") {
  World w = make_world();
  w.book("pa/s1", minutes(3));
  // Five minutes ahead (the allowed skew), the session would have started; at receipt it has not.
  auto early = run_at(w, coach, MarkAttendance{"pa/s1", Outcome::missed, MissedReason::no_show}, now + minutes(5), now);
  CHECK(code(early) == "not_past");
  // A device clock running ahead still marks a session that has started by the receipt,
  // recorded at the server's time.
  auto late =
      run_at(w, coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt}, now + minutes(9), now + minutes(5));
  REQUIRE(late);
  CHECK(late->audit.at == now + minutes(5));
  CHECK(late->audit.times.claimed == now + minutes(9));
  CHECK(w.session("pa/s1").changed_at == now + minutes(5));
}

TEST_CASE("R1 staff marking after the fact keeps its time, never before the booking") {
  World w = make_world();
  w.book("pa/s1", -hours(30));
  auto r = run_at(w, coach, MarkAttendance{"pa/s1", Outcome::completed, std::nullopt}, now - days(1), now + days(2));
  REQUIRE(r);
  CHECK(r->audit.at == now);  // the claim is a day before the booking was made
}

TEST_CASE("R17 add_slot in a zone keeps the local start across clock changes") {
  World w = make_world();
  AddSlot op;
  op.slot = "weekly";
  op.coach = "coach1";
  op.start = at("2026-03-16T09:00:00Z");  // Monday 09:00 GMT
  op.repeat_weeks = 3;
  op.time_zone = "Europe/London";
  REQUIRE(code(run_at(w, admin, op, now, now)) == "applied");
  CHECK(format_time(w.state.slot("weekly-w1")->start) == "2026-03-23T09:00:00Z");
  CHECK(format_time(w.state.slot("weekly-w2")->start) == "2026-03-30T08:00:00Z");  // 09:00 BST
  CHECK(format_time(w.state.slot("weekly-w3")->start) == "2026-04-06T08:00:00Z");

  SUBCASE("without a zone, repeats are 7 × 24 h apart") {
    op.slot = "plain";
    op.start = at("2026-03-17T12:00:00Z");
    op.time_zone.reset();
    REQUIRE(code(run_at(w, admin, op, now, now)) == "applied");
    CHECK(format_time(w.state.slot("plain-w2")->start) == "2026-03-31T12:00:00Z");
  }
  SUBCASE("a week whose local time the clocks skip is refused, naming the date") {
    op.slot = "night";
    op.start = at("2026-03-22T01:30:00Z");  // Sunday 01:30 GMT; 29 March 01:30 does not exist
    auto r = run_at(w, admin, op, now, now);
    REQUIRE_FALSE(r);
    CHECK(r.rejection().code == RejectCode::nonexistent_local_time);
    CHECK(r.rejection().message.find("29 Mar 2026") != std::string::npos);
    CHECK_FALSE(w.state.slot("night"));
  }
  SUBCASE("an unknown zone is refused") {
    op.slot = "nowhere";
    op.time_zone = "Mars/Olympus_Mons";
    CHECK(code(run_at(w, admin, op, now, now)) == "unknown_time_zone");
    CHECK(code(apply(w.state, AddSlot{op}, admin, now)) == "unknown_time_zone");  // no lookup: no zone known
  }
}

TEST_CASE("R17 a user's time zone is an IANA name the caller knows, or empty") {
  World w = make_world();
  UpdateUser op;
  op.user = "alice";
  op.time_zone = "Australia/Sydney";
  REQUIRE(code(run_at(w, admin, op, now, now)) == "applied");
  CHECK(w.state.user("alice")->time_zone == "Australia/Sydney");
  op.time_zone = "Atlantis/Capital";
  CHECK(code(run_at(w, admin, op, now, now)) == "unknown_time_zone");
  op.time_zone = "";
  REQUIRE(code(run_at(w, admin, op, now, now)) == "applied");
  CHECK(w.state.user("alice")->time_zone.empty());
}

TEST_CASE("slot changed_at: a booking or a removal is never judged before the slot's last change") {
  World w = make_world();
  // Added an hour from now (the server's time then).
  AddSlot add;
  add.slot = "later";
  add.coach = "coach1";
  add.start = now + days(2);
  REQUIRE(run_at(w, admin, add, now + hours(1), now + hours(1)));
  CHECK(w.state.slot("later")->changed_at == now + hours(1));
  // Staff booking after the fact keep their claim, but not one from before the slot existed.
  auto booked = run_at(w, coach, BookSession{"pa/s1", "later"}, now + minutes(30), now + hours(2));
  REQUIRE(booked);
  CHECK(booked->audit.at == now + hours(1));
  CHECK(w.state.slot("later")->changed_at == now + hours(1));  // taking the place is its change
  // A cancellation frees the place: the slot's change is the cancellation's time.
  REQUIRE(run_at(w, coach, CancelBooking{"pa/s1"}, now + hours(3), now + hours(3)));
  CHECK(w.state.slot("later")->changed_at == now + hours(3));
  // Removing it, claimed before that cancellation, is judged at the cancellation.
  auto removed = run_at(w, coach, RemoveSlot{"later"}, now + hours(2), now + hours(4));
  REQUIRE(removed);
  CHECK(removed->audit.at == now + hours(3));
}

TEST_CASE("slot changed_at: kept by snapshots; old snapshots without it load as never changed") {
  World w = make_world();
  AddSlot add;
  add.slot = "later";
  add.coach = "coach1";
  add.start = now + days(2);
  REQUIRE(run_at(w, admin, add, now + hours(1), now + hours(1)));
  auto again = load_snapshot(save_snapshot(w.state));
  REQUIRE(again);
  CHECK(again->slot("later")->changed_at == now + hours(1));
  // An older snapshot never had the field.
  nlohmann::json doc = nlohmann::json::parse(save_snapshot(w.state));
  for (auto& slot : doc["slot"]) slot.erase("changed_at");
  auto before = load_snapshot(doc.dump());
  REQUIRE(before);
  CHECK(before->slot("later")->changed_at == Time{});
  CHECK(before->slot("later")->start == now + days(2));
}
