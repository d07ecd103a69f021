// The equity model (src/analyze/equity.cpp): a weighted PageRank where placement, rel,
// canonicals and backlinks decide what a link passes.
#include <catch2/catch.hpp>

#include <cmath>

#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using sitegraph::testing::link;

TEST_CASE("equity: with every link in content and followable it equals classic PageRank", "[equity]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId x = b.page("/x");
  const UrlId y = b.page("/y");
  SiteGraph& g = b.result().graph;
  link(g, home, x, Placement::kContent);
  link(g, home, y, Placement::kContent);
  link(g, x, home, Placement::kContent);
  link(g, y, x, Placement::kContent);
  const PageRankResult classic = site_pagerank(g);
  const PageRankResult equity = site_equity(g);
  for (const UrlId id : {home, x, y}) CHECK(equity.rank[id] == Approx(classic.rank[id]).margin(1e-10));
}

TEST_CASE("equity: a content link passes more than a footer link (placement weights)", "[equity]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId body = b.page("/body");
  const UrlId foot = b.page("/foot");
  SiteGraph& g = b.result().graph;
  link(g, home, body, Placement::kContent);
  link(g, home, foot, Placement::kFooter);
  link(g, body, home, Placement::kContent);
  link(g, foot, home, Placement::kContent);
  const PageRankResult e = site_equity(g);
  CHECK(e.rank[body] > e.rank[foot]);
  // home splits its equity 1 : 0.2 (default weights): body's surplus over teleport is 5x foot's.
  const double teleport = 0.15 / 3;
  CHECK((e.rank[body] - teleport) / (e.rank[foot] - teleport) == Approx(5.0).epsilon(1e-9));
}

TEST_CASE("equity: nofollow shares are lost, not redistributed", "[equity]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId a = b.page("/a");
  const UrlId nf = b.page("/nf");
  SiteGraph& g = b.result().graph;
  link(g, home, a, Placement::kContent);
  link(g, home, nf, Placement::kContent, kRelNofollow);
  link(g, a, home, Placement::kContent);
  link(g, nf, home, Placement::kContent);
  const PageRankResult e = site_equity(g);
  const double total = e.rank[home] + e.rank[a] + e.rank[nf];
  CHECK(total < 0.99);                                       // half of home's equity evaporates
  CHECK(e.rank[nf] == Approx(0.15 / 3).margin(1e-12));       // nf gets only the teleport share
  CHECK(e.rank[a] > e.rank[nf]);
}

TEST_CASE("equity: a canonicalised page forwards its equity to the canonical", "[equity]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId article = b.page("/article");
  const UrlId print = b.page("/article-print");
  SiteGraph& g = b.result().graph;
  b.at(print).canonical = article;
  link(g, home, print, Placement::kContent);
  link(g, print, home, Placement::kContent);  // ignored: the page forwards everything to /article
  link(g, article, home, Placement::kContent);
  const PageRankResult e = site_equity(g);
  CHECK(e.rank[home] + e.rank[article] + e.rank[print] == Approx(1.0).margin(1e-12));  // nothing lost
  // print receives home's whole share and passes it all to article.
  CHECK(e.rank[article] == Approx(0.05 + 0.85 * e.rank[print]).margin(1e-9));
}

TEST_CASE("personalised equity: all teleports land on the pages with backlinks", "[analyze][equity]") {
  GraphBuilder b;
  const UrlId a = b.page("/");
  const UrlId c = b.page("/c");
  b.link(a, c);
  b.link(c, a);
  std::vector<double> authority(b.graph().size(), 0.0);
  authority[c] = 5;
  const PageRankResult r = site_equity(b.graph(), {}, authority);
  // c = 0.15 + 0.85 a, a = 0.85 c  =>  c = 0.15 / (1 - 0.85^2).
  CHECK(r.rank[c] == Approx(0.15 / (1 - 0.85 * 0.85)).epsilon(1e-9));
}

TEST_CASE("equity passed: the damped share of a page's equity that reaches other ranked pages", "[analyze][equity]") {
  GraphBuilder b;
  const UrlId a = b.page("/");
  const UrlId c = b.page("/c");
  const UrlId out = b.external("https://elsewhere.test/");
  b.link(a, c);
  b.link(a, out);  // half of a's weight leaves the site
  b.link(c, a);
  b.result().start = a;
  const Audit audit = audit_site(b.result());
  CHECK(audit.equity_passed[a] == Approx(0.85 * audit.equity.rank[a] * 0.5));
  CHECK(audit.equity_passed[c] == Approx(0.85 * audit.equity.rank[c]));
  CHECK(std::isnan(audit.equity_passed[out]));
}
