// A fault-injecting HTTP server on 127.0.0.1: each misbehaviour ends in the right recorded
// outcome and the crawl completes.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <zlib.h>

#include <atomic>
#include <map>
#include <thread>

#include "../gzip_member.hpp"
#include "local_server.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/fetch.hpp"

using namespace sitegraph;
using sitegraph::testing::LocalServer;
using namespace std::chrono_literals;

namespace {

std::string gzip(const std::string& data) { return sitegraph::testing::gzip_member(data); }

// 200 MB of spaces, about 200 KB gzipped. Made once, before a test fetches it: compressing
// takes seconds under the sanitizers, and a server silent that long trips the low-speed timeout.
const std::string& gzip_bomb() {
  static const std::string bomb = gzip(std::string(200u << 20, ' '));
  return bomb;
}

std::string http_date(std::time_t t) {
  char buf[64];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

class FaultServer {
 public:
  FaultServer() {
    auto once = [this](const std::string& path, int status, std::string header, std::string value) {
      server_.http().Get(path, [this, path, status, header, value](const httplib::Request&, httplib::Response& res) {
        if (first_hit(path)) {
          res.status = status;
          if (!header.empty()) res.set_header(header, value == "DATE" ? http_date(std::time(nullptr) + 2) : value);
          return;
        }
        res.set_content("<html><body>fine</body></html>", "text/html");
      });
    };
    once("/429-seconds", 429, "Retry-After", "1");
    once("/429-date", 429, "Retry-After", "DATE");
    once("/503-then-200", 503, "", "");
    server_.http().Get("/slow-drip", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/html", [](std::size_t, httplib::DataSink& sink) {
        std::this_thread::sleep_for(300ms);
        return sink.write("<", 1);
      });
    });
    server_.http().Get("/reset", [](const httplib::Request&, httplib::Response& res) {
      res.set_content_provider(100000, "text/html", [](std::size_t offset, std::size_t, httplib::DataSink& sink) {
        if (offset > 0) return false;  // drop the connection with most of the body unsent
        return sink.write("<html><body>", 12);
      });
    });
    server_.http().Get("/gzip-bomb", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(gzip_bomb(), "text/html");
    });
    server_.http().Get("/latin1.html", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<html><body><a href=\"/\">Caf\xE9 cr\xE8me br\xFBl\xE9" "e</a></body></html>", "text/html; charset=ISO-8859-1");
    });
    server_.http().Get("/robots.txt", [this](const httplib::Request&, httplib::Response& res) {
      res.status = robots_status;
      if (robots_status == 301) res.set_redirect("/robots-moved.txt", 301);
      res.set_content(robots_body, "text/plain");
    });
    server_.http().Get("/robots-moved.txt", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(robots_body, "text/plain");
    });
    server_.http().Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<a href=/a.html>a</a> <a href=/b/x.html>b</a>", "text/html");
    });
    server_.http().Get("/a.html", [](const httplib::Request&, httplib::Response& res) { res.set_content("a", "text/html"); });
    server_.http().Get("/b/x.html", [](const httplib::Request&, httplib::Response& res) { res.set_content("b", "text/html"); });
    server_.start();
  }
  ~FaultServer() { server_.stop(); }
  [[nodiscard]] std::string url(const std::string& path) const { return server_.origin() + path; }

  int robots_status = 404;
  std::string robots_body;

 private:
  LocalServer server_;
  bool first_hit(const std::string& path) {
    std::lock_guard lock(mutex_);
    return hits_[path]++ == 0;
  }
  std::mutex mutex_;
  std::map<std::string, int> hits_;
};

FetchOptions quick_options() {
  FetchOptions o;
  o.user_agent = "sitegraph-test";
  o.retries = 2;
  o.retry_base = 50ms;
  o.max_retry_wait = 5s;
  o.low_speed_limit = 100;
  o.low_speed_time = 1s;
  o.timeout = 20s;
  return o;
}

