// Where authority enters: per page, its backlinks, referring domains (a host once) and anchors,
// and priority pages that no backlink reaches (priority-page-no-authority).
#include <catch2/catch.hpp>

#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/inputs.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using sitegraph::testing::link;
using sitegraph::testing::urls_of;

TEST_CASE("backlinks per page: rows, referring domains once per host, anchors most used first", "[backlinks]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId guide = b.page("/guide.html");
  const UrlId gone = b.page("/gone.html", 404);
  b.link(home, guide);
  const CsvTable table = parse_csv(
      "source,target,anchor,rel\n"
      "https://blog.example.org/a,https://site.test/guide.html,brewing guide,\n"
      "https://blog.example.org/b,https://site.test/guide.html,brewing guide,\n"
      "http://Blog.Example.org/c,https://site.test/guide.html,this guide,\n"
      "https://news.example.net/x,https://site.test/guide.html,brewing guide,\n"
      "https://spam.example.com/y,https://site.test/guide.html,cheap,nofollow\n"
      "https://news.example.net/z,https://site.test/,home,\n"
      "https://news.example.net/w,https://site.test/gone.html,old,\n");
  const Backlinks backlinks = read_backlinks(table, b.graph());
  REQUIRE(backlinks.pages.size() == 2);  // the 404 is no page: counted as not_pages, not listed
  CHECK(backlinks.not_pages == 1);
  const BacklinkPage& g = backlinks.pages[0].page == guide ? backlinks.pages[0] : backlinks.pages[1];
  CHECK(g.page == guide);
  CHECK(g.links == 4);              // the nofollow row passes nothing
  CHECK(g.referring_domains == 2);  // blog.example.org (any case, any scheme) and news.example.net
  REQUIRE(g.anchors.size() == 2);
  CHECK(g.anchors[0] == std::pair<std::string, std::uint32_t>{"brewing guide", 3});
  CHECK(g.anchors[1] == std::pair<std::string, std::uint32_t>{"this guide", 1});
  (void)gone;
}

TEST_CASE("priority-page-no-authority: no backlink lands on it, no page with backlinks links to it in content", "[rules][backlinks]") {
  GraphBuilder b;
  SiteGraph& g = b.result().graph;
  const UrlId home = b.page("/");
  const UrlId landing = b.page("/landing.html");  // has backlinks
  const UrlId fed = b.page("/fed.html");          // linked from the landing page's content
  const UrlId nav_only = b.page("/nav-only.html");  // linked from the landing page's navigation only
  const UrlId direct = b.page("/direct.html");    // has backlinks itself
  link(g, home, landing);
  link(g, home, direct);
  link(g, landing, fed);
  link(g, landing, nav_only, Placement::kNav);
  link(g, home, nav_only);
  b.result().start = home;
  AuditOptions options;
  options.authority.assign(g.size(), 0.0);
  options.authority[landing] = 10;
  options.authority[direct] = 1;
  options.priority = {fed, nav_only, direct};
  CHECK(urls_of(audit_site(b.result(), options), g, "priority-page-no-authority") == std::vector<std::string>{"/nav-only.html"});
  options.authority.clear();  // without backlinks the rule cannot judge
  CHECK(urls_of(audit_site(b.result(), options), g, "priority-page-no-authority").empty());
}
