// `sitegraph crawl --resume`: a crawl killed with SIGKILL mid-way and resumed ends with the
// same graph as an uninterrupted crawl, without fetching the journaled pages again.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <tuple>

#include "local_server.hpp"
#include "run_program.hpp"
#include "sitegraph/snapshot.hpp"

namespace fs = std::filesystem;
using sitegraph::testing::run_sitegraph;
using sitegraph::testing::temp_dir;

namespace {

constexpr int kPages = 200;

// A site of kPages pages (a crawl at two transfers takes two to three seconds against this
// server, long enough to be killed mid-way): a tree of pages with cross links, redirects, broken links, nofollow and external
// links, canonicals, an invalid href, and an orphan only the sitemap names.
class SlowSite {
 public:
  SlowSite() {
    server_.http().Get(R"(/p/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      const int n = std::stoi(req.matches[1]);
      if (n >= kPages) {
        res.status = 404;
        return;
      }
      ++requests_;
      std::string html = "<html><head><title>Page " + std::to_string(n) + "</title>";
      if (n % 40 == 3) html += "<link rel=canonical href=/p/" + std::to_string(n - 1) + ">";
      html += "</head><body><nav><a href=/>Home</a></nav><main>";
      for (const int child : {2 * n + 1, 2 * n + 2, (n * 7 + 13) % kPages}) {
        if (child < kPages) html += "<a href=/p/" + std::to_string(child) + ">page " + std::to_string(child) + "</a> ";
      }
      if (n % 50 == 7) html += "<a href=/r/" + std::to_string(n) + ">moved</a> <a href=/missing/" + std::to_string(n) + ">gone</a>";
      if (n % 60 == 9) html += "<a rel=nofollow href=/p/" + std::to_string((n + 1) % kPages) + ">nf</a> <a href=http://localhost:1/x>out</a>";
      if (n == 5) html += "<a href='http://[bad'>bad</a>";
      html += "</main><footer><a href=/p/0>first</a></footer></body></html>";
      res.set_content(html, "text/html");
    });
    server_.http().Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<title>Home</title><a href=/p/0>start</a>", "text/html");
    });
    server_.http().Get(R"(/r/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      res.set_redirect("/p/" + std::string(req.matches[1]), 301);
    });
    server_.http().Get("/orphan", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<title>Orphan</title>nobody links here", "text/html");
    });
    server_.http().Get("/robots.txt", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content("User-agent: *\nDisallow: /private/\nSitemap: " + server_.origin() + "/sitemap.xml\n", "text/plain");
    });
    server_.http().Get("/sitemap.xml", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>" + server_.origin() +
                          "/orphan</loc></url><url><loc>" + server_.origin() + "/p/1</loc></url></urlset>",
                      "application/xml");
    });
    server_.start();
  }

  [[nodiscard]] std::string url() const { return server_.origin() + "/"; }
  [[nodiscard]] int page_requests() const { return requests_.load(); }

 private:
  sitegraph::testing::LocalServer server_;
  std::atomic<int> requests_{0};
};

using PageKey = std::tuple<std::string, bool, std::string, int, bool, bool, std::string, std::string, std::string>;
using LinkKey = std::tuple<std::string, std::string, int, int, int, std::uint32_t, std::string>;

// The graph of a snapshot by URL, independent of the ids a crawl happened to give.
std::pair<std::set<PageKey>, std::multiset<LinkKey>> graph_of(const fs::path& snapshot) {
  const sitegraph::CrawlResult crawl = sitegraph::read_snapshot(snapshot);
  const sitegraph::SiteGraph& g = crawl.graph;
  auto url_or_empty = [&](sitegraph::UrlId id) { return id == sitegraph::kNoUrl ? std::string() : std::string(g.url(id)); };
  std::set<PageKey> pages;
  for (sitegraph::UrlId id = 0; id < g.size(); ++id) {
    const sitegraph::Page& p = g.page(id);
    pages.emplace(std::string(g.url(id)), p.internal, std::string(sitegraph::outcome_name(p.outcome)), p.status, p.fetched_html,
                  p.in_sitemap, url_or_empty(p.redirect_to), url_or_empty(p.canonical), g.text(id).title);
  }
  std::multiset<LinkKey> links;
  for (const sitegraph::Link& l : g.links()) {
    links.emplace(std::string(g.url(l.source)), std::string(g.url(l.target)), static_cast<int>(l.kind), l.rel,
                  static_cast<int>(l.placement), l.line, std::string(g.anchor(l.anchor)));
  }
  return {pages, links};
}

}  // namespace

