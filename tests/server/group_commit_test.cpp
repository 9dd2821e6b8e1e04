// Group commit (server/group_commit.h, SyncService::push): concurrent pushes share
// transactions, and still each op is applied exactly once, in its client's seq order,
// with its own result, and across clients in one commit order.
#include <mutex>
#include <set>

#include "harness.h"
#include "server/group_commit.h"

using namespace pathways;
using namespace pathways::testing;

TEST_CASE("group commit: every queued piece of work runs once, in arrival order, each caller after its own") {
  struct Work {
    int id;
    bool ran = false;
  };
  server::GroupCommit<Work> groups(4);
  std::mutex mutex;
  std::vector<int> order;
  std::vector<std::size_t> sizes;
  constexpr int threads = 8, per_thread = 200;
  std::vector<std::thread> callers;
  std::atomic<int> returned_early{0};
  for (int t = 0; t < threads; ++t)
    callers.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        Work w{t * per_thread + i};
        groups.submit(w, 1, [&](const std::vector<Work*>& group) {
          std::lock_guard lock(mutex);
          sizes.push_back(group.size());
          for (Work* g : group) {
            g->ran = true;
            order.push_back(g->id);
          }
        });
        if (!w.ran) ++returned_early;
      }
    });
  for (auto& c : callers) c.join();
  CHECK(returned_early == 0);
  REQUIRE(order.size() == threads * per_thread);
  CHECK(std::set<int>(order.begin(), order.end()).size() == order.size());
  for (std::size_t n : sizes) CHECK(n <= 4);
  // One caller's work runs in the order it was submitted.
  for (int t = 0; t < threads; ++t) {
    int last = -1;
    for (int id : order)
      if (id / per_thread == t) {
        CHECK(id > last);
        last = id;
      }
  }
}

TEST_CASE("concurrent pushes from many clients: every op applied exactly once, each with its own result") {
  TestServer s;
  const std::string admin = make_small_world(s);
  constexpr int clients = 12, pushes = 15;
  const Time start = s.now() + days(3);
  std::vector<std::string> tokens;
  for (int c = 0; c < clients; ++c) tokens.push_back(s.login_as(c % 2 ? "admin" : "coach1"));

  struct Outcome {
    std::vector<std::string> results;  // "seq:status[:code]" in order
    json last_push;                    // the last push as sent, to send again
    json last_results;
  };
  std::vector<Outcome> outcomes(clients);
  std::vector<std::thread> threads;
  std::atomic<bool> go{false};
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      SyncClient client(s, tokens[static_cast<std::size_t>(c)], "device-" + std::to_string(c));
      while (!go) std::this_thread::yield();
      for (int p = 0; p < pushes; ++p) {
        // Mostly one op, sometimes three; every client also races for the shared slots
        // "race-0" … "race-4": exactly one of them may create each.
        std::vector<json> ops;
        const int n = p % 5 == 0 ? 3 : 1;
        for (int k = 0; k < n; ++k)
          ops.push_back(add_slot("s-" + std::to_string(c) + "-" + std::to_string(p) + "-" + std::to_string(k),
                                 start + minutes(60 * (c * 100 + p * 3 + k))));
        if (p % 3 == 0)
          ops.push_back(add_slot("race-" + std::to_string(p / 3), start - days(1) + minutes(60 * (p / 3))));
        const std::int64_t first_seq = client.next_seq();
        const Reply r = client.push(ops);
        REQUIRE(r.status == 200);
        const json& results = r.body.at("results");
        REQUIRE(results.size() == ops.size());
        json sent = json::array();
        for (std::size_t i = 0; i < results.size(); ++i) {
          CHECK(results[i].at("seq") == first_seq + static_cast<std::int64_t>(i));
          std::string line = std::to_string(results[i].at("seq").get<std::int64_t>()) + ":" +
                             results[i].at("status").get<std::string>();
          if (results[i].contains("code")) line += ":" + results[i].at("code").get<std::string>();
          outcomes[static_cast<std::size_t>(c)].results.push_back(line);
          sent.push_back(
              with(ops[i], {{"seq", first_seq + static_cast<std::int64_t>(i)}, {"at", format_time(s.now())}}));
        }
        outcomes[static_cast<std::size_t>(c)].last_push = sent;
        outcomes[static_cast<std::size_t>(c)].last_results = results;
      }
    });
  go = true;
  for (auto& t : threads) t.join();

  // Own slots: all applied; each race slot: applied once in all, already_exists otherwise.
  std::map<std::string, int> race_applied;
  int own_applied = 0;
  for (int c = 0; c < clients; ++c)
    for (const std::string& line : outcomes[static_cast<std::size_t>(c)].results) {
      if (line.find(":applied") != std::string::npos) ++own_applied;
    }
  const int race_ops = clients * 5;
  const int own_ops = clients * (pushes + 2 * 3);  // 3 of 15 pushes carry 3 own ops
  CHECK(own_applied == own_ops + 5);               // plus one winner per race slot

  SyncClient desk(s, admin, "admin-check");
  const json all = desk.pull(0).body;
  const auto slots = changes_of(all, "slot");
  CHECK(slots.size() == static_cast<std::size_t>(own_ops + 5));
  for (int k = 0; k < 5; ++k) CHECK(slots.count("race-" + std::to_string(k)) == 1);
  (void)race_ops;

  // Every client's progress is its last seq; re-sending its last push gets the stored
  // results back and changes nothing.
  const std::int64_t version = all.at("version").get<std::int64_t>();
  for (int c = 0; c < clients; ++c) {
    SyncClient again(s, tokens[static_cast<std::size_t>(c)], "device-" + std::to_string(c));
    const Reply replay = again.push_raw(outcomes[static_cast<std::size_t>(c)].last_push);
    REQUIRE(replay.status == 200);
    CHECK(replay.body.at("results") == outcomes[static_cast<std::size_t>(c)].last_results);
    CHECK(again.pull(version).body.at("last_seq") ==
          static_cast<std::int64_t>(outcomes[static_cast<std::size_t>(c)].results.size()));
  }
  CHECK(desk.pull(0).body.at("version") == version);
}

TEST_CASE("concurrent pushes that fail alone do not disturb the others in their group") {
  TestServer s;
  make_small_world(s);
  constexpr int clients = 10;
  std::vector<std::string> tokens;
  for (int c = 0; c < clients; ++c) tokens.push_back(s.login_as("coach1"));
  std::vector<std::thread> threads;
  std::atomic<int> gaps{0}, applied{0};
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      SyncClient client(s, tokens[static_cast<std::size_t>(c)], "dev-" + std::to_string(c));
      for (int p = 0; p < 10; ++p) {
        // Every other client also sends a push with a gap, refused on its own.
        if (c % 2 == 0) {
          json bad = json::array({with(add_slot("gap-" + std::to_string(c), s.now() + days(4)),
                                       {{"seq", client.next_seq() + 5}, {"at", format_time(s.now())}})});
          const Reply r = client.push_raw(bad);
          if (r.status == 409) ++gaps;
        }
        const std::string result = client.run(add_slot("ok-" + std::to_string(c) + "-" + std::to_string(p),
                                                       s.now() + days(5) + minutes(60 * (c * 10 + p))));
        if (result == "applied") ++applied;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(gaps == clients / 2 * 10);
  CHECK(applied == clients * 10);
}
