#pragma once
// Politeness for the HTTP fetcher: which queued request may start now. Per host: a limit on
// transfers in flight, a minimum interval between request starts (--rate, Crawl-delay), a
// not-before time per request (retries), and adaptive politeness: fewer transfers in flight
// while the host answers 429 Too Many Requests or 503, or answers well above its usual time
// (response_pace.hpp), and a step back up at a time once it answers near its usual time again.
// Time spent queued here never counts against a transfer's timeouts: a request reaches
// libcurl only when it may start.

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "fetch/response_pace.hpp"
#include "sitegraph/fetch.hpp"

namespace sitegraph {

class HostScheduler {
 public:
  using Clock = std::chrono::steady_clock;

  /// A host's in-flight limit changed.
  struct PaceChange {
    int from = 0;
    int to = 0;
    double recent = 0;  ///< seconds: the recent median wait (slow, recovered); 0 for 429/503
    double usual = 0;   ///< seconds: the host's usual wait; negative when not known yet
    double interval = 0;  ///< seconds between request starts after the change (429, --rate, Crawl-delay)
  };

  /// per_host: transfers in flight per host; rate: request starts per second per host (0 = no
  /// limit); adaptive: step the limit down while a host answers slowly (429 and 503 always do).
  HostScheduler(int per_host, double rate, bool adaptive = true);

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
  /// The host answered 429 (`spaced`) or 503 to a request sent at `sent`: start nothing there
  /// before `until`, and halve its in-flight limit; a 429 also doubles its interval (to at least
  /// 1 s). One burst is one step: answers to requests sent before the last change only block.
  std::optional<PaceChange> slow_down(std::string_view host, Clock::time_point sent, Clock::time_point now,
                                      Clock::time_point until, bool spaced);
  /// The host answered otherwise, `wait_seconds` after the request sent at `sent`: a host
  /// answering well above its usual time steps its limit down by half (when adaptive); a
  /// slowed host answering near its usual time again steps back up by one.
  std::optional<PaceChange> answered(std::string_view host, Clock::time_point sent, double wait_seconds, Clock::time_point now);

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
  bool adaptive_;
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
  ResponsePace pace;
  Clock::time_point changed{};  // the limit's last change
};

}  // namespace sitegraph
