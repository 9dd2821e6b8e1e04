// A coach's calendar stays bounded: weekly repeats up to 52 more weeks, at most 2,000 slots
// ahead of now, and overlaps still found.
#include <doctest/doctest.h>

#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

AddSlot weekly(const std::string& id, Time start, int repeats) {
  AddSlot op;
  op.slot = id;
  op.coach = "coach1";
  op.start = start;
  op.repeat_weeks = repeats;
  return op;
}

}  // namespace

TEST_CASE("slots: a coach's future slots are capped with a clear message; past ones do not count") {
  World w = make_world();
  // 37 weekly series of 53 slots, an hour and a minute apart: 1,961 future slots.
  for (int i = 0; i < 37; ++i)
    REQUIRE(w.run(coach, weekly("w" + std::to_string(i), now + days(1) + minutes(61 * i), 52)) == "applied");
  CHECK(w.state.ids(w.state.slots_by_coach, "coach1").size() == 37 * 53);
  auto refused = apply(w.state, OpBody{weekly("w37", now + days(1) + minutes(61 * 37), 52)}, coach, now);
  REQUIRE_FALSE(refused);
  CHECK(refused.rejection().code == RejectCode::cap_exceeded);
  CHECK(refused.rejection().message.find("2000 future slots") != std::string::npos);
  // Fewer weeks fit.
  CHECK(w.run(coach, weekly("w37", now + days(1) + minutes(61 * 37), 38)) == "applied");
  CHECK(w.run(coach, weekly("w38", now + days(1) + minutes(61 * 38), 0)) == "cap_exceeded");
  // A week later the first week's slots are past: room again.
  CHECK(w.run(coach, weekly("w38", now + days(12), 0), now + days(8)) == "applied");
  // Repeats stay capped at 52 more weeks.
  CHECK(w.run(other_coach, [] {
    AddSlot op = weekly("long", now + days(1), 53);
    op.coach = "coach2";
    return op;
  }()) == "invalid_value");
}

TEST_CASE("slots: overlaps are found among a coach's slots, removed ones aside") {
  World w = make_world();
  REQUIRE(w.run(coach, weekly("a", now + days(1), 0)) == "applied");
  AddSlot long_one = weekly("b", now + days(1) - hours(7), 0);
  long_one.duration_min = 480;  // ends an hour after "a" starts
  CHECK(w.run(coach, long_one) == "slot_overlap");
  CHECK(w.run(coach, weekly("c", now + days(1) + minutes(30), 0)) == "slot_overlap");
  CHECK(w.run(coach, weekly("d", now + days(1) + hours(1), 0)) == "applied");  // back to back
  CHECK(w.run(coach, RemoveSlot{"a"}) == "applied");
  CHECK(w.run(coach, weekly("c", now + days(1) + minutes(30), 0)) == "slot_overlap");  // overlaps "d"
  CHECK(w.run(coach, weekly("e", now + days(1) - minutes(30), 0)) == "applied");
  CHECK(w.state.ids(w.state.slots_by_coach, "coach1").size() == 2);
}
