// What the server keeps: the state rebuilt from SQLite at start, progress and tokens across
// restarts, a busy database as a temporary failure, the mailer's files, the scheduled
// jobs, the schema's migrations and the demo dataset.
#include <sqlite3.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/entity_codec.h"
#include "harness.h"
#include "server/demo.h"
#include "server/jobs.h"
#include "server/mail_message.h"
#include "server/mailer.h"
#include "server/storage/entity_store.h"
#include "server/storage/migrations.h"
#include "server/sync_service.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// A full pull without the parts that change with time, in a stable order (the state's maps
// do not keep one).
json snapshot(const SyncClient& client) {
  json body = client.pull(0).body;
  body.erase("server_time");
  auto& changes = body.at("changes");
  std::sort(changes.begin(), changes.end(), [](const json& a, const json& b) {
    return std::tie(a.at("kind").get_ref<const std::string&>(), a.at("id").get_ref<const std::string&>()) <
           std::tie(b.at("kind").get_ref<const std::string&>(), b.at("id").get_ref<const std::string&>());
  });
  return body;
}

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  if (std::filesystem::exists(dir))
    for (const auto& e : std::filesystem::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a restarted server rebuilds the same state, versions, client progress and tokens") {
  TempDir dir;
  TestServerOptions options;
  options.db = dir.path() / "keep.db";
  std::string admin, alice_token;
  json before;
  {
    TestServer s(options);
    admin = make_small_world(s);
    alice_token = s.login_as("alice");
    SyncClient coach(s, s.login_as("coach1"), "coach1-laptop");
    REQUIRE(coach.run(add_slot("sl-1", s.now() + days(2))) == "applied");
    SyncClient alice(s, alice_token, "alice-phone");
    REQUIRE(alice.run({{"type", "book_session"}, {"session", "pa/s1"}, {"slot", "sl-1"}}) == "applied");
    REQUIRE(coach.run({{"type", "remove_slot"}, {"slot", "sl-1"}}) == "slot_in_use");
    before = snapshot(SyncClient(s, admin, "admin-desk"));
  }
  TestServer s(options);
  CHECK(snapshot(SyncClient(s, admin, "admin-desk")) == before);  // the admin's token survived too
  SyncClient alice(s, alice_token, "alice-phone");
  CHECK(alice.pull(0).body.at("last_seq") == 1);
  // The exactly-once record survived: re-sending seq 1 returns its result, changes nothing.
  const Reply again = alice.push_raw(
      json::array({{{"seq", 1}, {"at", format_time(s.now())}, {"type", "cancel_booking"}, {"session", "pa/s1"}}}));
  REQUIRE(again.status == 200);
  CHECK(again.body.at("results").at(0).at("status") == "applied");
  CHECK(session_statuses(alice.pull(0).body).at("pa/s1") == "booked");
}

TEST_CASE("R19 a reminder sent before a restart still paces the next one after it") {
  TempDir dir;
  TestServerOptions options;
  options.db = dir.path() / "r19.db";
  std::string lead_token;
  {
    TestServer s(options);
    make_small_world(s);
    lead_token = s.login_as("lead1");
    SyncClient lead(s, lead_token, "lead-laptop");
    REQUIRE(lead.run({{"type", "send_reminder"}, {"participant", "alice"}}) == "applied");
  }
  TestServer s(options);
  s.set_now(s.now() + days(2));
  SyncClient lead(s, s.login_as("lead1"), "lead-desk");
  // Two days later, after the restart: still inside the 7-day window.
  CHECK(lead.run({{"type", "send_reminder"}, {"participant", "alice"}}) == "already_exists");
  CHECK(lead.run({{"type", "send_reminder"}, {"participant", "bob"}}) == "applied");
  s.set_now(s.now() + days(6));
  CHECK(lead.run({{"type", "send_reminder"}, {"participant", "alice"}}) == "applied");
}