// The response to one request; a fetch that never completes fails the test after 60 s (the
// slowest fault here, a 20 s transfer timeout, ends well before).
FetchResponse fetch_one(Fetcher& f, const std::string& url) {
  f.submit({url, 1});
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  for (;;) {
    auto done = f.poll(100ms);
    if (!done.empty()) return done.front();
    if (std::chrono::steady_clock::now() >= deadline) FAIL("no response to " << url << " after 60 s");
  }
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

TEST_CASE("fault: 429 with Retry-After in seconds is retried after the wait", "[integration][fault]") {
  FaultServer server;
  auto f = make_http_fetcher(quick_options());
  const auto t0 = std::chrono::steady_clock::now();
  const FetchResponse r = fetch_one(*f, server.url("/429-seconds"));
  CHECK(r.status == 200);
  CHECK(r.attempts == 2);
  CHECK(seconds_since(t0) >= 0.9);
}

TEST_CASE("fault: 429 with Retry-After as an HTTP date is retried", "[integration][fault]") {
  FaultServer server;
  auto f = make_http_fetcher(quick_options());
  const FetchResponse r = fetch_one(*f, server.url("/429-date"));
  CHECK(r.status == 200);
  CHECK(r.attempts == 2);
}

TEST_CASE("fault: 503 then 200 ends as 200 after a backoff", "[integration][fault]") {
  FaultServer server;
  auto f = make_http_fetcher(quick_options());
  const FetchResponse r = fetch_one(*f, server.url("/503-then-200"));
  CHECK(r.status == 200);
  CHECK(r.attempts == 2);
}

TEST_CASE("fault: a body dripping slower than the low-speed limit is a timeout", "[integration][fault]") {
  FaultServer server;
  FetchOptions o = quick_options();
  o.retries = 0;
  auto f = make_http_fetcher(o);
  const FetchResponse r = fetch_one(*f, server.url("/slow-drip"));
  CHECK(r.outcome == FetchOutcome::kTimeout);
}

TEST_CASE("fault: a connection dropped mid-body is a network error, retried then kept", "[integration][fault]") {
  FaultServer server;
  auto f = make_http_fetcher(quick_options());
  const FetchResponse r = fetch_one(*f, server.url("/reset"));
  CHECK(r.outcome == FetchOutcome::kNetworkError);
  CHECK(r.attempts == 3);
  CHECK(r.body.empty());
}

TEST_CASE("fault: a gzip bomb stops at the decompressed size limit", "[integration][fault]") {
  FaultServer server;
  FetchOptions o = quick_options();
  o.max_body_bytes = 10u << 20;
  (void)gzip_bomb();  // compressed before the clock of the transfer starts
  auto f = make_http_fetcher(o);
  const FetchResponse r = fetch_one(*f, server.url("/gzip-bomb"));
  CHECK(r.outcome == FetchOutcome::kTooLarge);
  CHECK(r.body.empty());
  CHECK(r.bytes <= (10u << 20) + (1u << 20));
}

TEST_CASE("fault: a Latin-1 page's anchor text is read correctly", "[integration][fault][charset]") {
  FaultServer server;
  auto f = make_http_fetcher(quick_options());
  CrawlOptions o;
  o.start_url = server.url("/latin1.html");
  o.use_sitemaps = false;
  const CrawlResult r = crawl_site(*f, o);
  bool found = false;
  for (const Link& link : r.graph.links()) {
    if (link.kind == LinkKind::kAnchor) found = found || r.graph.anchor(link.anchor) == "Caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e";
  }
  CHECK(found);
}

namespace {
CrawlResult crawl_with_robots(FaultServer& server) {
  auto f = make_http_fetcher(quick_options());
  CrawlOptions o;
  o.start_url = server.url("/");
  o.user_agent = "sitegraph-test";
  o.use_sitemaps = false;
  return crawl_site(*f, o);
}
// The page the crawl recorded for `url`; a URL it never recorded fails the test, named.
const Page& page(const CrawlResult& r, const std::string& url) {
  const UrlId id = r.graph.find(url);
  if (id == kNoUrl) FAIL("the crawl recorded no URL " << url);
  return r.graph.page(id);
}
}  // namespace

TEST_CASE("fault: robots.txt answering 500 disallows everything (RFC 9309 §2.3.1.4)", "[integration][fault][robots]") {
  FaultServer server;
  server.robots_status = 500;
  const CrawlResult r = crawl_with_robots(server);
  CHECK(page(r, server.url("/")).outcome == FetchOutcome::kRobotsBlocked);
}

TEST_CASE("fault: robots.txt answering 404 allows everything (RFC 9309 §2.3.1.3)", "[integration][fault][robots]") {
  FaultServer server;
  server.robots_status = 404;
  const CrawlResult r = crawl_with_robots(server);
  CHECK(page(r, server.url("/b/x.html")).status == 200);
  CHECK(r.complete);
}

TEST_CASE("fault: a redirected robots.txt is followed (RFC 9309 §2.3.1.2)", "[integration][fault][robots]") {
  FaultServer server;
  server.robots_status = 301;
  server.robots_body = "User-agent: *\nDisallow: /b/\n";
  const CrawlResult r = crawl_with_robots(server);
  CHECK(page(r, server.url("/b/x.html")).outcome == FetchOutcome::kRobotsBlocked);
  CHECK(page(r, server.url("/a.html")).status == 200);
}

TEST_CASE("fault: a robots.txt over 500 KiB is read up to the limit (RFC 9309 §2.5)", "[integration][fault][robots]") {
  FaultServer server;
  server.robots_status = 200;
  server.robots_body = "User-agent: *\nDisallow: /b/\n" + std::string(600 * 1024, '#') + "\nDisallow: /a.html\n";
  const CrawlResult r = crawl_with_robots(server);
  CHECK(page(r, server.url("/b/x.html")).outcome == FetchOutcome::kRobotsBlocked);
  CHECK(page(r, server.url("/a.html")).status == 200);  // the rule past the limit is not read
  CHECK(r.limits.robots_truncated_at_line == 3);          // line 3, the run of '#', is cut by the limit
}

TEST_CASE("fault: a robots.txt cut at the limit mid-line does not become a broader rule (RFC 9309 §2.5)", "[integration][fault][robots]") {
  // The 500 KiB limit falls right after "Disallow: /" of a "Disallow: /private/" line: read as
  // a rule, that fragment would disallow the whole site.
  const std::size_t limit = 500 * 1024;
  const std::string head = "User-agent: *\n#";
  const std::string fragment = "Disallow: /";
  std::string body = head + std::string(limit - head.size() - 1 - fragment.size(), 'x') + "\n";
  body += fragment + "private/\n";
  REQUIRE(body.compare(limit - fragment.size(), fragment.size(), fragment) == 0);
  FaultServer server;
  server.robots_status = 200;
  server.robots_body = body;
  const CrawlResult r = crawl_with_robots(server);
  CHECK(page(r, server.url("/a.html")).status == 200);
  CHECK(r.limits.robots_truncated_at_line == 3);
}

TEST_CASE("fetcher: in_flight counts the transfers running, not those waiting for --per-host", "[integration][fetch]") {
  LocalServer server;
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  server.http().Get(R"(/slow/(\d+))", [&](const httplib::Request&, httplib::Response& res) {
    const int now = ++running;
    for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(50ms);
    --running;
    res.set_content("ok", "text/plain");
  });
  server.start();
  FetchOptions o = quick_options();
  o.max_in_flight = 16;
  o.per_host = 2;
  auto f = make_http_fetcher(o);
  for (std::uint64_t i = 0; i < 12; ++i) f->submit({"http://127.0.0.1:" + std::to_string(server.port()) + "/slow/" + std::to_string(i), i});
  std::size_t done = 0;
  std::size_t most_in_flight = 0;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (done < 12 && std::chrono::steady_clock::now() < deadline) {
    done += f->poll(10ms).size();
    CHECK(f->in_flight() <= f->pending());
    most_in_flight = std::max(most_in_flight, f->in_flight());
  }
  f.reset();  // closes the kept-alive connections, or the server waits out their timeout
  server.stop();
  CHECK(done == 12);
  CHECK(most.load() <= 2);
  CHECK(most_in_flight >= 1);
  CHECK(most_in_flight <= 2);  // was pending(): 12 while the server saw 2
}
