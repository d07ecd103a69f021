#pragma once
// Politeness for the HTTP fetcher: which queued request may start now. Per host: a limit on
// transfers in flight, a minimum interval between request starts (--rate, Crawl-delay), a
// not-before time per request (retries), and an adaptive slow-down while the host answers
// 429 Too Many Requests. Time spent queued here never counts against a transfer's timeouts:
// a request reaches libcurl only when it may start.

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sitegraph/fetch.hpp"

namespace sitegraph {

class HostScheduler {
 public:
  using Clock = std::chrono::steady_clock;

  /// per_host: transfers in flight per host; rate: request starts per second per host (0 = no limit).
  HostScheduler(int per_host, double rate);

  /// Queues a request; it may not start before not_before.
  void push(FetchRequest request, Clock::time_point not_before = {});
  /// The next request allowed to start at `now`, hosts served in turn; marks it started.
  std::optional<FetchRequest> pop_ready(Clock::time_point now);
  /// The earliest time a queued request could start (for the poll timeout); nullopt when
  /// nothing is queued or every host with queued requests is at its in-flight limit.
  [[nodiscard]] std::optional<Clock::time_point> next_ready(Clock::time_point now) const;
  /// A transfer of this host ended.
  void finished(std::string_view host);

  /// Spaces request starts on `host` at least `seconds` apart (robots.txt Crawl-delay); the
  /// larger of this and the --rate interval applies.
  void set_min_interval(std::string_view host, double seconds);
  /// The host answered 429: halve its in-flight limit, double its interval (at least 1 s),
  /// and start nothing there before `until`.
  void slow_down(std::string_view host, Clock::time_point until);
  /// The host answered normally; after a run of such answers, a slowed host recovers a step.
  void on_success(std::string_view host);

  [[nodiscard]] std::size_t waiting() const { return waiting_; }
  /// Drops every queued request.
  void clear();

  /// The scheduling key of a URL: its host and port ("example.com:443").
  static std::string host_key(std::string_view url);

  struct HostState;  // public for the tests' introspection only

 private:
  HostState& state(std::string_view host);
  [[nodiscard]] Clock::time_point earliest_start(const HostState& h) const;

  int per_host_;
  Clock::duration base_interval_{};
  std::map<std::string, HostState, std::less<>> hosts_;
  std::string last_served_;
  std::size_t waiting_ = 0;
};

struct HostScheduler::HostState {
  struct Queued {
    FetchRequest request;
    Clock::time_point not_before;
  };
  std::deque<Queued> queue;
  int active = 0;
  int limit = 1;
  Clock::duration interval{};       // current spacing between starts
  Clock::duration floor_interval{};  // never below this (rate, Crawl-delay)
  Clock::time_point last_start{};
  Clock::time_point blocked_until{};
  int successes = 0;
};

}  // namespace sitegraph
