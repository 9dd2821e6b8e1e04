// Load generator for pathways-server (the speed goals of docs/benchmarks.md), loopback only, bounded in
// time. It writes synthetic datasets (bench_dataset.h), starts the real binary on each, and
// prints figures; it never fails on timing.
//
//   server_bench [--phase all|startup|pull|push|latency] [--data DIR] [--fresh]
//
//   startup  time from exec to "listening" with 100,000 participants in the database
//   pull     a coach's whole scope (1,000 participants), full pull, repeated
//   push     throughput of batches of 100 markings (1 client, then 4 at once)
//   latency  single-op pushes from 50 concurrent clients, paced and flat out: p50 / p99 / max
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "bench_dataset.h"
#include "server/clock.h"
#include "server_process.h"

using namespace pathways;
using namespace pathways::bench;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(i, values.size() - 1)];
}

// A keep-alive connection to the server, signed in as one user.
class Session {
 public:
  Session(int port, const std::string& email) : http_("127.0.0.1", port) {
    http_.set_keep_alive(true);
    http_.set_tcp_nodelay(true);
    http_.set_read_timeout(60);
    auto res = http_.Post("/api/login", json{{"email", email}, {"password", password}}.dump(), "application/json");
    if (!res || res->status != 200)
      throw std::runtime_error("login failed for " + email + ": " +
                               (res ? std::to_string(res->status) + " " + res->body : httplib::to_string(res.error())));
    headers_ = {{"Authorization", "Bearer " + json::parse(res->body).at("token").get<std::string>()}};
  }
  // Returns the response body; throws unless 200.
  std::string push(const std::string& client_id, const json& ops) {
    auto res =
        http_.Post("/api/sync/push", headers_, json{{"client_id", client_id}, {"ops", ops}}.dump(), "application/json");
    if (!res || res->status != 200)
      throw std::runtime_error("push failed: " + (res ? res->body : std::string("no answer")));
    return res->body;
  }
  // Returns the bytes on the wire. `browser`: sends what browsers send (gzip, deflate, br).
  std::size_t pull(const std::string& client_id, bool browser) {
    httplib::Headers headers = headers_;
    headers.emplace("Accept-Encoding", browser ? "gzip, deflate, br" : "identity");
    http_.set_decompress(false);
    auto res = http_.Get(("/api/sync/pull?since=0&client_id=" + client_id).c_str(), headers);
    if (!res || res->status != 200) throw std::runtime_error("pull failed");
    return res->body.size();
  }

 private:
  httplib::Client http_;
  httplib::Headers headers_;
};

json mark(std::int64_t seq, const std::string& session) {
  return {{"seq", seq},
          {"at", format_time(server::system_now())},
          {"type", "mark_attendance"},
          {"session", session},
          {"outcome", "completed"}};
}

struct Bench {
  std::string binary;
  std::filesystem::path data;
  bool fresh = false;

  std::string dataset(const std::string& name, DatasetShape shape, bool reuse) {
    const auto path = (data / (name + ".db")).string();
    if (reuse && !fresh && std::filesystem::exists(path)) return path;
    const auto t = Clock::now();
    std::printf("  writing %s: %d coaches x %d participants ...", name.c_str(), shape.coaches,
                shape.participants_per_coach);
    std::fflush(stdout);
    write_dataset(path, shape, server::system_now());
    std::printf(" %.1f s\n", seconds_since(t));
    return path;
  }
  std::unique_ptr<ServerProcess> start(const std::string& db) {
    return std::make_unique<ServerProcess>(binary, std::vector<std::string>{"--port", "0", "--quiet", "--db", db},
                                           (data / "server.log").string());
  }

  // [SECTION] start-up