TEST_CASE("R9 a journey's draft and last change survive a restart; a participant's pull never carries the draft") {
  TempDir dir;
  TestServerOptions options;
  options.db = dir.path() / "draft.db";
  std::string admin, alice_token;
  auto journey_in = [](const json& pull) {
    for (const json& c : pull.at("changes"))
      if (c.at("kind") == "journey" && c.at("id") == "lead") return c.at("data");
    return json();
  };
  {
    TestServer s(options);
    admin = make_small_world(s);
    alice_token = s.login_as("alice");
    SyncClient desk(s, admin, "admin-design");
    REQUIRE(desk.run({{"type", "add_placeholder"},
                      {"journey", "lead"},
                      {"placeholder", "s9"},
                      {"title", "Wrap-up \u00e9 \"quoted\""},
                      {"kind", "pod"},
                      {"duration_min", 45}}) == "applied");
  }
  TestServer s(options);
  const json seen = journey_in(SyncClient(s, admin, "admin-desk").pull(0).body);
  REQUIRE(seen.contains("draft"));
  CHECK(seen.at("draft").size() == 5);
  CHECK(seen.at("draft").back().at("title") == "Wrap-up \u00e9 \"quoted\"");
  CHECK(seen.at("placeholders").size() == 4);
  CHECK(seen.at("changed_at") != "");
  const json for_alice = journey_in(SyncClient(s, alice_token, "alice-phone").pull(0).body);
  REQUIRE(for_alice.is_object());
  CHECK_FALSE(for_alice.contains("draft"));
  // Publishing after the restart applies it: every pathway gets the session.
  SyncClient desk(s, admin, "admin-design-2");
  REQUIRE(desk.run({{"type", "publish_journey"}, {"journey", "lead"}}) == "applied");
  CHECK(session_statuses(desk.pull(0).body).at("pc/s9") == "unbooked");
}

TEST_CASE("a busy database is a temporary failure: 503 unavailable, and the client's last stays") {
  TestServerOptions options;
  options.busy_timeout_ms = 50;
  TestServer s(options);
  make_small_world(s);
  SyncClient coach(s, s.login_as("coach1"), "coach1-laptop");
  REQUIRE(coach.run(add_slot("sl-1", s.now() + days(2))) == "applied");

  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(s.db_path().c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);  // holds the write lock
  const json op = with(add_slot("sl-2", s.now() + days(3)), {{"seq", 2}, {"at", format_time(s.now())}});
  const Reply busy = coach.push_raw(json::array({op}));
  CHECK(busy.status == 503);
  CHECK(busy.body.at("error").at("code") == "unavailable");
  CHECK(coach.pull(0).body.at("last_seq") == 1);  // reads go on under WAL
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);

  // The client retries the same op; now it applies, once.
  const Reply retry = coach.push_raw(json::array({op}));
  REQUIRE(retry.status == 200);
  CHECK(retry.body.at("results").at(0).at("status") == "applied");
  CHECK(changes_of(coach.pull(0).body, "slot").count("sl-2") == 1);
}

TEST_CASE("the mailer writes one .eml per queued message, once") {
  TestServer s;
  make_small_world(s);
  SyncClient coach(s, s.login_as("coach1"), "coach1-laptop");
  SyncClient alice(s, s.login_as("alice"), "alice-phone");
  REQUIRE(coach.run(add_slot("sl-1", s.now() + days(2))) == "applied");
  REQUIRE(alice.run({{"type", "book_session"}, {"session", "pa/s1"}, {"slot", "sl-1"}}) == "applied");

  auto& mailer = s.server().mailer();
  CHECK(mailer.deliver_pending() == 1);  // held: a cancellation within seconds would undo it
  CHECK(files_in(s.server().options().outbox_dir).empty());
  s.set_now(s.now() + minutes(1));
  CHECK(mailer.deliver_pending() == 1);
  CHECK(mailer.deliver_pending() == 0);
  const auto files = files_in(s.server().options().outbox_dir);
  REQUIRE(files.size() == 1);
  const std::string eml = read_file(files[0]);
  CHECK(eml.find("To: Alice Archer <alice@example.test>\r\n") != std::string::npos);
  CHECK(eml.find("Subject: Booked: Kick-off with Cora Coach") != std::string::npos);
  CHECK(eml.find("X-Pathways-Template: booking_confirmation\r\n") != std::string::npos);
  CHECK(eml.find("Date: Mon, 02 Nov 2026 09:00:00 +0000\r\n") != std::string::npos);  // the booking's time
  // R12: a replayed booking op sends nothing new.
  const Reply replay = alice.push_raw(json::array(
      {{{"seq", 1}, {"at", format_time(s.now())}, {"type", "book_session"}, {"session", "pa/s1"}, {"slot", "sl-1"}}}));
  CHECK(replay.status == 200);
  CHECK(mailer.deliver_pending() == 0);
}

TEST_CASE("a user's name cannot inject mail headers") {
  server::MailContent c;
  c.from = {"Pathways", "x@example.test"};
  c.to = {"Eve\r\nBcc: victim@example.test", "eve@example.test"};
  c.cc = {{"Zoë", "z@example.test"}};
  c.subject = "Hi\r\nBcc: victim@example.test";
  c.date = default_now();
  c.message_id = "7.reminder@example.test";
  c.text = "Hello";
  const std::string eml = server::compose_message(c);
  CHECK(eml.find("\r\nBcc:") == std::string::npos);
  CHECK(eml.find("Cc: =?") != std::string::npos);
}

