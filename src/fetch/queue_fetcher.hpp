#pragma once
// A Fetcher that answers from local data (a folder, a WARC archive): requests wait in a
// queue and are answered in batches by serve(), so the crawl loop keeps handing finished
// parses back in between. Internal to src/fetch.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

#include "sitegraph/fetch.hpp"

namespace sitegraph {

class QueueFetcher : public Fetcher {
 public:
  explicit QueueFetcher(int batch) : batch_(batch > 0 ? batch : 16) {}

  void submit(FetchRequest request) override { queue_.push_back(std::move(request)); }

  std::vector<FetchResponse> poll(std::chrono::milliseconds wait) override {
    std::vector<FetchResponse> done;
    if (queue_.empty()) {
      std::unique_lock lock(mutex_);
      woken_.wait_for(lock, wait, [this] { return wake_; });
      wake_ = false;
      return done;
    }
    for (int i = 0; i < batch_ && !queue_.empty(); ++i) {
      done.push_back(serve(queue_.front()));
      queue_.pop_front();
    }
    return done;
  }

  [[nodiscard]] std::size_t pending() const override { return queue_.size(); }

  void cancel_waiting() override { queue_.clear(); }

  void wakeup() override {
    {
      std::lock_guard lock(mutex_);
      wake_ = true;
    }
    woken_.notify_one();
  }

 protected:
  /// The answer to one request; called on the crawl loop's thread.
  [[nodiscard]] virtual FetchResponse serve(const FetchRequest& request) = 0;

 private:
  int batch_;
  std::deque<FetchRequest> queue_;
  std::mutex mutex_;
  std::condition_variable woken_;
  bool wake_ = false;
};

}  // namespace sitegraph
