// R17: wall-clock time in a person's zone, over zone rules given as data. The rules come
// from tests/golden/zones.json, written from Debian's tzdata by pathways-zone-rules (the
// server suite checks that file against the system's tzdata), so this suite runs the same
// natively and in WebAssembly without reading any zone file itself.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/time_zone.h"
#include "core/time_zone_codec.h"

using namespace pathways;

namespace {

const ZoneRules& zone(const std::string& name) {
  static const std::map<std::string, ZoneRules> zones = [] {
    std::ifstream in(std::string(PATHWAYS_TESTS_DIR) + "/golden/zones.json");
    REQUIRE_MESSAGE(in.good(), "tests/golden/zones.json is readable");
    std::stringstream text;
    text << in.rdbuf();
    std::map<std::string, ZoneRules> out;
    for (const auto& z : nlohmann::json::parse(text.str())) {
      auto rules = zone_rules_from_json(z);
      REQUIRE(rules);
      out.emplace(rules->name, rules.value());
    }
    return out;
  }();
  auto it = zones.find(name);
  REQUIRE_MESSAGE(it != zones.end(), name);
  return it->second;
}

Time utc(const char* text) {
  auto t = parse_time(text);
  REQUIRE_MESSAGE(t, text);
  return *t;
}

LocalDateTime local(int y, int mo, int d, int h, int mi) { return LocalDateTime{CivilDate{y, mo, d}, h, mi, 0}; }

std::string at(const Result<ResolvedLocalTime>& r) { return r ? format_time(r->at) : "refused"; }

}  // namespace

TEST_CASE("R17 civil dates: day numbers, real dates, weekdays") {
  CHECK(day_number(CivilDate{1970, 1, 1}) == 0);
  CHECK(civil_from_days(day_number(CivilDate{2028, 2, 29})) == CivilDate{2028, 2, 29});
  CHECK(add_days(CivilDate{2026, 12, 31}, 1) == CivilDate{2027, 1, 1});
  CHECK(valid_date(2028, 2, 29));
  CHECK_FALSE(valid_date(2026, 2, 29));
  CHECK_FALSE(valid_date(2026, 2, 30));
  CHECK_FALSE(valid_date(2026, 13, 1));
  CHECK(iso_weekday(CivilDate{2026, 11, 30}) == 1);  // a Monday
  CHECK(iso_weekday(CivilDate{2026, 11, 29}) == 7);
  CHECK(describe_local(local(2026, 3, 29, 1, 30)) == "Sun 29 Mar 2026 01:30");
}

TEST_CASE("R17 to_local: offsets east and west of UTC, in summer and winter") {
  CHECK(to_local(zone("Europe/London"), utc("2026-07-01T12:00:00Z")) == local(2026, 7, 1, 13, 0));
  CHECK(to_local(zone("Europe/London"), utc("2026-12-01T12:00:00Z")) == local(2026, 12, 1, 12, 0));
  CHECK(to_local(zone("America/Chicago"), utc("2026-07-01T03:00:00Z")) == local(2026, 6, 30, 22, 0));
  CHECK(to_local(zone("Australia/Sydney"), utc("2026-12-31T14:00:00Z")) == local(2027, 1, 1, 1, 0));
  CHECK(to_local(zone("Asia/Kolkata"), utc("2026-11-30T18:30:00Z")) == local(2026, 12, 1, 0, 0));
  CHECK(period_at(zone("Europe/London"), utc("2026-07-01T12:00:00Z")).abbrev == "BST");
  CHECK(to_local(utc_zone(), utc("2026-07-01T12:00:00Z")) == local(2026, 7, 1, 12, 0));
}

TEST_CASE("R17 resolve_local: the skipped hour is refused with a reason, never moved") {
  struct Case {
    const char* zone;
    LocalDateTime skipped;
    const char* change;
  };
  for (const Case& c : {Case{"Europe/London", local(2026, 3, 29, 1, 30), "from 01:00 to 02:00"},
                        Case{"America/Chicago", local(2026, 3, 8, 2, 0), "from 02:00 to 03:00"},
                        Case{"Australia/Sydney", local(2026, 10, 4, 2, 59), "from 02:00 to 03:00"}}) {
    CAPTURE(c.zone);
    auto r = resolve_local(zone(c.zone), c.skipped);
    REQUIRE_FALSE(r);
    CHECK(r.rejection().code == RejectCode::nonexistent_local_time);
    CHECK(r.rejection().message.find(c.change) != std::string::npos);
    CHECK(r.rejection().message.find(c.zone) != std::string::npos);
  }
  // Either side of the gap exists.
  CHECK(at(resolve_local(zone("Europe/London"), local(2026, 3, 29, 0, 59))) == "2026-03-29T00:59:00Z");
  CHECK(at(resolve_local(zone("Europe/London"), local(2026, 3, 29, 2, 0))) == "2026-03-29T01:00:00Z");
}

