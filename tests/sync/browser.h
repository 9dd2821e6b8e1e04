// One browser install for the sync suite: a store that survives reloads, and a page (a
// simulated tab with the real SyncEngine in it) that can be reloaded, pointed at another
// server, taken offline. Everything runs on the test's thread; the server runs on its own.
#pragma once

#include <memory>
#include <string>

#include "harness.h"
#include "shell/native_tab.h"
#include "sync/sync_engine.h"

namespace pathways::testing {

class Browser {
 public:
  // Signs `user` in (a token from the server) and opens the page: the engine starts.
  Browser(TestServer& server, const Id& user);
  ~Browser();

  SyncEngine& engine() { return *engine_; }
  native_tab::Tab& tab() { return *tab_; }
  native_tab::Store& store() { return store_; }
  const Login& login() const { return login_; }

  // A new page on the same store (what a reload or a restart of the browser does); it
  // keeps the network state and talks to `server` (default: the one it talked to).
  void reload(const TestServer* server = nullptr);
  // Signs in again with a fresh token, as the sign-in card does, and reloads.
  void sign_in_again(TestServer& server);
  void set_online(bool online) { tab_->set_online(online); }

  // Calls into the engine as this page.
  Check submit(OpBody body);
  Check submit_together(std::vector<OpBody> bodies);
  void sync_now();
  // Lets the page run until `done` (at most `ms` of its time); returns done().
  bool run_until(const std::function<bool()>& done, double ms = 60000);
  // Syncs now and lets the page run until a pull has come back, no cycle is under way and
  // nothing is pending.
  bool synced(double ms = 60000);
  // The named file of the store as JSON (null when absent).
  nlohmann::json stored(const std::string& name) const;

 private:
  void open();

  native_tab::Store store_;
  Login login_;
  std::string host_ = "127.0.0.1";
  int port_ = 0;
  Time start_;
  bool online_ = true;
  std::unique_ptr<native_tab::Tab> tab_;
  std::unique_ptr<SyncEngine> engine_;  // after tab_: destroyed first
};

}  // namespace pathways::testing
