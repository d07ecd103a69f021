// Anchor, cluster and equity rules, and link opportunities, on small hand-built graphs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using sitegraph::testing::link;
using sitegraph::testing::urls_of;

namespace {

const Cluster& cluster_named(const Audit& audit, std::string_view name) {
  for (const Cluster& c : audit.clustering.clusters) {
    if (c.name == name) return c;
  }
  FAIL("no cluster " << name);
  throw;
}

}  // namespace

TEST_CASE("anchor-overuse: one exact anchor on most content inlinks of a page", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId target = b.page("/best-grinder");
  SiteGraph& g = b.result().graph;
  for (int i = 0; i < 12; ++i) {
    const UrlId source = b.page("/post-" + std::to_string(i));
    link(g, home, source);
    link(g, source, target, Placement::kContent, kRelNone, i < 10 ? "Best Grinder" : "our grinder review");
  }
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  CHECK(urls_of(audit, g, "anchor-overuse") == std::vector<std::string>{"/best-grinder"});
  // Ten of twelve is 83 %: above the default 80 %, not above 90 %.
  AuditOptions strict;
  strict.anchor_overuse_share = 0.9;
  CHECK(urls_of(audit_site(b.result(), strict), g, "anchor-overuse").empty());
}

TEST_CASE("anchor-conflict: one descriptive anchor, several targets, pagination and generic words ignored", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId a = b.page("/espresso");
  const UrlId c = b.page("/espresso-machines");
  const UrlId p2 = b.page("/page-2");
  const UrlId p3 = b.page("/page-3");
  SiteGraph& g = b.result().graph;
  link(g, home, a, Placement::kContent, kRelNone, "Espresso");
  link(g, a, c, Placement::kContent, kRelNone, "espresso ");
  link(g, home, p2, Placement::kContent, kRelNone, "Next");
  link(g, p2, p3, Placement::kContent, kRelNone, "next");
  link(g, home, p2, Placement::kContent, kRelNone, "read more");
  link(g, p2, a, Placement::kContent, kRelNone, "read more");
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  REQUIRE(urls_of(audit, g, "anchor-conflict") == std::vector<std::string>{"/espresso"});
  for (const Finding& f : audit.findings) {
    if (f.rule != "anchor-conflict") continue;
    CHECK(f.href == "espresso");
    CHECK(f.count == 2);
    CHECK(g.url(f.target) == "https://site.test/espresso-machines");
  }
}

TEST_CASE("clusters by directory: hubs, reciprocity, coverage, links in and out", "[rules][clusters]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId about = b.page("/about");
  const UrlId blog = b.page("/blog/");
  const UrlId p1 = b.page("/blog/one");
  const UrlId p2 = b.page("/blog/two");
  const UrlId p3 = b.page("/blog/three");
  SiteGraph& g = b.result().graph;
  link(g, home, about);
  link(g, home, blog);
  link(g, blog, p1);  // the hub links to one of three spokes
  link(g, p1, blog);
  link(g, p2, blog);
  link(g, p3, home);  // p3 never links back to its hub
  link(g, home, p2);
  link(g, home, p3);
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  const Cluster& c = cluster_named(audit, "/blog/");
  CHECK(c.pages == 4);
  CHECK(c.hub == blog);
  CHECK(c.spokes_linking_hub == Approx(2.0 / 3));
  CHECK(c.hub_coverage == Approx(1.0 / 3));
  CHECK(c.density == Approx(3.0 / 12));
  CHECK(c.links_in == 3);
  CHECK(c.links_out == 1);
  CHECK(cluster_named(audit, "/").hub == home);
  CHECK(audit.clustering.clusters[audit.clustering.of_page[about]].name == "/");
  CHECK(urls_of(audit, g, "hub-missing-spoke-links") == std::vector<std::string>{"/blog/"});
  CHECK(urls_of(audit, g, "spoke-not-linking-hub") == std::vector<std::string>{"/blog/three"});
}

