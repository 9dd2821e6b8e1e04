// Group commit: callers that arrive while a transaction is committing queue their work;
// the next caller to find nobody running takes everything queued (up to a bound) and runs
// it as one group, and each caller returns once the group holding its work has finished.
// A commit's fixed cost (the write lock, the log write) is then paid once per group
// instead of once per caller, and nobody waits for more than the group in progress and
// their own.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace pathways::server {

template <class Work>
class GroupCommit {
 public:
  // A group takes queued work while its total weight stays within `max_weight` (the
  // first piece always goes in).
  explicit GroupCommit(std::size_t max_weight) : max_weight_(max_weight) {}

  // Returns once `work` has been run: by this thread, as the leader of a group, or by
  // another thread's group. `run(std::vector<Work*>&)` must not throw; it runs without
  // the queue's lock, one group at a time, in arrival order.
  template <class Run>
  void submit(Work& work, std::size_t weight, Run&& run) {
    Entry mine{&work, weight};
    std::unique_lock lock(mutex_);
    queue_.push_back(&mine);
    while (!mine.done) {
      if (running_) {
        finished_.wait(lock);
        continue;
      }
      running_ = true;
      std::vector<Entry*> group = take_group();
      lock.unlock();
      std::vector<Work*> works;
      works.reserve(group.size());
      for (Entry* e : group) works.push_back(e->work);
      run(works);
      lock.lock();
      running_ = false;
      for (Entry* e : group) e->done = true;
      finished_.notify_all();
    }
  }

 private:
  struct Entry {
    Work* work;
    std::size_t weight;
    bool done = false;
  };

  std::vector<Entry*> take_group() {
    std::vector<Entry*> group;
    std::size_t weight = 0;
    while (!queue_.empty() && (group.empty() || weight + queue_.front()->weight <= max_weight_)) {
      weight += queue_.front()->weight;
      group.push_back(queue_.front());
      queue_.pop_front();
    }
    return group;
  }

  const std::size_t max_weight_;
  std::mutex mutex_;
  std::condition_variable finished_;
  std::deque<Entry*> queue_;
  bool running_ = false;
};

}  // namespace pathways::server
