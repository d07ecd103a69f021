// Adaptive politeness against a server that slows down mid-crawl and recovers: the transfers
// in flight that the server sees drop while it is slow and come back after, the report and
// the progress log say so, and --fixed-per-host keeps the pace. The server counts its own
// concurrent requests; no figure here is a speed target.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "local_server.hpp"
#include "run_program.hpp"

using namespace sitegraph::testing;

namespace {

// /p/0.html .. /p/N-1.html, a tree three wide (and each page to the next), so that the crawl
// always has pages to ask for. Page requests number
// kSlowFrom..kSlowTo (in the order they arrive) take 250 ms, the others 30 ms (long enough
// for the server to see the requests overlap).
class SlowingSite {
 public:
  static constexpr int kPages = 170;
  static constexpr int kSlowFrom = 30;
  static constexpr int kSlowTo = 55;

  SlowingSite() {
    server_.http().Get(R"(/p/(\d+)\.html)", [this](const httplib::Request& req, httplib::Response& res) {
      const int concurrent = ++in_flight_;
      int number = 0;
      {
        const std::lock_guard<std::mutex> lock(mutex_);
        number = static_cast<int>(seen_.size());
        seen_.push_back(concurrent);
      }
      const bool slow = number >= kSlowFrom && number < kSlowTo;
      std::this_thread::sleep_for(std::chrono::milliseconds(slow ? 250 : 30));
      const int page = std::stoi(req.matches[1]);
      std::string body = "<!DOCTYPE html><html><head><title>Page " + std::to_string(page) + "</title></head><body>";
      for (const int next : {3 * page + 1, 3 * page + 2, 3 * page + 3, page + 1}) {
        if (next >= kPages) continue;
        body += "<a href=\"/p/" + std::to_string(next) + ".html\">page " + std::to_string(next) + "</a> ";
      }
      res.set_content(body + "</body></html>", "text/html");
      --in_flight_;
    });
    server_.http().set_keep_alive_max_count(1000);
    // Headers and body go out as separate writes: with Nagle's algorithm the body would wait
    // for the client's delayed ACK (40 ms), and requests that should overlap would not.
    server_.http().set_tcp_nodelay(true);
    server_.start();
  }
  ~SlowingSite() { server_.stop(); }

  [[nodiscard]] std::string origin() const { return server_.origin(); }
  /// Slows down again from the next request on, as for a first crawl.
  void reset() {
    const std::lock_guard<std::mutex> lock(mutex_);
    seen_.clear();
  }
  /// The requests in flight at the server as each page request arrived, itself included.
  [[nodiscard]] std::vector<int> concurrency() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
  }

 private:
  LocalServer server_;
  std::atomic<int> in_flight_{0};
  std::mutex mutex_;
  std::vector<int> seen_;
};

int most(const std::vector<int>& seen, std::size_t from, std::size_t to) {
  int m = 0;
  for (std::size_t i = from; i < std::min(to, seen.size()); ++i) m = std::max(m, seen[i]);
  return m;
}

}  // namespace

TEST_CASE("a server that slows down gets fewer requests in flight, and more again once it recovers", "[integration][pace]") {
  SlowingSite site;
  const std::string flags = " --per-host 4 --no-sitemaps --no-soft-404-probe --log-every 10 -f json";

  SECTION("adaptive: down while slow, back to --per-host after") {
    const Run r = run_sitegraph("audit " + site.origin() + "/p/0.html" + flags);
    REQUIRE(r.code == 0);
    const std::vector<int> seen = site.concurrency();
    REQUIRE(seen.size() == SlowingSite::kPages);
    CHECK(most(seen, 0, SlowingSite::kSlowFrom) == 4);
    // Late in the slow stretch the server sees at most two at a time (it started at four).
    CHECK(most(seen, SlowingSite::kSlowTo - 12, SlowingSite::kSlowTo) <= 2);
    // The last pages come four at a time again.
    CHECK(most(seen, seen.size() - 30, seen.size()) == 4);

    const auto report = nlohmann::json::parse(r.out);
    const auto& events = report["crawl"]["throttle"];
    REQUIRE(events.is_array());
    REQUIRE(events.size() >= 2);
    CHECK(events.front()["reason"] == "slow");
    CHECK(events.front()["from"] == 4);
    CHECK(events.front()["to"] == 2);
    CHECK(events.front()["recent_ms"].get<double>() > 100);
    CHECK(events.front()["usual_ms"].get<double>() < 100);
    CHECK(events.back()["reason"] == "recovered");
    CHECK(events.back()["to"] == 4);
    CHECK(events.back()["per_host"] == 4);
    // The progress log says it while it holds back.
    CHECK_THAT(r.err, Catch::Contains("slowed to 2 of 4 in flight (slow answers)"));
    CHECK(report["crawl"]["settings"]["fixed_per_host"] == false);

    SECTION("the text report says when and why") {
      site.reset();
      const Run text = run_sitegraph("-q audit " + site.origin() + "/p/0.html --per-host 4 --no-sitemaps --no-soft-404-probe");
      REQUIRE(text.code == 0);
      CHECK_THAT(text.out, Catch::Matches(R"([\s\S]*server pace +127\.0\.0\.1:\d+ slowed down (\d+ times, first )?at [\d.]+ s \(answers took \d+ ms, usually \d+ ms\): 4 -> 2 in flight[\s\S]*; back to 4 at [\d.]+ s\n[\s\S]*)"));
    }
  }
  SECTION("--fixed-per-host keeps four in flight through the slow stretch") {
    const Run r = run_sitegraph("audit " + site.origin() + "/p/0.html" + flags + " --fixed-per-host");
    REQUIRE(r.code == 0);
    const std::vector<int> seen = site.concurrency();
    CHECK(most(seen, SlowingSite::kSlowTo - 12, SlowingSite::kSlowTo) == 4);
    CHECK(nlohmann::json::parse(r.out)["crawl"]["throttle"].empty());
  }
}
