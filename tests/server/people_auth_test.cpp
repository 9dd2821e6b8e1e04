// A way in for new users and a way out: an admin sets a first password or makes a one-time
// sign-in link (valid 7 days, used once); deactivating a user (or archiving a participant,
// R14) ends their sign-ins at once and refuses new ones; reactivating lets them sign in again.
#include "harness.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

std::string link_for(TestServer& s, const std::string& admin, const std::string& user) {
  const Reply r = s.post(protocol::user_sign_in_link_path(user), json::object(), admin);
  REQUIRE_MESSAGE(r.status == 200, r.text);
  return r.body.at("token").get<std::string>();
}

json deactivate(const std::string& user, bool off = true) {
  return {{"type", "update_user"}, {"user", user}, {"deactivated", off}};
}

}  // namespace

TEST_CASE("people: a password set by an admin lets the new user sign in") {
  TestServer s;
  const std::string admin = make_small_world(s);
  CHECK(s.put(protocol::user_password_path("coach2"), {{"password", "first-password"}}, admin).status == 200);
  const std::string token = s.login("coach2@example.test", "first-password");
  CHECK(s.get("/api/me", token).body.at("user").at("id") == "coach2");
  // Too short is refused with a sentence, and the password stays as it was.
  const Reply short_one = s.put(protocol::user_password_path("coach2"), {{"password", "short"}}, admin);
  CHECK(short_one.status == 400);
  CHECK(s.post("/api/login", {{"email", "coach2@example.test"}, {"password", "first-password"}}).status == 200);
}

TEST_CASE("people: only an admin sets another user's password or makes a sign-in link") {
  TestServer s;
  make_small_world(s);
  const std::string coach = s.login_as("coach1");
  const std::string lead = s.login_as("lead1");
  for (const std::string& token : {coach, lead}) {
    CHECK(s.put(protocol::user_password_path("coach2"), {{"password", "taken-over!"}}, token).status == 403);
    const Reply link = s.post(protocol::user_sign_in_link_path("coach2"), json::object(), token);
    CHECK(link.status == 403);
    CHECK(link.body.at("error").at("code") == "forbidden");
  }
  CHECK(s.post(protocol::user_sign_in_link_path("coach2"), json::object()).status == 401);
  const std::string admin = s.login_as("admin");
  CHECK(s.post(protocol::user_sign_in_link_path("nobody"), json::object(), admin).status == 404);
}

TEST_CASE("people: a one-time sign-in link works once, then is refused with one clear message") {
  TestServer s;
  const std::string admin = make_small_world(s);
  const Reply made = s.post(protocol::user_sign_in_link_path("coach2"), json::object(), admin);
  REQUIRE(made.status == 200);
  const std::string token = made.body.at("token").get<std::string>();
  CHECK(token.size() == 64);
  CHECK(made.body.at("expires_at") == format_time(s.now() + days(7)));

  const Reply check = s.post(std::string(protocol::path::welcome_check), {{"token", token}});
  REQUIRE(check.status == 200);
  CHECK(check.body.at("user").at("id") == "coach2");
  // A short password is refused and leaves the link usable.
  CHECK(s.post(std::string(protocol::path::welcome), {{"token", token}, {"password", "short"}}).status == 400);

  const Reply first = s.post(std::string(protocol::path::welcome), {{"token", token}, {"password", "chosen-password"}});
  REQUIRE_MESSAGE(first.status == 200, first.text);
  const std::string session = first.body.at("token").get<std::string>();
  CHECK(first.body.at("user").at("id") == "coach2");
  CHECK(s.get("/api/me", session).status == 200);
  CHECK(s.post("/api/login", {{"email", "coach2@example.test"}, {"password", "chosen-password"}}).status == 200);

  const Reply second = s.post(std::string(protocol::path::welcome), {{"token", token}, {"password", "another-one"}});
  CHECK(second.status == 410);
  CHECK(second.body.at("error").at("code") == "link_not_valid");
  CHECK(second.body.at("error").at("message") == std::string(protocol::link_not_valid_message));
  CHECK(s.post(std::string(protocol::path::welcome_check), {{"token", token}}).status == 410);
  // The password chosen the first time stands.
  CHECK(s.post("/api/login", {{"email", "coach2@example.test"}, {"password", "another-one"}}).status == 401);
  // Unknown and malformed tokens get the same answer.
  for (const std::string& unknown : {std::string(64, 'a'), std::string("x")}) {
    const Reply r = s.post(std::string(protocol::path::welcome), {{"token", unknown}, {"password", "whatever-1"}});
    CHECK(r.status == 410);
    CHECK(r.body.at("error").at("message") == std::string(protocol::link_not_valid_message));
  }
}

