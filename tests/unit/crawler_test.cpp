// The crawl loop against a fake fetcher: crawl logic without sockets.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "analyze/passes.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"

using namespace sitegraph;

namespace {

// Answers from a table of URL -> response; records every URL requested.
class FakeFetcher final : public Fetcher {
 public:
  void page(const std::string& url, std::string html) {
    FetchResponse r;
    r.outcome = FetchOutcome::kResponse;
    r.status = 200;
    r.content_type = "text/html";
    r.body = std::move(html);
    table_[url] = std::move(r);
  }
  void text(const std::string& url, std::string body, const std::string& type = "text/plain") {
    page(url, std::move(body));
    table_[url].content_type = type;
  }
  void redirect(const std::string& url, const std::string& location, int status = 301) {
    FetchResponse r;
    r.outcome = FetchOutcome::kResponse;
    r.status = status;
    r.location = location;
    table_[url] = std::move(r);
  }
  void fail(const std::string& url, FetchOutcome outcome) { table_[url].outcome = outcome; }
  void link_header(const std::string& url, std::string value) { table_[url].link_header = std::move(value); }

  void submit(FetchRequest request) override { queue_.push_back(std::move(request)); }
  std::vector<FetchResponse> poll(std::chrono::milliseconds) override {
    std::vector<FetchResponse> out;
    for (FetchRequest& request : queue_) {
      requested.push_back(request.url);
      FetchResponse r;
      if (const auto it = table_.find(request.url); it != table_.end()) {
        r = it->second;
      } else if (!not_found_page.empty() && request.url.find("/robots.txt") == std::string::npos &&
                 request.url.find("sitemap") == std::string::npos) {
        r.outcome = FetchOutcome::kResponse;
        r.status = 200;  // a soft 404: "not found" with 200
        r.content_type = "text/html";
        r.body = not_found_page;
      } else {
        r.outcome = FetchOutcome::kResponse;
        r.status = 404;
      }
      r.url = request.url;
      r.tag = request.tag;
      out.push_back(std::move(r));
    }
    queue_.clear();
    return out;
  }
  [[nodiscard]] std::size_t pending() const override { return queue_.size(); }
  void wakeup() override {}
  void cancel_waiting() override { queue_.clear(); }

  std::vector<std::string> requested;
  std::string not_found_page;  // when set, unknown pages answer 200 with it (robots.txt and sitemaps still 404)

 private:
  std::map<std::string, FetchResponse> table_;
  std::vector<FetchRequest> queue_;
};

const Page& page_of(const CrawlResult& r, const std::string& url) {
  const UrlId id = r.graph.find(url);
  REQUIRE(id != kNoUrl);
  return r.graph.page(id);
}

CrawlOptions options_for(const std::string& start) {
  CrawlOptions o;
  o.start_url = start;
  o.user_agent = "sitegraph-test";
  o.parse_threads = 2;
  return o;
}

}  // namespace

TEST_CASE("the crawler follows links on the start host and records external ones without fetching", "[crawl]") {
  FakeFetcher f;
  f.page("https://site.test/", "<a href=/a>a</a><a href='https://other.test/x'>x</a>");
  f.page("https://site.test/a", "<a href=/>home</a><a href=/missing>m</a>");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  CHECK(r.complete);
  CHECK(page_of(r, "https://site.test/a").status == 200);
  CHECK(page_of(r, "https://site.test/missing").status == 404);
  CHECK_FALSE(page_of(r, "https://other.test/x").internal);
  CHECK(page_of(r, "https://other.test/x").outcome == FetchOutcome::kNotFetched);
  const std::set<std::string> requested(f.requested.begin(), f.requested.end());
  CHECK(requested.count("https://other.test/x") == 0);
  CHECK(std::count(f.requested.begin(), f.requested.end(), "https://site.test/a") == 1);
}

TEST_CASE("redirects are recorded hop by hop, never followed inside the fetcher", "[crawl][redirect]") {
  FakeFetcher f;
  f.page("https://site.test/", "<a href=/old>old</a>");
  f.redirect("https://site.test/old", "https://site.test/older");
  f.redirect("https://site.test/older", "https://site.test/new");
  f.page("https://site.test/new", "new");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  const SiteGraph& g = r.graph;
  CHECK(g.url(page_of(r, "https://site.test/old").redirect_to) == "https://site.test/older");
  CHECK(g.url(page_of(r, "https://site.test/older").redirect_to) == "https://site.test/new");
  CHECK(page_of(r, "https://site.test/new").fetched_html);
}

