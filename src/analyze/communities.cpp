#include "analyze/communities.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "analyze/link_index.hpp"
#include "analyze/passes.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

// A symmetric weighted graph: each edge in both rows; a node's own weight (a folded
// community's inside) apart, counted once in its degree.
struct Graph {
  std::vector<std::size_t> offsets;
  std::vector<std::uint32_t> to;
  std::vector<double> weight;
  std::vector<double> self;

  [[nodiscard]] std::size_t size() const { return self.size(); }
};

Graph build(std::size_t nodes, const std::vector<WeightedEdge>& edges, std::vector<double> self) {
  Graph g;
  g.self = std::move(self);
  g.offsets.assign(nodes + 1, 0);
  for (const WeightedEdge& e : edges) {
    ++g.offsets[e.u + 1];
    ++g.offsets[e.v + 1];
  }
  for (std::size_t i = 0; i < nodes; ++i) g.offsets[i + 1] += g.offsets[i];
  g.to.resize(g.offsets.back());
  g.weight.resize(g.offsets.back());
  std::vector<std::size_t> next(g.offsets.begin(), g.offsets.end() - 1);
  for (const WeightedEdge& e : edges) {
    g.to[next[e.u]] = e.v;
    g.weight[next[e.u]++] = e.w;
    g.to[next[e.v]] = e.u;
    g.weight[next[e.v]++] = e.w;
  }
  return g;
}

// One level: nodes moved between communities until a pass moves none. Returns whether any
// node moved; `community` is indexed by node, numbered 0.. in the order of first node.
bool move_nodes(const Graph& g, double resolution, std::vector<std::uint32_t>& community) {
  const std::size_t n = g.size();
  std::vector<double> degree(n, 0.0);
  double two_m = 0;
  for (std::size_t i = 0; i < n; ++i) {
    degree[i] = g.self[i];
    for (std::size_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e) degree[i] += g.weight[e];
    two_m += degree[i];
  }
  community.resize(n);
  for (std::size_t i = 0; i < n; ++i) community[i] = static_cast<std::uint32_t>(i);
  if (!(two_m > 0)) return false;
  std::vector<double> total(degree);  // per community: the degrees of its nodes
  std::vector<double> to_community(n, 0.0);
  std::vector<std::uint32_t> touched;
  bool moved_any = false;
  constexpr double kEpsilon = 1e-12;
  // Passes until one moves (almost) nothing: fewer than one node in a thousand, as the last
  // passes of a big graph shuffle a few boundary nodes for a gain that does not show.
  const std::size_t enough = std::max<std::size_t>(1, n / 1000);
  for (int pass = 0; pass < 100; ++pass) {
    std::size_t moved = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t own = community[i];
      touched.clear();
      touched.push_back(own);
      for (std::size_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e) {
        const std::uint32_t c = community[g.to[e]];
        if (to_community[c] == 0.0 && c != own) touched.push_back(c);
        to_community[c] += g.weight[e];
      }
      total[own] -= degree[i];
      const double scale = resolution * degree[i] / two_m;
      std::uint32_t best = own;
      double best_gain = to_community[own] - scale * total[own];
      for (const std::uint32_t c : touched) {
        if (c == own) continue;
        const double gain = to_community[c] - scale * total[c];
        if (gain > best_gain + kEpsilon || (std::abs(gain - best_gain) <= kEpsilon && best != own && c < best)) {
          best = c;
          best_gain = gain;
        }
      }
      total[best] += degree[i];
      community[i] = best;
      if (best != own) ++moved;
      for (const std::uint32_t c : touched) to_community[c] = 0.0;
    }
    if (moved > 0) moved_any = true;
    if (moved < enough) break;
  }
  // Renumber by first node.
  std::vector<std::uint32_t> number(n, UINT32_MAX);
  std::uint32_t next = 0;
  for (std::uint32_t& c : community) {
    if (number[c] == UINT32_MAX) number[c] = next++;
    c = number[c];
  }
  return moved_any;
}

// The communities folded into nodes: their inside weight as the node's own, the weights
// between two of them summed into one edge.
Graph fold(const Graph& g, const std::vector<std::uint32_t>& community) {
  const std::size_t n = g.size();
  std::uint32_t count = 0;
  for (const std::uint32_t c : community) count = std::max(count, c + 1);
  std::vector<std::size_t> start(count + 1, 0);
  for (const std::uint32_t c : community) ++start[c + 1];
  for (std::uint32_t c = 0; c < count; ++c) start[c + 1] += start[c];
  std::vector<std::uint32_t> members(n);
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (std::uint32_t i = 0; i < n; ++i) members[fill[community[i]]++] = i;
  std::vector<double> self(count, 0.0);
  std::vector<WeightedEdge> edges;
  std::vector<double> to_community(count, 0.0);
  std::vector<std::uint32_t> touched;
  for (std::uint32_t c = 0; c < count; ++c) {
    touched.clear();
    for (std::size_t k = start[c]; k < start[c + 1]; ++k) {
      const std::uint32_t i = members[k];
      self[c] += g.self[i];
      for (std::size_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e) {
        const std::uint32_t d = community[g.to[e]];
        if (d == c) {
          self[c] += g.weight[e];  // each inside edge seen from both ends: A_uv + A_vu
          continue;
        }
        if (to_community[d] == 0.0) touched.push_back(d);
        to_community[d] += g.weight[e];
      }
    }
    std::sort(touched.begin(), touched.end());
    for (const std::uint32_t d : touched) {
      if (d > c) edges.push_back({c, d, static_cast<float>(to_community[d])});
      to_community[d] = 0.0;
    }
  }
  return build(count, edges, std::move(self));
}

}  // namespace

