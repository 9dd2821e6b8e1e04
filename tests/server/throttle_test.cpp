// Sign-in throttling: attempts counted atomically, growing delays per account and address
// instead of a lock a stranger can set, the client's address from X-Forwarded-For only
// behind a trusted proxy, bounded memory whatever arrives, and Argon2id behind a bounded
// queue so sign-ins cannot take every thread.
#include <httplib.h>

#include <future>

#include "harness.h"
#include "server/http_server.h"
#include "server/rate_limit.h"
#include "server/work_queue.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

json wrong_password(const std::string& email = "admin@localhost") {
  return {{"email", email}, {"password", "wrong-password"}};
}

json right_password() { return {{"email", "admin@localhost"}, {"password", test_password}}; }

TestServerOptions strict() {
  TestServerOptions o;
  o.auth = server::AuthOptions{};
  o.auth.hashing_queue = 64;  // these tests are about counting, not the queue
  return o;
}

}  // namespace

TEST_CASE("throttle: concurrent wrong passwords for one account are counted before any is checked") {
  TestServer s(strict());
  std::vector<std::future<int>> replies;
  for (int i = 0; i < 40; ++i)
    replies.push_back(std::async(std::launch::async, [&] {
      // Forty connections at once can overflow the listen backlog: a refused connection is
      // tried again, as a browser would.
      int status = 0;
      for (int attempt = 0; attempt < 10 && status == 0; ++attempt)
        status = s.post("/api/login", wrong_password()).status;
      return status;
    }));
  int checked = 0, limited = 0;
  std::string others;
  for (auto& r : replies) {
    const int status = r.get();
    checked += status == 401;
    limited += status == 429;
    if (status != 401 && status != 429) others += std::to_string(status) + " ";
  }
  CAPTURE(others);
  // The account from one address has five free failures: exactly five were checked.
  CHECK(checked == server::AuthOptions{}.per_account_address.free_failures);
  CHECK(limited == 40 - checked);
}

TEST_CASE("throttle: delays grow with each failure past the free ones, up to the cap, and a success forgets them") {
  server::RateLimiter limiter({3, Seconds{1}, Seconds{8}, minutes(15), 100});
  Time t = default_now();
  for (int i = 0; i < 2; ++i) CHECK(limiter.begin_attempt("k", t) == 0);
  CHECK(limiter.retry_after("k", t) == 0);
  CHECK(limiter.begin_attempt("k", t) == 0);  // the last free one
  CHECK(limiter.retry_after("k", t) == 1);
  CHECK(limiter.begin_attempt("k", t) == 1);  // refused while waiting, and not counted
  std::vector<long long> delays;
  for (int i = 0; i < 5; ++i) {
    t += Seconds{limiter.retry_after("k", t)};
    CHECK(limiter.begin_attempt("k", t) == 0);
    delays.push_back(limiter.retry_after("k", t));
  }
  CHECK(delays == std::vector<long long>{2, 4, 8, 8, 8});
  limiter.succeeded("k");
  CHECK(limiter.retry_after("k", t) == 0);
  // Quiet for the forget time: the count starts afresh.
  for (int i = 0; i < 3; ++i) limiter.begin_attempt("q", t);
  t += minutes(15);
  CHECK(limiter.begin_attempt("q", t) == 0);
  CHECK(limiter.retry_after("q", t) == 0);
}

TEST_CASE("throttle: a stranger's wrong passwords slow the stranger, not the real person elsewhere") {
  TestServerOptions options = strict();
  options.trust_proxy = true;
  TestServer s(options);
  const TestServer::Headers stranger{{"X-Forwarded-For", "203.0.113.9"}};
  const TestServer::Headers owner{{"X-Forwarded-For", "198.51.100.7"}};
  // Ten wrong passwords from the stranger's address (as many as the old lock needed).
  int refused = 0;
  for (int i = 0; i < 10; ++i) {
    const Reply r = s.send("POST", "/api/login", wrong_password().dump(), "", stranger);
    refused += r.status == 429;
  }
  CHECK(refused > 0);  // the stranger is slowed down
  // The owner, elsewhere, signs in at once.
  CHECK(s.send("POST", "/api/login", right_password().dump(), "", owner).status == 200);
  // Even a stranger with many addresses holds the owner back by at most the account's cap.
  for (int i = 0; i < 30; ++i) {
    const TestServer::Headers many{{"X-Forwarded-For", "203.0.113." + std::to_string(100 + i)}};
    s.send("POST", "/api/login", wrong_password().dump(), "", many);
  }
  const Reply slowed = s.send("POST", "/api/login", right_password().dump(), "", owner);
  if (slowed.status == 429) {
    CHECK(std::stoll(slowed.retry_after) <= 60);
    s.set_now(s.now() + Seconds{std::stoll(slowed.retry_after)});
  }
  CHECK(s.send("POST", "/api/login", right_password().dump(), "", owner).status == 200);
}