TEST_CASE("clusters from rules: first matching pattern wins, the named hub is used", "[rules][clusters]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId guide = b.page("/guides/espresso");
  const UrlId howto = b.page("/how-to/espresso-shot");
  const UrlId other = b.page("/shop/grinder");
  SiteGraph& g = b.result().graph;
  link(g, home, guide);
  link(g, home, howto);
  link(g, home, other);
  b.result().start = home;
  AuditOptions options;
  options.cluster_rules = {{"/guides/*", "espresso", "https://site.test/guides/espresso"}, {"*espresso*", "espresso", ""}};
  const Audit audit = audit_site(b.result(), options);
  REQUIRE(audit.clustering.clusters.size() == 1);
  CHECK(audit.clustering.clusters[0].pages == 2);
  CHECK(audit.clustering.clusters[0].hub == guide);
  CHECK(audit.clustering.of_page[howto] == 0);
  CHECK(audit.clustering.of_page[other] == kNoCluster);
}

TEST_CASE("priority-page-weak: deep, few content inlinks or equity below its cluster's median", "[rules][priority]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId strong = b.page("/shop/strong");
  const UrlId weak = b.page("/shop/weak");
  SiteGraph& g = b.result().graph;
  std::vector<UrlId> feeders;
  for (int i = 0; i < 4; ++i) {
    feeders.push_back(b.page("/shop/feeder-" + std::to_string(i)));
    link(g, home, feeders.back());
    link(g, feeders.back(), strong);
  }
  link(g, home, weak, Placement::kFooter);
  b.result().start = home;
  AuditOptions options;
  options.priority = {strong, weak};
  const Audit audit = audit_site(b.result(), options);
  CHECK(urls_of(audit, g, "priority-page-weak") == std::vector<std::string>{"/shop/weak"});
  CHECK(audit.priority[weak] == 1);
  CHECK(audit.priority[home] == 0);
}

TEST_CASE("authority-sink: a page with backlinks and few content links to indexable pages", "[rules][authority]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId landing = b.page("/viral-post");
  const UrlId hub = b.page("/guides/");
  SiteGraph& g = b.result().graph;
  link(g, home, landing);
  link(g, home, hub);
  link(g, landing, home, Placement::kNav);
  link(g, hub, home, Placement::kContent);
  b.result().start = home;
  AuditOptions options;
  options.authority.assign(g.size(), 0.0);
  options.authority[landing] = 10;
  const Audit audit = audit_site(b.result(), options);
  CHECK(urls_of(audit, g, "authority-sink") == std::vector<std::string>{"/viral-post"});
  CHECK(audit.external_authority[landing] == Approx(1.0));
  // Without backlinks the rule has nothing to judge.
  CHECK(urls_of(audit_site(b.result()), g, "authority-sink").empty());
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

TEST_CASE("link opportunities: the gain is what a full recomputation with the link gives", "[analyze][opportunities]") {
  const auto build = [](GraphBuilder& b, bool with_new_link) {
    const UrlId home = b.page("/");
    const UrlId big = b.page("/shop/big");
    const UrlId small = b.page("/shop/small");
    const UrlId orphan = b.page("/shop/orphan");
    b.at(orphan).in_sitemap = true;
    SiteGraph& g = b.result().graph;
    link(g, home, big);
    link(g, home, small);
    link(g, big, home);
    link(g, small, home);
    link(g, orphan, home);
    const UrlId about = b.page("/about");  // makes big the stronger of the two shop pages
    link(g, home, about);
    link(g, about, big);
    if (with_new_link) link(g, big, orphan);
    b.result().start = home;
    return orphan;
  };
  GraphBuilder before;
  const UrlId orphan = build(before, false);
  AuditOptions options;
  options.suggest_links = 2;
  const Audit audit = audit_site(before.result(), options);
  REQUIRE(audit.opportunities.size() == 2);
  const LinkOpportunity& best = audit.opportunities[0];
  CHECK(best.target == orphan);
  CHECK(best.same_cluster);
  CHECK(before.graph().url(best.source) == "https://site.test/shop/big");
  CHECK(audit.opportunities[1].gain <= best.gain);
  GraphBuilder after;
  build(after, true);
  const PageRankResult full = site_equity(after.graph());
  CHECK(best.gain == Approx(full.rank[orphan] - audit.equity.rank[orphan]).epsilon(1e-6));
}
