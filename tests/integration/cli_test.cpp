// The built `sitegraph` program: exit codes, formats, output files, error messages.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/wait.h>
#include <csignal>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "fixture_server.hpp"
#include "run_program.hpp"

namespace fs = std::filesystem;
using namespace sitegraph::testing;

namespace {

const std::string kFixture = std::string(SITEGRAPH_FIXTURES) + "/site";

// A port on 127.0.0.1 where nothing listens: bound, then closed.
int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

TEST_CASE("version and help flags explain the program and exit 0", "[cli]") {
  const Run version = run_sitegraph("--version");
  CHECK(version.code == 0);
  CHECK_THAT(version.out, Catch::Contains("sitegraph 0."));
  const Run help = run_sitegraph("--help");
  CHECK(help.code == 0);
  CHECK_THAT(help.out, Catch::Contains("Exit codes"));
  const Run audit_help = run_sitegraph("audit --help");
  CHECK(audit_help.code == 0);
  for (const char* flag : {"--base-url", "--format", "--output", "--max-pages", "--max-depth", "--concurrency", "--fail-on"}) {
    CHECK_THAT(audit_help.out, Catch::Contains(flag));
  }
}

TEST_CASE("auditing a folder prints a text report with the findings and exits 0", "[cli][folder]") {
  const Run r = run_sitegraph("audit '" + kFixture + "' --base-url http://fixture.test/");
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("Summary"));
  CHECK_THAT(r.out, Catch::Contains("http://fixture.test/orphan-1.html"));
  CHECK_THAT(r.out, Catch::Contains("Broken links: 2"));
  CHECK_THAT(r.out, Catch::Contains("Redirect loops: 1"));
}

TEST_CASE("without --base-url, a folder's origin is read from its robots.txt", "[cli][folder]") {
  const Run r = run_sitegraph("audit '" + kFixture + "' --format json");
  CHECK(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  CHECK(report["crawl"]["start_url"] == "http://fixture.test/");
}

TEST_CASE("JSON format with -o FILE writes the JSON report to the file", "[cli][json]") {
  const fs::path file = temp_dir() / "report.json";
  const Run r = run_sitegraph("audit '" + kFixture + "' --base-url http://fixture.test/ --format json -o '" + file.string() + "'");
  CHECK(r.code == 0);
  CHECK(r.out.empty());
  const auto report = nlohmann::json::parse(slurp(file));
  CHECK(report["report_version"] == 1);
  CHECK(report["crawl"]["complete"] == true);
  CHECK(report["summary"]["findings"]["orphan-page"] == 2);
  bool saw_blocked = false;
  for (const auto& page : report["pages"]) {
    REQUIRE(page.contains("url"));
    REQUIRE(page.contains("status"));
    REQUIRE(page.contains("depth"));
    REQUIRE(page.contains("inlinks"));
    REQUIRE(page.contains("outlinks"));
    REQUIRE(page.contains("pagerank"));
    REQUIRE(page.contains("in_sitemap"));
    if (page["status"] == "robots-blocked") saw_blocked = true;
  }
  CHECK(saw_blocked);
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "broken-link") {
      CHECK(f.contains("target"));
      CHECK(f["status"] == 404);
    }
  }
  CHECK_FALSE(fs::exists(file.string() + ".tmp"));
}

TEST_CASE("fail-on exits 1 when a finding of the rule exists, 0 when none does", "[cli][gate]") {
  const std::string base = "audit '" + kFixture + "' --base-url http://fixture.test/ -q ";
  CHECK(run_sitegraph(base + "--fail-on broken-link").code == 1);
  CHECK(run_sitegraph(base + "--fail-on orphan-page,redirect-loop").code == 1);
  CHECK(run_sitegraph(base + "--fail-on redirect-chain --no-sitemaps").code == 1);
  // Without the sitemap the folder's files still are its pages: orphan-1.html is one.
  CHECK(run_sitegraph(base + "--no-sitemaps --fail-on orphan-page").code == 1);
}

TEST_CASE("fail-on thresholds and severities: RULE>N, severity>=LEVEL", "[cli][gate]") {
  const std::string base = "audit '" + kFixture + "' --base-url http://fixture.test/ -q ";
  // The fixture has 2 orphan pages (EXPECTED.json) and error-level broken links.
  CHECK(run_sitegraph(base + "--fail-on 'orphan-page>1'").code == 1);
  CHECK(run_sitegraph(base + "--fail-on 'orphan-page>2'").code == 0);
  CHECK(run_sitegraph(base + "--fail-on 'severity>=error'").code == 1);
  CHECK(run_sitegraph(base + "--no-sitemaps --fail-on 'severity>=warning'").code == 1);
  const Run said = run_sitegraph("audit '" + kFixture + "' --base-url http://fixture.test/ --fail-on 'orphan-page>1'");
  CHECK_THAT(said.err, Catch::Contains("--fail-on orphan-page>1: 2 findings"));
  CHECK(run_sitegraph(base + "--fail-on 'orphan-page>two'").code == 2);
  CHECK(run_sitegraph(base + "--fail-on 'severity>=fatal'").code == 2);
}

