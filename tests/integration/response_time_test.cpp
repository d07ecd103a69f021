// Response times: measured over HTTP, kept in the snapshot, reported, judged by slow-page;
// a folder has none. The slow page sleeps on a local server; the threshold sits far below
// the sleep and far above what a loopback answer takes, so no figure here is a speed target.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <thread>

#include "local_server.hpp"
#include "run_program.hpp"

using namespace sitegraph::testing;

namespace {

const std::string kFixture = std::string(SITEGRAPH_FIXTURES) + "/site";

// "/" links to /fast and /slow; /slow waits 400 ms before it answers.
struct SlowSite {
  LocalServer server;
  SlowSite() {
    server.http().Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<html><head><title>Home</title></head><body><a href=\"/fast\">fast</a> <a href=\"/slow\">slow</a></body></html>",
                      "text/html");
    });
    server.http().Get("/fast", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<html><head><title>Fast</title></head><body><a href=\"/\">home</a></body></html>", "text/html");
    });
    server.http().Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      res.set_content("<html><head><title>Slow</title></head><body><a href=\"/\">home</a></body></html>", "text/html");
    });
    server.start();
  }
};

const nlohmann::json* page_of(const nlohmann::json& report, const std::string& url) {
  for (const auto& p : report["pages"]) {
    if (p["url"] == url) return &p;
  }
  return nullptr;
}

std::vector<std::string> slow_urls(const nlohmann::json& report) {
  std::vector<std::string> urls;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "slow-page") urls.push_back(f["url"]);
  }
  return urls;
}

}  // namespace

TEST_CASE("response times are measured over HTTP and a slow page is a slow-page finding", "[cli][timing]") {
  SlowSite site;
  const std::string origin = site.server.origin();
  const std::string snapshot = (temp_dir() / "timed.jsonl.gz").string();
  const Run r = run_sitegraph("-q audit " + origin + "/ --no-sitemaps --slow-page-ms 200 -f json --save-snapshot '" + snapshot + "'");
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  const nlohmann::json* slow = page_of(report, origin + "/slow");
  const nlohmann::json* fast = page_of(report, origin + "/fast");
  REQUIRE(slow);
  REQUIRE(fast);
  REQUIRE((*slow)["first_byte_ms"].is_number());
  CHECK((*slow)["first_byte_ms"].get<double>() >= 400);
  CHECK((*slow)["response_time_ms"].get<double>() >= (*slow)["first_byte_ms"].get<double>());
  CHECK((*fast)["first_byte_ms"].is_number());
  CHECK(slow_urls(report) == std::vector<std::string>{origin + "/slow"});
  CHECK(report["crawl"]["settings"]["slow_page_ms"] == 200);

  SECTION("the text report lists the slowest page first") {
    const Run text = run_sitegraph("-q audit " + origin + "/ --no-sitemaps --slow-page-ms 200");
    REQUIRE(text.code == 0);
    const auto section = text.out.find("Slowest pages");
    REQUIRE(section != std::string::npos);
    const auto first_row = text.out.find('\n', section) + 1;
    CHECK(text.out.substr(first_row, text.out.find('\n', first_row) - first_row).ends_with(origin + "/slow"));
    CHECK_THAT(text.out, Catch::Contains("[slow-page, info]"));
  }
  SECTION("a snapshot keeps the times: its re-audit reports them and judges them again") {
    site.server.stop();
    const Run again = run_sitegraph("-q audit '" + snapshot + "' --slow-page-ms 200 -f json");
    REQUIRE(again.code == 0);
    const auto replay = nlohmann::json::parse(again.out);
    const nlohmann::json* kept = page_of(replay, origin + "/slow");
    REQUIRE(kept);
    CHECK((*kept)["first_byte_ms"] == (*slow)["first_byte_ms"]);
    CHECK((*kept)["response_time_ms"] == (*slow)["response_time_ms"]);
    CHECK(slow_urls(replay) == std::vector<std::string>{origin + "/slow"});
  }
  SECTION("pages.csv ends each row with the two times") {
    const std::string dir = (temp_dir() / "timed-csv").string();
    REQUIRE(run_sitegraph("-q audit " + origin + "/ --no-sitemaps -f csv -o '" + dir + "'").code == 0);
    const std::string csv = slurp(dir + "/pages.csv");
    CHECK_THAT(csv, Catch::Contains(",title,first_byte_ms,response_time_ms\r\n"));
    const auto row = csv.find(origin + "/slow,");
    REQUIRE(row != std::string::npos);
    const std::string line = csv.substr(row, csv.find("\r\n", row) - row);
    const std::string last_two = line.substr(line.rfind(',', line.rfind(',') - 1) + 1);
    CHECK(std::stod(last_two.substr(0, last_two.find(','))) >= 400);
  }
  SECTION("--slow-page-ms 0 turns the rule off") {
    const Run off = run_sitegraph("-q audit " + origin + "/ --no-sitemaps --slow-page-ms 0 -f json");
    REQUIRE(off.code == 0);
    CHECK(slow_urls(nlohmann::json::parse(off.out)).empty());
  }
}

TEST_CASE("a folder has no response times: null in JSON, never slow-page, no slowest pages", "[cli][timing][folder]") {
  const Run r = run_sitegraph("-q audit '" + kFixture + "' --base-url http://fixture.test/ --slow-page-ms 1 -f json");
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  std::size_t pages = 0;
  for (const auto& p : report["pages"]) {
    CHECK(p["first_byte_ms"].is_null());
    CHECK(p["response_time_ms"].is_null());
    ++pages;
  }
  CHECK(pages > 0);
  CHECK(slow_urls(report).empty());
  const Run text = run_sitegraph("-q audit '" + kFixture + "' --base-url http://fixture.test/");
  CHECK(text.out.find("Slowest pages") == std::string::npos);
}
