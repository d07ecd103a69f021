// The folder fetcher serves a built site as a web server would and never reads outside it.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <vector>

#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/fetch.hpp"

namespace fs = std::filesystem;
using namespace sitegraph;

namespace {

struct TempSite {
  fs::path root;
  TempSite() {
    root = fs::temp_directory_path() / ("sitegraph-folder-test-" + std::to_string(getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "site" / "docs");
    write("site/index.html", "<a href=/docs/>docs</a>");
    write("site/docs/index.html", "docs");
    write("site/about.html", "about");
    write("site/_redirects", "# comment\n/old /about.html 301\n/temp /docs/ 302\n/rewrite /about.html 200\n");
    write("secret.html", "outside the site");
    fs::create_symlink(root / "secret.html", root / "site" / "link.html");
  }
  ~TempSite() { fs::remove_all(root); }
  void write(const std::string& rel, const std::string& text) const { std::ofstream(root / rel) << text; }
};

// The responses of the next poll that returns any; none within 10 s fails the test (a folder
// answers at once).
std::vector<FetchResponse> next_responses(Fetcher& f) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    auto done = f.poll(std::chrono::milliseconds(10));
    if (!done.empty()) return done;
    if (std::chrono::steady_clock::now() >= deadline) FAIL("the folder fetcher answered nothing in 10 s");
  }
}

FetchResponse fetch(Fetcher& f, const std::string& url) {
  f.submit({url, 7, BodyPolicy::kHtmlOnly});
  return next_responses(f).front();
}

}  // namespace

TEST_CASE("folder: a directory URL serves its index.html, a bare directory answers 301 with the slash", "[fetch][folder]") {
  TempSite site;
  auto f = make_folder_fetcher(site.root / "site", "https://example.com/", {});
  const auto home = fetch(*f, "https://example.com/");
  CHECK(home.status == 200);
  CHECK(home.content_type == "text/html");
  CHECK(home.body == "<a href=/docs/>docs</a>");
  CHECK(home.tag == 7);
  const auto bare = fetch(*f, "https://example.com/docs");
  CHECK(bare.status == 301);
  CHECK(bare.location == "https://example.com/docs/");
  CHECK(fetch(*f, "https://example.com/docs/").status == 200);
  CHECK(fetch(*f, "https://example.com/about").status == 200);  // about.html, as static hosts serve it
  CHECK(fetch(*f, "https://example.com/nope.html").status == 404);
}

TEST_CASE("folder: _redirects answers 301/302 and ignores 200 rewrites", "[fetch][folder]") {
  TempSite site;
  auto f = make_folder_fetcher(site.root / "site", "https://example.com/", {});
  const auto old = fetch(*f, "https://example.com/old");
  CHECK(old.status == 301);
  CHECK(old.location == "https://example.com/about.html");
  CHECK(fetch(*f, "https://example.com/temp").status == 302);
  CHECK(fetch(*f, "https://example.com/rewrite").status == 404);
}

TEST_CASE("folder: nothing outside the folder is served (dot segments, encoded dots, symlinks)", "[fetch][folder][security]") {
  TempSite site;
  auto f = make_folder_fetcher(site.root / "site", "https://example.com/", {});
  for (const char* url : {"https://example.com/../secret.html", "https://example.com/%2e%2e/secret.html",
                          "https://example.com/docs/%2E%2E/%2E%2E/secret.html", "https://example.com/..%2fsecret.html"}) {
    INFO(url);
    const auto r = fetch(*f, url);
    CHECK(r.status == 404);
    CHECK(r.body.empty());
  }
  // A symlink out of the folder is not read, and not called missing either: a web server
  // serving the folder follows it (Debian's doc packages link _static/jquery.js out).
  const auto link = fetch(*f, "https://example.com/link.html");
  CHECK(link.outcome == FetchOutcome::kNotFetched);
  CHECK(link.body.empty());
  CHECK_THAT(link.error, Catch::Contains("secret.html, outside the folder: not read"));
}

TEST_CASE("folder: only the base URL's host is in the folder, over http or https, other sites are never a 404", "[fetch][folder]") {
  TempSite site;
  auto f = make_folder_fetcher(site.root / "site", "https://example.com/", {});
  // The other scheme of the folder's host is the same site: a redirect to the base URL's scheme,
  // as a deployed https site answers, never a second copy of every page.
  const auto http = fetch(*f, "http://example.com/about.html?x=1");
  CHECK(http.status == 301);
  CHECK(http.location == "https://example.com/about.html?x=1");
  CHECK(fetch(*f, "https://example.com/about.html").status == 200);
  auto plain = make_folder_fetcher(site.root / "site", "http://example.com/", {});
  const auto https = fetch(*plain, "https://example.com/");
  CHECK(https.status == 301);
  CHECK(https.location == "http://example.com/");
  // A folder cannot tell whether another site has a URL (--check-external, --check-resources).
  for (const char* url : {"https://example.com.evil.test/about.html", "https://example.com:8443/about.html",
                          "http://upload.wikimedia.org/a.png"}) {
    INFO(url);
    const auto r = fetch(*f, url);
    CHECK(r.outcome == FetchOutcome::kNotFetched);
    CHECK(r.status == 0);
    CHECK(r.error == "another site: not in the folder");
  }
}