TEST_CASE("an incomplete crawl marks orphans inconclusive and does not fail --fail-on orphan-page", "[cli][gate]") {
  const Run r = run_sitegraph("audit '" + kFixture + "' --base-url http://fixture.test/ --max-pages 3 --format json --fail-on orphan-page");
  CHECK(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  CHECK(report["crawl"]["complete"] == false);
  CHECK(report["crawl"]["stop_reason"] == "max-pages");
}

TEST_CASE("a partial crawl: findings about the whole graph are inconclusive, what was seen stays conclusive", "[cli][gate][partial]") {
  // The rules a partial graph cannot prove (docs/rules.md, "Partial crawls").
  const std::set<std::string> whole_graph = {"orphan-page", "nofollow-only-inlinks", "boilerplate-only-inlinks", "single-inlink",
                                             "deep-page", "dead-end", "anchor-conflict", "anchor-overuse",
                                             "hub-missing-spoke-links", "spoke-not-linking-hub", "priority-page-weak", "authority-sink"};
  // broken-backlink is conclusive: a 404 seen is proof (its own tests are in equity_rules_test).
  const std::string base = "audit '" + kFixture + "' --base-url http://fixture.test/ --max-pages 6 --format json";
  const Run r = run_sitegraph(base);
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  REQUIRE(report["crawl"]["complete"] == false);
  std::set<std::string> inconclusive_rules;
  for (const auto& f : report["findings"]) {
    const std::string rule = f["rule"];
    INFO(rule);
    CHECK(f["inconclusive"] == (whole_graph.count(rule) > 0));
    if (f["inconclusive"] == true) inconclusive_rules.insert(rule);
  }
  CHECK(inconclusive_rules.count("single-inlink"));  // the crawl saw few of each page's inlinks
  for (const std::string& rule : inconclusive_rules) {
    INFO(rule);
    const Run gated = run_sitegraph(base + " --fail-on " + rule);
    CHECK(gated.code == 0);  // inconclusive never fails the gate unless asked
    CHECK_THAT(gated.err, Catch::Contains("--fail-on-inconclusive counts them"));
    CHECK(run_sitegraph(base + " --fail-on " + rule + " --fail-on-inconclusive").code == 1);
  }
  // The whole crawl has the same rule's findings, conclusive.
  const auto whole = nlohmann::json::parse(run_sitegraph("audit '" + kFixture + "' --base-url http://fixture.test/ --format json").out);
  for (const auto& f : whole["findings"]) CHECK(f["inconclusive"] == false);
}

TEST_CASE("usage errors exit 2 with the reason", "[cli][errors]") {
  const Run bad_url = run_sitegraph("audit 'http://exa mple.com/'");
  CHECK(bad_url.code == 2);
  CHECK_THAT(bad_url.err, Catch::Contains("not a valid"));
  const Run ftp = run_sitegraph("audit ftp://example.com/");
  CHECK(ftp.code == 2);
  const Run missing = run_sitegraph("audit /no/such/folder");
  CHECK(missing.code == 2);
  CHECK_THAT(missing.err, Catch::Contains("neither"));
  CHECK(run_sitegraph("audit '" + kFixture + "' --fail-on no-such-rule").code == 2);
  const Run yaml = run_sitegraph("audit '" + kFixture + "' --format yaml");
  CHECK(yaml.code == 2);
  CHECK_THAT(yaml.err, Catch::StartsWith("sitegraph: error: --format: unknown format 'yaml'"));  // the one error prefix
  // A negative limit was read as no limit and crawled the whole site.
  const Run negative = run_sitegraph("audit '" + kFixture + "' --max-pages -3");
  CHECK(negative.code == 2);
  CHECK_THAT(negative.err, Catch::Contains("--max-pages: a count of pages, 0 for no limit"));
  CHECK(run_sitegraph("audit '" + kFixture + "' --max-depth -2").code == 2);
  CHECK(run_sitegraph("audit").code == 2);
  CHECK(run_sitegraph("").code == 2);
}

TEST_CASE("an unreachable start URL gives a one-line error and exit 3", "[cli][errors]") {
  const Run r = run_sitegraph("audit http://127.0.0.1:" + std::to_string(closed_port()) + "/ --connect-timeout 5");
  CHECK(r.code == 3);
  CHECK_THAT(r.err, Catch::Contains("connect-error"));
  CHECK(r.out.empty());
}

TEST_CASE("an output folder that takes no files is a usage error before the crawl", "[cli][errors]") {
  // The folder exists, but no file can be created in it, not even by root: found by trying,
  // before the crawl (a write that fails after it, /dev/full, is exit 3: see the error model tests).
  const Run r = run_sitegraph("audit '" + kFixture + "' -o /proc/self/report.txt");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("-o /proc/self/report.txt: the folder /proc/self cannot be written"));
  CHECK_THAT(r.err, !Catch::Contains("crawling"));
}

TEST_CASE("auditing over HTTP finds the same orphans as the folder", "[cli][http]") {
  sitegraph::testing::FixtureServer server(kFixture);
  const Run r = run_sitegraph("audit " + server.origin() + "/ --format json");
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  std::set<std::string> orphans;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "orphan-page") orphans.insert(f["url"].get<std::string>().substr(server.origin().size()));
  }
  CHECK(orphans == std::set<std::string>{"/orphan-1.html", "/orphan-2.html"});
  CHECK(report["crawl"]["mode"] == "http");
}

TEST_CASE("a start URL that answers 404 is a failed run (exit 3)", "[cli][errors]") {
  sitegraph::testing::FixtureServer server(kFixture);
  const Run r = run_sitegraph("audit " + server.origin() + "/no-such-start.html --fail-on broken-link");
  CHECK(r.code == 3);
  CHECK_THAT(r.err, Catch::Contains("answered HTTP 404"));
}

TEST_CASE("the folder's origin is read from the sitemap's <loc>, not its xmlns", "[cli][folder]") {
  const fs::path site = temp_dir() / "nsite";
  fs::create_directories(site);
  std::ofstream(site / "index.html") << "<a href=/a.html>a</a>";
  std::ofstream(site / "a.html") << "a";
  std::ofstream(site / "sitemap.xml") << "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                                         "<url><loc>https://docs.example.test/a.html</loc></url></urlset>";
  const Run r = run_sitegraph("audit '" + site.string() + "' --format json");
  REQUIRE(r.code == 0);
  CHECK(nlohmann::json::parse(r.out)["crawl"]["start_url"] == "https://docs.example.test/");
}