TEST_CASE("scheduled jobs queue the weekly unbooked reminders once and count inactive participants") {
  TestServer s;
  make_small_world(s);
  auto& jobs = s.server().jobs();
  const auto first = jobs.run_once();
  CHECK(first.ok);
  CHECK(first.reminders_queued == 3);  // alice, bob and carol all have unbooked sessions
  CHECK(first.inactive_participants == 0);
  CHECK(jobs.run_once().reminders_queued == 0);  // same week: already sent
  CHECK(s.server().mailer().deliver_pending() == 3);
  s.set_now(s.now() + days(7));
  CHECK(jobs.run_once().reminders_queued == 3);
  // R14: nobody has booked for three months.
  s.set_now(s.now() + days(100));
  CHECK(jobs.run_once().inactive_participants == 3);
  const std::string admin = s.login("admin@localhost", test_password);
  const Reply listed = s.get("/api/participants/inactive", admin);
  REQUIRE(listed.status == 200);
  CHECK(listed.body.at("participants") == json::array({"alice", "bob", "carol"}));
  CHECK(s.get("/api/participants/inactive", s.login_as("lead1")).status == 403);
}

TEST_CASE("migrations: a new database gets the latest schema; a newer file is refused") {
  TempDir dir;
  const std::string path = (dir.path() / "schema.db").string();
  { server::storage::Database db(path); }
  { server::storage::Database again(path); }  // reopening applies nothing twice
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  sqlite3_exec(raw, ("PRAGMA user_version = " + std::to_string(server::storage::latest_schema_version() + 1)).c_str(),
               nullptr, nullptr, nullptr);
  sqlite3_close(raw);
  CHECK_THROWS_WITH_AS(server::storage::Database{path}, doctest::Contains("newer"), std::runtime_error);
}

TEST_CASE("migrations: a schema 1 database with a session row is migrated to the latest and the session loads") {
  namespace storage = server::storage;
  TempDir dir;
  const std::string path = (dir.path() / "v1.db").string();
  const Time now = default_now();
  {
    server::sql::Connection db(path);
    storage::migrate(db, 1);
    // The world around the session, through the entity store (these tables kept their
    // shape); the session itself in schema 1's wide row, as a server of that time wrote it.
    State state;
    auto put = [&](Entity e) {
      const Change c{std::move(e), false};
      state.commit(c);
      storage::write_entity(db, state, c, 3, nullptr);
    };
    put(Company{"co", "Company"});
    put(Project{"pr", "co", "Project", "PO-1"});
    Journey j;
    j.id = "j";
    j.name = "Journey";
    j.published = true;
    j.placeholders.push_back({"s1", "First session", SessionKind::one_to_one, 45, false});
    // The journey in schema 1's row (schema 4 adds draft and changed_at).
    state.commit(Change{j, false});
    db.exec(
        "INSERT INTO journeys (id, name, published, max_extra_sessions, my_coaching_tab, placeholders, version) "
        "VALUES ('j', 'Journey', 1, 0, 1, "
        "'[{\"duration_min\":45,\"id\":\"s1\",\"kind\":\"one_to_one\",\"title\":\"First session\"}]', 3)");
    put(Cohort{"c1", "Cohort", "j", "pr", {"s1"}, false});
    // Users in schema 1's row (schema 3 adds time_zone), committed to the state for the pathway.
    User coach;
    coach.id = "coach1";
    coach.name = "Coach";
    coach.email = "coach1@example.test";
    coach.role = Role::coach;
    state.commit(Change{coach, false});
    User participant = coach;
    participant.id = "p1";
    participant.email = "p1@example.test";
    participant.role = Role::participant;
    state.commit(Change{participant, false});
    db.exec(
        "INSERT INTO users (id, name, email, role, companies, archived, last_activity, version) VALUES "
        "('coach1', 'Coach', 'coach1@example.test', 'coach', '[]', 0, 0, 3), "
        "('p1', 'Coach', 'p1@example.test', 'participant', '[]', 0, 0, 3)");
    Pathway pw;
    pw.id = "pw1";
    pw.participant = "p1";
    pw.coach = "coach1";
    pw.cohort = "c1";
    pw.journey = "j";
    pw.enrolled_at = now - days(10);
    put(pw);
    db.exec(
        "INSERT INTO sessions (id, pathway, key, participant, coach, cohort, project, company, kind, status, "
        "missed_reason, extra, retired, booking_no, duration_min, slot, start, cancelled_by, version, deleted) "
        "VALUES ('pw1/s1', 'pw1', 's1', 'p1', 'coach1', 'c1', 'pr', 'co', 'one_to_one', 'completed', '', 0, 0, 2, 45, "
        "'slot-9', " +
        std::to_string(unix_seconds(now - days(1))) + ", '', 4, 0)");
    db.exec("UPDATE meta SET value = 4 WHERE key = 'server_version'");
    auto v = db.query("PRAGMA user_version");
    REQUIRE(v->step());
    REQUIRE(v->integer(0) == 1);
  }

  storage::Database migrated(path);  // opening applies migration 2 and any later one
  auto db = migrated.connect();
  {
    auto v = db->query("PRAGMA user_version");
    REQUIRE(v->step());
    CHECK(v->integer(0) == storage::latest_schema_version());
  }
  State state;
  storage::load_entities(*db, state);
  const Session* s = state.session("pw1/s1");
  REQUIRE(s);
  CHECK(s->pathway == "pw1");
  CHECK(s->key == "s1");
  CHECK(s->kind == SessionKind::one_to_one);
  CHECK(s->status == SessionStatus::completed);
  CHECK(s->booking_no == 2);
  CHECK(s->duration_min == 45);
  CHECK(s->slot == "slot-9");
  CHECK(s->start == now - days(1));
  const auto changed = storage::changed_since(*db, 3);
  REQUIRE(changed.size() == 1);
  CHECK(changed[0].id == "pw1/s1");
  CHECK(changed[0].version == 4);
  // Reports read the session with its pathway's columns through the view.
  auto report =
      db->query("SELECT participant, coach, cohort, project, company, status FROM session_report WHERE id = 'pw1/s1'");
  REQUIRE(report->step());
  CHECK(report->text(0) == "p1");
  CHECK(report->text(1) == "coach1");
  CHECK(report->text(2) == "c1");
  CHECK(report->text(3) == "pr");
  CHECK(report->text(4) == "co");
  CHECK(report->text(5) == "completed");
}

