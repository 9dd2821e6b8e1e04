// Every role against every kind of op, through HTTP (DESIGN.md §1, R2): the token's user is
// the actor, and the server refuses what the role may not do with `forbidden`.
#include "harness.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// One op and who may not / may push it. The rows run in order on one server, each leaving
// the state the next one needs; the refused attempts come first and change nothing.
struct Row {
  const char* what;
  json op;
  std::vector<const char*> refused;  // each gets `forbidden`
  const char* allowed;               // then this one applies it
};

json slot(const char* id, const char* coach, Time start) {
  return {{"type", "add_slot"}, {"slot", id},    {"coach", coach},      {"start", format_time(start)},
          {"duration_min", 60}, {"capacity", 1}, {"kind", "one_to_one"}};
}

}  // namespace

TEST_CASE("role x op: each role may do exactly what DESIGN.md §1 says, whatever the op claims") {
  TestServer s;
  const std::string admin = make_small_world(s);
  std::map<std::string, SyncClient> clients;
  for (const char* user : {"coach1", "coach2", "lead1", "alice", "bob", "carol"})
    clients.emplace(user, SyncClient(s, s.login_as(user), std::string(user) + "-device"));
  clients.emplace("admin", SyncClient(s, admin, "admin-device"));
  const Time now = s.now();

  const std::vector<Row> rows = {
      {"coaches manage only their own calendar",
       slot("m1", "coach1", now + days(2)),
       {"coach2", "lead1", "alice"},
       "coach1"},
      {"participants book their own sessions",
       {{"type", "book_session"}, {"session", "pa/s1"}, {"slot", "m1"}},
       {"coach2", "lead1", "carol"},
       "alice"},
      {"coaches add notes to their participants' sessions",
       {{"type", "add_note"}, {"session", "pa/s1"}, {"note", "n1"}, {"text", "Prepared well."}},
       {"coach2", "lead1", "alice"},
       "coach1"},
      {"participants cancel their own bookings",
       {{"type", "cancel_booking"}, {"session", "pa/s1"}},
       {"coach2", "lead1", "carol"},
       "alice"},
      {"a slot that has already started (for a session held earlier)",
       slot("m0", "coach1", now - hours(3)),
       {},
       "coach1"},
      {"the participant's own coach books",
       {{"type", "book_session"}, {"session", "pa/s1"}, {"slot", "m0"}},
       {"coach2", "lead1"},
       "coach1"},
      {"R2: only the participant's coach marks",
       {{"type", "mark_attendance"}, {"session", "pa/s1"}, {"outcome", "completed"}},
       {"coach2", "lead1", "alice", "bob"},
       "coach1"},
      {"R2: admins correct any status",
       {{"type", "correct_status"}, {"session", "pa/s1"}, {"status", "missed"}, {"reason", "no_show"}},
       {"coach1", "lead1", "alice"},
       "admin"},
      {"R5: only admins grey out", {{"type", "grey_out"}, {"session", "pb/s2"}}, {"coach1", "lead1", "bob"}, "admin"},
      {"R5: only admins un-grey", {{"type", "ungrey"}, {"session", "pb/s2"}}, {"coach1", "lead1", "bob"}, "admin"},
      {"leads remind participants of their companies",
       {{"type", "send_reminder"}, {"participant", "alice"}},
       {"coach1", "alice", "bob"},
       "lead1"},
      {"leads do not chase participants of other companies",
       {{"type", "escalate"}, {"participant", "carol"}},
       {"lead1", "coach2", "carol"},
       "admin"},
      {"R11: only admins grant sessions",
       {{"type", "grant_sessions"},
        {"pathway", "pb"},
        {"grant", "g1"},
        {"count", 1},
        {"po_ref", "PO-9"},
        {"reason", "Extra"}},
       {"coach1", "lead1", "bob"},
       "admin"},
      {"R13: only admins complete a pathway",
       {{"type", "complete_pathway"}, {"pathway", "pb"}},
       {"coach1", "lead1", "bob"},
       "admin"},
      {"R14: only admins archive participants",
       {{"type", "archive_participant"}, {"participant", "bob"}},
       {"coach1", "lead1", "bob"},
       "admin"},
      {"R6: only admins edit blueprints",
       {{"type", "set_blueprint"}, {"cohort", "c1"}, {"placeholder", "s4"}, {"visible", true}},
       {"coach1", "lead1", "alice"},
       "admin"},
      {"only admins create users",
       {{"type", "create_user"},
        {"user", "dan"},
        {"name", "Dan Drew"},
        {"email", "dan@example.test"},
        {"role", "participant"}},
       {"coach1", "lead1", "alice"},
       "admin"},
      {"only admins enrol",
       {{"type", "enrol_participant"},
        {"pathway", "pd"},
        {"participant", "dan"},
        {"cohort", "c1"},
        {"coach", "coach1"}},
       {"coach1", "lead1", "alice"},
       "admin"},
      {"only admins design journeys",
       {{"type", "create_journey"}, {"journey", "j2"}, {"name", "Second"}},
       {"coach1", "lead1", "alice"},
       "admin"},
      {"only admins archive cohorts",
       {{"type", "archive_cohort"}, {"cohort", "c2"}},
       {"coach1", "lead1", "carol"},
       "admin"},
      {"coaches remove their own slots",
       {{"type", "remove_slot"}, {"slot", "m1"}},
       {"coach2", "alice", "lead1"},
       "coach1"},
  };

  for (const Row& row : rows) {
    CAPTURE(row.what);
    for (const char* role : row.refused) {
      CAPTURE(role);
      // Refused: forbidden within the actor's scope; outside it (another coach's
      // participant, another participant's session) the thing reads as absent (DESIGN.md §8).
      const std::string result = clients.at(role).run(row.op);
      CHECK_MESSAGE((result == "forbidden" || result == "not_found"), result);
    }
    CAPTURE(row.allowed);
    CHECK(clients.at(row.allowed).run(row.op) == "applied");
  }
}

TEST_CASE("an op cannot name its actor: the token's user acts, and extra fields are refused") {
  TestServer s;
  make_small_world(s);
  SyncClient carol(s, s.login_as("carol"), "carol-phone");
  CHECK(carol.run({{"type", "cancel_booking"}, {"session", "pa/s1"}, {"actor", "alice"}}) == "unknown_field");
  CHECK(carol.run({{"type", "cancel_booking"}, {"session", "pa/s1"}, {"user", "admin"}}) == "unknown_field");
  // Acting on someone else's session as oneself is refused by the core (it is outside her
  // scope, so it reads as absent).
  CHECK(carol.run({{"type", "cancel_booking"}, {"session", "pa/s1"}}) == "not_found");
}