TEST_CASE("contradictory or malformed --sitemap options are usage errors", "[cli][errors]") {
  CHECK(run_sitegraph("audit '" + kFixture + "' --sitemap http://fixture.test/sitemap.xml --no-sitemaps").code == 2);
  CHECK(run_sitegraph("audit '" + kFixture + "' --sitemap /relative.xml").code == 2);
  CHECK(run_sitegraph("audit '" + kFixture + "' --timeout 0").code == 2);
}

TEST_CASE("SIGINT mid-crawl writes a complete report marked incomplete and exits 130", "[cli][signal]") {
  sitegraph::testing::LocalServer slow;
  slow.http().Get("/", [](const httplib::Request&, httplib::Response& res) {
    std::string html;
    for (int i = 0; i < 300; ++i) html += "<a href=/p/" + std::to_string(i) + ">p</a>";
    res.set_content(html, "text/html");
  });
  slow.http().Get(R"(/p/(\d+))", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    res.set_content("<a href=/>home</a>", "text/html");
  });
  slow.start();
  const int port = slow.port();

  const fs::path report = temp_dir() / "interrupted.json";
  const fs::path log = temp_dir() / "interrupted.log";
  fs::remove(report);
  const pid_t pid = fork();
  if (pid == 0) {
    if (FILE* err = std::fopen(log.c_str(), "w")) dup2(fileno(err), STDERR_FILENO);
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
    const std::string out = report.string();
    execl(SITEGRAPH_BINARY, "sitegraph", "-q", "audit", url.c_str(), "--per-host", "2", "--format", "json", "-o",
          out.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  slow.stop();

  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  const auto json = nlohmann::json::parse(slurp(report));
  CHECK(json["crawl"]["complete"] == false);
  CHECK(json["crawl"]["stop_reason"] == "interrupted");
  CHECK(json["crawl"]["requests"].get<int>() < 300);
  CHECK(json["pages"].size() > 300);  // every URL seen is in the report, fetched or not
  // The user learns at once that the signal was taken, even with -q.
  CHECK_THAT(slurp(log), Catch::Contains("interrupted: finishing the requests in flight"));
}

TEST_CASE("robots command: each URL allowed or not, with the deciding line, as text or JSON lines", "[cli][robots]") {
  const fs::path file = temp_dir() / "robots.txt";
  std::ofstream(file) << "User-agent: *\nDisallow: /private/\nAllow: /private/open$\n\nUser-agent: Googlebot\nDisallow: /nogoogle\n";
  const Run json = run_sitegraph("robots '" + file.string() +
                                 "' https://x.test/private/a https://x.test/private/open /public --format json");
  REQUIRE(json.code == 0);
  std::istringstream lines(json.out);
  std::string line;
  std::vector<nlohmann::json> rows;
  while (std::getline(lines, line)) rows.push_back(nlohmann::json::parse(line));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]["url"] == "https://x.test/private/a");
  CHECK(rows[0]["allowed"] == false);
  CHECK(rows[0]["line"] == 2);
  CHECK(rows[0]["rule"] == "Disallow: /private/");
  CHECK(rows[1]["allowed"] == true);
  CHECK(rows[1]["rule"] == "Allow: /private/open$");
  CHECK(rows[2]["allowed"] == true);
  CHECK(rows[2]["line"].is_null());
  CHECK(rows[2]["rule"].is_null());
  const Run google = run_sitegraph("robots '" + file.string() + "' /nogoogle /private/a --user-agent 'Googlebot/2.1'");
  CHECK_THAT(google.out, Catch::Contains("DISALLOWED  /nogoogle"));
  CHECK_THAT(google.out, Catch::Contains("allowed     /private/a"));  // Googlebot's own group applies
}

TEST_CASE("robots command: a robots.txt over 500 KiB says where it was cut, and the cut line is no rule", "[cli][robots]") {
  const fs::path file = temp_dir() / "big-robots.txt";
  {
    std::ofstream out(file);
    out << "User-agent: *\n";
    for (int i = 0; i < 60000; ++i) out << "Disallow: /private" << 1000000 + i << "/\n";  // 27 bytes a line
  }
  const Run r = run_sitegraph("robots '" + file.string() + "' /pricing.html /private1000005/x");
  REQUIRE(r.code == 0);
  // 500 KiB (512,000 bytes) hold line 1 (14 bytes) and 18,962 whole rule lines; line 18,964 is cut.
  CHECK_THAT(r.err, Catch::Contains("only lines 1-18963 are read"));
  CHECK_THAT(r.out, Catch::Contains("allowed     /pricing.html"));
  CHECK_THAT(r.out, Catch::Contains("DISALLOWED  /private1000005/x"));
}

TEST_CASE("robots command fetches a live site's robots.txt", "[cli][robots]") {
  sitegraph::testing::FixtureServer server(kFixture);
  const Run r = run_sitegraph("robots " + server.origin() + "/ " + server.origin() + "/private/x.html /page-a.html");
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("(200)"));
  CHECK_THAT(r.out, Catch::Contains("line 2: Disallow: /private/"));
  CHECK(run_sitegraph("robots /no/such/robots.txt /x").code == 2);  // a file that is not there: the command is wrong
  CHECK(run_sitegraph("robots 'http://exa mple/' /x").code == 2);
}

