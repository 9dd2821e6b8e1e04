#include "browser.h"

#include "core/entity_codec.h"

namespace pathways::testing {
namespace {

User user_of(TestServer& server, const std::string& token) {
  const Reply me = server.get(std::string(protocol::path::me), token);
  REQUIRE_MESSAGE(me.status == 200, me.text);
  auto user = entity_from_data(EntityKind::user, me.body.at("user"));
  REQUIRE(user.ok());
  return std::get<User>(user.value());
}

}  // namespace

Browser::Browser(TestServer& server, const Id& user) : port_(server.port()), start_(server.now()) {
  const std::string token = server.login_as(user);
  login_ = Login{token, user_of(server, token)};
  open();
}

Browser::~Browser() {
  engine_.reset();
  tab_.reset();
}

void Browser::open() {
  const Time now = tab_ ? tab_->now() : start_;
  if (tab_) online_ = tab_->online();
  engine_.reset();
  tab_ = std::make_unique<native_tab::Tab>(store_, host_, port_, now);
  if (!online_) tab_->set_online(false);
  engine_ = std::make_unique<SyncEngine>();
  tab_->run([&] { engine_->start(login_); });
}

void Browser::reload(const TestServer* server) {
  if (server) port_ = server->port();
  open();
}

void Browser::sign_in_again(TestServer& server) {
  const std::string token = server.login_as(login_.user.id);
  login_.token = token;
  reload(&server);
}

Check Browser::submit(OpBody body) {
  Check result;
  tab_->run([&] { result = engine_->submit(std::move(body)); });
  return result;
}

Check Browser::submit_together(std::vector<OpBody> bodies) {
  Check result;
  tab_->run([&] { result = engine_->submit_together(std::move(bodies)); });
  return result;
}

void Browser::sync_now() {
  tab_->run([&] { engine_->sync_now(); });
}

bool Browser::run_until(const std::function<bool()>& done, double ms) { return tab_->run_until(done, ms); }

bool Browser::synced(double ms) {
  const std::size_t before = tab_->requests().size();
  sync_now();
  auto pulled = [&] {
    const auto& sent = tab_->requests();
    for (std::size_t i = before; i < sent.size(); ++i)
      if (sent[i].method == "GET" && sent[i].status == 200) return true;
    return false;
  };
  return run_until([&] { return pulled() && !engine_->busy() && engine_->pending().empty(); }, ms);
}

nlohmann::json Browser::stored(const std::string& name) const {
  const auto it = store_.files.find(name);
  if (it == store_.files.end()) return nullptr;
  return nlohmann::json::parse(it->second, nullptr, false);
}

}  // namespace pathways::testing