TEST_CASE("crawl --resume after kill -9 mid-crawl ends with the graph of an uninterrupted crawl", "[cli][resume]") {
  SlowSite site;
  const fs::path dir = temp_dir() / "resume";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path whole = dir / "whole.jsonl.gz";
  const fs::path resumed = dir / "resumed.jsonl.gz";
  const fs::path state = dir / "state";
  const std::string flags = " --per-host 2 --concurrency 2 --check-external --retries 0";

  const auto uninterrupted = run_sitegraph("-q crawl " + site.url() + " -o '" + whole.string() + "'" + flags);
  REQUIRE(uninterrupted.code == 0);
  const int whole_requests = site.page_requests();
  REQUIRE(whole_requests == kPages);

  // The same crawl with a journal, killed without warning once a few checkpoints are on disk.
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string url = site.url();
    const std::string out = resumed.string();
    const std::string journal = state.string();
    execl(SITEGRAPH_BINARY, "sitegraph", "-q", "crawl", url.c_str(), "-o", out.c_str(), "--resume", journal.c_str(),
          "--checkpoint-every", "0.1", "--per-host", "2", "--concurrency", "2", "--check-external", "--retries", "0", static_cast<char*>(nullptr));
    _exit(127);
  }
  const fs::path journal = state / "crawl.journal";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::error_code ec;
  while (std::chrono::steady_clock::now() < deadline && (!fs::exists(journal, ec) || fs::file_size(journal, ec) < 3000)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE_FALSE(fs::exists(resumed));  // killed before the end
  const int before_resume = site.page_requests();
  const int fetched_before_kill = before_resume - whole_requests;
  CHECK(fetched_before_kill > 0);
  CHECK(fetched_before_kill < kPages);

  const auto resume = run_sitegraph("crawl " + site.url() + " -o '" + resumed.string() + "' --resume '" + state.string() +
                                    "'" + flags);
  REQUIRE(resume.code == 0);
  CHECK_THAT(resume.err, Catch::Contains("--resume:"));
  const int fetched_after_resume = site.page_requests() - before_resume;
  CHECK(fetched_after_resume < kPages);  // the journaled pages were not fetched again
  CHECK_FALSE(fs::exists(journal));      // a completed crawl deletes its journal

  const auto [whole_pages, whole_links] = graph_of(whole);
  const auto [resumed_pages, resumed_links] = graph_of(resumed);
  CHECK(resumed_pages.size() == whole_pages.size());
  CHECK(resumed_pages == whole_pages);
  CHECK(resumed_links.size() == whole_links.size());
  CHECK(resumed_links == whole_links);
  const sitegraph::CrawlResult crawl = sitegraph::read_snapshot(resumed);
  CHECK(crawl.complete);
  CHECK(crawl.invalid_hrefs.size() == 1);

  // The snapshot audits like any other.
  const auto audit = run_sitegraph("audit '" + resumed.string() + "' -f json -o '" + (dir / "report.json").string() + "'");
  CHECK(audit.code == 0);
}

TEST_CASE("crawl --resume refuses a journal of another site, and crawl refuses what it cannot crawl", "[cli][resume]") {
  SlowSite site;
  const fs::path dir = temp_dir() / "resume-errors";
  fs::remove_all(dir);
  fs::create_directories(dir / "state");
  const fs::path snapshot = dir / "site.jsonl.gz";
  // A journal left by a crawl of another start URL.
  const auto first = run_sitegraph("-q crawl " + site.url() + " -o '" + snapshot.string() + "' --resume '" + (dir / "state").string() +
                                   "' --max-time 0.5 --per-host 2");
  REQUIRE(first.code == 0);
  REQUIRE(fs::exists(dir / "state" / "crawl.journal"));  // stopped by --max-time: journal kept
  const auto other = run_sitegraph("crawl http://127.0.0.1:1/ -o '" + snapshot.string() + "' --resume '" + (dir / "state").string() + "'");
  CHECK(other.code == 2);
  CHECK_THAT(other.err, Catch::Contains("holds a crawl of"));

  fs::create_directories(dir / "junk");
  std::ofstream(dir / "junk" / "crawl.journal") << "not gzip at all";
  const auto junk = run_sitegraph("crawl " + site.url() + " -o '" + snapshot.string() + "' --resume '" + (dir / "junk").string() + "'");
  CHECK(junk.code == 0);  // nothing whole in it: cut off, and the crawl starts afresh
  CHECK_THAT(junk.err, Catch::Contains("cut short"));

  // A crawl ended by --max-pages is finished: its journal goes, and the next run starts afresh.
  const auto limited = run_sitegraph("-q crawl " + site.url() + " -o '" + snapshot.string() + "' --resume '" +
                                     (dir / "limited").string() + "' --max-pages 5 --per-host 2");
  CHECK(limited.code == 0);
  CHECK_FALSE(fs::exists(dir / "limited" / "crawl.journal"));

  CHECK(run_sitegraph("crawl '" + snapshot.string() + "' -o '" + (dir / "again.jsonl.gz").string() + "'").code == 2);
  CHECK(run_sitegraph("crawl " + site.url() + " -o x.jsonl.gz --resume '" + (dir / "s2").string() + "' --warc x.warc.gz").code == 2);
  CHECK(run_sitegraph("crawl " + site.url()).code == 2);  // -o is required
}