TEST_CASE("save-snapshot then audit SNAPSHOT gives the same findings without crawling", "[cli][snapshot]") {
  const fs::path snap = temp_dir() / "fixture.jsonl.gz";
  const Run crawl = run_sitegraph("audit '" + kFixture + "' --base-url http://fixture.test/ --format json --save-snapshot '" +
                                  snap.string() + "'");
  REQUIRE(crawl.code == 0);
  const Run again = run_sitegraph("audit '" + snap.string() + "' --format json");
  REQUIRE(again.code == 0);
  const auto a = nlohmann::json::parse(crawl.out);
  const auto b = nlohmann::json::parse(again.out);
  CHECK(a["findings"] == b["findings"]);
  CHECK(a["pages"].size() == b["pages"].size());
  CHECK(b["crawl"]["mode"] == "snapshot");
  const fs::path junk = temp_dir() / "junk.jsonl.gz";
  std::ofstream(junk) << "not a snapshot";
  const Run bad = run_sitegraph("audit '" + kFixture + "' --since '" + junk.string() + "'");
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("--since"));
  // Crawl flags for a snapshot, which is not crawled, are named as ignored.
  const Run flags = run_sitegraph("audit '" + snap.string() + "' --max-pages 3 --rate 2 --format json");
  CHECK(flags.code == 0);
  CHECK_THAT(flags.err, Catch::Contains("--max-pages, --rate: ignored"));
  CHECK(nlohmann::json::parse(flags.out)["findings"] == b["findings"]);
  // --since names a crawl of the same site.
  const Run other = run_sitegraph("audit '" + kFixture + "' --base-url http://other.test/ --since '" + snap.string() + "'");
  CHECK(other.code == 2);
  CHECK_THAT(other.err, Catch::Contains("is a crawl of http://fixture.test/"));
}

TEST_CASE("links command: every link of a page with kind, rel, placement, anchor and line as JSON lines", "[cli][links]") {
  const fs::path page = temp_dir() / "page.html";
  std::ofstream(page) << "<html><head><link rel=canonical href=/canon></head>\n<body><header><a href=/>Home</a></header>\n"
                         "<main><a href=\"other.html\" rel=nofollow>Other  page</a>\n<a href=\"http://exa mple.com/\">bad</a>"
                         "<a href=\"mailto:x@y.z\">mail</a><img src=/i.png alt=Logo></main></body></html>";
  const Run r = run_sitegraph("links '" + page.string() + "' --base-url https://site.test/dir/ --format json");
  REQUIRE(r.code == 0);
  std::istringstream lines(r.out);
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(nlohmann::json::parse(line));
  REQUIRE(rows.size() == 6);
  CHECK(rows[0]["kind"] == "canonical");
  CHECK(rows[0]["url"] == "https://site.test/canon");
  CHECK(rows[1]["placement"] == "header");
  CHECK(rows[1]["line"] == 2);
  CHECK(rows[2]["href"] == "other.html");
  CHECK(rows[2]["url"] == "https://site.test/dir/other.html");
  CHECK(rows[2]["rel"] == "nofollow");
  CHECK(rows[2]["anchor"] == "Other page");
  CHECK(rows[2]["placement"] == "content");
  CHECK(rows[3]["url"].is_null());  // invalid
  CHECK(rows[4]["url"].is_null());  // mailto:
  CHECK(rows[5]["kind"] == "img");
  CHECK(rows[5]["anchor"] == "Logo");
  CHECK(run_sitegraph("links /no/such/file.html").code == 2);  // a file that is not there: the command is wrong
}

TEST_CASE("links command reads a live page", "[cli][links]") {
  sitegraph::testing::FixtureServer server(kFixture);
  const Run r = run_sitegraph("links " + server.origin() + "/page-a.html");
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("nofollow"));
  CHECK_THAT(r.out, Catch::Contains("Logo text"));
}

TEST_CASE("strip-tracking makes URLs that differ only by utm_ parameters one page", "[cli][identity]") {
  const fs::path site = temp_dir() / "tracked";
  fs::create_directories(site);
  std::ofstream(site / "index.html") << "<a href=\"/a.html?utm_source=x\">1</a><a href=\"/a.html?utm_medium=y\">2</a>";
  std::ofstream(site / "a.html") << "a";
  const auto count_pages = [&](const std::string& target, const std::string& flags) {
    const Run r = run_sitegraph("audit " + target + " --format json " + flags);
    CHECK(r.code == 0);
    const auto report = nlohmann::json::parse(r.out);
    std::size_t n = 0;
    for (const auto& p : report["pages"]) n += p["internal"].get<bool>() ? 1 : 0;
    return n;
  };
  {
    // Over HTTP each query string is its own URL, as a search engine sees them.
    sitegraph::testing::FixtureServer server(site.string());
    CHECK(count_pages(server.origin() + "/", "") == 3);
    CHECK(count_pages(server.origin() + "/", "--strip-tracking") == 2);
  }
  // A folder serves one file whatever the query: one page either way (crawl.folded_urls).
  CHECK(count_pages("'" + site.string() + "' --base-url https://t.test/", "") == 2);
  const Run text = run_sitegraph("audit '" + site.string() + "' --base-url https://t.test/");
  CHECK_THAT(text.out, Catch::Contains("one file, two URLs 2 URLs served from a crawled page's file, counted as that page (e.g. "
                                       "https://t.test/a.html?utm_medium=y is https://t.test/a.html?utm_source=x)"));
}

TEST_CASE("output through a symlink (-o) writes the target and keeps the link (never renamed over)", "[cli][output]") {
  const fs::path target = temp_dir() / "real-report.json";
  const fs::path link = temp_dir() / "report-link.json";
  fs::remove(link);
  std::ofstream(target) << "old";
  fs::create_symlink(target, link);
  const Run r = run_sitegraph("audit '" + kFixture + "' --base-url http://fixture.test/ --format json -o '" + link.string() + "'");
  CHECK(r.code == 0);
  CHECK(fs::is_symlink(link));
  CHECK(nlohmann::json::parse(slurp(target))["report_version"] == 1);
}

