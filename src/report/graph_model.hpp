#pragma once
// What the graph exports share (graph_xml.cpp: DOT, GraphML, GEXF; graph_tables.cpp: the
// edge list, WebGraph, GraphFrames): the output buffer, the node attributes, node numbers
// and the links folded per (source, target) pair.
//
// Nodes are the internal URLs, in UrlId order, numbered n0, n1, ... over the internal URLs
// only; their attributes are the audit's page metrics. Edges are the internal -> internal
// <a>/<area> links folded per (source, target) pair, self links left out, in (source, target)
// order. A page outside the ranked set (not 2xx HTML) has no PageRank or equity: the attribute
// is left out for that node rather than written as 0, so a graph tool cannot mistake "not
// ranked" for "ranked last".

#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "io/chunked_writer.hpp"
#include "report/summary.hpp"
#include "sitegraph/report.hpp"
#include "sitegraph/version.hpp"
#include "text/utf8.hpp"

namespace sitegraph::graph_export {

// Output goes through a string written in chunks of 1 MiB: a million-node graph makes
// hundreds of megabytes, and a stream call per field would cost more than the formatting.
inline constexpr std::size_t kChunk = std::size_t{1} << 20;
using Buffer = ChunkedWriter;

// --- What the formats share: the attributes, node numbers and the folded edges. -----------

enum class AttrType : std::uint8_t { kString, kInt, kDouble, kBool };
struct AttrSpec {
  std::string_view name;
  AttrType type;
};
using Value = std::variant<std::string_view, std::int64_t, double, bool>;

// Declared in the order node_values and edge_values emit them.
inline constexpr std::array<AttrSpec, 11> kNodeAttrs{{{"url", AttrType::kString},
                                               {"status", AttrType::kString},
                                               {"depth", AttrType::kInt},
                                               {"inlinks", AttrType::kInt},
                                               {"outlinks", AttrType::kInt},
                                               {"pagerank", AttrType::kDouble},
                                               {"equity", AttrType::kDouble},
                                               {"indexable", AttrType::kBool},
                                               {"cluster", AttrType::kString},
                                               {"in_sitemap", AttrType::kBool},
                                               {"title", AttrType::kString}}};
// "weight" only for graphs with imported link weights.
inline constexpr std::array<AttrSpec, 5> kEdgeAttrs{{{"count", AttrType::kInt},
                                              {"followable", AttrType::kBool},
                                              {"placement", AttrType::kString},
                                              {"anchor", AttrType::kString},
                                              {"weight", AttrType::kDouble}}};

inline std::string_view graphml_type(AttrType type) {
  switch (type) {
    case AttrType::kString: return "string";
    case AttrType::kInt: return "int";
    case AttrType::kDouble: return "double";
    case AttrType::kBool: return "boolean";
  }
  return "string";
}

inline std::string_view gexf_type(AttrType type) { return type == AttrType::kInt ? "integer" : graphml_type(type); }

template <typename T>
T value_at(const std::vector<T>& values, UrlId id, std::type_identity_t<T> fallback) {
  return id < values.size() ? values[id] : fallback;
}

// Emits (name, value) per node attribute; pagerank and equity only for ranked pages.
template <typename Emit>
inline void node_values(const ReportContext& report, UrlId id, Emit&& emit) {
  const SiteGraph& graph = report.crawl.graph;
  const Audit& audit = report.audit;
  const Page& page = graph.page(id);
  const std::string status = status_label(page);
  const std::uint32_t depth = value_at(audit.depth, id, kUnreachable);
  const double rank = value_at(audit.pagerank.rank, id, std::nan(""));
  const double equity = value_at(audit.equity.rank, id, std::nan(""));
  const std::uint32_t cluster = value_at(audit.clustering.of_page, id, kNoCluster);
  emit("url", Value(graph.url(id)));
  emit("status", Value(std::string_view(status)));
  emit("depth", Value(depth == kUnreachable ? std::int64_t{-1} : std::int64_t{depth}));
  emit("inlinks", Value(std::int64_t{value_at(audit.links.inlinks, id, 0u)}));
  emit("outlinks", Value(std::int64_t{value_at(audit.links.outlinks_internal, id, 0u)}));
  if (!std::isnan(rank)) emit("pagerank", Value(rank));
  if (!std::isnan(equity)) emit("equity", Value(equity));
  emit("indexable", Value(value_at(audit.facts.indexable, id, std::uint8_t{0}) != 0));
  emit("cluster", Value(cluster < audit.clustering.clusters.size() ? std::string_view(audit.clustering.clusters[cluster].name)
                                                                   : std::string_view()));
  emit("in_sitemap", Value(page.in_sitemap));
  emit("title", Value(std::string_view(graph.text(id).title)));
}

// Node numbers n0, n1, ... over the internal URLs in UrlId order; kNoUrl for the others.
inline std::vector<std::uint32_t> node_numbers(const SiteGraph& graph) {
  std::vector<std::uint32_t> number(graph.size(), kNoUrl);
  std::uint32_t next = 0;
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (graph.page(id).internal) number[id] = next++;
  }
  return number;
}

