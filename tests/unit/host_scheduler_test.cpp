// Politeness without sockets: which request may start, and when.
#include <catch2/catch.hpp>

#include "fetch/host_scheduler.hpp"
#include "fetch/response_pace.hpp"

using namespace sitegraph;
using Clock = HostScheduler::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {
FetchRequest request(const std::string& url) { return FetchRequest{url, 0}; }
}  // namespace

TEST_CASE("per-host limit: no more than N transfers in flight to one host", "[fetch][politeness]") {
  HostScheduler s(2, 0);
  for (int i = 0; i < 5; ++i) s.push(request("https://a.test/" + std::to_string(i)));
  s.push(request("https://b.test/x"));
  const auto now = Clock::now();
  int a = 0;
  int b = 0;
  while (auto r = s.pop_ready(now)) (r->url.find("a.test") != std::string::npos ? a : b)++;
  CHECK(a == 2);
  CHECK(b == 1);
  s.finished("a.test:443");
  CHECK(s.pop_ready(now).has_value());
  CHECK_FALSE(s.pop_ready(now).has_value());
}

TEST_CASE("hosts are served in turn, so one big host does not starve the others", "[fetch][politeness]") {
  HostScheduler s(100, 0);
  for (int i = 0; i < 10; ++i) s.push(request("https://a.test/" + std::to_string(i)));
  s.push(request("https://b.test/x"));
  const auto now = Clock::now();
  std::vector<std::string> order;
  for (int i = 0; i < 3; ++i) order.push_back(s.pop_ready(now)->url);
  CHECK(std::count_if(order.begin(), order.end(), [](const std::string& u) { return u.find("b.test") != std::string::npos; }) == 1);
}

TEST_CASE("a rate limit spaces request starts on a host", "[fetch][politeness]") {
  HostScheduler s(10, 2.0);  // two per second: 500 ms apart
  s.push(request("http://a.test/1"));
  s.push(request("http://a.test/2"));
  const auto t0 = Clock::now();
  REQUIRE(s.pop_ready(t0));
  CHECK_FALSE(s.pop_ready(t0 + milliseconds(499)));
  REQUIRE(s.next_ready(t0).has_value());
  CHECK(*s.next_ready(t0) == t0 + milliseconds(500));
  CHECK(s.pop_ready(t0 + milliseconds(500)));
}

TEST_CASE("Crawl-delay spaces requests when larger than the rate", "[fetch][politeness]") {
  HostScheduler s(10, 0);
  s.set_min_interval("a.test:80", 3.0);
  s.push(request("http://a.test/1"));
  s.push(request("http://a.test/2"));
  const auto t0 = Clock::now();
  REQUIRE(s.pop_ready(t0));
  CHECK_FALSE(s.pop_ready(t0 + seconds(2)));
  CHECK(s.pop_ready(t0 + seconds(3)));
}

TEST_CASE("a retry waits for its not-before time", "[fetch][retry]") {
  HostScheduler s(4, 0);
  const auto t0 = Clock::now();
  s.push(request("http://a.test/1"), t0 + seconds(5));
  CHECK_FALSE(s.pop_ready(t0));
  CHECK(*s.next_ready(t0) == t0 + seconds(5));
  CHECK(s.pop_ready(t0 + seconds(5)));
}

TEST_CASE("429 halves a host's limit and blocks it, a burst is one step, answers near the usual time restore it", "[fetch][politeness]") {
  HostScheduler s(4, 0);
  const auto t0 = Clock::now();
  const auto change = s.slow_down("a.test:80", t0 - milliseconds(10), t0, t0 + seconds(2), true);
  REQUIRE(change);
  CHECK(change->from == 4);
  CHECK(change->to == 2);
  CHECK(change->interval >= 1.0);
  // Three more 429s to requests sent before the change: the same burst, no further step.
  for (int i = 0; i < 3; ++i) CHECK_FALSE(s.slow_down("a.test:80", t0 - milliseconds(5), t0 + milliseconds(5), t0 + seconds(2), true));
  for (int i = 0; i < 4; ++i) s.push(request("http://a.test/" + std::to_string(i)));
  CHECK_FALSE(s.pop_ready(t0 + seconds(1)));
  REQUIRE(s.pop_ready(t0 + seconds(2)));
  CHECK_FALSE(s.pop_ready(t0 + seconds(2)));  // interval now at least 1 s
  CHECK(s.pop_ready(t0 + seconds(3)));
  CHECK_FALSE(s.pop_ready(t0 + seconds(10)));  // limit halved to 2, both in flight
  // Answers to requests sent before the change do not count towards recovery.
  for (int i = 0; i < 20; ++i) CHECK_FALSE(s.answered("a.test:80", t0 - seconds(1), 0.001, t0 + seconds(3)));
  std::optional<HostScheduler::PaceChange> up;
  for (int i = 0; i < 8 && !up; ++i) up = s.answered("a.test:80", t0 + seconds(3), 0.001, t0 + seconds(4));
  REQUIRE(up);
  CHECK(up->from == 2);
  CHECK(up->to == 3);
  s.finished("a.test:80");
  CHECK(s.pop_ready(t0 + seconds(20)));
}