TEST_CASE("audit of an edge list: node names, weights, --damping, --backlinks and --urls", "[cli][edges]") {
  const fs::path edges = temp_dir() / "links.csv";
  std::ofstream(edges) << "source,target,weight\nhome,about,1\nhome,blog,2\nabout,home,1\nblog,home,1\n";
  const fs::path backlinks = temp_dir() / "backlinks.csv";
  std::ofstream(backlinks) << "target,source,weight\nblog,news.test,3\n";
  const fs::path urls = temp_dir() / "urls.txt";
  std::ofstream(urls) << "# pages analytics saw\nhome\nlost-page\n";
  const Run r = run_sitegraph("audit '" + edges.string() + "' --format json --damping 0.5 --backlinks '" + backlinks.string() +
                              "' --urls '" + urls.string() + "'");
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  CHECK(report["crawl"]["mode"] == "edge-list");
  CHECK(report["crawl"]["settings"]["damping"] == 0.5);
  std::map<std::string, nlohmann::json> pages;
  for (const auto& p : report["pages"]) pages[p["url"]] = p;
  CHECK(pages.at("home")["depth"] == 0);
  CHECK(pages.at("blog")["external_authority"] == 1.0);
  CHECK(pages.at("about")["external_authority"] == 0.0);
  // All teleports land on blog: blog = 0.5 + 0.5 * (2/3) home, home = 0.5 * (about + blog).
  const double blog = pages.at("blog")["pagerank"];
  const double home = pages.at("home")["pagerank"];
  CHECK(blog == Approx(0.5 + 0.5 * 2.0 / 3.0 * home).epsilon(1e-9));
  bool orphan = false;
  for (const auto& f : report["findings"]) orphan |= f["rule"] == "orphan-page" && f["url"] == "lost-page";
  CHECK(orphan);
}

TEST_CASE("audit of a CSV that is not an edge list, and bad --backlinks, are usage errors", "[cli][edges]") {
  const fs::path other = temp_dir() / "other.csv";
  std::ofstream(other) << "url,clicks\n/a,3\n";
  const Run r = run_sitegraph("audit '" + other.string() + "'");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("edge list"));
  const fs::path edges = temp_dir() / "ok.csv";
  std::ofstream(edges) << "source,target\na,b\n";
  const Run bad = run_sitegraph("audit '" + edges.string() + "' --backlinks '" + other.string() + "'");
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("--backlinks"));
  // A missing input file is reported before any crawling.
  const Run missing = run_sitegraph("audit http://127.0.0.1:9/ --backlinks /no/such/backlinks.csv");
  CHECK(missing.code == 2);
  CHECK_THAT(missing.err, Catch::Contains("--backlinks: cannot read /no/such/backlinks.csv"));
  CHECK_THAT(missing.err, !Catch::Contains("crawling"));
  const Run no_file = run_sitegraph("audit /no/such/links.csv");
  CHECK(no_file.code == 2);
  CHECK_THAT(no_file.err, !Catch::Contains("did you mean"));
  // A damaged edge list names the file once, then the line.
  const fs::path cut = temp_dir() / "cut.csv";
  std::ofstream(cut) << "source,target\n\"http://a.test/,http://a.test/c\n";
  const Run damaged = run_sitegraph("audit '" + cut.string() + "'");
  CHECK(damaged.code == 2);
  CHECK_THAT(damaged.err, Catch::Contains("sitegraph: error: " + cut.string() + ": line 2: a quoted field is never closed"));
  CHECK_THAT(damaged.err, !Catch::Contains(cut.string() + ": " + cut.string()));
  // A row the edge list cannot use: the file, then the line.
  std::ofstream(cut) << "source,target,weight\na,b,-3\n";
  const Run weight = run_sitegraph("audit '" + cut.string() + "'");
  CHECK(weight.code == 2);
  CHECK_THAT(weight.err, Catch::Contains(cut.string() + ": line 2: "));
}

TEST_CASE("audit with --priority, --clusters and --suggest-links: weak pages, clusters and computed suggestions", "[cli][equity]") {
  const fs::path priority = temp_dir() / "priority.txt";
  std::ofstream(priority) << "http://fixture.test/deep/d5.html\nhttp://fixture.test/deep/d5.html\n";
  const fs::path clusters = temp_dir() / "clusters.csv";
  std::ofstream(clusters) << "pattern,cluster,hub\n/deep/*, deep chain ,http://fixture.test/deep/d1.html\n";
  const Run r = run_sitegraph("audit '" + kFixture + "' --base-url http://fixture.test/ --format json --priority '" +
                              priority.string() + "' --clusters '" + clusters.string() + "' --suggest-links 2");
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  REQUIRE(report["clusters"].size() == 1);
  CHECK(report["clusters"][0]["name"] == "deep chain");
  CHECK(report["clusters"][0]["hub"] == "http://fixture.test/deep/d1.html");
  std::size_t weak = 0;
  for (const auto& f : report["findings"]) weak += f["rule"] == "priority-page-weak" && f["url"] == "http://fixture.test/deep/d5.html";
  CHECK(weak == 1);  // listed twice in the file, judged once
  std::set<std::string> targets;
  for (const auto& o : report["link_opportunities"]) {
    targets.insert(o["target"].get<std::string>());
    CHECK(o["equity_gain"].get<double>() > 0);
    CHECK(o["source"] != o["target"]);
  }
  CHECK(targets.count("http://fixture.test/deep/d5.html"));
  CHECK(targets.count("http://fixture.test/orphan-1.html"));
  for (const auto& p : report["pages"]) {
    if (p["url"] == "http://fixture.test/deep/d5.html") CHECK(p["priority"] == true);
  }
}

TEST_CASE("one error model: a report that cannot be written is a run failure (exit 3) after the crawl", "[cli][errors]") {
  // /dev/full accepts the open and fails the write: found only when the report is written.
  const Run r = run_sitegraph("audit '" + kFixture + "' --base-url http://fixture.test/ -f json -o /dev/full");
  CHECK(r.code == 3);
  CHECK_THAT(r.err, Catch::Contains("sitegraph: error: cannot write the json report to /dev/full"));
}

