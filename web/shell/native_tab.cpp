#include "shell/native_tab.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace pathways::native_tab {
namespace {

Tab* current_tab = nullptr;

// Makes a tab current for a scope, restoring the one before (tabs may run inside tabs'
// callbacks only in tests that nest them on purpose).
class Current {
 public:
  explicit Current(Tab& tab) : previous_(std::exchange(current_tab, &tab)) {}
  ~Current() { current_tab = previous_; }
  Current(const Current&) = delete;
  Current& operator=(const Current&) = delete;

 private:
  Tab* previous_;
};

// A runaway loop (a timer that always reschedules at once) fails loudly instead of hanging.
constexpr int max_steps = 1000000;

[[noreturn]] void fail(const char* why) {
  std::fprintf(stderr, "native_tab: %s\n", why);
  std::abort();
}

}  // namespace

Tab& current() {
  if (!current_tab) fail("a shell call outside native_tab::Tab::run");
  return *current_tab;
}

Tab::Tab(Store& store, std::string host, int port, Time start)
    : store_(store), host_(std::move(host)), port_(port), start_s_(unix_seconds(start)) {}

Tab::~Tab() {
  if (current_tab == this) current_tab = nullptr;
}

Time Tab::now() const { return from_unix_seconds(start_s_ + static_cast<long long>(now_ms_ / 1000.0)); }

void Tab::post(std::function<void()> task) { tasks_.push_back(std::move(task)); }

timer::Id Tab::add_timer(double ms, std::function<void()> callback) {
  const timer::Id id = next_timer_++;
  timers_.push_back({id, now_ms_ + std::max(0.0, ms), std::move(callback)});
  return id;
}

void Tab::cancel_timer(timer::Id id) {
  std::erase_if(timers_, [&](const Timer& t) { return t.id == id; });
}

void Tab::add_network_listener(std::function<void(bool)> listener) {
  network_listeners_.push_back(std::move(listener));
}

void Tab::add_lock_listener(std::function<void(tab_lock::Role)> listener) {
  lock_listeners_.push_back(std::move(listener));
}

void Tab::drain() {
  for (int steps = 0; !tasks_.empty(); ++steps) {
    if (steps == max_steps) fail("the tab's event loop does not settle");
    auto task = std::move(tasks_.front());
    tasks_.pop_front();
    task();
  }
}

void Tab::run(const std::function<void()>& f) {
  Current scope(*this);
  f();
  drain();
}

void Tab::run_for(double ms) {
  Current scope(*this);
  const double end = now_ms_ + ms;
  drain();
  for (int steps = 0;; ++steps) {
    if (steps == max_steps) fail("the tab's timers do not settle");
    auto next = std::min_element(timers_.begin(), timers_.end(),
                                 [](const Timer& a, const Timer& b) { return a.due_ms < b.due_ms; });
    if (next == timers_.end() || next->due_ms > end) break;
    now_ms_ = std::max(now_ms_, next->due_ms);
    auto callback = std::move(next->callback);
    timers_.erase(next);
    callback();
    drain();
  }
  now_ms_ = end;
}

bool Tab::run_until(const std::function<bool()>& done, double ms) {
  for (double waited = 0; waited < ms && !done(); waited += 100) run_for(100);
  return done();
}

void Tab::set_online(bool online) {
  online_ = online;
  run([&] {
    for (auto& listener : network_listeners_) listener(online);
  });
}

void Tab::set_lock(tab_lock::Role role) {
  lock_ = role;
  run([&] {
    for (auto& listener : lock_listeners_) listener(role);
  });
}

void Tab::set_server(std::string host, int port) {
  host_ = std::move(host);
  port_ = port;
}

}  // namespace pathways::native_tab
