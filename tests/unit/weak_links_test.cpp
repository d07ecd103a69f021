// The rules about pages and clusters that are linked, but weakly: few-content-links,
// linked-only-from-lists, cluster-sparse, cluster-isolated.
#include <catch2/catch.hpp>

#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using sitegraph::testing::link;
using sitegraph::testing::urls_of;

namespace {

void words(SiteGraph& g, UrlId id, std::uint32_t main_words) {
  ContentFingerprint fp;
  fp.exact = id + 1;  // distinct pages, no duplicate-content
  fp.simhash = 0x9E3779B97F4A7C15ull * (id + 1);
  fp.simhash_high = fp.simhash ^ 0xFFFF;
  fp.words = main_words;
  fp.main_words = main_words;
  g.set_content(id, fp);
}

}  // namespace

TEST_CASE("few-content-links: long pages with fewer content links than the floor", "[rules][content-links]") {
  GraphBuilder b;
  SiteGraph& g = b.result().graph;
  const UrlId home = b.page("/");
  const UrlId essay = b.page("/essay.html");   // 2,500 words, 1 content link, 3 in the nav: floor 2
  const UrlId long_ok = b.page("/ok.html");    // 2,500 words, 2 content links: floor max(2, 2) = 2
  const UrlId huge = b.page("/huge.html");     // 5,200 words, 4 content links: floor 5
  const UrlId short_page = b.page("/short.html");  // 300 words, no content links: not long
  for (const UrlId p : {essay, long_ok, huge, short_page}) link(g, home, p);
  link(g, essay, home);
  for (const UrlId p : {long_ok, huge, short_page}) link(g, essay, p, Placement::kNav);
  link(g, long_ok, home);
  link(g, long_ok, essay);
  link(g, long_ok, long_ok);  // a self link is no link to another page
  for (const UrlId p : {home, essay, long_ok, short_page}) link(g, huge, p);
  link(g, short_page, home, Placement::kFooter);
  words(g, home, 100);
  words(g, essay, 2500);
  words(g, long_ok, 2500);
  words(g, huge, 5200);
  words(g, short_page, 300);
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  CHECK(audit.links.content_links[essay] == 1);
  CHECK(audit.links.content_links[long_ok] == 2);
  CHECK(urls_of(audit, g, "few-content-links") == std::vector<std::string>{"/essay.html", "/huge.html"});
  SECTION("the floor is tunable") {
    AuditOptions options;
    options.min_content_links = 1;
    options.content_links_per_1000_words = 0;
    CHECK(urls_of(audit_site(b.result(), options), g, "few-content-links").empty());
    options.content_links_per_1000_words = 1;
    CHECK(urls_of(audit_site(b.result(), options), g, "few-content-links") == std::vector<std::string>{"/essay.html", "/huge.html"});
    options.long_page_words = 6000;
    CHECK(urls_of(audit_site(b.result(), options), g, "few-content-links").empty());
  }
}

TEST_CASE("linked-only-from-lists: every inlink from a page listing many pages", "[rules][weak-links]") {
  GraphBuilder b;
  SiteGraph& g = b.result().graph;
  const UrlId home = b.page("/");
  const UrlId tags = b.page("/tags/coffee.html");  // lists 120 pages in its content
  const UrlId article = b.page("/a/article.html");
  std::vector<UrlId> listed;
  for (int i = 0; i < 120; ++i) listed.push_back(b.page("/p/" + std::to_string(i) + ".html"));
  link(g, home, tags);
  link(g, home, article);
  for (const UrlId p : listed) link(g, tags, p);
  link(g, article, listed[0]);  // one listed page is also linked from an article
  link(g, article, home);
  for (const UrlId p : listed) link(g, p, home, Placement::kNav);
  words(g, article, 800);
  for (const UrlId p : listed) words(g, p, 400);
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  const std::vector<std::string> weak = urls_of(audit, g, "linked-only-from-lists");
  CHECK(weak.size() == 119);
  CHECK(std::find(weak.begin(), weak.end(), "/p/0.html") == weak.end());
  for (const Finding& f : audit.findings) {
    if (f.rule == "linked-only-from-lists") {
      CHECK(f.target == tags);  // the strongest page linking it
      CHECK_THAT(f.message, Catch::Contains("/tags/coffee.html"));
    }
  }
  SECTION("with a larger threshold the tag page is no list") {
    AuditOptions options;
    options.link_list_links = 150;
    CHECK(urls_of(audit_site(b.result(), options), g, "linked-only-from-lists").empty());
  }
}

TEST_CASE("cluster-sparse and cluster-isolated: clusters that barely hold together", "[rules][clusters]") {
  GraphBuilder b;
  SiteGraph& g = b.result().graph;
  const UrlId home = b.page("/");
  // /docs/: twenty pages, the hub links to all, the pages link only back home: sparse
  // (density 20 / (21 x 20) < 0.05, each page linking to less than one of the others).
  const UrlId docs = b.page("/docs/");
  std::vector<UrlId> pages;
  for (int i = 0; i < 20; ++i) pages.push_back(b.page("/docs/" + std::to_string(i) + ".html"));
  link(g, home, docs);
  for (const UrlId p : pages) {
    link(g, docs, p);
    link(g, p, home);
  }
  // /island/: three pages linked to each other and to home, but no page outside links in.
  const UrlId i1 = b.page("/island/1.html");
  const UrlId i2 = b.page("/island/2.html");
  const UrlId i3 = b.page("/island/3.html");
  for (const UrlId a : {i1, i2, i3}) {
    for (const UrlId c : {i1, i2, i3}) {
      if (a != c) link(g, a, c);
    }
    link(g, a, home);
  }
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  CHECK(urls_of(audit, g, "cluster-sparse") == std::vector<std::string>{"/docs/"});
  const std::vector<std::string> isolated = urls_of(audit, g, "cluster-isolated");
  REQUIRE(isolated.size() == 1);
  CHECK(isolated[0].starts_with("/island/"));
  SECTION("the density floor is tunable") {
    AuditOptions options;
    options.min_cluster_density = 0.0;
    CHECK(urls_of(audit_site(b.result(), options), g, "cluster-sparse").empty());
  }
}