TEST_CASE("a start URL that redirects to another host brings that host into scope", "[crawl][scope]") {
  FakeFetcher f;
  f.redirect("http://site.test/", "https://www.site.test/");
  f.page("https://www.site.test/", "<a href=/about>about</a>");
  f.page("https://www.site.test/about", "about");
  const CrawlResult r = crawl_site(f, options_for("http://site.test/"));
  CHECK(page_of(r, "https://www.site.test/about").status == 200);
}

TEST_CASE("robots.txt disallowed URLs are recorded as robots-blocked, not fetched (RFC 9309 §2.2.2)", "[crawl][robots]") {
  FakeFetcher f;
  f.text("https://site.test/robots.txt", "User-agent: *\nDisallow: /private/\n");
  f.page("https://site.test/", "<a href=/private/x>x</a>");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  CHECK(page_of(r, "https://site.test/private/x").outcome == FetchOutcome::kRobotsBlocked);
  CHECK(std::count(f.requested.begin(), f.requested.end(), "https://site.test/private/x") == 0);
}

TEST_CASE("robots.txt 5xx disallows the whole site (RFC 9309 §2.3.1.4)", "[crawl][robots]") {
  FakeFetcher f;
  f.redirect("https://site.test/robots.txt", "", 503);
  f.page("https://site.test/", "home");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  CHECK(page_of(r, "https://site.test/").outcome == FetchOutcome::kRobotsBlocked);
  // Nothing but robots.txt is requested: not the start page, not /sitemap.xml.
  CHECK(std::set<std::string>(f.requested.begin(), f.requested.end()) == std::set<std::string>{"https://site.test/robots.txt"});
}

TEST_CASE("an unreachable host stops the crawl with the start URL's outcome", "[crawl]") {
  FakeFetcher f;
  f.fail("https://site.test/robots.txt", FetchOutcome::kConnectError);
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  CHECK_FALSE(r.complete);
  CHECK(page_of(r, "https://site.test/").outcome == FetchOutcome::kConnectError);
}

TEST_CASE("sitemap URLs from robots.txt are seeds and marked in_sitemap, sitemap indexes are followed", "[crawl][sitemap]") {
  FakeFetcher f;
  f.text("https://site.test/robots.txt", "Sitemap: https://site.test/index.xml\n");
  f.text("https://site.test/index.xml",
         "<sitemapindex><sitemap><loc>https://site.test/s1.xml</loc></sitemap></sitemapindex>", "application/xml");
  f.text("https://site.test/s1.xml",
         "<urlset><url><loc>https://site.test/orphan</loc></url><url><loc>https://elsewhere.test/x</loc></url></urlset>",
         "application/xml");
  f.page("https://site.test/", "home");
  f.page("https://site.test/orphan", "nobody links here");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  CHECK(page_of(r, "https://site.test/orphan").in_sitemap);
  CHECK(page_of(r, "https://site.test/orphan").status == 200);
  CHECK(r.graph.find("https://elsewhere.test/x") == kNoUrl);  // sitemaps.org: same host only
  REQUIRE(r.sitemaps.size() == 2);
}

TEST_CASE("without Sitemap: lines, /sitemap.xml is tried", "[crawl][sitemap]") {
  FakeFetcher f;
  f.text("https://site.test/sitemap.xml", "<urlset><url><loc>https://site.test/p</loc></url></urlset>");
  f.page("https://site.test/", "home");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  CHECK(page_of(r, "https://site.test/p").in_sitemap);
}

TEST_CASE("max-pages stops the crawl and marks it incomplete", "[crawl][limits]") {
  FakeFetcher f;
  f.page("https://site.test/", "<a href=/1>1</a><a href=/2>2</a><a href=/3>3</a>");
  CrawlOptions o = options_for("https://site.test/");
  o.max_pages = 2;
  const CrawlResult r = crawl_site(f, o);
  CHECK_FALSE(r.complete);
  CHECK(r.stop_reason == "max-pages");
  CHECK(r.requests == 2);
  CHECK(page_of(r, "https://site.test/3").outcome == FetchOutcome::kNotFetched);
}

