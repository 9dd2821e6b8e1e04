// Sign-in over HTTP: login good and bad, tokens (missing, forged, logged out, expired),
// throttling, passwords.
#include <httplib.h>

#include "harness.h"

using namespace pathways;
using namespace pathways::testing;

TEST_CASE("login with the right password gives a token that identifies the user") {
  TestServer s;
  const Reply r = s.post("/api/login", {{"email", "admin@localhost"}, {"password", test_password}});
  REQUIRE(r.status == 200);
  const std::string token = r.body.at("token").get<std::string>();
  CHECK(token.size() == 64);  // 256 random bits, hex
  CHECK(r.body.at("user") ==
        json{{"id", "admin"}, {"name", "Administrator"}, {"email", "admin@localhost"}, {"role", "admin"}});
  // E-mail addresses match without regard to case.
  CHECK(s.post("/api/login", {{"email", "ADMIN@localhost"}, {"password", test_password}}).status == 200);

  const Reply me = s.get("/api/me", token);
  REQUIRE(me.status == 200);
  CHECK(me.body.at("user").at("id") == "admin");
}

TEST_CASE("login with a wrong password or an unknown e-mail is refused with 401 and a JSON error") {
  TestServer s;
  for (const json& body : {json{{"email", "admin@localhost"}, {"password", "wrong-password"}},
                           json{{"email", "nobody@localhost"}, {"password", test_password}},
                           json{{"email", "admin@localhost"}, {"password", ""}}}) {
    const Reply r = s.post("/api/login", body);
    CHECK(r.status == 401);
    CHECK(r.body.at("error").at("code") == "unauthorized");
    CHECK(r.body.at("error").at("message").get<std::string>().size() > 0);
    CHECK_FALSE(r.body.contains("token"));
  }
  // Wrong shapes are bad requests, not failed logins.
  CHECK(s.post("/api/login", {{"email", "admin@localhost"}}).status == 400);
  CHECK(s.post("/api/login", {{"email", 42}, {"password", test_password}}).status == 400);
  CHECK(s.send("POST", "/api/login", "{\"email\": ", "").status == 400);
}

TEST_CASE("every endpoint but login and healthz needs a valid bearer token") {
  TestServer s;
  const std::string forged(64, 'a');
  for (const std::string& token : {std::string(), forged, std::string("not-a-token")}) {
    CAPTURE(token);
    CHECK(s.get("/api/me", token).status == 401);
    CHECK(s.get("/api/sync/pull?client_id=c1&since=0", token).status == 401);
    CHECK(s.post("/api/sync/push", {{"client_id", "c1"}, {"ops", json::array()}}, token).status == 401);
    CHECK(s.post("/api/logout", json::object(), token).status == 401);
    CHECK(s.get("/api/me", token).body.at("error").at("code") == "unauthorized");
  }
  // Another scheme, or the token without a scheme, is not a bearer token; the scheme's
  // case does not matter.
  const std::string token = s.login("admin@localhost", test_password);
  httplib::Client client("127.0.0.1", s.port());
  auto status_with = [&](const std::string& authorization) {
    auto res = client.Get("/api/me", {{"Authorization", authorization}});
    return res ? res->status : 0;
  };
  CHECK(status_with("Basic " + token) == 401);
  CHECK(status_with(token) == 401);
  CHECK(status_with("bearer " + token) == 200);
  CHECK(status_with("Bearer " + token) == 200);
  CHECK(s.get("/api/healthz").status == 200);
}

TEST_CASE("logout ends the token; other sessions of the same user live on") {
  TestServer s;
  const std::string first = s.login("admin@localhost", test_password);
  const std::string second = s.login("admin@localhost", test_password);
  CHECK(s.post("/api/logout", json::object(), first).status == 200);
  CHECK(s.get("/api/me", first).status == 401);
  CHECK(s.get("/api/me", second).status == 200);
}

TEST_CASE("tokens expire after 30 days") {
  TestServer s;
  const std::string token = s.login("admin@localhost", test_password);
  s.set_now(s.now() + days(29));
  CHECK(s.get("/api/me", token).status == 200);
  s.set_now(s.now() + days(2));
  CHECK(s.get("/api/me", token).status == 401);
}

TEST_CASE("failed logins slow down per account and per address, then are allowed again") {
  TestServerOptions options;
  options.auth.per_account_address.free_failures = 3;
  options.auth.per_address.free_failures = 5;
  TestServer s(options);
  const json wrong{{"email", "admin@localhost"}, {"password", "wrong-password"}};
  for (int i = 0; i < 3; ++i) CHECK(s.post("/api/login", wrong).status == 401);
  // Within the delay even the right password waits: guessing gains nothing.
  const Reply limited = s.post("/api/login", {{"email", "admin@localhost"}, {"password", test_password}});
  CHECK(limited.status == 429);
  CHECK(limited.body.at("error").at("code") == "rate_limited");
  // Other e-mails from the same address count towards the address limit.
  CHECK(s.post("/api/login", {{"email", "x@localhost"}, {"password", "p"}}).status == 401);
  CHECK(s.post("/api/login", {{"email", "y@localhost"}, {"password", "p"}}).status == 401);
  CHECK(s.post("/api/login", {{"email", "z@localhost"}, {"password", "p"}}).status == 429);
  // Once the delay has passed the right password works.
  s.set_now(s.now() + Seconds{2});
  CHECK(s.post("/api/login", {{"email", "admin@localhost"}, {"password", test_password}}).status == 200);
}

TEST_CASE("admins set passwords; users change their own by giving the current one") {
  TestServer s;
  const std::string admin = make_small_world(s);
  CHECK(s.put("/api/users/coach1/password", {{"password", "coach-secret-1"}}, admin).status == 200);
  const std::string coach = s.login("coach1@example.test", "coach-secret-1");
  CHECK(s.put("/api/users/coach1/password", {{"password", "short"}}, admin).status == 400);
  CHECK(s.put("/api/users/nobody/password", {{"password", "long-enough"}}, admin).status == 404);
  // A coach cannot set someone else's password, nor their own without the current one.
  CHECK(s.put("/api/users/coach2/password", {{"password", "taken-over!"}}, coach).status == 403);
  CHECK(s.put("/api/users/coach1/password", {{"password", "coach-secret-2"}}, coach).status == 403);
  CHECK(s.put("/api/users/coach1/password", {{"password", "coach-secret-2"}, {"current", "wrong"}}, coach).status ==
        403);
  CHECK(s.put("/api/users/coach1/password", {{"password", "coach-secret-2"}, {"current", "coach-secret-1"}}, coach)
            .status == 200);
  CHECK(s.post("/api/login", {{"email", "coach1@example.test"}, {"password", "coach-secret-1"}}).status == 401);
  s.login("coach1@example.test", "coach-secret-2");
}