TEST_CASE("one error model: an unknown key in the config file names the file, the line and the key, not CLI11's words", "[cli][errors][config]") {
  const fs::path config = temp_dir() / "bad.toml";
  std::ofstream(config) << "[audit]\nmax-pages = 5\nbogus = 1\n";
  const Run r = run_sitegraph("--config '" + config.string() + "' audit '" + kFixture + "' --base-url http://fixture.test/");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("sitegraph: error: config file " + config.string() + " line 3: 'audit.bogus' is not a setting"));
  CHECK_THAT(r.err, !Catch::Contains("INI was not able"));
  // A value of the wrong type in the file: the file, the line and the key, not the flag's words.
  std::ofstream(config) << "# the site's budgets\n[audit]\n\nmax-pages = \"many\"\n";
  const Run typed = run_sitegraph("--config '" + config.string() + "' audit '" + kFixture + "' --base-url http://fixture.test/");
  CHECK(typed.code == 2);
  CHECK_THAT(typed.err, Catch::Contains("sitegraph: error: config file " + config.string() +
                                        " line 4: 'audit.max-pages' = many is not a value --max-pages takes"));
  // The same value on the command line is the command line's error, whatever the file holds.
  const Run flag = run_sitegraph("--config '" + config.string() + "' audit '" + kFixture + "' --base-url http://fixture.test/ --max-pages lots");
  CHECK(flag.code == 2);
  CHECK_THAT(flag.err, Catch::Contains("--max-pages = lots"));
  CHECK_THAT(flag.err, !Catch::Contains("config file"));
  // A value out of range in the file, and the command's own section before another's.
  std::ofstream(config) << "[crawl]\nconcurrency = 4\n[audit]\nconcurrency = 5000\n";
  const Run range = run_sitegraph("--config '" + config.string() + "' audit '" + kFixture + "' --base-url http://fixture.test/");
  CHECK(range.code == 2);
  CHECK_THAT(range.err, Catch::Contains("config file " + config.string() + " line 4: 'audit.concurrency': Value 5000 not in range"));
  // A short flag on the command line is the command line's, whatever the file holds.
  std::ofstream(config) << "[audit]\nconcurrency = 8\n";
  for (const char* given : {"-c lots", "-clots", "--concurrency=lots"}) {
    INFO(given);
    const Run short_flag = run_sitegraph("--config '" + config.string() + "' audit '" + kFixture + "' --base-url http://fixture.test/ " + given);
    CHECK(short_flag.code == 2);
    CHECK_THAT(short_flag.err, !Catch::Contains("config file"));
  }
}

TEST_CASE("one error model: a snapshot cut short is a usage error (exit 2) in every command, named and prefixed", "[cli][errors]") {
  const fs::path snapshot = temp_dir() / "whole.jsonl.gz";
  REQUIRE(run_sitegraph("audit '" + kFixture + "' --base-url http://fixture.test/ --save-snapshot '" + snapshot.string() + "'").code == 0);
  // Cut it: the gzip stream ends early.
  const fs::path cut = temp_dir() / "cut.jsonl.gz";
  {
    std::ifstream in(snapshot, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(bytes.size() > 200);
    std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  }
  const std::string file = "'" + cut.string() + "'";
  for (const std::string& command : {"audit " + file, "export " + file + " -f dot", "diff " + file + " " + file,
                                     "audit '" + kFixture + "' --base-url http://fixture.test/ --since " + file,
                                     "audit '" + kFixture + "' --base-url http://fixture.test/ --baseline " + file}) {
    INFO(command);
    const Run r = run_sitegraph(command);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::StartsWith("sitegraph: error: ") || Catch::Contains("\nsitegraph: error: "));
    CHECK_THAT(r.err, Catch::Contains(cut.string()));
    CHECK_THAT(r.err, !Catch::Contains("json.exception"));
  }
}

TEST_CASE("one error model: a flag of another command names the command that has it", "[cli][errors]") {
  const Run crawl = run_sitegraph("crawl '" + kFixture + "' --base-url http://fixture.test/ -o '" + (temp_dir() / "s.jsonl.gz").string() +
                                  "' --fail-on broken-link");
  CHECK(crawl.code == 2);
  CHECK_THAT(crawl.err, Catch::Contains("sitegraph: error: 'sitegraph crawl' has no option --fail-on; it is an option of sitegraph audit"));
  CHECK_THAT(crawl.err, Catch::Contains("'sitegraph audit SNAPSHOT --fail-on ...' judges it"));
  CHECK_THAT(crawl.err, !Catch::Contains("were not expected"));
  const Run robots = run_sitegraph("robots http://127.0.0.1:9/ /x --max-pages=3");
  CHECK(robots.code == 2);
  CHECK_THAT(robots.err, Catch::Contains("'sitegraph robots' has no option --max-pages; it is an option of sitegraph audit and crawl"));
  // A flag no command has keeps CLI11's words.
  const Run unknown = run_sitegraph("robots http://127.0.0.1:9/ /x --no-such-flag");
  CHECK(unknown.code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("--no-such-flag"));
}

TEST_CASE("a broken ./sitegraph.toml does not hide --help and --version, and still fails a real run", "[cli][errors][config]") {
  const fs::path dir = temp_dir() / "broken-config";
  fs::create_directories(dir);
  std::ofstream(dir / "sitegraph.toml") << "[audit]\nbogus = 1\n";
  // ./sitegraph.toml is read from the working directory: run there.
  const auto run_in = [&](const std::string& args) { return run_sitegraph_in(dir, args); };
  const Run version = run_in("--version");
  CHECK(version.code == 0);
  CHECK_THAT(version.out, Catch::StartsWith("sitegraph "));
  const Run help = run_in("audit --help");
  CHECK(help.code == 0);
  CHECK_THAT(help.out, Catch::Contains("Usage: sitegraph audit"));
  const Run audit = run_in("audit '" + kFixture + "' --base-url http://fixture.test/");
  CHECK(audit.code == 2);
  CHECK_THAT(audit.err, Catch::Contains("config file sitegraph.toml line 2: 'audit.bogus' is not a setting"));
}