TEST_CASE("max-depth bounds how far links are followed", "[crawl][limits]") {
  FakeFetcher f;
  f.page("https://site.test/", "<a href=/1>1</a>");
  f.page("https://site.test/1", "<a href=/2>2</a>");
  f.page("https://site.test/2", "two");
  CrawlOptions o = options_for("https://site.test/");
  o.max_depth = 1;
  const CrawlResult r = crawl_site(f, o);
  CHECK_FALSE(r.complete);
  CHECK(page_of(r, "https://site.test/1").status == 200);
  CHECK(page_of(r, "https://site.test/2").outcome == FetchOutcome::kNotFetched);
}

TEST_CASE("links resolve against <base href> and meta robots / X-Robots-Tag are kept on the page", "[crawl]") {
  FakeFetcher f;
  f.page("https://site.test/dir/", "<base href=/other/><meta name=robots content=noindex><a href=x>x</a>");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/dir/"));
  CHECK(r.graph.find("https://site.test/other/x") != kNoUrl);
  CHECK(page_of(r, "https://site.test/dir/").noindex);
}

TEST_CASE("a stop request ends the crawl early and marks it interrupted", "[crawl]") {
  FakeFetcher f;
  f.page("https://site.test/", "<a href=/1>1</a>");
  std::atomic<bool> stop{true};
  CrawlOptions o = options_for("https://site.test/");
  o.stop = &stop;
  const CrawlResult r = crawl_site(f, o);
  CHECK_FALSE(r.complete);
  CHECK(r.stop_reason == "interrupted");
}

TEST_CASE("after a start redirect to www, robots.txt and sitemaps are read on the new host", "[crawl][scope]") {
  FakeFetcher f;
  f.redirect("http://site.test/", "https://www.site.test/");
  f.text("https://www.site.test/robots.txt", "User-agent: *\nDisallow: /private/\nSitemap: https://www.site.test/sm.xml\n");
  f.text("https://www.site.test/sm.xml", "<urlset><url><loc>https://www.site.test/orphan</loc></url></urlset>");
  f.page("https://www.site.test/", "<a href=/private/p>p</a>");
  f.page("https://www.site.test/orphan", "o");
  const CrawlResult r = crawl_site(f, options_for("http://site.test/"));
  CHECK(page_of(r, "https://www.site.test/orphan").in_sitemap);
  CHECK(page_of(r, "https://www.site.test/private/p").outcome == FetchOutcome::kRobotsBlocked);
  CHECK(std::count(f.requested.begin(), f.requested.end(), "https://www.site.test/") == 1);
}

TEST_CASE("a start redirect to another site does not widen the crawl", "[crawl][scope]") {
  FakeFetcher f;
  f.redirect("https://site.test/", "https://login.other.test/sso");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  CHECK_FALSE(page_of(r, "https://login.other.test/sso").internal);
  CHECK(std::count(f.requested.begin(), f.requested.end(), "https://login.other.test/sso") == 0);
}

TEST_CASE("robots.txt redirecting more than five times means no restrictions (RFC 9309 §2.3.1.2)", "[crawl][robots]") {
  FakeFetcher f;
  for (int i = 0; i < 10; ++i) {
    f.redirect(i == 0 ? "https://site.test/robots.txt" : "https://site.test/r" + std::to_string(i),
               "https://site.test/r" + std::to_string(i + 1));
  }
  f.page("https://site.test/", "home");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  CHECK(page_of(r, "https://site.test/").status == 200);
}

TEST_CASE("a page on the start host is fetched once even when linked and in the sitemap", "[crawl]") {
  FakeFetcher f;
  f.text("https://site.test/sitemap.xml", "<urlset><url><loc>https://site.test/</loc></url><url><loc>https://site.test/a</loc></url></urlset>");
  f.page("https://site.test/", "<a href=/a>a</a><a href=/a#x>a again</a>");
  f.page("https://site.test/a", "<a href=/>home</a>");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  CHECK(std::count(f.requested.begin(), f.requested.end(), "https://site.test/") == 1);
  CHECK(std::count(f.requested.begin(), f.requested.end(), "https://site.test/a") == 1);
  CHECK(r.requests == 2);
}

