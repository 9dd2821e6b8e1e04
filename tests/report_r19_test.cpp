// R19: reminders are paced: at most one unbooked reminder per participant per rolling
// 7 days, whoever sends it and however the job is retried; a bulk reminder skips, and
// names, those reminded too recently.
#include <algorithm>

#include "core/pathway_rules.h"
#include "fixture.h"

using namespace pathways;
using namespace pathways::testing;

TEST_CASE("R19 rule_reminder_pacing: one reminder per participant per rolling 7 days") {
  World w = make_world();
  CHECK_FALSE(rule_reminder_pacing(last_reminders(w.state), "alice", now));
  CHECK(w.run(lead, SendReminder{"alice", LongText{"Please book"}}) == "applied");
  const LastReminders last = last_reminders(w.state);
  auto paced = rule_reminder_pacing(last, "alice", now + days(6) + hours(23));
  REQUIRE(paced);
  CHECK(paced->code == RejectCode::already_exists);
  CHECK(paced->message.find("2026-11-02T09:00:00Z") != std::string::npos);
  // Rolling, not a calendar week: 7 days after, not the next Monday.
  CHECK_FALSE(rule_reminder_pacing(last, "alice", now + days(7)));
  CHECK_FALSE(rule_reminder_pacing(last, "bob", now));
}

TEST_CASE("R19 due_unbooked_reminders: the job skips anyone reminded in the last 7 days, whoever sent it") {
  World w = make_world();
  CHECK(w.run(lead, SendReminder{"alice", std::nullopt}, now - days(2)) == "applied");
  auto due = due_unbooked_reminders(w.state, now);
  REQUIRE(due.size() == 2);  // bob and carol; alice was reminded two days ago
  for (const auto& m : due) CHECK(m.to != "alice");
  for (const auto& m : due) w.state.commit(Change{m});
  // A retry in the next calendar week (a new R12 key) still waits out the 7 days.
  CHECK(due_unbooked_reminders(w.state, now + days(6)).size() == 1);  // only alice is due again
  CHECK(due_unbooked_reminders(w.state, now + days(7)).size() == 3);
  // Two pathways, one reminder.
  w.must(admin, EnrolParticipant{"pa2", "alice", "c2", "coach2"});
  due = due_unbooked_reminders(w.state, now + days(14));
  CHECK(std::count_if(due.begin(), due.end(), [](const auto& m) { return m.to == "alice"; }) == 1);
}

TEST_CASE("R19 plan_bulk_reminder: skips and names those reminded too recently") {
  World w = make_world();
  for (const auto& m : due_unbooked_reminders(w.state, now - days(3)))
    if (m.to == "bob") w.state.commit(Change{m});
  const auto plan = plan_bulk_reminder(w.state, {"alice", "bob", "carol", "alice"}, now);
  CHECK(plan.send == std::vector<Id>{"alice", "carol"});
  REQUIRE(plan.skipped.size() == 1);
  CHECK(plan.skipped[0].first == "bob");
  CHECK(plan.skipped[0].second == now - days(3));
}

TEST_CASE("R19 send_reminder: one reminder per rolling 7 days whoever sends it, judged at receipt") {
  World w = make_world();
  CHECK(w.run(lead, SendReminder{"alice", LongText{"Please book"}}) == "applied");
  // An admin two days later, and the lead again after 6 days 23 hours: refused, saying when.
  CHECK(w.run(admin, SendReminder{"alice", std::nullopt}, now + days(2)) == "already_exists");
  auto again = apply(w.state, SendReminder{"alice", std::nullopt}, lead, now + days(6) + hours(23));
  REQUIRE_FALSE(again);
  CHECK(again.rejection().message.find("2026-11-02T09:00:00Z") != std::string::npos);
  // A claimed time 10 days in the past does not step outside the window: receipt decides.
  auto backdated =
      apply(w.state, SendReminder{"alice", std::nullopt}, lead, OpTimes{now - days(10), now + days(1)}, ZoneLookup{});
  CHECK_FALSE(backdated);
  // Seven days on, it goes; other participants were never held back.
  CHECK(w.run(lead, SendReminder{"alice", std::nullopt}, now + days(7)) == "applied");
  CHECK(w.run(lead, SendReminder{"bob", std::nullopt}, now + days(1)) == "applied");
  CHECK(w.mails(MailTemplate::reminder, "alice") == 2);
}