/// The links from one page to another, folded into one edge.
struct Edge {
  UrlId source = kNoUrl;
  UrlId target = kNoUrl;
  std::uint32_t count = 0;
  double weight = 0;         ///< imported link weights summed; the count when there are none
  bool followable = false;   ///< at least one of the links is followable
  Placement placement = Placement::kContent;  ///< the heaviest link's
  std::string_view anchor;   ///< the first non-empty anchor text
};

template <typename Emit>
inline void edge_values(const Edge& edge, bool weighted, Emit&& emit) {
  emit("count", Value(std::int64_t{edge.count}));
  emit("followable", Value(edge.followable));
  emit("placement", Value(placement_name(edge.placement)));
  emit("anchor", Value(edge.anchor));
  // Imported weights are floats (SiteGraph::add_weighted_link): written at float precision,
  // a single row's weight reads back exactly.
  if (weighted) emit("weight", Value(static_cast<double>(static_cast<float>(edge.weight))));
}

inline bool exported_link(const SiteGraph& graph, const Link& link) {
  return is_click_link(link.kind) && link.source != link.target && graph.page(link.source).internal &&
         graph.page(link.target).internal;
}

// The exported links' indexes grouped by source with a stable counting sort: each source's
// pairs are then folded with a small sort, never a sort of every link of the site.
struct LinksBySource {
  std::vector<std::uint32_t> offsets;  ///< per page + 1
  std::vector<std::uint32_t> links;
};

inline LinksBySource links_by_source(const SiteGraph& graph) {
  const LinkList& links = graph.links();
  LinksBySource index;
  index.offsets.assign(graph.size() + 1, 0);
  for (const Link& link : links) {
    if (exported_link(graph, link)) ++index.offsets[link.source + 1];
  }
  for (std::size_t i = 1; i < index.offsets.size(); ++i) index.offsets[i] += index.offsets[i - 1];
  index.links.resize(index.offsets.back());
  std::vector<std::uint32_t> next(index.offsets.begin(), index.offsets.end() - 1);
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (exported_link(graph, links[i])) index.links[next[links[i].source]++] = static_cast<std::uint32_t>(i);
  }
  return index;
}

// `pair`: the indexes, ascending, of the links from one source to one target.
inline Edge fold_pair(const SiteGraph& graph, std::span<const std::uint32_t> pair) {
  // "Heaviest" by the equity model's default placement weights, which also keeps only the
  // heaviest of several links between two pages; on a tie, the first link.
  static const EquityOptions kDefaults;
  const std::vector<float>& weights = graph.link_weights();
  const Link& first = graph.links()[pair.front()];
  Edge edge{first.source, first.target, static_cast<std::uint32_t>(pair.size()), 0, false, first.placement, {}};
  double heaviest = -1;
  for (const std::uint32_t i : pair) {
    const Link& link = graph.links()[i];
    edge.weight += i < weights.size() ? static_cast<double>(weights[i]) : 1.0;
    edge.followable = edge.followable || followable(graph, link);
    const double w = kDefaults.placement_weight[static_cast<std::size_t>(link.placement)];
    if (w > heaviest) {
      heaviest = w;
      edge.placement = link.placement;
    }
    if (edge.anchor.empty()) edge.anchor = graph.anchor(link.anchor);
  }
  return edge;
}

// Calls visit(const Edge&) per linked (source, target) pair, in (source, target) order.
template <typename Visit>
inline void for_each_edge(const SiteGraph& graph, Visit&& visit) {
  LinksBySource index = links_by_source(graph);
  const LinkList& links = graph.links();
  const auto by_target = [&](std::uint32_t a, std::uint32_t b) {
    return links[a].target != links[b].target ? links[a].target < links[b].target : a < b;
  };
  for (std::size_t source = 0; source + 1 < index.offsets.size(); ++source) {
    std::uint32_t* const begin = index.links.data() + index.offsets[source];
    std::uint32_t* const end = index.links.data() + index.offsets[source + 1];
    std::sort(begin, end, by_target);
    for (std::uint32_t* run = begin; run != end;) {
      const UrlId target = links[*run].target;
      std::uint32_t* const run_end = std::find_if(run, end, [&](std::uint32_t i) { return links[i].target != target; });
      visit(fold_pair(graph, std::span<const std::uint32_t>(run, run_end)));
      run = run_end;
    }
  }
}

}  // namespace sitegraph::graph_export