TEST_CASE("the demo dataset is deterministic for a day and has everything the issue lists") {
  const Time now = default_now();
  const auto a = server::build_demo(now);
  const auto b = server::build_demo(now + hours(5));  // same day, later
  REQUIRE(a.changes.size() == b.changes.size());
  State state;
  for (std::size_t i = 0; i < a.changes.size(); ++i) {
    state.commit(a.changes[i]);
    if (kind_of(a.changes[i].entity) == EntityKind::user) continue;  // last_activity follows the clock
    CHECK(entity_data(state, a.changes[i].entity, nullptr) == entity_data(state, b.changes[i].entity, nullptr));
  }
  std::map<Role, int> roles;
  for (const auto& [id, u] : state.users) ++roles[u.role];
  CHECK(state.companies.size() == 2);
  CHECK(state.projects.size() == 3);
  CHECK(state.journeys.size() == 2);
  CHECK(state.cohorts.size() == 4);
  CHECK(roles[Role::admin] == 1);
  CHECK(roles[Role::coach] == 3);
  CHECK(roles[Role::program_lead] == 1);
  CHECK(roles[Role::participant] == 60);
  std::set<std::string> statuses, reasons;
  int booked_future = 0, booked_past = 0;
  for (const auto& [pid, list] : state.sessions)
    for (const Session& s : list) {
      statuses.insert(std::string(to_string(s.status)));
      if (s.status == SessionStatus::missed) reasons.insert(std::string(to_string(s.missed_reason)));
      if (s.status == SessionStatus::booked) ++(s.start > now ? booked_future : booked_past);
    }
  CHECK(statuses == std::set<std::string>{"booked", "completed", "greyed_out", "missed", "unbooked"});
  CHECK(reasons == std::set<std::string>{"coach_no_show", "late_cancellation", "no_show"});
  CHECK(booked_future > 0);
  CHECK(booked_past > 0);  // held, waiting for the coach to mark them
  // Free places every coach offers over the coming two weeks.
  std::map<Id, int> free_slots;
  for (const auto& [id, slot] : state.slots)
    if (slot.start > now && slot.start < now + days(14) && slot.taken < slot.capacity) ++free_slots[slot.coach];
  CHECK(free_slots.size() == 3);
  for (const auto& [coach, n] : free_slots) CHECK_MESSAGE(n >= 30, coach);
}

TEST_CASE("the demo server signs in every role with the published passwords") {
  TestServerOptions options;
  options.demo = true;
  TestServer s(options);
  for (const auto& [email, password] :
       {std::pair{"admin@demo.test", "demo-admin"}, std::pair{"coach3@demo.test", "demo-coach"},
        std::pair{"lead@demo.test", "demo-lead"}, std::pair{"participant60@demo.test", "demo-participant"}}) {
    CAPTURE(email);
    const std::string token = s.login(email, password);
    SyncClient device(s, token, "device");
    const Reply pulled = device.pull(0);
    REQUIRE(pulled.status == 200);
    CHECK(pulled.body.at("changes").size() > 5);
  }
  // The demo's history was delivered before the server existed: nothing to send at start.
  CHECK(s.server().mailer().deliver_pending() == 0);
}