TEST_CASE("an endless redirect chain is followed ten hops deep and no further", "[crawl][redirect]") {
  FakeFetcher f;
  f.page("https://site.test/", "<a href=/r/0>r</a>");
  for (int i = 0; i < 50; ++i) f.redirect("https://site.test/r/" + std::to_string(i), "https://site.test/r/" + std::to_string(i + 1));
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  CHECK(r.complete);
  // /r/0 is linked; ten hops reach /r/10, whose own redirect target is recorded, not fetched.
  CHECK(page_of(r, "https://site.test/r/10").status == 301);
  CHECK(page_of(r, "https://site.test/r/11").outcome == FetchOutcome::kNotFetched);
  CHECK(r.graph.find("https://site.test/r/12") == kNoUrl);
}

TEST_CASE("resources are recorded, never crawled as pages, --check-resources checks them", "[crawl][resources]") {
  FakeFetcher f;
  f.page("https://site.test/", "<img src=/missing.png><script src=/app.js></script><a href=/a>a</a>");
  f.page("https://site.test/a", "a");
  CrawlOptions o = options_for("https://site.test/");
  const CrawlResult plain = crawl_site(f, o);
  CHECK(page_of(plain, "https://site.test/missing.png").outcome == FetchOutcome::kNotFetched);
  CHECK(std::count(f.requested.begin(), f.requested.end(), "https://site.test/missing.png") == 0);
  o.check_resources = true;
  const CrawlResult checked = crawl_site(f, o);
  CHECK(page_of(checked, "https://site.test/missing.png").status == 404);
  CHECK_FALSE(page_of(checked, "https://site.test/app.js").fetched_html);
}

TEST_CASE("known pages: --urls entries and the previous crawl's pages are fetched and become orphans when unlinked", "[crawl][orphan]") {
  FakeFetcher before;
  before.page("https://s.test/", R"(<a href="/kept">k</a><a href="/dropped">d</a>)");
  before.page("https://s.test/kept", "<p>kept</p>");
  before.page("https://s.test/dropped", "<p>dropped</p>");
  CrawlOptions o;
  o.start_url = "https://s.test/";
  o.use_sitemaps = false;
  o.obey_robots = false;
  const CrawlResult previous = crawl_site(before, o);

  FakeFetcher now;  // the home page no longer links to /dropped
  now.page("https://s.test/", R"(<a href="/kept">k</a>)");
  now.page("https://s.test/kept", "<p>kept</p>");
  now.page("https://s.test/dropped", "<p>dropped</p>");
  now.page("https://s.test/landing", "<p>only in analytics</p>");
  o.previous = &previous;
  o.known_urls = {"https://s.test/landing", "https://elsewhere.test/x", "not a url"};
  const CrawlResult result = crawl_site(now, o);
  CHECK(page_of(result, "https://s.test/dropped").seen_before);
  CHECK(page_of(result, "https://s.test/landing").listed);
  CHECK(result.graph.find("https://elsewhere.test/x") == kNoUrl);
  std::set<std::string> orphans;
  for (const Finding& f : find_orphan_pages(result)) orphans.insert(std::string(result.graph.url(f.url)) + " " + f.message);
  CHECK(orphans == std::set<std::string>{
                       "https://s.test/dropped found by the previous crawl but not linked from any crawled page",
                       "https://s.test/landing in the --urls list but not linked from any crawled page"});
}

TEST_CASE("fragment links and page ids are recorded for broken-fragment, '#top' and '#' are never broken", "[crawl][fragment]") {
  FakeFetcher f;
  f.page("https://site.test/",
         "<h1 id=intro>x</h1><a href='/doc#usage'>u</a><a href='doc#gone'>g</a><a href='#intro'>i</a>"
         "<a href='#missing'>m</a><a href='#top'>t</a><a href='#'>e</a><a href='https://other.test/#gone'>o</a>");
  f.page("https://site.test/doc", "<h2 id=usage>Usage</h2><a href='/#missing'>m</a>");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  std::vector<std::string> broken;
  std::vector<std::uint32_t> counts;
  for (const Finding& x : audit_site(r).findings) {
    if (x.rule != "broken-fragment") continue;
    broken.push_back(std::string(r.graph.url(x.url)) + "#" + x.href);
    counts.push_back(x.count);
  }
  CHECK(broken == std::vector<std::string>{"https://site.test/#missing", "https://site.test/doc#gone"});
  CHECK(counts == std::vector<std::uint32_t>{2, 1});  // "#missing" on the page itself and "/#missing" on /doc
  CHECK(r.graph.find("https://site.test/#missing") == kNoUrl);  // the graph's URLs stay fragment-free
}