TEST_CASE("R17 resolve_local: the repeated hour takes the first and says so") {
  struct Case {
    const char* zone;
    LocalDateTime twice;
    const char* first;
    const char* second;
    const char* abbrev;
  };
  for (const Case& c :
       {Case{"Europe/London", local(2026, 10, 25, 1, 30), "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "BST"},
        Case{"America/Chicago", local(2026, 11, 1, 1, 15), "2026-11-01T06:15:00Z", "2026-11-01T07:15:00Z", "CDT"},
        Case{"Australia/Sydney", local(2026, 4, 5, 2, 30), "2026-04-04T15:30:00Z", "2026-04-04T16:30:00Z", "AEDT"}}) {
    CAPTURE(c.zone);
    auto r = resolve_local(zone(c.zone), c.twice);
    REQUIRE(r);
    CHECK(r->repeated);
    CHECK(format_time(r->at) == c.first);
    CHECK(format_time(r->second_at) == c.second);
    CHECK(r->abbrev == c.abbrev);
  }
  auto plain = resolve_local(zone("Europe/London"), local(2026, 10, 25, 3, 0));
  REQUIRE(plain);
  CHECK_FALSE(plain->repeated);
  CHECK(format_time(plain->at) == "2026-10-25T03:00:00Z");
}

TEST_CASE("R17 weekly_repeat keeps the local start across clock changes") {
  SUBCASE("Europe/London, spring: 09:00 stays 09:00 while UTC moves an hour") {
    auto weeks = weekly_repeat(zone("Europe/London"), utc("2026-03-16T09:00:00Z"), 4);
    REQUIRE(weeks.size() == 4);
    CHECK(at(weeks[0]) == "2026-03-16T09:00:00Z");
    CHECK(at(weeks[1]) == "2026-03-23T09:00:00Z");
    CHECK(at(weeks[2]) == "2026-03-30T08:00:00Z");
    CHECK(at(weeks[3]) == "2026-04-06T08:00:00Z");
    for (auto& w : weeks) CHECK(to_local(zone("Europe/London"), w->at).hour == 9);
  }
  SUBCASE("America/Chicago, autumn: 17:30 local across the November change") {
    auto weeks = weekly_repeat(zone("America/Chicago"), utc("2026-10-26T22:30:00Z"), 3);
    CHECK(at(weeks[0]) == "2026-10-26T22:30:00Z");
    CHECK(at(weeks[1]) == "2026-11-02T23:30:00Z");
    CHECK(at(weeks[2]) == "2026-11-09T23:30:00Z");
  }
  SUBCASE("Australia/Sydney, southern spring in October") {
    auto weeks = weekly_repeat(zone("Australia/Sydney"), utc("2026-09-27T23:00:00Z"), 2);  // Mon 09:00 AEST
    CHECK(at(weeks[0]) == "2026-09-27T23:00:00Z");
    CHECK(at(weeks[1]) == "2026-10-04T22:00:00Z");  // Mon 09:00 AEDT
  }
  SUBCASE("a week that falls in the skipped hour is refused, the others stand") {
    // Sunday 01:30 in London: the clocks skip it on 29 March 2026.
    auto weeks = weekly_repeat(zone("Europe/London"), utc("2026-03-22T01:30:00Z"), 3);
    CHECK(weeks[0]);
    REQUIRE_FALSE(weeks[1]);
    CHECK(weeks[1].rejection().code == RejectCode::nonexistent_local_time);
    CHECK(at(weeks[2]) == "2026-04-05T00:30:00Z");
  }
  SUBCASE("a week that falls in the repeated hour takes its first occurrence") {
    auto weeks = weekly_repeat(zone("Europe/London"), utc("2026-10-18T00:30:00Z"), 2);  // Sun 01:30 BST
    REQUIRE(weeks[1]);
    CHECK(weeks[1]->repeated);
    CHECK(format_time(weeks[1]->at) == "2026-10-25T00:30:00Z");
  }
  CHECK(weekly_repeat(zone("Europe/London"), utc("2026-03-16T09:00:00Z"), 0).empty());
}

TEST_CASE("R17 days and weeks are bounded by local midnights, east and west of UTC") {
  auto range = local_date_range(zone("Australia/Sydney"), CivilDate{2026, 11, 30}, CivilDate{2026, 11, 30});
  CHECK(format_time(range.begin) == "2026-11-29T13:00:00Z");
  CHECK(format_time(range.end) == "2026-11-30T13:00:00Z");
  range = local_date_range(zone("America/Chicago"), CivilDate{2026, 11, 1}, CivilDate{2026, 11, 30});
  CHECK(format_time(range.begin) == "2026-11-01T05:00:00Z");
  CHECK(format_time(range.end) == "2026-12-01T06:00:00Z");
  range = local_date_range(zone("Asia/Kolkata"), CivilDate{2026, 11, 30}, CivilDate{2026, 11, 30});
  CHECK(format_time(range.begin) == "2026-11-29T18:30:00Z");
  // Days of 23 and 25 hours.
  range = local_date_range(zone("Europe/London"), CivilDate{2026, 3, 29}, CivilDate{2026, 3, 29});
  CHECK(range.end - range.begin == hours(23));
  range = local_date_range(zone("Europe/London"), CivilDate{2026, 10, 25}, CivilDate{2026, 10, 25});
  CHECK(range.end - range.begin == hours(25));
  // A range that ends before it starts is empty.
  range = local_date_range(zone("Europe/London"), CivilDate{2026, 10, 25}, CivilDate{2026, 10, 24});
  CHECK(range.begin == range.end);
  // The same instant is on different dates in different zones.
  const Time t = utc("2026-11-30T23:30:00Z");
  CHECK(local_date(zone("Australia/Sydney"), t) == CivilDate{2026, 12, 1});
  CHECK(local_date(zone("America/Chicago"), t) == CivilDate{2026, 11, 30});
  // A week runs Monday to Monday in the viewer's zone.
  const TimeRange week = local_week(zone("Australia/Sydney"), t);  // Tue 1 Dec in Sydney
  CHECK(format_time(week.begin) == "2026-11-29T13:00:00Z");
  CHECK(format_time(week.end) == "2026-12-06T13:00:00Z");
  CHECK(week.contains(t));
}

TEST_CASE("R17 a day whose midnight the clocks skip starts at the change") {
  // America/Santiago moves from -04 to -03 at local midnight on 6 September 2026.
  auto midnight = resolve_local(zone("America/Santiago"), local(2026, 9, 6, 0, 0));
  CHECK_FALSE(midnight);
  const Time begin = start_of_day(zone("America/Santiago"), CivilDate{2026, 9, 6});
  CHECK(format_time(begin) == "2026-09-06T04:00:00Z");
  CHECK(to_local(zone("America/Santiago"), begin) == local(2026, 9, 6, 1, 0));
}

TEST_CASE("R17 zone rules as data: the codec round-trips and refuses what it cannot trust") {
  const ZoneRules& london = zone("Europe/London");
  auto back = zone_rules_from_json(zone_rules_json(london));
  REQUIRE(back);
  CHECK(back.value() == london);

  using nlohmann::json;
  auto refused = [](const json& j) { return !zone_rules_from_json(j).ok(); };
  CHECK(refused(json::array()));
  CHECK(refused(json{{"name", "Europe/London"}}));
  CHECK(refused(json{{"name", "../../etc/passwd"}, {"periods", json::array({json::array({0, 0, "UTC"})})}}));
  CHECK(refused(json{{"name", "X/Y"}, {"periods", json::array()}}));
  CHECK(refused(json{{"name", "X/Y"}, {"periods", json::array({json::array({0, 20 * 3600, "BAD"})})}}));
  CHECK(
      refused(json{{"name", "X/Y"}, {"periods", json::array({json::array({10, 0, "A"}), json::array({5, 0, "B"})})}}));
  CHECK(refused(json{{"name", "X/Y"}, {"periods", json::array({json::array({0, 0, ""})})}}));
  CHECK(refused(json{{"name", "X/Y"}, {"periods", json::array({json::array({"0", 0, "UTC"})})}}));
  CHECK(refused(json{{"name", "X/Y"}, {"periods", json::array({json::array({1e300, 0, "UTC"})})}}));
  json many = json::array();
  for (int i = 0; i <= static_cast<int>(max_zone_periods); ++i) many.push_back(json::array({i, 0, "UTC"}));
  CHECK(refused(json{{"name", "X/Y"}, {"periods", many}}));
  CHECK_FALSE(refused(json{{"name", "Etc/GMT+5"}, {"periods", json::array({json::array({0, -18000, "-05"})})}}));
}
