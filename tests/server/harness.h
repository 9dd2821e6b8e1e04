// The server suite's harness: a real Server on a free loopback port in this process (with a
// clock the test sets), HTTP helpers over cpp-httplib's client, and a sync client that
// numbers its ops like the browser does.
#pragma once

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/server.h"

namespace pathways::testing {

using json = nlohmann::json;

// "now" in every server test unless a test moves it: Monday 2 November 2026, 09:00 UTC.
Time default_now();
Time at(const char* rfc3339);

// A fresh folder under the system's temp dir, removed with everything in it at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct Reply {
  int status = 0;  // 0: no answer (connection failed)
  json body;       // null when the body is not JSON
  std::string text;
  std::string retry_after;  // the Retry-After header, when sent
};

struct TestServerOptions {
  bool demo = false;
  Time now = default_now();
  std::filesystem::path db;  // empty: a fresh database in the server's own temp dir
  int busy_timeout_ms = 5000;
  int oldest_protocol = protocol::oldest_supported_version;  // older clients get 426
  bool trust_proxy = false;                                  // X-Forwarded-For names the client
  std::filesystem::path web;                                 // empty: no web client
  server::AuthOptions auth = relaxed_auth();
  std::optional<server::SmtpSettings> smtp;  // set: the mailer delivers by SMTP
  int mail_max_attempts = 12;
  std::filesystem::path mail_templates;
  static server::AuthOptions relaxed_auth();  // high login limits: tests sign in a lot
};

class TestServer {
 public:
  explicit TestServer(TestServerOptions options = {});
  ~TestServer();

  int port() const { return port_; }
  server::Server& server() { return *server_; }
  const std::filesystem::path& db_path() const { return db_; }

  void set_now(Time t) { now_ = unix_seconds(t); }
  Time now() const { return from_unix_seconds(now_); }

  Reply get(const std::string& path, const std::string& token = "") const;
  Reply post(const std::string& path, const json& body, const std::string& token = "") const;
  Reply put(const std::string& path, const json& body, const std::string& token = "") const;
  using Headers = std::vector<std::pair<std::string, std::string>>;
  Reply send(const std::string& method, const std::string& path, const std::string& body, const std::string& token,
             const Headers& headers = {}) const;

  // Signs in; the test fails unless it works.
  std::string login(const std::string& email, const std::string& password) const;
  // A token for the user without a password check: for tests whose subject is not
  // sign-in (Argon2id costs ~0.1 s a login; auth_test signs in for real).
  std::string login_as(const Id& user);

  // Stops serving (in-flight requests finish) and waits for the serving thread.
  void stop();

 private:
  std::unique_ptr<TempDir> dir_;
  std::filesystem::path db_;
  std::atomic<long long> now_;
  std::unique_ptr<server::Server> server_;
  std::thread serving_;
  int port_ = 0;
};

constexpr const char* test_password = "test-password";

// Pushes ops like a browser install: its own client_id, seq 1, 2, … without gaps.
class SyncClient {
 public:
  SyncClient(const TestServer& server, std::string token, std::string client_id);

  const std::string& client_id() const { return client_id_; }
  std::int64_t next_seq() const { return next_seq_; }

  // Numbers the ops (seq) and stamps `at` with the server's now unless the op has one.
  Reply push(std::vector<json> ops);
  // Pushes one op; returns its result's status or code ("applied", "slot_taken", …), or
  // "http <status>" when the push itself failed.
  std::string run(json op);
  // Sends exactly these ops (seqs included), without renumbering.
  Reply push_raw(const json& ops) const;
  Reply pull(std::int64_t since) const;

 private:
  const TestServer& server_;
  std::string token_;
  std::string client_id_;
  std::int64_t next_seq_ = 1;
};

// The same small world as the core's test fixture, built through HTTP by the admin:
// company acme (project acme-2026) and globex; coaches coach1, coach2; programme lead lead1
// (acme); participants alice, bob (cohort c1 of acme, coach1) and carol (c2 of globex,
// coach2); journey "lead"
// with 1:1 sessions s1, s2, s4 and pod session pod1; c1's blueprint hides s4. Returns the
// admin's token.
std::string make_small_world(TestServer& server);

// `op` with `fields` set or replaced.
json with(json op, const json& fields);
// An add_slot op for coach1 of the small world: a one-hour 1:1 slot at `start`.
json add_slot(const std::string& id, Time start);

// The status of each session in a pull's changes, by id (sessions only).
std::map<std::string, std::string> session_statuses(const json& pull);
// The change entries of one kind, by id.
std::map<std::string, json> changes_of(const json& pull, const std::string& kind);

}  // namespace pathways::testing
