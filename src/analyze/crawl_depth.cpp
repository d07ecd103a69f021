#include <deque>
#include <utility>
#include <vector>

#include "sitegraph/analyze.hpp"

namespace sitegraph {

std::vector<std::uint32_t> crawl_depth(const SiteGraph& graph, UrlId start) {
  std::vector<std::uint32_t> depth(graph.size(), kUnreachable);
  if (start == kNoUrl || start >= graph.size()) return depth;
  auto reachable = [&](UrlId id) {
    const Page& p = graph.page(id);
    return p.internal && p.outcome != FetchOutcome::kRobotsBlocked;
  };
  std::vector<std::pair<std::uint32_t, std::uint32_t>> clicks;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> hops;
  for (const Link& link : graph.links()) {
    if (!reachable(link.target)) continue;
    if (link.kind == LinkKind::kRedirect) {
      hops.emplace_back(link.source, link.target);
    } else if (followable(graph, link)) {
      clicks.emplace_back(link.source, link.target);
    }
  }
  const Csr click_csr = build_csr(graph.size(), clicks);
  const Csr hop_csr = build_csr(graph.size(), hops);
  // 0-1 breadth-first search: a redirect hop costs no click, so its target goes to the front.
  std::deque<UrlId> queue{start};
  depth[start] = 0;
  while (!queue.empty()) {
    const UrlId u = queue.front();
    queue.pop_front();
    for (const std::uint32_t v : hop_csr.row(u)) {
      if (depth[v] > depth[u]) {
        depth[v] = depth[u];
        queue.push_front(v);
      }
    }
    for (const std::uint32_t v : click_csr.row(u)) {
      if (depth[v] > depth[u] + 1) {
        depth[v] = depth[u] + 1;
        queue.push_back(v);
      }
    }
  }
  return depth;
}

}  // namespace sitegraph
