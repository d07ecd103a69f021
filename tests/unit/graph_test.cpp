// The link graph (src/graph/): template links marked after the crawl.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "graph_builder.hpp"
#include "sitegraph/graph.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;

TEST_CASE("template links: a content link repeated on most pages of a section becomes template", "[graph][template]") {
  GraphBuilder g;
  const UrlId hub = g.page("/docs/");
  std::vector<UrlId> pages;
  for (int i = 0; i < 6; ++i) pages.push_back(g.page("/docs/p" + std::to_string(i)));
  SiteGraph& graph = g.result().graph;
  const std::uint32_t back = graph.intern_anchor("Back to docs");
  const std::uint32_t other = graph.intern_anchor("Read p1");
  for (const UrlId p : pages) graph.add_link({p, hub, back, 1, LinkKind::kAnchor, kRelNone, Placement::kContent});
  graph.add_link({pages[0], pages[1], other, 1, LinkKind::kAnchor, kRelNone, Placement::kContent});
  graph.add_link({pages[2], pages[1], other, 1, LinkKind::kAnchor, kRelNone, Placement::kContent});
  CHECK(mark_template_links(graph) == 6);
  for (const Link& link : graph.links()) {
    CHECK(link.placement == (link.anchor == back ? Placement::kTemplate : Placement::kContent));
  }
}

TEST_CASE("template links: small sections and semantic placements are left alone", "[graph][template]") {
  GraphBuilder g;
  const UrlId hub = g.page("/a/");
  SiteGraph& graph = g.result().graph;
  const std::uint32_t anchor = graph.intern_anchor("Home");
  for (int i = 0; i < 3; ++i) {
    graph.add_link({g.page("/a/" + std::to_string(i)), hub, anchor, 1, LinkKind::kAnchor, kRelNone, Placement::kContent});
  }
  CHECK(mark_template_links(graph) == 0);
}