TEST_CASE("a 503 at a limit of 1 changes nothing and records nothing", "[fetch][politeness]") {
  HostScheduler s(1, 0);
  const auto t0 = Clock::now();
  for (int i = 0; i < 5; ++i) CHECK_FALSE(s.slow_down("a.test:80", t0 + seconds(i), t0 + seconds(i + 1), t0 + seconds(i + 1), false));
  CHECK(s.slow_down("a.test:80", t0 + seconds(9), t0 + seconds(10), t0 + seconds(10), true));  // a 429 still spaces starts
}

TEST_CASE("a 503 halves the limit without spacing the starts", "[fetch][politeness]") {
  HostScheduler s(8, 0);
  const auto t0 = Clock::now();
  const auto change = s.slow_down("a.test:80", t0, t0, t0, false);
  REQUIRE(change);
  CHECK(change->to == 4);
  CHECK(change->interval == 0);
  for (int i = 0; i < 6; ++i) s.push(request("http://a.test/" + std::to_string(i)));
  int started = 0;
  while (s.pop_ready(t0)) ++started;
  CHECK(started == 4);
}

TEST_CASE("the usual time is the median of a host's first answers, the recent median judges the pace", "[fetch][politeness]") {
  ResponsePace pace;
  const auto t0 = Clock::now();
  using V = ResponsePace::Verdict;
  for (int i = 0; i < 10; ++i) pace.add(i == 3 ? 2.0 : 0.010, t0);  // one outlier does not move the median
  CHECK(pace.usual() == Approx(0.010));
  // Judged on the last 8 answers since the pace last changed: nothing until 8 are in.
  pace.restart(t0);
  for (int i = 0; i < 7; ++i) CHECK(pace.add(0.300, t0) == V::kUnknown);
  CHECK(pace.add(0.300, t0) == V::kSlow);
  CHECK(pace.recent() == Approx(0.300));
  SECTION("answers to requests sent before a restart are not judged") {
    pace.restart(t0 + seconds(1));
    for (int i = 0; i < 20; ++i) CHECK(pace.add(0.300, t0) == V::kUnknown);
    for (int i = 0; i < 7; ++i) CHECK(pace.add(0.012, t0 + seconds(2)) == V::kUnknown);
    CHECK(pace.add(0.012, t0 + seconds(2)) == V::kHealthy);
  }
  SECTION("between slow and near the usual time the pace holds") {
    pace.restart(t0);
    V last = V::kUnknown;
    for (int i = 0; i < 8; ++i) last = pace.add(0.060, t0);  // 6x the usual, but only 50 ms more
    CHECK(last == V::kSteady);
  }
  SECTION("a loopback server's sub-millisecond answers tripling is no slow-down") {
    ResponsePace fast;
    for (int i = 0; i < 10; ++i) fast.add(0.0002, t0);
    V last = V::kUnknown;
    for (int i = 0; i < 8; ++i) last = fast.add(0.0009, t0);
    CHECK(last == V::kHealthy);
  }
}

TEST_CASE("slow answers halve a host's limit, answers near the usual time bring it back a step at a time", "[fetch][politeness]") {
  const auto t0 = Clock::now();
  auto feed = [](HostScheduler& s, double wait, Clock::time_point sent, int n) {
    std::vector<HostScheduler::PaceChange> changes;
    for (int i = 0; i < n; ++i) {
      if (auto c = s.answered("a.test:80", sent, wait, sent + milliseconds(1))) changes.push_back(*c);
    }
    return changes;
  };
  HostScheduler s(8, 0);
  CHECK(feed(s, 0.005, t0, 10).empty());  // the usual time: 5 ms
  auto down = feed(s, 0.400, t0, 8);
  REQUIRE(down.size() == 1);
  CHECK(down[0].from == 8);
  CHECK(down[0].to == 4);
  CHECK(down[0].recent > 0.2);  // half the window slow is enough
  CHECK(down[0].usual == Approx(0.005));
  // Still slow at the new pace: down again, to 1 at the least.
  CHECK(feed(s, 0.400, t0 + seconds(1), 8).at(0).to == 2);
  CHECK(feed(s, 0.400, t0 + seconds(2), 8).at(0).to == 1);
  CHECK(feed(s, 0.400, t0 + seconds(3), 40).empty());
  // Recovered: one step per window of 8 answers, never above --per-host.
  int limit = 1;
  for (int step = 0; step < 20; ++step) {
    for (const auto& c : feed(s, 0.006, t0 + seconds(4 + step), 8)) limit = c.to;
  }
  CHECK(limit == 8);

  SECTION("--fixed-per-host: slow answers change nothing") {
    HostScheduler fixed(8, 0, false);
    CHECK(feed(fixed, 0.005, t0, 10).empty());
    CHECK(feed(fixed, 0.400, t0, 40).empty());
  }
}

TEST_CASE("host keys carry the port, default ports made explicit", "[fetch]") {
  CHECK(HostScheduler::host_key("https://a.test/x") == "a.test:443");
  CHECK(HostScheduler::host_key("http://a.test:8080/x?y") == "a.test:8080");
  CHECK(HostScheduler::host_key("http://a.test") == "a.test:80");
}