TEST_CASE("crawl scope: --exclude wins, --include limits the site's pages, --no-parent keeps to the folder", "[crawl][scope]") {
  const CrawlScope scope{{"/docs/*", "https://site.test/faq"}, {"/docs/old/*", "*.pdf"}, "/docs/"};
  CHECK(scope_exclusion(scope, "https://site.test/docs/a.html", true).empty());
  CHECK(scope_exclusion(scope, "https://site.test/docs/old/a.html", true) == "excluded by --exclude /docs/old/*");
  CHECK(scope_exclusion(scope, "https://site.test/docs/x.pdf", true) == "excluded by --exclude *.pdf");
  // A leading / matches the path and query: the query is part of it.
  CHECK(scope_exclusion({{}, {"/search*"}, ""}, "https://site.test/search?q=1", true) == "excluded by --exclude /search*");
  CHECK(scope_exclusion({{"/docs/*"}, {}, ""}, "https://site.test/blog/", true) == "matches no --include pattern");
  CHECK(scope_exclusion({{"https://site.test/faq"}, {}, ""}, "https://site.test/faq", true).empty());
  CHECK(scope_exclusion({{}, {}, "/docs/guide/"}, "https://site.test/docs/", true) ==
        "outside the start folder /docs/guide/ (--no-parent)");
  CHECK(scope_exclusion({{}, {}, "/docs/guide/"}, "https://site.test/docs/guide", true).empty());  // redirects to the folder
  CHECK(scope_exclusion({{}, {}, "/docs/guide/"}, "https://site.test/docs/guide/deep/x?y", true).empty());
  // Another site's URL: only --exclude concerns it (a check it spares), not --include or --no-parent.
  CHECK(scope_exclusion(scope, "https://other.test/", false).empty());
  CHECK(scope_exclusion(scope, "https://other.test/a.pdf", false) == "excluded by --exclude *.pdf");
  CHECK(url_folder("https://site.test/docs/guide/intro.html") == "/docs/guide/");
  CHECK(url_folder("https://site.test/docs/guide/") == "/docs/guide/");
  CHECK(url_folder("https://site.test/docs/guide?x=/a/") == "/docs/");
  CHECK(url_folder("https://site.test") == "/");
}

TEST_CASE("excluded URLs are recorded as excluded, never requested, and links to them are not broken", "[crawl][scope]") {
  FakeFetcher f;
  f.page("https://site.test/", "<a href=/a>a</a><a href=/old/b>b</a><a href='https://other.test/x.pdf'>x</a>");
  f.page("https://site.test/a", "<a href=/old/c>c</a>");
  CrawlOptions o = options_for("https://site.test/");
  o.scope.exclude = {"/old/*", "*.pdf"};
  o.check_external = true;
  const CrawlResult r = crawl_site(f, o);
  CHECK(r.complete);
  CHECK(page_of(r, "https://site.test/a").status == 200);
  for (const char* url : {"https://site.test/old/b", "https://site.test/old/c"}) {
    CHECK(page_of(r, url).outcome == FetchOutcome::kExcluded);
    CHECK(page_of(r, url).internal);
  }
  CHECK(page_of(r, "https://other.test/x.pdf").outcome == FetchOutcome::kExcluded);  // not checked either
  const std::set<std::string> requested(f.requested.begin(), f.requested.end());
  CHECK(requested.count("https://site.test/old/b") == 0);
  CHECK(requested.count("https://site.test/old/c") == 0);
  CHECK(requested.count("https://other.test/x.pdf") == 0);
  CHECK(r.scope.exclude == o.scope.exclude);
  CHECK(find_broken_links(r.graph).empty());
}

