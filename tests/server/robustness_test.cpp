// Bad input at the HTTP edge: the right status, a JSON error body, and a server that keeps
// serving afterwards (DESIGN.md §6, §9: "bad input gets a clear error and loses nothing").
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// The error shape every failure has.
void check_error(const Reply& r, int status, const std::string& code) {
  CHECK(r.status == status);
  REQUIRE_MESSAGE(r.body.is_object(), r.text);
  CHECK(r.body.at("error").at("code") == code);
  CHECK(r.body.at("error").at("message").is_string());
}

struct Fixture {
  TestServer server;
  std::string token = server.login("admin@localhost", test_password);

  Reply push_text(const std::string& body) const { return server.send("POST", "/api/sync/push", body, token); }
  void still_serving() const {
    CHECK(server.get("/api/healthz").status == 200);
    CHECK(server.get("/api/me", token).status == 200);
  }
};

}  // namespace

TEST_CASE("malformed JSON and wrong shapes of a push are 400, and nothing is processed") {
  Fixture f;
  for (const std::string& body : {std::string(""), std::string("{"), std::string("not json"), std::string("[1,2]"),
                                  std::string("\"text\""), std::string("{\"client_id\": \"c\", \"ops\": [}"),
                                  std::string("{\"client_id\": \"c\", \"ops\": [\"\xff\xfe\"]}")}) {
    CAPTURE(body);
    check_error(f.push_text(body), 400, "bad_request");
  }
  for (const json& body : {json{{"ops", json::array()}}, json{{"client_id", 7}, {"ops", json::array()}},
                           json{{"client_id", ""}, {"ops", json::array()}},
                           json{{"client_id", std::string(65, 'x')}, {"ops", json::array()}},
                           json{{"client_id", "has space"}, {"ops", json::array()}}, json{{"client_id", "c"}},
                           json{{"client_id", "c"}, {"ops", {{"seq", 1}}}},
                           json{{"client_id", "c"}, {"ops", json::array({json::array()})}},
                           json{{"client_id", "c"}, {"ops", json::array({{{"type", "grey_out"}}})}},
                           json{{"client_id", "c"}, {"ops", json::array({{{"seq", "1"}}})}},
                           json{{"client_id", "c"}, {"ops", json::array({{{"seq", 0}}})}},
                           json{{"client_id", "c"}, {"ops", json::array({{{"seq", -3}}})}},
                           json{{"client_id", "c"}, {"ops", json::array({{{"seq", 1.5}}})}}}) {
    CAPTURE(body.dump());
    check_error(f.server.post("/api/sync/push", body, f.token), 400, "bad_request");
  }
  SyncClient c(f.server, f.token, "c");
  CHECK(c.pull(0).body.at("last_seq") == 0);
  f.still_serving();
}

TEST_CASE("ops the core cannot read are rejected results, processed once, never a crash") {
  Fixture f;
  SyncClient c(f.server, f.token, "admin-desk");
  CHECK(c.run({{"type", "launch_rockets"}}) == "unknown_op");
  CHECK(c.run({{"type", 42}}) == "wrong_type");
  CHECK(c.run({{"session", "x/y"}}) == "missing_field");
  CHECK(c.run({{"type", "grey_out"}}) == "missing_field");
  CHECK(c.run({{"type", "grey_out"}, {"session", 5}}) == "wrong_type");
  CHECK(c.run({{"type", "add_slot"},
               {"slot", "s"},
               {"coach", "admin"},
               {"start", "yesterday"},
               {"duration_min", 60},
               {"capacity", 1},
               {"kind", "one_to_one"}}) == "invalid_value");
  CHECK(c.run({{"type", "grey_out"}, {"session", "x/y"}, {"at", "2026-13-45T99:00:00Z"}}) == "invalid_value");
  CHECK(c.run({{"type", "create_company"}, {"company", "acme"}, {"name", std::string(5000, 'n')}}) == "invalid_value");
  // A mildly nested value inside an op is just a wrong type.
  CHECK(c.run({{"type", "grey_out"}, {"session", json::array({json::array({json::object()})})}}) == "wrong_type");
  CHECK(c.pull(0).body.at("last_seq") == 9);
  // A deeply nested one is refused before parsing: printing it would recurse 100,000 deep.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::string body =
      "{\"client_id\":\"admin-desk\",\"ops\":[{\"seq\":10,\"type\":\"grey_out\",\"session\":" + deep + "}]}";
  check_error(f.push_text(body), 400, "bad_request");
  CHECK(c.pull(0).body.at("last_seq") == 9);
  f.still_serving();
}

TEST_CASE("bodies over 1 MiB are 413, pushes over the op cap are 413") {
  Fixture f;
  const std::string huge = "{\"client_id\":\"c\",\"ops\":[],\"pad\":\"" + std::string(1024 * 1024 + 10, 'x') + "\"}";
  check_error(f.push_text(huge), 413, "too_large");
  json many = json::array();
  for (int i = 1; i <= 501; ++i) many.push_back({{"seq", i}, {"type", "grey_out"}, {"session", "x/y"}});
  check_error(f.server.post("/api/sync/push", {{"client_id", "c"}, {"ops", many}}, f.token), 413, "too_large");
  f.still_serving();
}

TEST_CASE("unknown paths and methods are 404 with a JSON error") {
  Fixture f;
  check_error(f.server.get("/api/nothing-here", f.token), 404, "not_found");
  check_error(f.server.get("/api/sync/push", f.token), 404, "not_found");
  check_error(f.server.send("DELETE", "/api/me", "", f.token), 404, "not_found");
  check_error(f.server.get("/no-such-page.html"), 404, "not_found");
  // Without the web client built, / is a page saying so.
  const Reply home = f.server.get("/");
  CHECK(home.status == 200);
  CHECK(home.text.find("not built") != std::string::npos);
  f.still_serving();
}

TEST_CASE("missing or forged tokens on sync are 401; garbage on the socket does not hurt") {
  Fixture f;
  check_error(f.server.post("/api/sync/push", {{"client_id", "c"}, {"ops", json::array()}}), 401, "unauthorized");
  check_error(f.server.get("/api/sync/pull?client_id=c&since=0", std::string(64, 'f')), 401, "unauthorized");
  // Not HTTP at all, then a half request and a hang-up.
  const std::string junks[] = {std::string("\x16\x03\x01\x02\x00garbage\r\n\r\n", 20),
                               "POST /api/sync/push HTTP/1.1\r\nContent-Length: 100\r\n\r\n{"};
  for (const std::string& junk : junks) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(f.server.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    CHECK(::send(fd, junk.data(), junk.size(), 0) == static_cast<ssize_t>(junk.size()));
    ::close(fd);
  }
  f.still_serving();
}

TEST_CASE("an old client protocol gets 426 update_needed; a malformed one 400") {
  Fixture f;
  const std::string pull = "/api/sync/pull?client_id=c&since=0";
  CHECK(f.server.send("GET", pull, "", f.token, {{"X-Pathways-Protocol", "1"}}).status == 200);
  check_error(f.server.send("GET", pull, "", f.token, {{"X-Pathways-Protocol", "0"}}), 426, "update_needed");
  check_error(
      f.server.send("POST", "/api/sync/push", R"({"client_id":"c","ops":[]})", f.token, {{"X-Pathways-Protocol", "0"}}),
      426, "update_needed");
  check_error(f.server.send("GET", pull, "", f.token, {{"X-Pathways-Protocol", "v2"}}), 400, "bad_request");
}