TEST_CASE("an unknown command is named with the list of commands, and config alone dumps the settings", "[cli][errors]") {
  const Run bogus = run_sitegraph("bogus");
  CHECK(bogus.code == 2);
  CHECK_THAT(bogus.err, Catch::Contains("sitegraph: error: 'bogus' is not a command; the commands are audit, crawl"));
  const Run config = run_sitegraph("config");
  CHECK(config.code == 0);
  CHECK_THAT(config.out, Catch::Contains("effective settings"));
}

TEST_CASE("sitegraph crawl takes the crawl settings of the config file's [audit] section, the command line wins", "[cli][config]") {
  const fs::path dir = temp_dir() / "audit-section";
  fs::create_directories(dir);
  std::ofstream(dir / "sitegraph.toml") << "[audit]\nmax-pages = 3\n";
  const std::string crawl = "crawl '" + kFixture + "' --base-url http://fixture.test/ -o '" + (dir / "s.jsonl.gz").string() + "'";
  const Run from_config = run_sitegraph_in(dir, crawl);
  CHECK(from_config.code == 0);
  CHECK_THAT(from_config.err, Catch::Contains("incomplete (max-pages)"));
  const Run from_flag = run_sitegraph_in(dir, crawl + " --max-pages 0");  // 0: no limit
  CHECK(from_flag.code == 0);
  CHECK_THAT(from_flag.err, !Catch::Contains("incomplete"));
}

TEST_CASE("outputs that cannot be written are refused before the crawl, with the reason", "[cli][errors][outputs]") {
  // procfs takes no new files, even from root (whom access() would let through).
  const Run proc = run_sitegraph("audit '" + kFixture + "' --base-url http://fixture.test/ -f json -o /proc/report.json");
  CHECK(proc.code == 2);
  CHECK_THAT(proc.err, Catch::Contains("-o /proc/report.json: the folder /proc cannot be written"));
  CHECK_THAT(proc.err, !Catch::Contains("crawling"));
  const fs::path file = temp_dir() / "not-a-folder";
  std::ofstream(file) << "x";
  const Run history = run_sitegraph("audit '" + kFixture + "' --base-url http://fixture.test/ --history '" + file.string() + "'");
  CHECK(history.code == 2);
  CHECK_THAT(history.err, Catch::Contains("it is a file, not a folder"));
  CHECK_THAT(history.err, !Catch::Contains("crawling"));
}

TEST_CASE("crawl scope: excluded URLs are recorded, never fetched or broken, and make whole-graph findings inconclusive", "[cli][scope]") {
  const std::string base = "audit '" + kFixture + "' --base-url http://fixture.test/";
  const Run r = run_sitegraph(base + " --exclude '/deep/*' --format json");
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  CHECK(report["crawl"]["scope"]["exclude"] == nlohmann::json::array({"/deep/*"}));
  CHECK(report["crawl"]["scope"]["no_parent"].is_null());
  std::size_t deep = 0;
  for (const auto& p : report["pages"]) {
    const std::string url = p["url"];
    if (url.find("/deep/") == std::string::npos) continue;
    ++deep;
    CHECK(p["status"] == "excluded");
  }
  CHECK(deep == 5);  // d1 is linked, d2-d5 are in the sitemap: all left out
  CHECK(report["summary"]["excluded"] == 5);
  bool whole_graph_finding = false;
  for (const auto& f : report["findings"]) {
    INFO(f.dump());
    CHECK(f.dump().find("/deep/") == std::string::npos);  // no broken link, no deep-page
    if (f["rule"] == "single-inlink") {
      whole_graph_finding = true;
      CHECK(f["inconclusive"] == true);  // the excluded pages' links are unknown
    }
    if (f["rule"] == "broken-link") CHECK(f["inconclusive"] == false);
  }
  CHECK(whole_graph_finding);

  // --start in the folder with --no-parent: only /section/ is crawled, the rest is excluded.
  const Run section = run_sitegraph(base + " --start section/ --no-parent");
  CHECK(section.code == 0);
  CHECK_THAT(section.out, Catch::Contains("start http://fixture.test/section/"));
  CHECK_THAT(section.out, Catch::Contains("scope              --no-parent /section/"));
  CHECK_THAT(section.out, Catch::Contains("12 excluded"));

  // Mistakes are usage errors that say what to write instead.
  const Run never = run_sitegraph(base + " --include 'deep/*'");
  CHECK(never.code == 2);
  CHECK_THAT(never.err, Catch::Contains("can never match") && Catch::Contains("/deep/*"));
  const Run outside = run_sitegraph(base + " --exclude '/section/*' --start section/");
  CHECK(outside.code == 2);
  CHECK_THAT(outside.err, Catch::Contains("outside the crawl scope"));
  const Run other_host = run_sitegraph(base + " --start http://elsewhere.test/");
  CHECK(other_host.code == 2);
  CHECK_THAT(other_host.err, Catch::Contains("is not a page of"));
}

TEST_CASE("crawl and audit count the same links: <a> and <area>, the other edges apart", "[cli][crawl]") {
  const fs::path snapshot = temp_dir() / "links-count.jsonl.gz";
  const Run crawl = run_sitegraph("crawl '" + kFixture + "' --base-url http://fixture.test/ -o '" + snapshot.string() + "'");
  REQUIRE(crawl.code == 0);
  const auto report = nlohmann::json::parse(run_sitegraph("audit '" + snapshot.string() + "' -f json").out);
  const std::size_t links = report["summary"]["links"];
  CHECK_THAT(crawl.err, Catch::Contains(", " + std::to_string(links) + " links, "));
}

