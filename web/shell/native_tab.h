// One simulated browser tab, for the shell's native implementations (*_native.cpp): its
// store, clock, timers, network state, sync lock, the server it talks to, and the replies
// and callbacks waiting to run. A native program (the sync suite, tests/sync) drives the
// real sync engine through it: it makes a tab current while it calls the engine, and moves
// the tab's clock, which runs timers and delivers HTTP replies in order, one at a time, as
// the browser's event loop would. Nothing here is built for the web.
//
//   native_tab::Store store;                       // what survives a reload
//   native_tab::Tab tab(store, "127.0.0.1", port, start_time);
//   SyncEngine engine;
//   tab.run([&] { engine.start(login); });         // calls into the engine as this tab
//   tab.run_for(5000);                             // 5 s pass: timers fire, replies arrive
//
// Tabs are not thread-safe: one thread drives them. HTTP requests are real (cpp-httplib's
// client), made when the event loop reaches them.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/time.h"
#include "shell/tab_lock.h"
#include "shell/timer.h"

namespace pathways::native_tab {

// What a browser keeps across reloads and restarts: the store's named blobs.
struct Store {
  std::map<std::string, std::string, std::less<>> files;
  std::map<std::string, int, std::less<>> saves;  // how often each file was written (for tests)
  bool refuse_flush = false;                      // flush answers false, as a browser refusing to store does
};

// A request the tab sent, for tests to look at.
struct SentRequest {
  std::string method;
  std::string target;            // path and query
  std::string protocol_version;  // the X-Pathways-Protocol header sent ("" when absent)
  int status = 0;                // the answer's status; 0 when none came
};

class Tab {
 public:
  Tab(Store& store, std::string host, int port, Time start);
  ~Tab();
  Tab(const Tab&) = delete;
  Tab& operator=(const Tab&) = delete;

  // [SECTION] Driving
  // Runs `f` with this tab current (what the shell's calls act on), then what became ready.
  void run(const std::function<void()>& f);
  // Lets `ms` of the tab's time pass: ready callbacks run, then timers in time order.
  void run_for(double ms);
  // Runs for at most `ms` of the tab's time until `done()` holds; returns done().
  bool run_until(const std::function<bool()>& done, double ms = 120000);

  // [SECTION] The tab's surroundings (each change tells the listeners, as the browser does)
  void set_online(bool online);
  void set_lock(tab_lock::Role role);
  void set_server(std::string host, int port);  // where HTTP goes (a restarted server)

  // [SECTION] What the shell reads and records
  Store& store() { return store_; }
  Time now() const;
  bool online() const { return online_; }
  tab_lock::Role lock() const { return lock_; }
  const std::string& host() const { return host_; }
  int port() const { return port_; }
  const std::vector<SentRequest>& requests() const { return requests_; }
  int reloads() const { return reloads_; }  // page::reload and page::update_and_reload
  int updates() const { return updates_; }  // page::update_and_reload

  // For the shell's implementations only.
  void post(std::function<void()> task);  // runs on the event loop, after what is queued
  timer::Id add_timer(double ms, std::function<void()> callback);
  void cancel_timer(timer::Id id);
  void add_network_listener(std::function<void(bool)> listener);
  void add_lock_listener(std::function<void(tab_lock::Role)> listener);
  void record(SentRequest request) { requests_.push_back(std::move(request)); }
  void reloaded(bool update) {
    ++reloads_;
    if (update) ++updates_;
  }

 private:
  struct Timer {
    timer::Id id;
    double due_ms;
    std::function<void()> callback;
  };
  void drain();  // runs ready tasks (with this tab current)

  Store& store_;
  std::string host_;
  int port_;
  long long start_s_;
  double now_ms_ = 0;
  bool online_ = true;
  tab_lock::Role lock_ = tab_lock::Role::syncing;
  std::deque<std::function<void()>> tasks_;
  std::vector<Timer> timers_;
  timer::Id next_timer_ = 1;
  std::vector<std::function<void(bool)>> network_listeners_;
  std::vector<std::function<void(tab_lock::Role)>> lock_listeners_;
  std::vector<SentRequest> requests_;
  int reloads_ = 0;
  int updates_ = 0;
};

// The tab the shell's calls act on (set by Tab::run and while a tab runs). A shell call
// with no tab current is a bug: it asserts.
Tab& current();

}  // namespace pathways::native_tab
