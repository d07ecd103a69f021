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
  // Four HTML pages, under TemplateOptions::min_pages: a link on every one of them stays content.
  GraphBuilder small;
  const UrlId home = small.page("/a/");
  SiteGraph& few = small.result().graph;
  const std::uint32_t anchor = few.intern_anchor("Home");
  for (int i = 0; i < 3; ++i) {
    few.add_link({small.page("/a/" + std::to_string(i)), home, anchor, 1, LinkKind::kAnchor, kRelNone, Placement::kContent});
  }
  CHECK(mark_template_links(few) == 0);
  for (const Link& link : few.links()) CHECK(link.placement == Placement::kContent);

  // Six pages of /docs/, each linking the hub with the same anchor from every placement: only the
  // content link is a candidate; what markup already placed keeps its placement.
  GraphBuilder big;
  const UrlId hub = big.page("/docs/");
  std::vector<UrlId> pages;
  for (int i = 0; i < 6; ++i) pages.push_back(big.page("/docs/p" + std::to_string(i)));
  SiteGraph& graph = big.result().graph;
  const std::uint32_t docs = graph.intern_anchor("Docs");
  const std::vector<Placement> placements = {Placement::kHeader, Placement::kNav,   Placement::kFooter,
                                             Placement::kAside,  Placement::kContent, Placement::kTemplate};
  for (const UrlId p : pages) {
    for (const Placement where : placements) graph.add_link({p, hub, docs, 1, LinkKind::kAnchor, kRelNone, where});
  }
  std::vector<Placement> before;
  for (const Link& link : graph.links()) before.push_back(link.placement);
  CHECK(mark_template_links(graph) == pages.size());  // the six content links, and nothing already template
  // The placements, after marking, of the links that had placement `was`.
  const auto now_of = [&](Placement was) {
    std::vector<std::string> now;
    for (std::size_t i = 0; i < before.size(); ++i) {
      if (before[i] == was) now.emplace_back(placement_name(graph.links()[i].placement));
    }
    return now;
  };
  CHECK(now_of(Placement::kHeader) == std::vector<std::string>(6, "header"));
  CHECK(now_of(Placement::kNav) == std::vector<std::string>(6, "nav"));
  CHECK(now_of(Placement::kFooter) == std::vector<std::string>(6, "footer"));
  CHECK(now_of(Placement::kAside) == std::vector<std::string>(6, "aside"));
  CHECK(now_of(Placement::kTemplate) == std::vector<std::string>(6, "template"));
  CHECK(now_of(Placement::kContent) == std::vector<std::string>(6, "template"));
}

// cppreference: the "Utilities library" sidebar is on every page under /en/cpp/utility/ and on
// no other page of /en/cpp/: template in that folder though a fifth of the site holds it.
TEST_CASE("template links: a block repeated on most pages of a subfolder is template there", "[graph][template]") {
  GraphBuilder g;
  const UrlId hub = g.page("/en/cpp/utility/program.html");
  std::vector<UrlId> utility;
  for (int i = 0; i < 6; ++i) utility.push_back(g.page("/en/cpp/utility/u" + std::to_string(i) + ".html"));
  for (int i = 0; i < 30; ++i) g.page("/en/cpp/language/l" + std::to_string(i) + ".html");
  const UrlId in_text = g.page("/en/cpp/language/l0.html");
  SiteGraph& graph = g.result().graph;
  const std::uint32_t anchor = graph.intern_anchor("Program utilities");
  for (const UrlId p : utility) graph.add_link({p, hub, anchor, 1, LinkKind::kAnchor, kRelNone, Placement::kContent}, 77);
  graph.add_link({in_text, hub, anchor, 9, LinkKind::kAnchor, kRelNone, Placement::kContent}, 78);  // in running text
  CHECK(mark_template_links(graph) == utility.size());
  CHECK(graph.links().back().placement == Placement::kContent);
}

TEST_CASE("template links: links an earlier crawl judged (reused by --since) keep their placement", "[graph][template]") {
  GraphBuilder g;
  const UrlId hub = g.page("/docs/");
  std::vector<UrlId> pages;
  for (int i = 0; i < 6; ++i) pages.push_back(g.page("/docs/p" + std::to_string(i)));
  SiteGraph& graph = g.result().graph;
  const std::uint32_t back = graph.intern_anchor("Back to docs");
  // The same link on every page, as content: as a fresh crawl's it would become template (the
  // first case above); reused from a crawl that judged it content, it stays content.
  for (const UrlId p : pages) graph.add_link({p, hub, back, 1, LinkKind::kAnchor, kRelNone, Placement::kContent}, kJudgedBlock);
  CHECK(mark_template_links(graph) == 0);
  for (const Link& link : graph.links()) CHECK(link.placement == Placement::kContent);
}
