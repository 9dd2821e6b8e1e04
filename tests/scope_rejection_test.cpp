// DESIGN.md §8: a rejection never tells a name, or whether an id exists, to someone for whom
// the named thing is outside their scope; and R14's "archived means inert" for cohorts.
// Also the smaller input rules: ids without dot segments, second :60 only as a leap second.
#include <doctest/doctest.h>

#include <functional>

#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// The rejection of `body` by `actor`: code and sentence; "applied" when it was not refused.
std::string refusal(const World& w, const Actor& actor, const OpBody& body) {
  auto result = apply(w.state, body, actor, now);
  if (result) return "applied";
  return std::string(to_string(result.rejection().code)) + ": " + result.rejection().message;
}

// `text` with every `from` written as `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("scope: a rejection tells nobody a name, or whether an id exists, outside their scope") {
  World w = make_world();
  w.slot("theirs", days(5), "coach2");
  w.book("pc/s1", days(3));  // carol's, coached by coach2
  // Each case: who asks, and the op naming something outside their scope (`out`) or
  // nothing at all (`missing`). Both must be refused with the same code and sentence.
  struct Case {
    const char* what;
    Actor actor;
    std::function<OpBody(const std::string&)> op;
    std::string out;
  };
  const std::vector<Case> cases = {
      {"participant books another's session", alice,
       [](const std::string& id) {
         return BookSession{id, "x"};
       },
       "pc/s1"},
      {"participant cancels another's session", alice, [](const std::string& id) { return CancelBooking{id}; },
       "pc/s1"},
      {"participant books another coach's slot", alice,
       [](const std::string& id) {
         return BookSession{"pa/s1", id};
       },
       "theirs"},
      {"coach marks another coach's participant", coach,
       [](const std::string& id) {
         return MarkAttendance{id, Outcome::completed, std::nullopt};
       },
       "pc/s1"},
      {"coach notes another coach's session", coach,
       [](const std::string& id) {
         return AddNote{id, "n1", LongText{"Note"}};
       },
       "pc/s1"},
      {"coach removes a colleague's slot", coach, [](const std::string& id) { return RemoveSlot{id}; }, "theirs"},
      {"participant reminds an admin", alice,
       [](const std::string& id) {
         return SendReminder{id, std::nullopt};
       },
       "admin"},
      {"participant escalates a coach", alice,
       [](const std::string& id) {
         return Escalate{id, std::nullopt};
       },
       "coach2"},
      {"coach reminds an admin", coach,
       [](const std::string& id) {
         return SendReminder{id, std::nullopt};
       },
       "admin"},
      {"lead reminds an admin", lead,
       [](const std::string& id) {
         return SendReminder{id, std::nullopt};
       },
       "admin"},
      {"lead escalates a coach", lead,
       [](const std::string& id) {
         return Escalate{id, std::nullopt};
       },
       "coach1"},
  };
  std::vector<std::string> names;
  for (const auto& [id, u] : w.state.users) names.push_back(u.name);
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const std::string out = refusal(w, c.actor, c.op(c.out));
    const std::string missing = refusal(w, c.actor, c.op("nothing-here"));
    CHECK(out != "applied");
    CHECK(out == replaced(missing, "nothing-here", c.out));
    for (const std::string& name : names) CHECK_MESSAGE(out.find(name) == std::string::npos, out);
  }
  // Within scope the reasons stay specific: an admin hears why another coach's slot does not fit.
  CHECK(refusal(w, admin, BookSession{"pa/s1", "theirs"}).rfind("wrong_coach", 0) == 0);
  // And an admin's wrong-role answer names the id, never the person.
  const std::string wrong_role = refusal(w, admin, ArchiveParticipant{"coach1"});
  CHECK(wrong_role.find("Cora Coach") == std::string::npos);
  CHECK(wrong_role.find("coach1") != std::string::npos);
}

TEST_CASE("R14 an archived cohort's sessions cannot be booked, by anyone") {
  World w = make_world();
  w.slot("mine", days(2));
  w.must(admin, ArchiveCohort{"c1"});
  for (const Actor& who : {alice, coach, admin}) {
    CAPTURE(who.id);
    CHECK(w.run(who, BookSession{"pa/s1", "mine"}) == "archived");
  }
  CHECK(w.session("pa/s1").status == SessionStatus::unbooked);
  // Another cohort's sessions are bookable as before.
  w.slot("for-carol", days(2), "coach2");
  CHECK(w.run(carol, BookSession{"pc/s1", "for-carol"}) == "applied");
}

TEST_CASE("ids: no '.' or '..' segment and no empty segment") {
  for (const char* bad : {".", "..", "../x", "a/..", "a/./b", "a//b", "/a", "a/", ""}) {
    CAPTURE(bad);
    CHECK_FALSE(valid_id(bad));
  }
  for (const char* good : {"a", "pa/s1", "a.b", "..a", "a..", "g1.1", "escalation:alice:1", "a/b.c"}) {
    CAPTURE(good);
    CHECK(valid_id(good));
  }
  // Through the codec: an op naming ".." is refused before any rule runs.
  auto op = [](const char* session) {
    return decode_op(std::string(R"({"seq":1,"at":"2026-11-22T10:00:00Z","type":"grey_out","session":")") + session +
                     "\"}");
  };
  CHECK(op("a/b"));
  CHECK(op("..").rejection().code == RejectCode::invalid_value);
  CHECK(op("pa/..").rejection().code == RejectCode::invalid_value);
}

TEST_CASE("R17 parse_time: second :60 is only the leap second at the end of a UTC day") {
  CHECK(parse_time("2026-12-31T23:59:60Z") == parse_time("2026-12-31T23:59:59Z"));
  CHECK(parse_time("2027-01-01T00:59:60+01:00") == parse_time("2026-12-31T23:59:59Z"));
  for (const char* bad : {"2026-11-02T09:00:60Z", "2026-12-31T23:58:60Z", "2026-12-31T23:59:60+01:00"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_time(bad));
  }
}
