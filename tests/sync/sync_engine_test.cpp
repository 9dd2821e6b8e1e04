// The browser client's sync engine (web/sync/sync_engine.*), built natively and driven
// against the real server (DESIGN.md section 5): offline queueing, reload from the store,
// push and pull, rejections kept with their reason, an expired sign-in, a reset pull, an
// update needed (426), and two engines racing for one slot. Each browser is a simulated
// tab (web/shell/native_tab.h) whose clock the test moves; HTTP is real.
#include <doctest/doctest.h>

#include "browser.h"
#include "core/snapshot.h"

namespace pathways::testing {
namespace {

AddSlot slot_op(const Id& id, Time start) {
  AddSlot op;
  op.slot = id;
  op.coach = "coach1";
  op.start = start;
  return op;
}

BookSession book(const Id& session, const Id& slot) { return BookSession{session, slot}; }

// The server's own view, through an admin pull.
json server_world(TestServer& server) {
  const Reply r = server.get(protocol::pull_target({"sync-suite-probe", 0}), server.login_as("admin"));
  REQUIRE_MESSAGE(r.status == 200, r.text);
  return r.body;
}

// A coach1 slot two days ahead, made on the server directly.
void server_slot(TestServer& server, const Id& id) {
  SyncClient coach(server, server.login_as("coach1"), "coach1-desk-" + id);
  REQUIRE(coach.run(add_slot(id, server.now() + days(2))) == "applied");
}

int pushes(native_tab::Tab& tab) {
  int n = 0;
  for (const auto& r : tab.requests()) n += r.target == protocol::path::push;
  return n;
}

}  // namespace

TEST_CASE("offline: an edit applies at once, is stored before it is sent, and goes when the network is back") {
  TestServer s;
  make_small_world(s);
  Browser coach(s, "coach1");
  REQUIRE(coach.synced());
  coach.set_online(false);

  CHECK_FALSE(coach.submit(slot_op("sl-offline", s.now() + days(2))));
  CHECK(coach.engine().view().slot("sl-offline") != nullptr);  // the view has it at once
  REQUIRE(coach.engine().pending().size() == 1);
  const json stored = coach.stored("client.json");
  REQUIRE(stored.at("pending").size() == 1);
  CHECK(stored.at("pending")[0].at("slot") == "sl-offline");

  coach.run_until([] { return false; }, 30000);  // 30 s offline: nothing is sent
  CHECK(pushes(coach.tab()) == 0);
  CHECK(coach.engine().pending().size() == 1);

  coach.set_online(true);  // the network's return wakes the loop
  REQUIRE(coach.run_until([&] { return coach.engine().pending().empty(); }, 5000));
  CHECK(changes_of(server_world(s), "slot").count("sl-offline") == 1);
  CHECK(coach.stored("client.json").at("pending").empty());
}

TEST_CASE("a reload starts from the store: the base, the pending ops and the client id, offline too") {
  TestServer s;
  make_small_world(s);
  Browser coach(s, "coach1");
  REQUIRE(coach.synced());
  const std::string client_id = coach.engine().client_id();
  const std::int64_t version = coach.engine().version();
  coach.set_online(false);
  CHECK_FALSE(coach.submit(slot_op("sl-reload", s.now() + days(3))));

  coach.reload();
  CHECK(coach.engine().has_data());
  CHECK(coach.engine().client_id() == client_id);
  CHECK(coach.engine().version() == version);
  REQUIRE(coach.engine().pending().size() == 1);
  CHECK(coach.engine().view().slot("sl-reload") != nullptr);
  CHECK(coach.engine().view().pathway("pa") != nullptr);  // the base, read from the store

  coach.set_online(true);
  REQUIRE(coach.synced());
  CHECK(changes_of(server_world(s), "slot").count("sl-reload") == 1);
  // Sent once: the server's progress for this client is seq 1.
  CHECK(s.get(protocol::pull_target({client_id, 0}), coach.login().token).body.at("last_seq") == 1);
}

TEST_CASE("push and pull: one browser's edit reaches another through the server") {
  TestServer s;
  make_small_world(s);
  Browser coach(s, "coach1");
  Browser alice(s, "alice");
  REQUIRE(coach.synced());
  REQUIRE(alice.synced());

  CHECK_FALSE(coach.submit(slot_op("sl-shared", s.now() + days(2))));
  REQUIRE(coach.synced());
  CHECK(alice.engine().view().slot("sl-shared") == nullptr);
  REQUIRE(alice.synced());
  REQUIRE(alice.engine().view().slot("sl-shared") != nullptr);

  CHECK_FALSE(alice.submit(book("pa/s1", "sl-shared")));
  REQUIRE(alice.synced());
  REQUIRE(coach.synced());
  const Session* booked = coach.engine().view().session("pa/s1");
  REQUIRE(booked);
  CHECK(booked->status == SessionStatus::booked);
  CHECK(coach.engine().view().slot("sl-shared")->taken == 1);
  // Every request said which protocol it speaks.
  for (const auto& r : alice.tab().requests()) CHECK(r.protocol_version == std::to_string(protocol::version));
}

TEST_CASE("a rejected op is kept with the server's code and sentence, across a reload, until discarded") {
  TestServer s;
  make_small_world(s);
  server_slot(s, "sl-1");
  Browser alice(s, "alice");
  REQUIRE(alice.synced());
  alice.set_online(false);
  // Bob takes the slot while Alice is offline; her view still shows it free.
  SyncClient bob(s, s.login_as("bob"), "bob-phone");
  REQUIRE(bob.run(json{{"type", "book_session"}, {"session", "pb/s1"}, {"slot", "sl-1"}}) == "applied");
  CHECK_FALSE(alice.submit(book("pa/s1", "sl-1")));

  alice.set_online(true);
  REQUIRE(alice.synced());
  REQUIRE(alice.engine().rejected().size() == 1);
  const RejectedOp& r = alice.engine().rejected()[0];
  CHECK(r.code == "slot_taken");
  CHECK_FALSE(r.message.empty());
  CHECK(alice.engine().view().session("pa/s1")->status == SessionStatus::unbooked);

  alice.reload();
  REQUIRE(alice.engine().rejected().size() == 1);
  CHECK(alice.engine().rejected()[0].code == "slot_taken");
  REQUIRE(alice.engine().rejected_body(alice.engine().rejected()[0].seq));
  alice.tab().run([&] { alice.engine().discard_rejected(alice.engine().rejected()[0].seq); });
  CHECK(alice.engine().rejected().empty());
  CHECK(alice.stored("client.json").at("rejected").empty());
}

TEST_CASE("an expired sign-in stops the loop and keeps the store; signing in again sends what is pending") {
  TestServerOptions options;
  options.auth.token_lifetime = hours(1);
  TestServer s(options);
  make_small_world(s);
  Browser coach(s, "coach1");
  REQUIRE(coach.synced());
  coach.set_online(false);
  CHECK_FALSE(coach.submit(slot_op("sl-expired", s.now() + days(2))));

  s.set_now(s.now() + hours(2));  // the token has expired
  coach.set_online(true);
  REQUIRE(coach.run_until([&] { return coach.engine().sign_in_refused(); }, 5000));
  CHECK(coach.engine().pending().size() == 1);
  CHECK(coach.stored("client.json").at("pending").size() == 1);
  CHECK(coach.stored("base.json").is_object());
  const std::size_t sent = coach.tab().requests().size();
  coach.run_until([] { return false; }, 60000);  // stopped: it does not knock again
  CHECK(coach.tab().requests().size() == sent);

  coach.sign_in_again(s);
  REQUIRE(coach.synced());
  CHECK(changes_of(server_world(s), "slot").count("sl-expired") == 1);
}

TEST_CASE("a reset pull (the stored version is unknown to the server) replaces the base") {
  TestServer s;
  make_small_world(s);
  Browser coach(s, "coach1");
  REQUIRE(coach.synced());
  // The store as another server left it: a version this one never had, and a user it
  // does not know.
  auto base = load_snapshot(coach.store().files.at("base.json"));
  REQUIRE(base.ok());
  User ghost;
  ghost.id = "ghost";
  ghost.name = "Nobody";
  ghost.role = Role::participant;
  base.value().commit({Change{ghost, false}});
  coach.store().files["base.json"] = save_snapshot(base.value());
  json meta = coach.stored("client.json");
  meta["version"] = coach.engine().version() + 100;
  coach.store().files["client.json"] = meta.dump();

  coach.reload();
  CHECK(coach.engine().view().user("ghost") != nullptr);  // as stored
  REQUIRE(coach.synced());
  CHECK(coach.engine().view().user("ghost") == nullptr);  // the reset cleared it
  CHECK(coach.engine().view().pathway("pa") != nullptr);
  CHECK(coach.engine().version() == server_world(s).at("version"));
}

TEST_CASE("426 update needed: the loop stops, every pending op is kept, and the updated client sends them") {
  TempDir dir;
  TestServerOptions options;
  options.db = dir.path() / "pathways.db";
  auto s = std::make_unique<TestServer>(options);
  make_small_world(*s);
  Browser coach(*s, "coach1");
  REQUIRE(coach.synced());
  coach.set_online(false);
  CHECK_FALSE(coach.submit(slot_op("sl-update", s->now() + days(2))));
  CHECK_FALSE(coach.submit(slot_op("sl-update-2", s->now() + days(3))));
  const Time now = s->now();
  s.reset();

  // The server is upgraded: it no longer serves this client's protocol.
  options.oldest_protocol = protocol::version + 1;
  options.now = now;
  s = std::make_unique<TestServer>(options);
  coach.tab().set_server("127.0.0.1", s->port());
  coach.set_online(true);
  REQUIRE(coach.run_until([&] { return coach.engine().update_needed(); }, 5000));
  CHECK(coach.tab().requests().back().status == 426);
  CHECK(coach.engine().pending().size() == 2);
  CHECK(coach.stored("client.json").at("pending").size() == 2);
  const std::size_t sent = coach.tab().requests().size();
  coach.run_until([] { return false; }, 60000);  // stopped: no retries against a server that refuses
  CHECK(coach.tab().requests().size() == sent);
  CHECK(changes_of(server_world(*s), "slot").count("sl-update") == 0);

  coach.tab().run([&] { coach.engine().update_now(); });
  CHECK(coach.tab().updates() == 1);

  // The updated client speaks a version the server serves (here: the server serves this
  // one again) and starts from the store.
  s.reset();
  options.oldest_protocol = protocol::oldest_supported_version;
  s = std::make_unique<TestServer>(options);
  coach.reload(s.get());
  CHECK(coach.engine().pending().size() == 2);
  REQUIRE(coach.synced());
  const auto slots = changes_of(server_world(*s), "slot");
  CHECK(slots.count("sl-update") == 1);
  CHECK(slots.count("sl-update-2") == 1);
}

TEST_CASE("a request without the protocol header is served as the current version; an old one gets 426") {
  TestServerOptions options;
  options.oldest_protocol = 2;
  TestServer s(options);
  CHECK(s.get(std::string(protocol::path::healthz)).status == 200);
  const Reply old = s.send("GET", std::string(protocol::path::healthz), "", "",
                           {{std::string(protocol::version_header), std::to_string(protocol::version)}});
  CHECK(old.status == 426);
  CHECK(old.body.at("error").at("code") == "update_needed");
}

TEST_CASE("two engines race for one slot offline: one booking is applied, the other kept as rejected") {
  TestServer s;
  make_small_world(s);
  server_slot(s, "sl-race");
  Browser alice(s, "alice");
  Browser bob(s, "bob");
  REQUIRE(alice.synced());
  REQUIRE(bob.synced());
  alice.set_online(false);
  bob.set_online(false);
  CHECK_FALSE(alice.submit(book("pa/s1", "sl-race")));
  CHECK_FALSE(bob.submit(book("pb/s1", "sl-race")));

  // Both come back; Bob's push reaches the server first.
  bob.set_online(true);
  alice.set_online(true);
  REQUIRE(bob.synced());
  REQUIRE(alice.synced());
  CHECK(bob.engine().rejected().empty());
  REQUIRE(alice.engine().rejected().size() == 1);
  CHECK(alice.engine().rejected()[0].code == "slot_taken");

  // Both views converge on the server's: the place is taken once, by Bob.
  REQUIRE(bob.synced());
  for (Browser* b : {&alice, &bob}) CHECK(b->engine().view().slot("sl-race")->taken == 1);
  CHECK(alice.engine().view().session("pa/s1")->status == SessionStatus::unbooked);
  CHECK(bob.engine().view().session("pb/s1")->status == SessionStatus::booked);
  CHECK(session_statuses(server_world(s)).at("pb/s1") == "booked");
}

TEST_CASE(
    "an import lands whole or not at all: a refused op keeps none, a good batch is stored once and sent in pushes of "
    "500") {
  TestServer s;
  const std::string admin_token = make_small_world(s);
  (void)admin_token;
  Browser admin(s, "admin");
  REQUIRE(admin.synced());
  const std::size_t users_before = admin.engine().view().users.size();

  auto enrol_batch = [](int n, const std::string& prefix) {
    std::vector<OpBody> ops;
    for (int i = 0; i < n; ++i) {
      CreateUser u;
      u.user = prefix + std::to_string(i);
      u.name.value = "Batch " + std::to_string(i);
      u.email.value = u.user + "@example.test";
      ops.emplace_back(u);
      ops.emplace_back(EnrolParticipant{"pw-" + u.user, u.user, "c1", "coach1"});
    }
    return ops;
  };

  // The last op names a cohort that does not exist: nothing of the batch stays.
  auto bad = enrol_batch(3, "bad");
  bad.emplace_back(EnrolParticipant{"pw-x", "bad0", "no-such-cohort", "coach1"});
  const Check refused = admin.submit_together(std::move(bad));
  REQUIRE(refused);
  CHECK(refused->code == RejectCode::not_found);
  CHECK(admin.engine().pending().empty());
  CHECK(admin.engine().view().users.size() == users_before);
  CHECK(admin.engine().view().user("bad0") == nullptr);

  // 600 ops: all queued at once and stored once, then sent in two pushes.
  CHECK_FALSE(admin.submit_together(enrol_batch(300, "bulk")));
  CHECK(admin.engine().pending().size() == 600);
  CHECK(admin.stored("client.json").at("pending").size() == 600);
  CHECK(admin.engine().view().users.size() == users_before + 300);
  const int pushes_before = pushes(admin.tab());
  REQUIRE(admin.run_until([&] { return admin.engine().pending().empty(); }, 60000));
  CHECK(pushes(admin.tab()) - pushes_before == 2);
  CHECK(admin.engine().rejected().empty());
  CHECK(changes_of(server_world(s), "pathway").count("pw-bulk299") == 1);
}

TEST_CASE(
    "a long queue is pushed without rebuilding the view or storing the base between pushes; a reload in the middle "
    "resumes, losing and duplicating nothing") {
  TestServer s;
  make_small_world(s);
  Browser admin(s, "admin");
  REQUIRE(admin.synced());
  const std::size_t users_before = admin.engine().view().users.size();
  const std::int64_t version_before = admin.engine().version();

  std::vector<OpBody> ops;
  for (int i = 0; i < 700; ++i) {
    CreateUser u;
    u.user = "long" + std::to_string(i);
    u.name.value = "Queue " + std::to_string(i);
    u.email.value = u.user + "@example.test";
    ops.emplace_back(u);
    ops.emplace_back(EnrolParticipant{"pw-" + u.user, u.user, "c1", "coach1"});
  }
  admin.set_online(false);
  REQUIRE_FALSE(admin.submit_together(std::move(ops)));  // 1,400 ops: pushes of 500, 500, 400
  const native_tab::Store at_start = admin.store();
  CHECK(admin.stored("client.json").at("pending").size() == 1400);
  const int base_saves = admin.store().saves["base.json"];
  const int record_saves = admin.store().saves["client.json"];
  const int pushes_before = pushes(admin.tab());

  admin.set_online(true);
  REQUIRE(admin.run_until([&] { return admin.engine().pending().empty() && !admin.engine().busy(); }, 60000));
  CHECK(pushes(admin.tab()) - pushes_before == 3);
  // The pulls after the first two pushes stored nothing: the base once, at the end, and the
  // record once with it.
  CHECK(admin.store().saves["base.json"] - base_saves == 1);
  CHECK(admin.store().saves["client.json"] - record_saves == 1);
  CHECK(admin.engine().version() > version_before);
  CHECK(admin.stored("client.json").at("version") == admin.engine().version());
  CHECK(admin.engine().view().pathway("pw-long699") != nullptr);

  // A reload in the middle finds the store as it was before the first push (nothing was
  // written since). The server has seen every op: sent again, they are answered with their
  // stored results, and nothing is applied twice or refused.
  admin.store().files = at_start.files;
  admin.reload();
  CHECK(admin.engine().pending().size() == 1400);
  CHECK(admin.engine().version() == version_before);
  CHECK(admin.engine().view().users.size() == users_before + 700);
  REQUIRE(admin.run_until([&] { return admin.engine().pending().empty() && !admin.engine().busy(); }, 60000));
  CHECK(admin.engine().rejected().empty());
  CHECK(admin.engine().view().users.size() == users_before + 700);
  CHECK(admin.engine().view().pathway("pw-long699") != nullptr);
  CHECK(admin.stored("client.json").at("version") == admin.engine().version());
  const json world = server_world(s);
  CHECK(changes_of(world, "pathway").count("pw-long0") == 1);
  CHECK(changes_of(world, "user").count("long699") == 1);
}

TEST_CASE(
    "an import applied over several frames: other edits wait, a pull meanwhile keeps what is applied, the last slice "
    "queues all at once, and a refused op leaves nothing") {
  TestServer s;
  make_small_world(s);
  Browser admin(s, "admin");
  REQUIRE(admin.synced());
  const std::size_t users_before = admin.engine().view().users.size();
  auto batch = [](int n, const std::string& prefix) {
    std::vector<OpBody> ops;
    for (int i = 0; i < n; ++i) {
      CreateUser u;
      u.user = prefix + std::to_string(i);
      u.name.value = "Sliced " + std::to_string(i);
      u.email.value = u.user + "@example.test";
      ops.emplace_back(u);
      ops.emplace_back(EnrolParticipant{"pw-" + u.user, u.user, "c1", "coach1"});
    }
    return ops;
  };
  SyncEngine& engine = admin.engine();
  auto in_tab = [&](auto f) {
    Check result;
    admin.tab().run([&] { result = f(); });
    return result;
  };

  REQUIRE_FALSE(in_tab([&] { return engine.begin_together(batch(20, "slice")); }));
  CHECK(engine.together_total() == 40);
  CHECK(in_tab([&] { return engine.begin_together(batch(1, "other")); }));  // one batch at a time
  REQUIRE_FALSE(in_tab([&] { return engine.apply_together_next(10); }));
  CHECK(engine.together_applied() == 10);
  CHECK(engine.view().users.size() == users_before + 5);
  CHECK(engine.pending().empty());
  const Check waits = admin.submit(slot_op("sl-wait", s.now() + days(2)));
  REQUIRE(waits);
  CHECK(waits->code == RejectCode::forbidden);

  REQUIRE(admin.synced());  // a pull rebuilds the view: the applied part stays on top
  CHECK(engine.view().user("slice4") != nullptr);
  CHECK(engine.view().user("slice5") == nullptr);
  REQUIRE_FALSE(in_tab([&] { return engine.apply_together_next(1000); }));
  CHECK_FALSE(engine.together_under_way());
  CHECK(engine.pending().size() == 40);
  CHECK(admin.stored("client.json").at("pending").size() == 40);
  CHECK(engine.pending().front().op.seq + 39 == engine.pending().back().op.seq);
  REQUIRE(admin.synced());
  CHECK(engine.view().users.size() == users_before + 20);

  // The last op is refused: the slices applied before leave the view, nothing is queued.
  auto bad = batch(5, "bad");
  bad.emplace_back(EnrolParticipant{"pw-x", "bad0", "no-such-cohort", "coach1"});
  REQUIRE_FALSE(in_tab([&] { return engine.begin_together(std::move(bad)); }));
  REQUIRE_FALSE(in_tab([&] { return engine.apply_together_next(4); }));
  CHECK(engine.view().user("bad1") != nullptr);
  const Check refused = in_tab([&] { return engine.apply_together_next(100); });
  REQUIRE(refused);
  CHECK(refused->code == RejectCode::not_found);
  CHECK_FALSE(engine.together_under_way());
  CHECK(engine.view().user("bad0") == nullptr);
  CHECK(engine.pending().empty());

  // Cancelled: the same.
  REQUIRE_FALSE(in_tab([&] { return engine.begin_together(batch(3, "gone")); }));
  REQUIRE_FALSE(in_tab([&] { return engine.apply_together_next(2); }));
  admin.tab().run([&] { engine.cancel_together(); });
  CHECK(engine.view().user("gone0") == nullptr);
  CHECK(engine.pending().empty());
  CHECK_FALSE(admin.submit(slot_op("sl-after", s.now() + days(2))));
}

}  // namespace pathways::testing