TEST_CASE("no-parent scope: sitemap URLs outside the start folder are excluded like links, and judged by no rule", "[crawl][scope]") {
  FakeFetcher f;
  f.text("https://site.test/sitemap.xml",
         "<urlset><url><loc>https://site.test/docs/guide/orphan.html</loc></url>"
         "<url><loc>https://site.test/blog/post.html</loc></url></urlset>",
         "application/xml");
  f.page("https://site.test/docs/guide/intro.html", "<a href=../api.html>api</a><a href=next.html>next</a>");
  f.page("https://site.test/docs/guide/next.html", "next");
  f.page("https://site.test/docs/guide/orphan.html", "nobody links here");
  CrawlOptions o = options_for("https://site.test/docs/guide/intro.html");
  o.scope.parent = url_folder(o.start_url);
  const CrawlResult r = crawl_site(f, o);
  CHECK(page_of(r, "https://site.test/docs/guide/next.html").status == 200);
  CHECK(page_of(r, "https://site.test/docs/guide/orphan.html").status == 200);
  CHECK(page_of(r, "https://site.test/docs/api.html").outcome == FetchOutcome::kExcluded);
  const Page& post = page_of(r, "https://site.test/blog/post.html");
  CHECK(post.outcome == FetchOutcome::kExcluded);
  CHECK(post.in_sitemap);
  const std::set<std::string> requested(f.requested.begin(), f.requested.end());
  CHECK(requested.count("https://site.test/docs/api.html") == 0);
  CHECK(requested.count("https://site.test/blog/post.html") == 0);
  // An excluded sitemap URL is no orphan, no sitemap-not-indexable; a link to one is not broken.
  const Audit audit = audit_site(r, AuditOptions{});
  for (const Finding& finding : audit.findings) {
    INFO(finding.rule << " " << r.graph.url(finding.url));
    CHECK(finding.url != r.graph.find("https://site.test/blog/post.html"));
    CHECK(finding.target != r.graph.find("https://site.test/docs/api.html"));
    // Links from the pages left out are unknown: the orphan is only a suspect.
    if (finding.rule == "orphan-page") CHECK(finding.inconclusive);
  }
}

TEST_CASE("no-parent and include choose pages: a page in scope still has its style sheet and images checked", "[crawl][scope]") {
  FakeFetcher f;
  f.page("https://site.test/docs/", "<link rel=stylesheet href=/static/site.css><img src=/img/logo.png><a href=/blog/>blog</a>");
  f.text("https://site.test/static/site.css", "body{background:url(../img/bg.png)}", "text/css");
  f.text("https://site.test/img/logo.png", "png", "image/png");
  f.text("https://site.test/img/bg.png", "png", "image/png");
  CrawlOptions o = options_for("https://site.test/docs/");
  o.scope.parent = "/docs/";
  o.scope.exclude = {"*.gif"};
  o.check_resources = true;
  const CrawlResult r = crawl_site(f, o);
  CHECK(page_of(r, "https://site.test/blog/").outcome == FetchOutcome::kExcluded);  // a page outside the folder
  for (const char* url : {"https://site.test/static/site.css", "https://site.test/img/logo.png", "https://site.test/img/bg.png"}) {
    INFO(url);
    CHECK(page_of(r, url).status == 200);  // resources, wherever they are; bg.png named by the style sheet
  }
}

TEST_CASE("a start URL outside the scope is recorded excluded and nothing is requested", "[crawl][scope]") {
  FakeFetcher f;
  f.page("https://site.test/", "<a href=/a>a</a>");
  CrawlOptions o = options_for("https://site.test/");
  o.scope.include = {"/docs/*"};
  const CrawlResult r = crawl_site(f, o);
  CHECK(page_of(r, "https://site.test/").outcome == FetchOutcome::kExcluded);
  CHECK(f.requested.empty());
}