TEST_CASE("check-resources reads the site's style sheets: @import, url() and icons are checked", "[cli][resources]") {
  const fs::path site = temp_dir() / "css-site";
  fs::remove_all(site);
  fs::create_directories(site / "css" / "img");
  const auto write = [&](const std::string& name, const std::string& text) { std::ofstream(site / name) << text; };
  write("index.html",
        "<html><head><link rel=\"shortcut icon\" href=/favicon.ico><link rel=stylesheet href=css/site.css>\n"
        "<style>h1{background:url(/css/img/missing-inline.png)}</style></head>\n"
        "<body><h1 style=\"background:url(css/img/ok.png)\">Home</h1><a href=about.html>About</a></body></html>");
  write("about.html", "<html><body><a href=/>Home</a></body></html>");
  write("css/site.css", "@import \"more.css\";\n/* url(commented.png) */\nbody { background: url(img/ok.png) }\n"
                        "@font-face { src: url('../fonts/missing.woff2') format('woff2') }\n");
  write("css/more.css", "p { background: url(/gone.png) } q { background: url(data:image/png;base64,AAAA) }\n");
  write("css/img/ok.png", "png");
  const Run r = run_sitegraph("audit '" + site.string() + "' --base-url https://css.test/ --check-resources -f json");
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  std::set<std::pair<std::string, std::string>> broken;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "broken-resource") broken.emplace(f["url"], f["target"]);
  }
  CHECK(broken == std::set<std::pair<std::string, std::string>>{
                      {"https://css.test/", "https://css.test/favicon.ico"},
                      {"https://css.test/", "https://css.test/css/img/missing-inline.png"},
                      {"https://css.test/css/site.css", "https://css.test/fonts/missing.woff2"},
                      {"https://css.test/css/more.css", "https://css.test/gone.png"}});
  // Without --check-resources nothing of it is requested.
  const auto plain = nlohmann::json::parse(run_sitegraph("audit '" + site.string() + "' --base-url https://css.test/ -f json").out);
  for (const auto& f : plain["findings"]) CHECK(f["rule"] != "broken-resource");
}

TEST_CASE("an input file flag names what is wrong with the path: missing, a folder", "[cli][errors]") {
  const std::string base = "audit '" + kFixture + "' --base-url http://fixture.test/ ";
  const Run missing = run_sitegraph(base + "--backlinks /no/such/backlinks.csv");
  CHECK(missing.code == 2);
  CHECK_THAT(missing.err, Catch::Contains("--backlinks: cannot read /no/such/backlinks.csv: no such file"));
  const Run folder = run_sitegraph(base + "--urls '" + kFixture + "'");
  CHECK(folder.code == 2);
  CHECK_THAT(folder.err, Catch::Contains(": a folder, not a file"));
  const Run diff = run_sitegraph("diff /no/such/a.json /no/such/b.json");
  CHECK(diff.code == 2);
  CHECK_THAT(diff.err, Catch::Contains("/no/such/a.json: no such file"));
}

TEST_CASE("a folder audit finds orphan files without a sitemap, and leaves error pages, hidden and excluded files alone", "[cli][folder][orphan]") {
  const fs::path site = temp_dir() / "orphan-files";
  fs::remove_all(site);
  fs::create_directories(site / "docs");
  fs::create_directories(site / ".git");
  std::ofstream(site / "index.html") << "<a href=docs/>Docs</a>";
  std::ofstream(site / "docs" / "index.html") << "<a href=../>Home</a>";
  std::ofstream(site / "docs" / "forgotten page.html") << "<p>Notes nobody links to. <a href=../>Home</a>";
  std::ofstream(site / "404.html") << "not found";
  std::ofstream(site / "google1a2b3c4d5e6f7a8b.html") << "google-site-verification";
  std::ofstream(site / ".git" / "notes.html") << "x";
  std::ofstream(site / "drafts.html") << "draft";
  const Run r = run_sitegraph("audit '" + site.string() + "' --base-url https://t.test/ --exclude '/drafts*' --format json --fail-on orphan-page");
  CHECK(r.code == 1);
  const auto report = nlohmann::json::parse(r.out);
  std::map<std::string, std::string> orphans;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "orphan-page") orphans[f["url"].get<std::string>()] = f["message"].get<std::string>();
  }
  CHECK(orphans == std::map<std::string, std::string>{
                       {"https://t.test/docs/forgotten%20page.html", "a file of the folder but not linked from any crawled page"}});
  std::size_t in_folder = 0;
  for (const auto& p : report["pages"]) in_folder += p["in_folder"].get<bool>() ? 1 : 0;
  CHECK(in_folder == 3);  // /, /docs/, the forgotten page; /docs/index.html is /docs/
  const Run text = run_sitegraph("audit '" + site.string() + "' --base-url https://t.test/ --exclude '/drafts*'");
  CHECK_THAT(text.out, Catch::Contains("orphan pages       1\n"));
}

TEST_CASE("a folder without a start page says the file is missing and how to start elsewhere", "[cli][folder][errors]") {
  const fs::path site = temp_dir() / "no-index";
  fs::remove_all(site);
  fs::create_directories(site);
  std::ofstream(site / "about.html") << "<a href=contact.html>Contact</a>";
  const Run r = run_sitegraph("audit '" + site.string() + "' --base-url https://n.test/");
  CHECK(r.code == 3);
  CHECK_THAT(r.err, Catch::Contains("the start URL https://n.test/ answered HTTP 404: the folder has no file for it "
                                    "(a folder URL is its index.html); give --start PAGE"));
  CHECK(run_sitegraph("audit '" + site.string() + "' --base-url https://n.test/ --start about.html -q").code == 0);
}
