#include "harness.h"

#include <httplib.h>

#include <chrono>
#include <random>

#include "server/sync_service.h"

namespace pathways::testing {

Time default_now() { return at("2026-11-02T09:00:00Z"); }

Time at(const char* rfc3339) {
  auto t = parse_time(rfc3339);
  REQUIRE_MESSAGE(t.has_value(), rfc3339);
  return *t;
}

TempDir::TempDir() {
  std::random_device random;
  path_ =
      std::filesystem::temp_directory_path() / ("pathways-test-" + std::to_string(random()) + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

server::AuthOptions TestServerOptions::relaxed_auth() {
  server::AuthOptions o;
  o.per_account_address.free_failures = 1000;
  o.per_account.free_failures = 1000;
  o.per_address.free_failures = 1000;
  return o;
}

TestServer::TestServer(TestServerOptions options) : now_(unix_seconds(options.now)) {
  if (options.db.empty()) {
    dir_ = std::make_unique<TempDir>();
    db_ = dir_->path() / "test.db";
  } else {
    db_ = options.db;
  }
  server::ServerOptions so;
  so.db_path = db_.string();
  so.busy_timeout_ms = options.busy_timeout_ms;
  so.demo = options.demo;
  so.http.port = 0;
  so.http.threads = 16;
  so.http.log_requests = false;
  so.http.web_dir = options.web.empty() ? db_.parent_path() / "no-web" : options.web;
  so.http.trust_proxy = options.trust_proxy;
  so.clock = [this] { return from_unix_seconds(now_.load()); };
  so.auth = options.auth;
  so.oldest_protocol = options.oldest_protocol;
  so.smtp = options.smtp;
  so.mail_max_attempts = options.mail_max_attempts;
  so.mail_templates = options.mail_templates;
  so.background_threads = false;  // tests run the mailer and jobs by hand
  so.announce = false;
  so.admin_password = test_password;
  server_ = std::make_unique<server::Server>(so);
  port_ = server_->start();
  serving_ = std::thread([this] { server_->serve(); });
  // Ready when it answers.
  for (int i = 0; i < 500 && get("/api/healthz").status != 200; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(get("/api/healthz").status == 200);
}

TestServer::~TestServer() { stop(); }

void TestServer::stop() {
  if (!server_) return;
  server_->stop();
  if (serving_.joinable()) serving_.join();
  server_.reset();
}

Reply TestServer::send(const std::string& method, const std::string& path, const std::string& body,
                       const std::string& token, const Headers& extra) const {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(30);
  httplib::Headers headers(extra.begin(), extra.end());
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  const char* content_type = "application/json";
  httplib::Result res = method == "GET"    ? client.Get(path.c_str(), headers)
                        : method == "POST" ? client.Post(path.c_str(), headers, body, content_type)
                        : method == "PUT"  ? client.Put(path.c_str(), headers, body, content_type)
                                           : client.Delete(path.c_str(), headers, body, content_type);
  Reply reply;
  if (!res) return reply;
  reply.status = res->status;
  reply.text = res->body;
  reply.retry_after = res->get_header_value("Retry-After");
  reply.body = json::parse(res->body, nullptr, false);
  if (reply.body.is_discarded()) reply.body = nullptr;
  return reply;
}

Reply TestServer::get(const std::string& path, const std::string& token) const { return send("GET", path, "", token); }
Reply TestServer::post(const std::string& path, const json& body, const std::string& token) const {
  return send("POST", path, body.dump(), token);
}
Reply TestServer::put(const std::string& path, const json& body, const std::string& token) const {
  return send("PUT", path, body.dump(), token);
}

std::string TestServer::login(const std::string& email, const std::string& password) const {
  const Reply r = post("/api/login", {{"email", email}, {"password", password}});
  REQUIRE_MESSAGE(r.status == 200, email << ": " << r.text);
  return r.body.at("token").get<std::string>();
}

std::string TestServer::login_as(const Id& user) {
  REQUIRE_MESSAGE(server_->sync().read([&](const State& s) { return s.user(user) != nullptr; }), "no user " << user);
  return server_->auth().issue_token(user);
}

SyncClient::SyncClient(const TestServer& server, std::string token, std::string client_id)
    : server_(server), token_(std::move(token)), client_id_(std::move(client_id)) {}

Reply SyncClient::push(std::vector<json> ops) {
  json list = json::array();
  for (json& op : ops) {
    op["seq"] = next_seq_++;
    if (!op.contains("at")) op["at"] = format_time(server_.now());
    list.push_back(std::move(op));
  }
  return push_raw(list);
}

Reply SyncClient::push_raw(const json& ops) const {
  return server_.post("/api/sync/push", {{"client_id", client_id_}, {"ops", ops}}, token_);
}

std::string SyncClient::run(json op) {
  const Reply r = push({std::move(op)});
  if (r.status != 200) return "http " + std::to_string(r.status);
  const json& result = r.body.at("results").at(0);
  return result.at("status") == "applied" ? "applied" : result.at("code").get<std::string>();
}

Reply SyncClient::pull(std::int64_t since) const {
  return server_.get("/api/sync/pull?client_id=" + client_id_ + "&since=" + std::to_string(since), token_);
}

std::string make_small_world(TestServer& server) {
  const std::string admin = server.login("admin@localhost", test_password);
  SyncClient setup(server, admin, "setup");
  auto user = [](const char* id, const char* name, const char* role) {
    json op{{"type", "create_user"},
            {"user", id},
            {"name", name},
            {"email", std::string(id) + "@example.test"},
            {"role", role}};
    if (std::string(role) == "program_lead") op["companies"] = {"acme"};
    return op;
  };
  auto placeholder = [](const char* id, const char* title, const char* kind) {
    return json{{"type", "add_placeholder"}, {"journey", "lead"}, {"placeholder", id}, {"title", title}, {"kind", kind},
                {"duration_min", 60}};
  };
  const Reply r = setup.push({
      {{"type", "create_company"}, {"company", "acme"}, {"name", "Acme Ltd"}},
      {{"type", "create_company"}, {"company", "globex"}, {"name", "Globex"}},
      {{"type", "create_project"},
       {"project", "acme-2026"},
       {"company", "acme"},
       {"name", "Leadership 2026"},
       {"po_ref", "PO-1"}},
      {{"type", "create_project"}, {"project", "globex-2026"}, {"company", "globex"}, {"name", "Globex pilot"}},
      user("coach1", "Cora Coach", "coach"),
      user("coach2", "Colin Coach", "coach"),
      user("lead1", "Lena Lead", "program_lead"),
      user("alice", "Alice Archer", "participant"),
      user("bob", "Bob Baker", "participant"),
      user("carol", "Carol Cole", "participant"),
      {{"type", "create_journey"}, {"journey", "lead"}, {"name", "Leading teams"}, {"max_extra_sessions", 2}},
      placeholder("s1", "Kick-off", "one_to_one"),
      placeholder("s2", "Strengths", "one_to_one"),
      placeholder("pod1", "Peer pod", "pod"),
      placeholder("s4", "Stretch goals", "one_to_one"),
      {{"type", "publish_journey"}, {"journey", "lead"}},
      {{"type", "create_cohort"},
       {"cohort", "c1"},
       {"name", "Spring cohort"},
       {"journey", "lead"},
       {"project", "acme-2026"}},
      {{"type", "create_cohort"},
       {"cohort", "c2"},
       {"name", "Autumn cohort"},
       {"journey", "lead"},
       {"project", "globex-2026"}},
      {{"type", "set_blueprint"}, {"cohort", "c1"}, {"placeholder", "s4"}, {"visible", false}},
      {{"type", "enrol_participant"},
       {"pathway", "pa"},
       {"participant", "alice"},
       {"cohort", "c1"},
       {"coach", "coach1"}},
      {{"type", "enrol_participant"}, {"pathway", "pb"}, {"participant", "bob"}, {"cohort", "c1"}, {"coach", "coach1"}},
      {{"type", "enrol_participant"},
       {"pathway", "pc"},
       {"participant", "carol"},
       {"cohort", "c2"},
       {"coach", "coach2"}},
  });
  REQUIRE_MESSAGE(r.status == 200, r.text);
  for (const json& result : r.body.at("results")) REQUIRE_MESSAGE(result.at("status") == "applied", result.dump());
  return admin;
}

json with(json op, const json& fields) {
  op.update(fields);
  return op;
}

json add_slot(const std::string& id, Time start) {
  return {{"type", "add_slot"}, {"slot", id},    {"coach", "coach1"},   {"start", format_time(start)},
          {"duration_min", 60}, {"capacity", 1}, {"kind", "one_to_one"}};
}

std::map<std::string, std::string> session_statuses(const json& pull) {
  std::map<std::string, std::string> out;
  for (const auto& [id, change] : changes_of(pull, "session"))
    if (!change.at("deleted").get<bool>()) out[id] = change.at("data").at("status").get<std::string>();
  return out;
}

std::map<std::string, json> changes_of(const json& pull, const std::string& kind) {
  std::map<std::string, json> out;
  for (const json& c : pull.at("changes"))
    if (c.at("kind") == kind) out[c.at("id").get<std::string>()] = c;
  return out;
}

}  // namespace pathways::testing
