#include <catch2/catch.hpp>

#include <cmath>

#include "analyze/passes.hpp"
#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using Approx = Catch::Detail::Approx;

TEST_CASE("crawl depth is the shortest click path over followable links", "[analyze][depth]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId a = g.page("/a");
  const UrlId b = g.page("/b");
  const UrlId c = g.page("/c");
  g.link(home, a);
  g.link(a, b);
  g.link(b, c);
  g.link(home, c);  // a shortcut: c is one click away, whatever order pages were fetched in
  const auto depth = crawl_depth(g.graph(), home);
  CHECK(depth[home] == 0);
  CHECK(depth[a] == 1);
  CHECK(depth[b] == 2);
  CHECK(depth[c] == 1);
}

TEST_CASE("a redirect hop costs no click", "[analyze][depth]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId old = g.page("/old", 301);
  const UrlId target = g.page("/new");
  g.link(home, old);
  g.redirect(old, target);
  const auto depth = crawl_depth(g.graph(), home);
  CHECK(depth[old] == 1);
  CHECK(depth[target] == 1);
}

TEST_CASE("nofollow links, meta-nofollow pages and robots-blocked pages give no depth", "[analyze][depth]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId nf = g.page("/nf");
  const UrlId meta = g.page("/meta-nofollow");
  const UrlId behind_meta = g.page("/behind");
  const UrlId blocked = g.page("/private");
  g.at(blocked).outcome = FetchOutcome::kRobotsBlocked;
  g.at(meta).nofollow = true;
  g.link(home, nf, kRelNofollow);
  g.link(home, meta);
  g.link(meta, behind_meta);
  g.link(home, blocked);
  const auto depth = crawl_depth(g.graph(), home);
  CHECK(depth[nf] == kUnreachable);
  CHECK(depth[meta] == 1);
  CHECK(depth[behind_meta] == kUnreachable);
  CHECK(depth[blocked] == kUnreachable);
}

TEST_CASE("PageRank of a two-page cycle is one half each", "[analyze][pagerank]") {
  GraphBuilder g;
  const UrlId a = g.page("/a");
  const UrlId b = g.page("/b");
  g.link(a, b);
  g.link(b, a);
  const auto pr = site_pagerank(g.graph());
  CHECK(pr.converged);
  CHECK(pr.rank[a] == Approx(0.5).margin(1e-12));
  CHECK(pr.rank[b] == Approx(0.5).margin(1e-12));
}

TEST_CASE("PageRank spreads a dangling page's mass uniformly", "[analyze][pagerank]") {
  // a -> b, b has no outlinks. Solving x_a = 0.075 + 0.425 x_b with x_a + x_b = 1 gives
  // x_a = 0.5 / 1.425.
  GraphBuilder g;
  const UrlId a = g.page("/a");
  const UrlId b = g.page("/b");
  g.link(a, b);
  const auto pr = site_pagerank(g.graph());
  CHECK(pr.rank[a] == Approx(0.5 / 1.425).margin(1e-10));
  CHECK(pr.rank[b] == Approx(1 - 0.5 / 1.425).margin(1e-10));
}

TEST_CASE("PageRank resolves redirects, counts duplicate links once and drops self links", "[analyze][pagerank]") {
  // home -> x twice, home -> old (redirects to x), home -> home, x -> home: the same
  // graph as home <-> x, so one half each; the redirect itself is not ranked.
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId x = g.page("/x");
  const UrlId old = g.page("/old", 301);
  g.redirect(old, x);
  g.link(home, x);
  g.link(home, x);
  g.link(home, old);
  g.link(home, home);
  g.link(x, home);
  const auto pr = site_pagerank(g.graph());
  CHECK(pr.rank[home] == Approx(0.5).margin(1e-10));
  CHECK(pr.rank[x] == Approx(0.5).margin(1e-10));
  CHECK(std::isnan(pr.rank[old]));
}

TEST_CASE("PageRank ignores nofollow links and pages that are not 200 HTML", "[analyze][pagerank]") {
  GraphBuilder g;
  const UrlId a = g.page("/a");
  const UrlId b = g.page("/b");
  const UrlId missing = g.page("/missing", 404);
  g.link(a, b);
  g.link(b, a);
  g.link(a, missing);
  g.link(b, g.page("/c"), kRelNofollow);
  const auto pr = site_pagerank(g.graph());
  CHECK(std::isnan(pr.rank[missing]));
  // c is ranked (a 200 page) but receives nothing but teleport and dangling share.
  double total = 0;
  for (const double r : pr.rank) if (!std::isnan(r)) total += r;
  CHECK(total == Approx(1.0).margin(1e-12));
  CHECK(pr.rank[a] == Approx(pr.rank[b]).margin(1e-12));
}

TEST_CASE("PageRank of a 3-cycle with a tail matches networkx", "[analyze][pagerank]") {
  // networkx.pagerank(DiGraph([(0,1),(1,2),(2,0),(3,0)]), tol=1e-12)
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> edges = {{0, 1}, {1, 2}, {2, 0}, {3, 0}};
  const auto pr = pagerank(build_csr(4, edges));
  CHECK(pr.rank[3] == Approx(0.0375).margin(1e-9));
  double sum = 0;
  for (const double r : pr.rank) sum += r;
  CHECK(sum == Approx(1.0).margin(1e-12));
  // x0 = .0375 + .85 (x2 + x3), x1 = .0375 + .85 x0, x2 = .0375 + .85 x1
  CHECK(pr.rank[1] == Approx(0.0375 + 0.85 * pr.rank[0]).margin(1e-9));
  CHECK(pr.rank[2] == Approx(0.0375 + 0.85 * pr.rank[1]).margin(1e-9));
  CHECK(pr.rank[0] == Approx(0.0375 + 0.85 * (pr.rank[2] + pr.rank[3])).margin(1e-9));
}

