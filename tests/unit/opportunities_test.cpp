// Link opportunities (src/analyze/opportunities.cpp): which new link raises a page's equity most.
#include <catch2/catch.hpp>

#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using sitegraph::testing::link;

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