// AsciiDoc man pages: every page ends "Part of the git(1) suite", and some say "See git(1)"
// in running text. The footer is template; the sentences are content, so git.html is not
// linked only from boilerplate.
TEST_CASE("template links are told by their block: a repeated footer is template, the same words in running text are not", "[crawl][template]") {
  FakeFetcher f;
  std::string index = "<h1>Manual</h1>";
  for (int i = 0; i < 8; ++i) index += "<p><a href=/man/cmd" + std::to_string(i) + ".html>cmd" + std::to_string(i) + "(1)</a></p>";
  f.page("https://site.test/", index + "<p><a href=/man/git.html>the git manual</a></p>");
  const std::string footer = "<div id=footer><div id=footer-text>Part of the <a href=git.html>git(1)</a> suite</div></div>";
  for (int i = 0; i < 8; ++i) {
    const std::string n = std::to_string(i);
    const std::string text = i < 4 ? "<div class=paragraph><p>Command " + n + ". See <a href=git.html>git(1)</a> for the options it shares.</p></div>" : "";
    f.page("https://site.test/man/cmd" + n + ".html", "<div id=content>" + text + "<p>Body " + n + "</p></div>" + footer);
  }
  f.page("https://site.test/man/git.html", "<div id=content><p>The stupid content tracker</p></div>" + footer);
  CrawlOptions o = options_for("https://site.test/");
  o.use_sitemaps = false;
  const CrawlResult r = crawl_site(f, o);
  const UrlId git = r.graph.find("https://site.test/man/git.html");
  std::map<Placement, int> placements;
  for (const Link& l : r.graph.links()) {
    if (l.target == git && l.source != git && l.source != r.start) ++placements[l.placement];
  }
  CHECK(placements[Placement::kTemplate] == 8);  // the footer on every command page
  CHECK(placements[Placement::kContent] == 4);   // "See git(1) for ..." in four paragraphs
  for (const Finding& x : audit_site(r).findings) CHECK_FALSE((x.rule == "boilerplate-only-inlinks" && x.url == git));
}

// DocBook chunked HTML: "Prev / Up / Home / Next" in a plain table, no <nav>.
TEST_CASE("positional links (Prev, Up, Home, Next, rel=next, accesskey) are navigation in plain markup", "[crawl][template]") {
  FakeFetcher f;
  f.page("https://site.test/", "<p><a href=/ch1.html>Chapter 1</a></p>");
  f.page("https://site.test/ch1.html",
         "<div class=navheader><table><tr><td><a accesskey=p href=/>Prev</a></td><td><a href=/>Up</a></td>"
         "<td><a rel=next href=/ch2.html>Chapter 2</a></td></tr></table></div>"
         "<p>Text, then <a href=/ch2.html>chapter two</a>.</p><p><a href=/ch2.html>&raquo;</a></p>");
  f.page("https://site.test/ch2.html", "<p>End</p>");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  std::vector<std::pair<std::string, Placement>> got;
  const UrlId ch1 = r.graph.find("https://site.test/ch1.html");
  for (const Link& l : r.graph.links()) {
    if (l.source == ch1 && is_click_link(l.kind)) got.emplace_back(r.graph.anchor(l.anchor), l.placement);
  }
  CHECK(got == std::vector<std::pair<std::string, Placement>>{{"Prev", Placement::kNav},
                                                              {"Up", Placement::kNav},
                                                              {"Chapter 2", Placement::kNav},
                                                              {"chapter two", Placement::kContent},
                                                              {"\xC2\xBB", Placement::kNav}});
}

TEST_CASE("a page naming two different canonicals (two tags, or tag and Link header) has none", "[crawl][canonical]") {
  FakeFetcher f;
  f.page("https://site.test/", "<a href=/one>1</a><a href=/two>2</a><a href=/three>3</a><a href=/same>s</a><a href=/mixed>m</a>");
  // A canonical outside the site first, then one inside: a conflict, though the first is never judged.
  f.page("https://site.test/mixed", "<link rel=canonical href=https://elsewhere.test/a><link rel=canonical href=/a>");
  f.page("https://site.test/one", "<link rel=canonical href=/a><link rel=canonical href=/b>");
  f.page("https://site.test/two", "<link rel=canonical href=/a>");
  f.link_header("https://site.test/two", "</b>; rel=\"canonical\"");
  f.page("https://site.test/three", "<link rel=canonical href=/a><link rel=canonical href=/b><link rel=canonical href=/a>");
  f.page("https://site.test/same", "<link rel=canonical href=https://site.test/a><link rel=canonical href=a>");
  f.page("https://site.test/a", "");
  f.page("https://site.test/b", "");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  const UrlId a = r.graph.find("https://site.test/a");
  CHECK(page_of(r, "https://site.test/one").canonical == kNoUrl);
  CHECK(page_of(r, "https://site.test/two").canonical == kNoUrl);
  CHECK(page_of(r, "https://site.test/three").canonical == kNoUrl);
  CHECK(page_of(r, "https://site.test/same").canonical == a);  // one URL, spelt twice
  CHECK(page_of(r, "https://site.test/mixed").canonical == kNoUrl);
  const Audit audit = audit_site(r);
  std::set<std::string> conflicts;
  for (const Finding& finding : audit.findings) {
    if (finding.rule == "canonical-conflict") conflicts.insert(std::string(r.graph.url(finding.url)));
  }
  CHECK(conflicts == std::set<std::string>{"https://site.test/mixed", "https://site.test/one", "https://site.test/three",
                                           "https://site.test/two"});
}