TEST_CASE("folder: a URL above the --base-url path is not fetched, never a 404", "[fetch][folder]") {
  TempSite site;
  auto f = make_folder_fetcher(site.root / "site", "https://example.com/3.11/", {});
  CHECK(fetch(*f, "https://example.com/3.11/about.html").status == 200);
  for (const char* url : {"https://example.com/", "https://example.com/dev/about.html", "https://example.com/3.1/x"}) {
    INFO(url);
    const auto r = fetch(*f, url);
    CHECK(r.outcome == FetchOutcome::kNotFetched);
    CHECK(r.error == "outside the folder (above /3.11/)");
  }
}

TEST_CASE("folder: a page over the size limit is too-large, robots-style requests are truncated", "[fetch][folder]") {
  TempSite site;
  site.write("site/big.html", std::string(5000, 'x'));
  FetchOptions options;
  options.max_body_bytes = 1000;
  auto f = make_folder_fetcher(site.root / "site", "https://example.com/", options);
  CHECK(fetch(*f, "https://example.com/big.html").outcome == FetchOutcome::kTooLarge);
  f->submit({"https://example.com/big.html", 1, BodyPolicy::kAny, 100, true});
  const std::vector<FetchResponse> got = next_responses(*f);
  CHECK(got.front().outcome == FetchOutcome::kResponse);
  CHECK(got.front().body.size() == 100);
}

TEST_CASE("folder: the file a URL is served from is its document key, so two spellings of one file are known", "[fetch][folder]") {
  TempSite site;
  auto f = make_folder_fetcher(site.root / "site", "https://example.com/", {});
  const std::string docs = f->document_key("https://example.com/docs/");
  CHECK_FALSE(docs.empty());
  CHECK(f->document_key("https://example.com/docs/index.html") == docs);
  CHECK(f->document_key("https://example.com/about") == f->document_key("https://example.com/about.html"));
  CHECK(f->document_key("https://example.com/about.html") != docs);
  for (const char* url : {"https://example.com/docs", "https://example.com/nope.html", "https://example.com/old",
                          "http://example.com/docs/", "https://other.test/docs/", "https://example.com/link.html"}) {
    INFO(url);  // a redirect, a 404, the other scheme (a redirect), another site, a symlink out
    CHECK(f->document_key(url).empty());
  }
}

// DocBook and Hugo output: pages link a folder both as "docs/" and "docs/index.html", a
// folder's index.html is a symlink to its first chapter, and an https site's pages carry
// absolute http:// links to themselves. The folder is one site with one page per file.
TEST_CASE("folder crawl: one file is one page, and the http:// spelling of an https site is a redirect, not a second site", "[fetch][folder][crawl]") {
  TempSite site;
  fs::create_directories(site.root / "site" / "guide");
  site.write("site/index.html",
             "<a href=docs/>Docs</a> <a href=docs/index.html>Documentation</a> <a href=http://example.com/about.html>About</a>"
             " <a href=guide/>Guide</a>");
  site.write("site/about.html", "<a href=/index.html>Home</a> <a href=http://example.com/guide/intro.html>Intro</a>");
  site.write("site/guide/intro.html", "<a href=https://example.com/>Home</a>");
  fs::create_symlink("intro.html", site.root / "site" / "guide" / "index.html");
  auto f = make_folder_fetcher(site.root / "site", "https://example.com/", {});
  CrawlOptions o;
  o.start_url = "https://example.com/";
  o.use_sitemaps = false;
  const CrawlResult r = crawl_site(*f, o);
  std::set<std::string> pages;
  for (UrlId id = 0; id < r.graph.size(); ++id) {
    if (r.graph.page(id).fetched_html) pages.insert(std::string(r.graph.url(id)));
  }
  CHECK(pages == std::set<std::string>{"https://example.com/", "https://example.com/docs/", "https://example.com/about.html",
                                       "https://example.com/guide/"});
  std::map<std::string, std::string> folded;
  for (const FoldedUrl& u : r.folded) folded[u.url] = r.graph.url(u.page);
  CHECK(folded == std::map<std::string, std::string>{{"https://example.com/docs/index.html", "https://example.com/docs/"},
                                                     {"https://example.com/index.html", "https://example.com/"},
                                                     {"https://example.com/guide/intro.html", "https://example.com/guide/"}});
  const UrlId http_about = r.graph.find("http://example.com/about.html");
  REQUIRE(http_about != kNoUrl);
  CHECK(r.graph.page(http_about).status == 301);
  CHECK(r.graph.url(r.graph.page(http_about).redirect_to) == "https://example.com/about.html");
  // The http:// link to the intro chapter ends at the page it is, through the redirect.
  const UrlId http_intro = r.graph.find("http://example.com/guide/intro.html");
  REQUIRE(http_intro != kNoUrl);
  CHECK(r.graph.url(r.graph.page(http_intro).redirect_to) == "https://example.com/guide/");
  // The http:// links are insecure-link findings, one per (page, target).
  std::set<std::pair<std::string, std::string>> insecure;
  for (const Finding& x : audit_site(r).findings) {
    if (x.rule == "insecure-link") insecure.emplace(r.graph.url(x.url), r.graph.url(x.target));
  }
  CHECK(insecure == std::set<std::pair<std::string, std::string>>{
                        {"https://example.com/", "http://example.com/about.html"},
                        {"https://example.com/about.html", "http://example.com/guide/intro.html"}});
  // Both links on the home page to the docs folder land on one page.
  const UrlId docs = r.graph.find("https://example.com/docs/");
  CHECK(std::count_if(r.graph.links().begin(), r.graph.links().end(), [&](const Link& l) { return l.target == docs; }) == 2);
}
