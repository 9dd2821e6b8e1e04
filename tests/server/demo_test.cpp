// The demo (`--demo`) shows every part of the product whenever it is started: here, that
// every coach has past bookings waiting to be marked at any hour of any day of the week.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "core/state.h"
#include "server/demo.h"

using namespace pathways;

TEST_CASE("demo: at any hour of any day, every coach has past bookings to mark") {
  // A Monday, 00:00 UTC, then every 7 hours for a week (so every hour of the day and every
  // weekday come up across starts), and late on a Sunday.
  const Time monday = *parse_time("2026-11-30T00:00:00Z");
  std::vector<Time> starts;
  for (int h = 0; h < 7 * 24; h += 7) starts.push_back(monday + hours(h));
  starts.push_back(monday + days(6) + hours(23) + minutes(59));
  for (const Time now : starts) {
    CAPTURE(format_time(now));
    State state;
    state.commit(server::build_demo(now).changes);
    std::map<Id, int> to_mark;
    for (const auto& [id, pathway] : state.pathways)
      for (const Session& s : state.sessions_of(id))
        if (s.status == SessionStatus::booked && s.start < now) ++to_mark[pathway.coach];
    for (const char* coach : {"coach1", "coach2", "coach3"}) {
      CAPTURE(coach);
      CHECK(to_mark[coach] >= 2);
    }
  }
}

TEST_CASE("demo: a published journey with a draft pending, and a cohort whose blueprint hides a session") {
  State state;
  state.commit(server::build_demo(*parse_time("2026-12-01T10:00:00Z")).changes);
  const Journey* leading = state.journey("leading");
  REQUIRE(leading != nullptr);
  CHECK(leading->published);
  REQUIRE(leading->draft.has_value());
  CHECK(leading->draft->size() == leading->placeholders.size() + 1);
  const Cohort* autumn = state.cohort("acme-autumn");
  REQUIRE(autumn != nullptr);
  CHECK(std::find(autumn->blueprint.begin(), autumn->blueprint.end(), "lt-stretch") == autumn->blueprint.end());
}
