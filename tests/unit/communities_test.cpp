// --clusters links: Louvain communities (known answers on small graphs, determinism), the
// clusters they make on a site, and link-community-elsewhere.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>

#include "analyze/communities.hpp"
#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using sitegraph::testing::link;
using sitegraph::testing::urls_of;

namespace {

// k cliques of `size` nodes, clique i joined to clique i+1 by one edge (a ring).
std::vector<WeightedEdge> ring_of_cliques(std::uint32_t k, std::uint32_t size) {
  std::vector<WeightedEdge> edges;
  for (std::uint32_t c = 0; c < k; ++c) {
    for (std::uint32_t a = 0; a < size; ++a) {
      for (std::uint32_t b = a + 1; b < size; ++b) edges.push_back({c * size + a, c * size + b, 1.0F});
    }
    edges.push_back({c * size, ((c + 1) % k) * size + 1, 1.0F});
  }
  return edges;
}

}  // namespace

TEST_CASE("louvain: a ring of cliques falls into its cliques", "[communities]") {
  const std::uint32_t k = 12;
  const std::uint32_t size = 5;
  const std::vector<WeightedEdge> edges = ring_of_cliques(k, size);
  const std::vector<std::uint32_t> community = louvain(k * size, edges);
  for (std::uint32_t c = 0; c < k; ++c) {
    for (std::uint32_t a = 1; a < size; ++a) CHECK(community[c * size + a] == community[c * size]);
  }
  CHECK(std::set<std::uint32_t>(community.begin(), community.end()).size() == k);
  // The cliques' modularity: 1 - 1/k - the share of the ring edges (known in closed form).
  const double m = static_cast<double>(edges.size());
  const double expected = (m - k) / m - k * std::pow((size * (size - 1) + 2.0) / (2 * m), 2);
  CHECK(modularity(k * size, edges, community) == Approx(expected));
  CHECK(modularity(k * size, edges, community) > 0.8);
  // Numbered by first node, so the same graph gives the same numbers.
  CHECK(community[0] == 0);
  // The order the edges come in changes nothing.
  std::vector<WeightedEdge> shuffled = edges;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(3));
  CHECK(louvain(k * size, shuffled) == community);
}

TEST_CASE("louvain: two dense groups joined by a few edges, weights counted", "[communities]") {
  // Nodes 0-9 and 10-19, dense inside; three bridges between them of weight 2.
  std::vector<WeightedEdge> edges;
  std::mt19937 rng(11);
  for (std::uint32_t base : {0u, 10u}) {
    for (std::uint32_t a = 0; a < 10; ++a) {
      for (std::uint32_t b = a + 1; b < 10; ++b) {
        if (rng() % 4 != 0) edges.push_back({base + a, base + b, rng() % 2 ? 2.0F : 1.0F});
      }
    }
  }
  for (std::uint32_t i = 0; i < 3; ++i) edges.push_back({i, 10 + i, 2.0F});
  const std::vector<std::uint32_t> c = louvain(20, edges);
  for (std::uint32_t i = 1; i < 10; ++i) CHECK(c[i] == c[0]);
  for (std::uint32_t i = 11; i < 20; ++i) CHECK(c[i] == c[10]);
  CHECK(c[0] != c[10]);
  // Every node alone is worse; everything together is 0.
  std::vector<std::uint32_t> alone(20);
  for (std::uint32_t i = 0; i < 20; ++i) alone[i] = i;
  CHECK(modularity(20, edges, c) > modularity(20, edges, alone));
  CHECK(modularity(20, edges, std::vector<std::uint32_t>(20, 0)) == Approx(0).margin(1e-12));
  CHECK(louvain(3, {}) == std::vector<std::uint32_t>{0, 1, 2});  // no edges: each node its own
}

TEST_CASE("clusters from the links: communities of the content links become the clusters", "[communities][clusters]") {
  GraphBuilder b;
  SiteGraph& g = b.result().graph;
  const UrlId home = b.page("/");
  std::vector<UrlId> tea;
  std::vector<UrlId> coffee;
  for (int i = 0; i < 6; ++i) tea.push_back(b.page("/tea/" + std::to_string(i) + ".html"));
  for (int i = 0; i < 6; ++i) coffee.push_back(b.page("/coffee/" + std::to_string(i) + ".html"));
  // A coffee article filed under /tea/: its content links all go to coffee pages.
  const UrlId stray = b.page("/tea/espresso.html");
  for (const auto* group : {&tea, &coffee}) {
    for (const UrlId a : *group) {
      for (const UrlId c : *group) {
        if (a != c) link(g, a, c);
      }
      link(g, a, home, Placement::kNav);
      link(g, home, a, Placement::kNav);
    }
  }
  for (const UrlId c : coffee) {
    link(g, stray, c);
    link(g, c, stray);
  }
  link(g, home, tea[0]);
  link(g, home, stray, Placement::kNav);
  b.result().start = home;
  AuditOptions options;
  options.link_clusters = true;
  const Audit audit = audit_site(b.result(), options);
  const Clustering& cl = audit.clustering;
  const auto name_of = [&](UrlId id) { return cl.of_page[id] == kNoCluster ? std::string("-") : cl.clusters[cl.of_page[id]].name; };
  CHECK(name_of(tea[0]) == "/tea/ (links)");
  CHECK(name_of(coffee[0]) == "/coffee/ (links)");
  CHECK(name_of(stray) == "/coffee/ (links)");
  for (const UrlId t : tea) CHECK(name_of(t) == name_of(tea[0]));
  CHECK(urls_of(audit, g, "link-community-elsewhere") == std::vector<std::string>{"/tea/espresso.html"});
  SECTION("by directory, the stray page is in /tea/ and no rule compares") {
    const Audit by_folder = audit_site(b.result());
    CHECK(by_folder.clustering.clusters[by_folder.clustering.of_page[stray]].name == "/tea/");
    CHECK(urls_of(by_folder, g, "link-community-elsewhere").empty());
  }
}