  void startup() {
    std::printf("startup: 100 coaches x 1,000 participants (100,000 participants, 800,000 sessions)\n");
    const std::string db = dataset("startup-100k", {100, 1000}, /*reuse=*/true);
    std::vector<double> times;
    double rss = 0;
    for (int run = 0; run < 3; ++run) {
      auto server = start(db);
      times.push_back(server->seconds_to_listen());
      rss = server->resident_mib();
      server->stop(SIGTERM);
    }
    std::printf("  exec to listening: median %.2f s (runs: %.2f %.2f %.2f); resident memory %.0f MiB\n",
                percentile(times, 0.5), times[0], times[1], times[2], rss);
  }

  // [SECTION] pull

  void pull() {
    std::printf("pull: a coach's whole scope, 1,000 participants (25 coaches in the database)\n");
    auto server = start(dataset("pull-25k", {25, 1000}, true));
    Session coach(server->port(), "coach1@bench.test");
    for (bool browser : {false, true}) {
      std::vector<double> ms;
      std::size_t bytes = 0;
      for (int i = 0; i < 30; ++i) {
        const auto t = Clock::now();
        bytes = coach.pull("bench-pull", browser);
        ms.push_back(seconds_since(t) * 1000);
      }
      std::printf("  full pull, %s: median %.1f ms, p99 %.1f ms, %.2f MB on the wire (30 pulls)\n",
                  browser ? "as a browser asks (gzip)" : "uncompressed", percentile(ms, 0.5), percentile(ms, 0.99),
                  static_cast<double>(bytes) / 1e6);
    }
  }

  // [SECTION] push throughput

  // Pushes batches of 100 markings of coach `c`'s pod sessions; returns ops pushed.
  static std::size_t mark_coach(Session& s, const std::string& client_id, int c, int participants, std::int64_t& seq) {
    std::size_t ops = 0;
    json batch = json::array();
    for (int pod = 1; pod <= 4; ++pod)
      for (int i = 0; i < participants; ++i) {
        batch.push_back(mark(seq++, pod_session_id(c, i, pod)));
        if (batch.size() == 100) {
          s.push(client_id, batch);
          ops += batch.size();
          batch = json::array();
        }
      }
    if (!batch.empty()) ops += (s.push(client_id, batch), batch.size());
    return ops;
  }

  void push() {
    std::printf("push: batches of 100 markings (mark_attendance), one transaction per push\n");
    auto server = start(dataset("push-20k", {20, 1000}, false));
    {
      Session admin(server->port(), "admin@bench.test");
      std::int64_t seq = 1;
      std::size_t ops = 0;
      const auto t = Clock::now();
      for (int c = 1; c <= 10; ++c) ops += mark_coach(admin, "bench-admin", c, 1000, seq);
      const double s = seconds_since(t);
      std::printf("  1 client:  %zu ops in %.2f s = %.0f ops/s\n", ops, s, static_cast<double>(ops) / s);
    }
    std::atomic<std::size_t> ops{0};
    std::vector<std::unique_ptr<Session>> coaches;
    for (int k = 0; k < 4; ++k)
      coaches.push_back(std::make_unique<Session>(server->port(), coach_id(11 + k) + "@bench.test"));
    const auto t = Clock::now();
    std::vector<std::thread> clients;
    for (int k = 0; k < 4; ++k)
      clients.emplace_back([&, k] {
        Session& coach = *coaches[static_cast<std::size_t>(k)];
        std::int64_t seq = 1;
        // Four coaches at once (11-14), each marking their own 4,000 sessions from their device.
        ops += mark_coach(coach, "bench-coach-" + std::to_string(k), 11 + k, 1000, seq);
      });
    for (auto& c : clients) c.join();
    const double s = seconds_since(t);
    std::printf("  4 clients: %zu ops in %.2f s = %.0f ops/s\n", ops.load(), s, static_cast<double>(ops.load()) / s);
  }

  // [SECTION] latency

