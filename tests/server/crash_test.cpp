// The real binary under abuse: kill -9 in the middle of a stream of pushes, then a restart:
// every acknowledged op is there and none is applied twice. And SIGTERM stops it cleanly.
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <mutex>

#include <httplib.h>

#include "harness.h"
#include "server_process.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

// The real binary with the demo data on a database file.
std::unique_ptr<bench::ServerProcess> start_server(const std::filesystem::path& db) {
  return std::make_unique<bench::ServerProcess>(
      PATHWAYS_SERVER_BINARY, std::vector<std::string>{"--demo", "--port", "0", "--quiet", "--db", db.string()});
}

struct Http {
  int port;
  std::string token;

  httplib::Result post(const std::string& path, const json& body) const {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(10);
    return client.Post(path.c_str(), {{"Authorization", "Bearer " + token}}, body.dump(), "application/json");
  }
  json pull(const std::string& client_id) const {
    httplib::Client client("127.0.0.1", port);
    auto res =
        client.Get(("/api/sync/pull?since=0&client_id=" + client_id).c_str(), {{"Authorization", "Bearer " + token}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body);
  }
  static Http login(int port) {
    httplib::Client client("127.0.0.1", port);
    auto res = client.Post("/api/login", json{{"email", "coach1@demo.test"}, {"password", "demo-coach"}}.dump(),
                           "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return {port, json::parse(res->body).at("token").get<std::string>()};
  }
};

// Batches of new slots for coach1, far in the future so they never overlap the demo's.
constexpr int ops_per_push = 20;
json batch(std::int64_t first_seq) {
  const Time base = from_unix_seconds(unix_seconds(server::system_now()) / 86400 * 86400) + days(40);
  json ops = json::array();
  for (std::int64_t seq = first_seq; seq < first_seq + ops_per_push; ++seq)
    ops.push_back({{"seq", seq},
                   {"at", format_time(server::system_now())},
                   {"type", "add_slot"},
                   {"slot", "stream-" + std::to_string(seq)},
                   {"coach", "coach1"},
                   {"start", format_time(base + hours(seq))},
                   {"duration_min", 30},
                   {"capacity", 1},
                   {"kind", "one_to_one"}});
  return ops;
}

int stream_slots(const json& pull) {
  int n = 0;
  for (const json& c : pull.at("changes"))
    if (c.at("kind") == "slot" && c.at("id").get<std::string>().rfind("stream-", 0) == 0 &&
        !c.at("deleted").get<bool>())
      ++n;
  return n;
}

// Pushes batches until the server stops answering; returns the highest acknowledged seq.
struct Stream {
  const Http& http;
  std::atomic<std::int64_t> acknowledged{0};
  std::atomic<std::int64_t> sent{0};
  std::atomic<int> pushes{0};
  std::atomic<bool> all_applied{true};

  void run() {
    for (std::int64_t seq = 1;; seq += ops_per_push) {
      sent = seq + ops_per_push - 1;
      auto res = http.post("/api/sync/push", {{"client_id", "stream-client"}, {"ops", batch(seq)}});
      if (!res || res->status != 200) return;
      for (const json& r : json::parse(res->body).at("results"))
        all_applied = all_applied && r.at("status") == "applied";
      acknowledged = seq + ops_per_push - 1;
      ++pushes;
    }
  }
};

}  // namespace

TEST_CASE("kill -9 during a stream of pushes, restart: every acknowledged op is there, none twice") {
  TempDir dir;
  const auto db = dir.path() / "crash.db";
  std::int64_t acknowledged = 0, sent = 0;
  {
    auto server = start_server(db);
    const Http http = Http::login(server->port());
    Stream stream{http};
    std::thread pusher([&] { stream.run(); });
    while (stream.pushes < 25) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const int status = server->stop(SIGKILL);
    pusher.join();
    CHECK(WIFSIGNALED(status));
    CHECK(stream.all_applied);
    acknowledged = stream.acknowledged;
    sent = stream.sent;
  }
  REQUIRE(acknowledged >= 25 * ops_per_push);

  auto server = start_server(db);
  const Http http = Http::login(server->port());
  const json after = http.pull("stream-client");
  const std::int64_t last = after.at("last_seq").get<std::int64_t>();
  // Everything acknowledged survived; at most the batch in flight committed without an answer.
  CHECK(last >= acknowledged);
  CHECK(last <= sent);
  CHECK(stream_slots(after) == last);

  // The client re-sends what it has no answer for: committed ops return their stored result
  // and change nothing, the rest apply now. Each op ends up applied exactly once.
  auto res = http.post("/api/sync/push", {{"client_id", "stream-client"}, {"ops", batch(acknowledged + 1)}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  for (const json& r : json::parse(res->body).at("results")) CHECK(r.at("status") == "applied");
  const json final_pull = http.pull("stream-client");
  CHECK(final_pull.at("last_seq") == acknowledged + ops_per_push);
  CHECK(stream_slots(final_pull) == acknowledged + ops_per_push);

  // SIGTERM: a clean stop.
  const int status = server->stop(SIGTERM);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("SIGTERM during a stream of pushes finishes the commit in hand and exits cleanly") {
  TempDir dir;
  const auto db = dir.path() / "term.db";
  std::int64_t acknowledged = 0;
  {
    auto server = start_server(db);
    const Http http = Http::login(server->port());
    Stream stream{http};
    std::thread pusher([&] { stream.run(); });
    while (stream.pushes < 10) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const int status = server->stop(SIGTERM);
    pusher.join();
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    acknowledged = stream.acknowledged;
  }
  auto server = start_server(db);
  const json after = Http::login(server->port()).pull("stream-client");
  CHECK(after.at("last_seq").get<std::int64_t>() >= acknowledged);
  CHECK(stream_slots(after) == after.at("last_seq").get<std::int64_t>());
}