TEST_CASE("people: a sign-in link expires after 7 days") {
  TestServer s;
  const std::string admin = make_small_world(s);
  const std::string token = link_for(s, admin, "coach2");
  s.set_now(default_now() + days(7) - minutes(1));
  CHECK(s.post(std::string(protocol::path::welcome_check), {{"token", token}}).status == 200);
  s.set_now(default_now() + days(7));
  const Reply late = s.post(std::string(protocol::path::welcome), {{"token", token}, {"password", "chosen-password"}});
  CHECK(late.status == 410);
  CHECK(late.body.at("error").at("message") == std::string(protocol::link_not_valid_message));
  CHECK(s.post("/api/login", {{"email", "coach2@example.test"}, {"password", "chosen-password"}}).status == 401);
}

TEST_CASE("people: deactivation ends a user's sign-ins at once; reactivation needs a new sign-in") {
  TestServer s;
  const std::string admin = make_small_world(s);
  CHECK(s.put(protocol::user_password_path("coach1"), {{"password", "coach-password"}}, admin).status == 200);
  const std::string first = s.login("coach1@example.test", "coach-password");
  const std::string second = s.login("coach1@example.test", "coach-password");
  CHECK(s.get("/api/me", first).status == 200);

  SyncClient admin_client(s, admin, "admin-browser");
  CHECK(admin_client.run(deactivate("coach1")) == "applied");
  for (const std::string& token : {first, second}) {
    // The push that deactivated them deleted their tokens: the next request is refused.
    const Reply refused = s.get("/api/me", token);
    CHECK(refused.status == 401);
    CHECK(refused.body.at("error").at("code") == "unauthorized");
    CHECK(s.get("/api/sync/pull?client_id=coach-browser&since=0", token).status == 401);
  }
  // The right password no longer signs in, and says why; a wrong one says only that.
  const Reply login = s.post("/api/login", {{"email", "coach1@example.test"}, {"password", "coach-password"}});
  CHECK(login.status == 403);
  CHECK(login.body.at("error").at("message").get<std::string>().find("deactivated") != std::string::npos);
  CHECK(s.post("/api/login", {{"email", "coach1@example.test"}, {"password", "wrong-password"}}).status == 401);
  // No sign-in link for a deactivated user, and a link made before does not let them in.
  CHECK(s.post(protocol::user_sign_in_link_path("coach1"), json::object(), admin).status == 403);

  CHECK(admin_client.run(deactivate("coach1", false)) == "applied");
  // The old tokens stay ended; a new sign-in works.
  CHECK(s.get("/api/me", first).status == 401);
  const std::string again = s.login("coach1@example.test", "coach-password");
  CHECK(s.get("/api/me", again).status == 200);
}

TEST_CASE("people: a link made before deactivation does not let the user in") {
  TestServer s;
  const std::string admin = make_small_world(s);
  const std::string token = link_for(s, admin, "coach2");
  SyncClient admin_client(s, admin, "admin-browser");
  CHECK(admin_client.run(deactivate("coach2")) == "applied");
  const Reply r = s.post(std::string(protocol::path::welcome), {{"token", token}, {"password", "chosen-password"}});
  CHECK(r.status == 403);
  CHECK(s.post("/api/login", {{"email", "coach2@example.test"}, {"password", "chosen-password"}}).status == 401);
}

TEST_CASE("people: an admin cannot deactivate themselves over the wire either") {
  TestServer s;
  const std::string admin = make_small_world(s);
  SyncClient admin_client(s, admin, "admin-browser");
  CHECK(admin_client.run(deactivate("admin")) == "forbidden");
  CHECK(s.get("/api/me", admin).status == 200);
}

