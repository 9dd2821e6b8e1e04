// Identity: a new password (set by an admin, changed by its owner, or chosen through a
// sign-in link) ends the user's earlier sign-ins, and a user can sign out everywhere.
#include "harness.h"

using namespace pathways;
using namespace pathways::testing;

TEST_CASE("identity: an admin resetting a password ends every sign-in of that user") {
  TestServer s;
  const std::string admin = make_small_world(s);
  const std::string laptop = s.login_as("coach1");
  const std::string phone = s.login_as("coach1");
  const std::string other = s.login_as("coach2");
  CHECK(s.put(protocol::user_password_path("coach1"), {{"password", "reset-by-admin"}}, admin).status == 200);
  CHECK(s.get("/api/me", laptop).status == 401);
  CHECK(s.get("/api/me", phone).status == 401);
  // Nobody else is signed out, the admin included.
  CHECK(s.get("/api/me", other).status == 200);
  CHECK(s.get("/api/me", admin).status == 200);
  // The new password signs in.
  s.login("coach1@example.test", "reset-by-admin");
}

TEST_CASE("identity: an admin setting their own password stays signed in here, nowhere else") {
  TestServer s;
  const std::string here = s.login_as("admin");
  const std::string elsewhere = s.login_as("admin");
  CHECK(s.put(protocol::user_password_path("admin"), {{"password", "new-admin-password"}}, here).status == 200);
  CHECK(s.get("/api/me", here).status == 200);
  CHECK(s.get("/api/me", elsewhere).status == 401);
}

TEST_CASE("identity: changing one's own password ends one's other sign-ins; the one asking stays") {
  TestServer s;
  const std::string admin = make_small_world(s);
  CHECK(s.put(protocol::user_password_path("coach1"), {{"password", "coach-password"}}, admin).status == 200);
  const std::string here = s.login("coach1@example.test", "coach-password");
  const std::string stolen = s.login_as("coach1");
  CHECK(s.put(protocol::user_password_path("coach1"), {{"password", "coach-password-2"}, {"current", "coach-password"}},
              here)
            .status == 200);
  CHECK(s.get("/api/me", here).status == 200);
  CHECK(s.get("/api/me", stolen).status == 401);
  // A refused change (wrong current password) ends nothing.
  const std::string again = s.login_as("coach1");
  CHECK(s.put(protocol::user_password_path("coach1"), {{"password", "coach-password-3"}, {"current", "wrong!"}}, here)
            .status == 403);
  CHECK(s.get("/api/me", again).status == 200);
}

TEST_CASE("identity: a password chosen through a sign-in link ends earlier sign-ins") {
  TestServer s;
  const std::string admin = make_small_world(s);
  const std::string earlier = s.login_as("coach2");
  const Reply made = s.post(protocol::user_sign_in_link_path("coach2"), json::object(), admin);
  REQUIRE(made.status == 200);
  const Reply used =
      s.post(std::string(protocol::path::welcome), {{"token", made.body.at("token")}, {"password", "chosen-password"}});
  REQUIRE_MESSAGE(used.status == 200, used.text);
  CHECK(s.get("/api/me", used.body.at("token").get<std::string>()).status == 200);
  CHECK(s.get("/api/me", earlier).status == 401);
}

TEST_CASE("identity: sign out everywhere ends every token of the caller and no one else's") {
  TestServer s;
  make_small_world(s);
  const std::string laptop = s.login_as("coach1");
  const std::string phone = s.login_as("coach1");
  const std::string other = s.login_as("coach2");
  const Reply out = s.post(std::string(protocol::path::logout_everywhere), json::object(), phone);
  CHECK(out.status == 200);
  CHECK(s.get("/api/me", laptop).status == 401);
  CHECK(s.get("/api/me", phone).status == 401);
  CHECK(s.get("/api/me", other).status == 200);
  // It needs a sign-in like every other endpoint.
  CHECK(s.post(std::string(protocol::path::logout_everywhere), json::object(), laptop).status == 401);
  // Forgotten for good: a restart does not bring the tokens back.
  s.stop();
  TestServerOptions options;
  options.db = s.db_path();
  TestServer restarted(options);
  CHECK(restarted.get("/api/me", laptop).status == 401);
  CHECK(restarted.get("/api/me", other).status == 200);
}