TEST_CASE("soft 404s: a probe URL answered 200 marks the pages with its content, links to them are broken", "[crawl][soft-404]") {
  FakeFetcher f;
  const std::string nothing_here =
      "<title>Not found</title><main><p>Sorry, we could not find that page. Try the search box or go back to the "
      "home page, where every guide and recipe of the site is listed.</p></main>";
  f.not_found_page = nothing_here;
  f.page("https://site.test/", "<title>Home</title><main><p>Welcome to the coffee guides.</p><a href=/real>Real</a> "
                               "<a href=/old-recipe>Old recipe</a></main>");
  f.page("https://site.test/real", "<title>Real</title><main><p>How to brew a good cup of coffee at home.</p></main>");
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  REQUIRE(r.soft_404_probes.size() == 1);
  CHECK(r.soft_404_probes[0].status == 200);
  CHECK(r.soft_404_probes[0].url.starts_with("https://site.test/sitegraph-soft-404-probe-"));
  CHECK(r.soft_404_probes[0].pages == 1);
  CHECK(page_of(r, "https://site.test/old-recipe").soft_404);
  CHECK_FALSE(page_of(r, "https://site.test/real").soft_404);
  CHECK_FALSE(is_ranked(page_of(r, "https://site.test/old-recipe")));
  CHECK(r.graph.find(r.soft_404_probes[0].url) == kNoUrl);  // the probe is no page of the graph
  const Audit audit = audit_site(r);
  std::map<std::string, std::vector<std::string>> found;
  for (const Finding& finding : audit.findings) {
    if (finding.rule == "soft-404" || finding.rule == "soft-404-site" || finding.rule == "broken-link") {
      found[std::string(finding.rule)].push_back(std::string(r.graph.url(finding.url)) + (finding.status.empty() ? "" : " " + finding.status));
    }
  }
  CHECK(found["soft-404"] == std::vector<std::string>{"https://site.test/old-recipe"});
  CHECK(found["soft-404-site"] == std::vector<std::string>{"https://site.test/ 200"});
  CHECK(found["broken-link"] == std::vector<std::string>{"https://site.test/ soft-404"});
}

TEST_CASE("soft 404s: a site answering 404 has none, and soft_404_probe off asks nothing", "[crawl][soft-404]") {
  FakeFetcher f;
  f.page("https://site.test/", "<a href=/a>a</a>");
  f.page("https://site.test/a", "<p>a page</p>");
  CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  REQUIRE(r.soft_404_probes.size() == 1);
  CHECK(r.soft_404_probes[0].status == 404);
  CHECK(r.soft_404_probes[0].pages == 0);
  FakeFetcher quiet;
  quiet.page("https://site.test/", "<a href=/a>a</a>");
  CrawlOptions o = options_for("https://site.test/");
  o.soft_404_probe = false;
  r = crawl_site(quiet, o);
  CHECK(r.soft_404_probes.empty());
  CHECK(std::none_of(quiet.requested.begin(), quiet.requested.end(), [](const std::string& u) { return u.find("probe") != std::string::npos; }));
}

TEST_CASE("sitemap hreflang alternates are the page's own and are crawled", "[crawl][sitemap][hreflang]") {
  FakeFetcher f;
  f.text("https://site.test/sitemap.xml",
         "<urlset xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"><url><loc>https://site.test/</loc>"
         "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://site.test/\"/>"
         "<xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"https://site.test/de/\"/></url></urlset>");
  f.page("https://site.test/", "<p>home</p>");
  f.page("https://site.test/de/", "<p>Startseite</p>");  // linked by no <a>, and names nothing back
  const CrawlResult r = crawl_site(f, options_for("https://site.test/"));
  CHECK(page_of(r, "https://site.test/de/").status == 200);
  const Audit audit = audit_site(r);
  std::vector<std::string> no_return;
  for (const Finding& finding : audit.findings) {
    if (finding.rule == "hreflang-no-return") no_return.push_back(std::string(r.graph.url(finding.target)));
  }
  CHECK(no_return == std::vector<std::string>{"https://site.test/de/"});
}