  // Single-op pushes from 50 clients on one server, in two rounds:
  //  - paced: each client pushes every 50 ms (1,000 pushes/s offered in all, far above
  //    what 50 people marking sessions send); latency counts from when the push was due,
  //    so a slow answer that delays the next push is not hidden;
  //  - flat out: each client pushes again as soon as it has its answer, which saturates
  //    the machine (the server and 50 client threads share its cores), so the latency is
  //    mostly queueing: it tells the ceiling, not a user's wait.
  void latency() {
    constexpr int clients = 50;
    constexpr int per_round = 200;  // pods 1-2 for the paced round, 3-4 flat out
    std::printf("latency: %d clients at once, single-op pushes (each a coach marking their own)\n", clients);
    auto server = start(dataset("latency-50", {clients, 100}, false));
    // Sign in first, one after the other: Argon2id is deliberately slow, and not what is measured.
    std::vector<std::unique_ptr<Session>> sessions;
    for (int c = 1; c <= clients; ++c)
      sessions.push_back(std::make_unique<Session>(server->port(), coach_id(c) + "@bench.test"));
    std::vector<std::int64_t> seqs(clients, 1);

    auto round = [&](const char* name, int first_pod, std::chrono::milliseconds interval) {
      std::mutex mutex;
      std::vector<double> all;
      std::atomic<bool> go{false};
      std::atomic<int> failures{0};
      const auto deadline = Clock::now() + std::chrono::seconds(30);
      std::vector<std::thread> threads;
      for (int c = 1; c <= clients; ++c)
        threads.emplace_back([&, c] {
          Session& coach = *sessions[static_cast<std::size_t>(c - 1)];
          std::int64_t& seq = seqs[static_cast<std::size_t>(c - 1)];
          std::vector<double> ms;
          while (!go) std::this_thread::yield();
          // Clients start spread over one interval, as independent people would.
          auto due = Clock::now() + interval * (c - 1) / clients;
          try {
            for (int k = 0; k < per_round && Clock::now() < deadline; ++k) {
              const int pod = first_pod + k / 100, i = k % 100;
              const json op = json::array({mark(seq, pod_session_id(c, i, pod))});
              if (interval.count() > 0) std::this_thread::sleep_until(due);
              const auto sent = interval.count() > 0 ? due : Clock::now();
              coach.push("bench-" + std::to_string(c), op);
              ms.push_back(seconds_since(sent) * 1000);
              ++seq;
              due += interval;
            }
          } catch (const std::exception&) {
            ++failures;
          }
          std::lock_guard lock(mutex);
          all.insert(all.end(), ms.begin(), ms.end());
        });
      const auto t = Clock::now();
      go = true;
      for (auto& th : threads) th.join();
      const double s = seconds_since(t);
      if (failures > 0) std::printf("  %d clients failed\n", failures.load());
      std::printf("  %s: %zu pushes in %.2f s (%.0f/s): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n", name,
                  all.size(), s, static_cast<double>(all.size()) / s, percentile(all, 0.5), percentile(all, 0.9),
                  percentile(all, 0.99), percentile(all, 1.0));
    };
    round("paced, each client every 50 ms", 1, std::chrono::milliseconds(50));
    round("flat out, each client again at once", 3, std::chrono::milliseconds(0));
  }
};

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  Bench bench;
  bench.binary = PATHWAYS_SERVER_BINARY;
  bench.data = std::filesystem::path(argv[0]).parent_path() / "bench-data";
  std::string phase = "all";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--phase" && i + 1 < argc)
      phase = argv[++i];
    else if (arg == "--data" && i + 1 < argc)
      bench.data = argv[++i];
    else if (arg == "--fresh")
      bench.fresh = true;
    else {
      std::fprintf(stderr, "usage: server_bench [--phase all|startup|pull|push|latency] [--data DIR] [--fresh]\n");
      return 2;
    }
  }
  std::filesystem::create_directories(bench.data);
  std::printf("pathways-server benchmarks (%u hardware threads; loopback; server log in %s)\n",
              std::thread::hardware_concurrency(), (bench.data / "server.log").c_str());
  try {
    if (phase == "all" || phase == "startup") bench.startup();
    if (phase == "all" || phase == "pull") bench.pull();
    if (phase == "all" || phase == "push") bench.push();
    if (phase == "all" || phase == "latency") bench.latency();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "server_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