TEST_CASE("throttle: X-Forwarded-For names the client only when the proxy is trusted") {
  const TestServer::Headers first{{"X-Forwarded-For", "203.0.113.9"}};
  const TestServer::Headers second{{"X-Forwarded-For", "198.51.100.7"}};
  for (const bool trusted : {false, true}) {
    CAPTURE(trusted);
    TestServerOptions options = strict();
    options.trust_proxy = trusted;
    TestServer s(options);
    for (int i = 0; i < 5; ++i) CHECK(s.send("POST", "/api/login", wrong_password().dump(), "", first).status == 401);
    // Untrusted, both requests come from 127.0.0.1: the header changes nothing.
    CHECK(s.send("POST", "/api/login", right_password().dump(), "", second).status == (trusted ? 200 : 429));
  }
  // The last entry is the proxy's; anything that is not an address falls back to the peer.
  CHECK(server::client_address("10.0.0.1", "1.2.3.4, 203.0.113.9", true) == "203.0.113.9");
  CHECK(server::client_address("10.0.0.1", "2001:db8::1", true) == "2001:db8::1");
  CHECK(server::client_address("10.0.0.1", "203.0.113.9", false) == "10.0.0.1");
  CHECK(server::client_address("10.0.0.1", "", true) == "10.0.0.1");
  CHECK(server::client_address("10.0.0.1", "1.2.3.4, evil\r\nline", true) == "10.0.0.1");
  CHECK(server::client_address("10.0.0.1", std::string(100, '1'), true) == "10.0.0.1");
}

TEST_CASE("throttle memory: keys are normalised and bounded before they are stored") {
  CHECK(server::throttle_key("  Ada@Example.TEST \t") == "ada@example.test");
  CHECK(server::throttle_key(std::string(1 << 20, 'a')).size() == server::max_throttle_key_bytes);

  // Whatever arrives, the table holds at most max_keys keys.
  server::RateLimiter limiter({10, Seconds{1}, minutes(15), minutes(15), 100});
  const Time t = default_now();
  for (int i = 0; i < 1000; ++i) limiter.begin_attempt("user" + std::to_string(i) + "@x", t);
  CHECK(limiter.key_count() == 100);
  CHECK(limiter.key_bytes() <= 100 * server::max_throttle_key_bytes);

  // Over HTTP: failed sign-ins with 1 MiB e-mail fields leave kilobytes, not megabytes.
  TestServer s(strict());
  const std::string huge(1000 * 1000 - 100, 'x');
  for (int i = 0; i < 5; ++i) CHECK(s.post("/api/login", wrong_password(std::to_string(i) + huge)).status == 401);
  CHECK(s.server().auth().throttle_key_bytes() < 5 * 3 * (server::max_throttle_key_bytes + 50));
}

TEST_CASE("hashing queue: past its places a caller is turned away at once, and a place frees when left") {
  server::WorkQueue queue(1, 0);
  auto inside = queue.enter();
  CHECK(inside.has_value());
  CHECK_FALSE(queue.enter().has_value());
  inside.reset();
  CHECK(queue.enter().has_value());
}

TEST_CASE("hashing queue: a burst of sign-ins gets 503 with Retry-After beyond the queue; other requests go on") {
  TestServerOptions options;  // relaxed throttles: every sign-in here is right
  options.auth.hashing_slots = 1;
  options.auth.hashing_queue = 2;
  TestServer s(options);
  std::vector<std::future<Reply>> replies;
  for (int i = 0; i < 12; ++i)
    replies.push_back(std::async(std::launch::async, [&] { return s.post("/api/login", right_password()); }));
  // Served meanwhile: the sign-ins do not hold the pool.
  CHECK(s.get("/api/healthz").status == 200);
  int signed_in = 0, busy = 0;
  for (auto& f : replies) {
    const Reply r = f.get();
    if (r.status == 200) ++signed_in;
    if (r.status == 503) {
      ++busy;
      CHECK(r.body.at("error").at("code") == "unavailable");
      CHECK(r.retry_after == "1");
    }
  }
  CHECK(signed_in + busy == 12);
  CHECK(signed_in >= 1);
  CHECK(busy >= 1);
}
