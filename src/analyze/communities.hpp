#pragma once
// Topic clusters found from the links (--clusters links): communities of the content-link
// graph by modularity, with the Louvain method (Blondel, Guillaume, Lambiotte, Lefebvre 2008).
// Internal to src/analyze.

#include <cstdint>
#include <string>
#include <vector>

#include "sitegraph/graph.hpp"

namespace sitegraph {

/// An undirected weighted edge; u != v.
struct WeightedEdge {
  std::uint32_t u = 0;
  std::uint32_t v = 0;
  float w = 0;  ///< 12 bytes an edge: tens of millions of them at a million pages
};

/// The community of each of `nodes` nodes, numbered from 0 in the order of their first node:
/// local moves of one node at a time (nodes in index order, to the neighbouring community that
/// raises modularity most, ties to the lower community), then the communities folded into
/// nodes, until a level moves nothing. Deterministic for a given edge list and node order.
std::vector<std::uint32_t> louvain(std::size_t nodes, const std::vector<WeightedEdge>& edges, double resolution = 1.0);

/// Modularity of a partition (for tests and the note): sum over communities of
/// in_c / 2m - resolution * (tot_c / 2m)^2.
double modularity(std::size_t nodes, const std::vector<WeightedEdge>& edges, const std::vector<std::uint32_t>& community,
                  double resolution = 1.0);

/// Each ranked page's link community as a cluster name, "" for the others. The graph: ranked
/// pages but index pages (find_index_pages), an edge where one links to the other in content or an aside (followable, redirects
/// followed), weight 2 when both do. Pages are taken in URL order, so the same site gives the
/// same communities whatever the crawl's page ids. A page with no such edge is in no cluster
/// (""). A community is named after the folder
/// (`folder_of`, the default clusters' names) most of its pages are in: "/blog/ (links)", then
/// "/blog/ (links 2)" for the next community mostly in /blog/ (by size).
std::vector<std::string> link_community_names(const SiteGraph& graph, const std::vector<std::string>& folder_of);

}  // namespace sitegraph