TEST_CASE("an orphan is a sitemap page no crawled page links to", "[analyze][orphan]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId linked = g.page("/linked");
  const UrlId orphan = g.page("/orphan");
  const UrlId via_redirect = g.page("/moved-here");
  const UrlId old = g.page("/old", 301);
  const UrlId nofollowed = g.page("/nofollowed");
  const UrlId self_linked = g.page("/self");
  for (const UrlId id : {linked, orphan, via_redirect, nofollowed, self_linked}) g.at(id).in_sitemap = true;
  g.link(home, linked);
  g.link(home, old);
  g.redirect(old, via_redirect);
  g.link(home, nofollowed, kRelNofollow);  // any link makes a page not an orphan
  g.link(self_linked, self_linked);        // a page linking to itself is still an orphan
  g.result().start = home;
  const auto orphans = find_orphan_pages(g.result());
  REQUIRE(orphans.size() == 2);
  CHECK(orphans[0].url == orphan);
  CHECK(orphans[1].url == self_linked);
  CHECK_FALSE(orphans[0].inconclusive);
}

TEST_CASE("orphans of an incomplete crawl are inconclusive", "[analyze][orphan]") {
  GraphBuilder g;
  g.result().start = g.page("/");
  g.at(g.page("/orphan")).in_sitemap = true;
  g.result().complete = false;
  const auto orphans = find_orphan_pages(g.result());
  REQUIRE(orphans.size() == 1);
  CHECK(orphans[0].inconclusive);
}

TEST_CASE("a broken link points at an internal URL that ends in 4xx/5xx or a failed fetch", "[analyze][broken]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId missing = g.page("/missing", 404);
  const UrlId old = g.page("/old", 301);
  const UrlId gone = g.page("/gone", 410);
  const UrlId loop_a = g.page("/loop-a", 301);
  const UrlId loop_b = g.page("/loop-b", 301);
  const UrlId timeout = g.page("/slow");
  g.at(timeout).outcome = FetchOutcome::kTimeout;
  g.redirect(old, gone);
  g.redirect(loop_a, loop_b);
  g.redirect(loop_b, loop_a);
  g.link(home, missing);
  g.link(home, missing);  // reported once per (page, target)
  g.link(home, old);
  g.link(home, loop_a);   // a loop is a redirect-loop finding, not a broken link
  g.link(home, timeout);
  g.link(home, g.external("https://elsewhere.test/404"));
  const auto broken = find_broken_links(g.graph());
  REQUIRE(broken.size() == 3);
  CHECK(broken[0].target == missing);
  CHECK(broken[0].status == "404");
  CHECK(broken[1].target == old);
  CHECK(broken[1].status == "410");
  CHECK(broken[1].final_url == gone);
  CHECK(broken[2].status == "timeout");
}

TEST_CASE("redirect chains of two or more hops and redirect loops are found once", "[analyze][redirect]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId single = g.page("/single", 301);
  const UrlId c1 = g.page("/c1", 301);
  const UrlId c2 = g.page("/c2", 301);
  const UrlId l1 = g.page("/l1", 301);
  const UrlId l2 = g.page("/l2", 301);
  const UrlId final_page = g.page("/final");
  g.redirect(single, final_page);
  g.redirect(c1, c2);
  g.redirect(c2, final_page);
  g.redirect(l1, l2);
  g.redirect(l2, l1);
  g.link(home, single);
  g.link(home, c1);
  g.link(home, l1);
  g.link(home, l2);  // both loop members linked: still one loop
  const auto found = find_redirect_problems(g.graph());
  REQUIRE(found.size() == 2);
  CHECK(found[0].rule == "redirect-chain");
  CHECK(found[0].chain == std::vector<UrlId>{c1, c2});
  CHECK(found[0].final_url == final_page);
  CHECK(found[1].rule == "redirect-loop");
  CHECK(found[1].chain == std::vector<UrlId>{l1, l2});
}

TEST_CASE("inlinks count unique followable internal sources, outlinks split internal and external", "[analyze]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId a = g.page("/a");
  const UrlId ext = g.external("https://other.test/");
  g.link(home, a);
  g.link(home, a);
  g.link(a, home);
  g.link(a, a);
  g.link(home, ext);
  g.link(home, ext, kRelSponsored);
  const auto counts = count_links(g.graph());
  CHECK(counts.inlinks[a] == 1);
  CHECK(counts.inlinks[home] == 1);
  CHECK(counts.outlinks_internal[home] == 1);
  CHECK(counts.outlinks_external[home] == 1);
}

TEST_CASE("invalid hrefs become invalid-url findings on the page holding them", "[analyze][invalid]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  g.result().invalid_hrefs.push_back({home, "http://exa mple.com/", 12, false});
  const auto found = find_invalid_urls(g.result());
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == "invalid-url");
  CHECK(found[0].url == home);
  CHECK(found[0].href == "http://exa mple.com/");
  CHECK(found[0].line == 12);
}
