// The rules about where equity goes (src/analyze/equity_rules.cpp): priority-page-weak and
// authority-sink, on small hand-built graphs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using sitegraph::testing::link;
using sitegraph::testing::urls_of;

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