std::vector<std::uint32_t> louvain(std::size_t nodes, const std::vector<WeightedEdge>& edges, double resolution) {
  Graph g = build(nodes, edges, std::vector<double>(nodes, 0.0));
  std::vector<std::uint32_t> assignment(nodes);
  for (std::uint32_t i = 0; i < nodes; ++i) assignment[i] = i;
  std::vector<std::uint32_t> community;
  for (int level = 0; level < 64; ++level) {
    const bool moved = move_nodes(g, resolution, community);
    for (std::uint32_t& a : assignment) a = community[a];
    if (!moved) break;
    g = fold(g, community);
  }
  return assignment;
}

double modularity(std::size_t nodes, const std::vector<WeightedEdge>& edges, const std::vector<std::uint32_t>& community,
                  double resolution) {
  std::uint32_t count = 0;
  for (const std::uint32_t c : community) count = std::max(count, c + 1);
  std::vector<double> inside(count, 0.0);
  std::vector<double> total(count, 0.0);
  double two_m = 0;
  for (const WeightedEdge& e : edges) {
    two_m += 2 * e.w;
    total[community[e.u]] += e.w;
    total[community[e.v]] += e.w;
    if (community[e.u] == community[e.v]) inside[community[e.u]] += 2 * e.w;
  }
  (void)nodes;
  if (!(two_m > 0)) return 0;
  double q = 0;
  for (std::uint32_t c = 0; c < count; ++c) q += inside[c] / two_m - resolution * (total[c] / two_m) * (total[c] / two_m);
  return q;
}

std::vector<std::string> link_community_names(const SiteGraph& graph, const std::vector<std::string>& folder_of) {
  // Nodes: ranked pages in URL order. Index pages (an A-Z index's letters, a table of
  // contents) link to every topic by design: they would tie topics together, and belong to none.
  const std::vector<std::uint8_t> index = find_index_pages(graph);
  std::vector<UrlId> pages;
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (is_ranked(graph.page(id)) && !index[id]) pages.push_back(id);
  }
  std::sort(pages.begin(), pages.end(), [&](UrlId a, UrlId b) { return graph.url(a) < graph.url(b); });
  std::vector<std::uint32_t> node(graph.size(), UINT32_MAX);
  for (std::uint32_t i = 0; i < pages.size(); ++i) node[pages[i]] = i;
  // Content and aside links between them, one per direction, then undirected with the count.
  const FinalTargets final_of(graph);
  std::vector<std::uint64_t> directed;
  for (const Link& link : graph.links()) {
    if (!is_click_link(link.kind) || !followable(graph, link)) continue;
    if (link.placement != Placement::kContent && link.placement != Placement::kAside) continue;
    const UrlId target = final_of(link.target);
    if (target == kNoUrl || target == link.source || node[link.source] == UINT32_MAX || node[target] == UINT32_MAX) continue;
    directed.push_back(static_cast<std::uint64_t>(node[link.source]) << 32 | node[target]);
  }
  std::sort(directed.begin(), directed.end());
  directed.erase(std::unique(directed.begin(), directed.end()), directed.end());
  // One undirected edge per linked pair, weight 2 when both link: a pair linked both ways is
  // kept from its a < b direction; the reverse is looked up in the sorted list.
  std::vector<WeightedEdge> edges;
  edges.reserve(directed.size());
  const auto has = [&](std::uint32_t a, std::uint32_t b) {
    return std::binary_search(directed.begin(), directed.end(), static_cast<std::uint64_t>(a) << 32 | b);
  };
  for (const std::uint64_t d : directed) {
    const auto a = static_cast<std::uint32_t>(d >> 32);
    const auto b = static_cast<std::uint32_t>(d);
    const bool both = has(b, a);
    if (both && a > b) continue;
    edges.push_back({std::min(a, b), std::max(a, b), both ? 2.0F : 1.0F});
  }
  directed = {};
  const std::vector<std::uint32_t> community = louvain(pages.size(), edges);
  // A page with no content link in or out is a community of its own: no topic cluster.
  std::vector<std::uint8_t> linked(pages.size(), 0);
  for (const WeightedEdge& e : edges) linked[e.u] = linked[e.v] = 1;
  // Name each community after the folder most of its pages are in; communities sharing a
  // folder are numbered by size.
  std::uint32_t count = 0;
  for (const std::uint32_t c : community) count = std::max(count, c + 1);
  std::vector<std::map<std::string, std::size_t>> folders(count);
  std::vector<std::size_t> size(count, 0);
  for (std::uint32_t i = 0; i < pages.size(); ++i) {
    if (!linked[i]) continue;
    ++folders[community[i]][folder_of[pages[i]]];
    ++size[community[i]];
  }
  std::vector<std::string> majority(count);
  for (std::uint32_t c = 0; c < count; ++c) {
    std::size_t best = 0;
    for (const auto& [folder, n] : folders[c]) {
      if (n > best) {
        best = n;
        majority[c] = folder;
      }
    }
  }
  std::vector<std::uint32_t> order(count);
  for (std::uint32_t c = 0; c < count; ++c) order[c] = c;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return size[a] > size[b]; });
  std::map<std::string, int> used;
  std::vector<std::string> name(count);
  for (const std::uint32_t c : order) {
    if (size[c] == 0) continue;
    const int k = ++used[majority[c]];
    name[c] = (majority[c].empty() ? std::string("/") : majority[c]) + (k == 1 ? " (links)" : " (links " + std::to_string(k) + ")");
  }
  std::vector<std::string> names(graph.size());
  for (std::uint32_t i = 0; i < pages.size(); ++i) {
    if (linked[i]) names[pages[i]] = name[community[i]];
  }
  return names;
}

}  // namespace sitegraph
