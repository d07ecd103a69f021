// Segments: assignment by --segments lines (first match wins, globs and regexes), the clusters
// without them, each segment's figures, and the equity flow's totals against the model.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <random>

#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;

namespace {

const SegmentStats& named(const Segmentation& s, std::string_view name) {
  for (const SegmentStats& x : s.segments) {
    if (x.name == name) return x;
  }
  FAIL("no segment " << name);
  throw std::logic_error("unreachable");
}

std::string segment_of(const Segmentation& s, UrlId id) {
  return s.of_page[id] == kNoCluster ? "-" : s.segments[s.of_page[id]].name;
}

// Both sides of each segment's balance: what it holds against what leaves it, and against
// what reaches it. Returns the largest difference.
double flow_imbalance(const Audit& audit, const SiteGraph& g) {
  const Segmentation& s = audit.segments;
  const EquityFlow& f = s.flow;
  std::vector<double> held(f.segments, 0.0);
  for (UrlId id = 0; id < g.size(); ++id) {
    if (s.of_page[id] != kNoCluster && !std::isnan(audit.equity.rank[id])) held[s.of_page[id]] += audit.equity.rank[id];
  }
  double worst = 0;
  for (std::size_t a = 0; a < f.segments; ++a) {
    double out = f.lost[a] + f.teleport[a];
    double in = f.arriving[a];
    for (std::size_t b = 0; b < f.segments; ++b) {
      out += f.at(a, b);
      in += f.at(b, a);
    }
    worst = std::max({worst, std::abs(out - held[a]), std::abs(in - held[a])});
    CHECK(held[a] == Approx(s.segments[a].equity).margin(1e-12));
  }
  return worst;
}

}  // namespace

TEST_CASE("segments: the first matching line wins, globs and regexes, the rest in (other)", "[segments]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId pricing = b.page("/pricing.html");
  const UrlId blog1 = b.page("/blog/2024/a.html");
  const UrlId blog2 = b.page("/blog/b.html");
  const UrlId docs = b.page("/docs/start.html");
  const UrlId gone = b.page("/docs/gone.html", 404);
  const UrlId ext = b.external("https://other.test/x");
  for (const UrlId to : {pricing, blog1, blog2, docs, gone, ext}) b.link(home, to);
  b.result().start = home;
  AuditOptions options;
  options.segment_rules = {{"money", "/pricing*", false},
                           {"archive", "^/blog/\\d{4}/", true},
                           {"blog", "/blog/*", false},
                           {"money", "https://site.test/docs/start*", false}};
  const Audit audit = audit_site(b.result(), options);
  const Segmentation& s = audit.segments;
  CHECK(s.source == "segments");
  CHECK(segment_of(s, pricing) == "money");
  CHECK(segment_of(s, docs) == "money");  // a second line naming the same segment
  CHECK(segment_of(s, blog1) == "archive");
  CHECK(segment_of(s, blog2) == "blog");
  CHECK(segment_of(s, home) == "(other)");
  CHECK(segment_of(s, gone) == "(other)");
  CHECK(segment_of(s, ext) == "-");
  REQUIRE(s.segments.size() == 4);
  CHECK(s.segments.back().name == "(other)");
  const SegmentStats& money = named(s, "money");
  CHECK(money.pages == 2);
  CHECK(money.urls == 2);
  CHECK(money.max_depth == 1);
  CHECK(money.depth_pages == std::vector<std::size_t>{0, 2});
  CHECK(money.inlinks[static_cast<std::size_t>(Placement::kContent)] == 2);
  CHECK(money.inlinks_from_other == 2);
  const SegmentStats& other = named(s, "(other)");
  CHECK(other.urls == 2);
  CHECK(other.pages == 1);
  CHECK(other.broken_links == 1);  // home links to the 404
  CHECK(flow_imbalance(audit, b.graph()) < 1e-9);
}

TEST_CASE("segments: without --segments the clusters are the segments", "[segments]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId a1 = b.page("/a/1.html");
  const UrlId a2 = b.page("/a/2.html");
  const UrlId c1 = b.page("/c/1.html");
  b.link(home, a1);
  b.link(home, c1);
  b.link(a1, a2);
  b.link(a2, home);
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  const Segmentation& s = audit.segments;
  CHECK(s.source == "clusters");
  REQUIRE(s.segments.size() >= audit.clustering.clusters.size());
  for (std::size_t c = 0; c < audit.clustering.clusters.size(); ++c) CHECK(s.segments[c].name == audit.clustering.clusters[c].name);
  CHECK(segment_of(s, a1) == segment_of(s, a2));
  CHECK(segment_of(s, a1) != segment_of(s, c1));
}

TEST_CASE("segments: the equity flow adds up to what each segment holds, lost and dangling shares included", "[segments][equity]") {
  // Random sites with nofollow links, links to error pages and external URLs, dangling pages,
  // footer links of another weight, and backlinks for a non-uniform teleport vector.
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    GraphBuilder b;
    std::vector<UrlId> pages;
    const int n = 5 + static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i) pages.push_back(b.page("/s" + std::to_string(i % 3) + "/p" + std::to_string(i) + ".html"));
    const UrlId broken = b.page("/gone.html", 404);
    const UrlId ext = b.external("https://other.test/");
    for (int i = 0; i < n; ++i) {
      if (rng() % 5 == 0) continue;  // dangling
      const int links = 1 + static_cast<int>(rng() % 5);
      for (int k = 0; k < links; ++k) {
        const UrlId to = pages[rng() % pages.size()];
        const int kind = static_cast<int>(rng() % 10);
        if (kind == 0) b.link(pages[i], to, kRelNofollow);
        else if (kind == 1) b.link(pages[i], broken);
        else if (kind == 2) b.link(pages[i], ext);
        else if (kind == 3) sitegraph::testing::link(b.result().graph, pages[i], to, Placement::kFooter);
        else b.link(pages[i], to);
      }
    }
    b.result().start = pages[0];
    AuditOptions options;
    if (round % 2) {
      options.authority.assign(b.graph().size(), 0.0);
      options.authority[pages[rng() % pages.size()]] = 5;
      options.authority[pages[0]] = 1;
    }
    options.segment_rules = {{"zero", "/s0/*", false}, {"one", "/s1/*", false}};
    const Audit audit = audit_site(b.result(), options);
    INFO("round " << round);
    CHECK(flow_imbalance(audit, b.graph()) < 1e-8);
    double lost = 0;
    double teleport = 0;
    double arriving = 0;
    for (std::size_t a = 0; a < audit.segments.flow.segments; ++a) {
      lost += audit.segments.flow.lost[a];
      teleport += audit.segments.flow.teleport[a];
      arriving += audit.segments.flow.arriving[a];
    }
    // What arrives by jumps is what jumps away, plus (1 - d) of the equity the site lost
    // (summary.equity.lost): the site holds 1 - lost_total, and lost flow = (1 - d) * lost_total.
    double held = 0;
    for (UrlId id = 0; id < b.graph().size(); ++id) {
      if (!std::isnan(audit.equity.rank[id])) held += audit.equity.rank[id];
    }
    CHECK(lost == Approx((1.0 - 0.85) * (1.0 - held)).margin(1e-9));
    CHECK(arriving == Approx(teleport + lost).margin(1e-9));
  }
}
