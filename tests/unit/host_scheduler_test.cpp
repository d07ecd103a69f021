// Politeness without sockets: which request may start, and when.
#include <catch2/catch.hpp>

#include "fetch/host_scheduler.hpp"

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

TEST_CASE("429 halves a host's limit and blocks it, a run of successes restores it", "[fetch][politeness]") {
  HostScheduler s(4, 0);
  const auto t0 = Clock::now();
  s.slow_down("a.test:80", t0 + seconds(2));
  for (int i = 0; i < 4; ++i) s.push(request("http://a.test/" + std::to_string(i)));
  CHECK_FALSE(s.pop_ready(t0 + seconds(1)));
  REQUIRE(s.pop_ready(t0 + seconds(2)));
  CHECK_FALSE(s.pop_ready(t0 + seconds(2)));  // interval now at least 1 s
  CHECK(s.pop_ready(t0 + seconds(3)));
  CHECK_FALSE(s.pop_ready(t0 + seconds(10)));  // limit halved to 2, both in flight
  for (int i = 0; i < 40; ++i) s.on_success("a.test:80");
  s.finished("a.test:80");
  CHECK(s.pop_ready(t0 + seconds(20)));
}

TEST_CASE("host keys carry the port, default ports made explicit", "[fetch]") {
  CHECK(HostScheduler::host_key("https://a.test/x") == "a.test:443");
  CHECK(HostScheduler::host_key("http://a.test:8080/x?y") == "a.test:8080");
  CHECK(HostScheduler::host_key("http://a.test") == "a.test:80");
}