TEST_CASE("R14 people: an archived participant cannot sign in; their sign-ins end at once") {
  TestServer s;
  const std::string admin = make_small_world(s);
  CHECK(s.put(protocol::user_password_path("bob"), {{"password", "bob-password"}}, admin).status == 200);
  const std::string bob = s.login("bob@example.test", "bob-password");
  SyncClient admin_client(s, admin, "admin-browser");
  CHECK(admin_client.run({{"type", "archive_participant"}, {"participant", "bob"}}) == "applied");
  CHECK(s.get("/api/me", bob).status == 401);
  CHECK(s.post("/api/login", {{"email", "bob@example.test"}, {"password", "bob-password"}}).status == 403);
  CHECK(admin_client.run({{"type", "restore_participant"}, {"participant", "bob"}}) == "applied");
  CHECK(s.get("/api/me", bob).status == 401);
  CHECK(s.post("/api/login", {{"email", "bob@example.test"}, {"password", "bob-password"}}).status == 200);
}

TEST_CASE("people: a new sign-in link revokes the user's older ones") {
  TestServer s;
  const std::string admin = make_small_world(s);
  const std::string older = link_for(s, admin, "coach2");
  const std::string newer = link_for(s, admin, "coach2");
  const std::string other = link_for(s, admin, "lead1");  // another user's link is untouched
  const Reply old_check = s.post(std::string(protocol::path::welcome_check), {{"token", older}});
  CHECK(old_check.status == 410);
  CHECK(old_check.body.at("error").at("message") == std::string(protocol::link_not_valid_message));
  CHECK(s.post(std::string(protocol::path::welcome), {{"token", older}, {"password", "chosen-password"}}).status ==
        410);
  CHECK(s.post(std::string(protocol::path::welcome_check), {{"token", other}}).status == 200);
  const Reply used = s.post(std::string(protocol::path::welcome), {{"token", newer}, {"password", "chosen-password"}});
  CHECK(used.status == 200);
  CHECK(s.post("/api/login", {{"email", "coach2@example.test"}, {"password", "chosen-password"}}).status == 200);
}

TEST_CASE("people: a deactivated user's ended sign-in says deactivated, not expired") {
  TestServer s;
  const std::string admin = make_small_world(s);
  const std::string coach = s.login_as("coach2");
  SyncClient admin_client(s, admin, "admin-browser");
  CHECK(admin_client.run(deactivate("coach2")) == "applied");
  for (int ask = 0; ask < 2; ++ask) {  // every time it is asked, not only the first
    const Reply refused = s.get("/api/sync/pull?client_id=coach-browser&since=0", coach);
    CHECK(refused.status == 401);
    CHECK(refused.body.at("error").at("message") ==
          "This account has been deactivated. Ask your administrator to reactivate it.");
  }
  // Reactivated: the old sign-in stays ended, and no longer claims a deactivation.
  CHECK(admin_client.run(deactivate("coach2", false)) == "applied");
  const Reply after = s.get("/api/me", coach);
  CHECK(after.status == 401);
  CHECK(after.body.at("error").at("message").get<std::string>().find("deactivated") == std::string::npos);
  // A token nobody ended still reads as expired.
  const Reply unknown = s.get("/api/me", std::string(64, 'a'));
  CHECK(unknown.body.at("error").at("message") == "Your session has expired or is not valid; sign in again.");
}

TEST_CASE("people role: changing a user's role ends their sign-ins; the new role comes with the next one") {
  TestServer s;
  const std::string admin = make_small_world(s);
  SyncClient admin_client(s, admin, "admin-browser");
  CHECK(admin_client.run({{"type", "create_user"},
                          {"user", "nina"},
                          {"name", "Nina New"},
                          {"email", "nina@example.test"},
                          {"role", "coach"}}) == "applied");
  CHECK(s.put(protocol::user_password_path("nina"), {{"password", "nina-password"}}, admin).status == 200);
  const std::string before = s.login("nina@example.test", "nina-password");
  CHECK(s.get("/api/me", before).body.at("user").at("role") == "coach");
  CHECK(admin_client.run({{"type", "update_user"}, {"user", "nina"}, {"role", "program_lead"}}) == "applied");
  const Reply ended = s.get("/api/me", before);
  CHECK(ended.status == 401);
  CHECK(ended.body.at("error").at("message").get<std::string>().find("role") != std::string::npos);
  const std::string after = s.login("nina@example.test", "nina-password");
  CHECK(s.get("/api/me", after).body.at("user").at("role") == "program_lead");
  // Refused role changes end nothing: an admin's own role stays, and so does their sign-in.
  CHECK(admin_client.run({{"type", "update_user"}, {"user", "admin"}, {"role", "coach"}}) == "forbidden");
  CHECK(s.get("/api/me", admin).status == 200);
}
