// The server reads time-zone rules from the system's tzdata (DESIGN.md §9). The core's
// suite runs on the fixture tests/golden/zones.json; this checks the fixture says what
// tzdata says for the years the tests use, so the core's tests speak of real zones.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/time_zone_codec.h"
#include "server/zone_database.h"

using namespace pathways;

namespace {

std::vector<ZonePeriod> between(const ZoneRules& rules, Time from, Time to) {
  std::vector<ZonePeriod> out;
  for (const ZonePeriod& p : rules.periods)
    if (from <= p.from && p.from < to) out.push_back(p);
  return out;
}

}  // namespace

TEST_CASE("R17 zone rules: the fixture of the core suite agrees with the system's tzdata") {
  std::ifstream in(std::string(PATHWAYS_TESTS_DIR) + "/golden/zones.json");
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  const Time from = *parse_time("2020-01-01T00:00:00Z");
  const Time to = *parse_time("2031-01-01T00:00:00Z");
  server::ZoneDatabase db;
  int zones = 0;
  for (const auto& z : nlohmann::json::parse(text.str())) {
    auto fixture = zone_rules_from_json(z);
    REQUIRE(fixture);
    CAPTURE(fixture->name);
    auto system = db.rules(fixture->name);
    REQUIRE(system);
    CHECK(between(*system, from, to) == between(fixture.value(), from, to));
    CHECK(period_at(*system, from) == period_at(fixture.value(), from));
    ++zones;
  }
  CHECK(zones >= 5);
}

TEST_CASE("R17 zone rules: unknown and path-like names are refused without touching files") {
  server::ZoneDatabase db;
  CHECK_FALSE(db.rules("Mars/Olympus_Mons"));
  CHECK_FALSE(db.rules("../../etc/passwd"));
  CHECK_FALSE(db.rules(""));
  CHECK_FALSE(db.rules(std::string(200, 'A')));
  auto london = db.rules("Europe/London");
  REQUIRE(london);
  CHECK(london->periods.size() > 70);  // two changes a year, as far as the zone files list them (2037)
  CHECK_FALSE(validate_zone_rules(*london));
  auto utc = db.rules("UTC");
  REQUIRE(utc);
  CHECK(utc->periods.size() == 1);
}
