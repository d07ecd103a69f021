#include <deque>
#include <optional>
#include <vector>

#include "analyze/passes.hpp"
#include "analyze/link_index.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {

std::vector<std::uint32_t> crawl_depth(const SiteGraph& graph, UrlId start) { return crawl_depth(graph, start, nullptr); }

std::vector<std::uint32_t> crawl_depth(const SiteGraph& graph, UrlId start, const LinkIndex* given) {
  std::vector<std::uint32_t> depth(graph.size(), kUnreachable);
  if (start == kNoUrl || start >= graph.size()) return depth;
  // One byte a page, read once per link: the page records are eight times larger.
  std::vector<std::uint8_t> reachable(graph.size());
  for (UrlId id = 0; id < graph.size(); ++id) {
    const Page& p = graph.page(id);
    reachable[id] = p.internal && p.outcome != FetchOutcome::kRobotsBlocked ? 1 : 0;
  }
  std::optional<LinkIndex> own;
  const LinkIndex& by_source = link_index(graph, given, own);
  // 0-1 breadth-first search: a redirect hop costs no click, so its target goes to the front.
  std::deque<UrlId> queue{start};
  depth[start] = 0;
  while (!queue.empty()) {
    const UrlId u = queue.front();
    queue.pop_front();
    for (const std::uint32_t i : by_source.of(u)) {
      const Link& link = graph.links()[i];
      const UrlId v = link.target;
      if (!reachable[v]) continue;
      if (link.kind == LinkKind::kRedirect) {
        if (depth[v] > depth[u]) {
          depth[v] = depth[u];
          queue.push_front(v);
        }
      } else if (depth[v] > depth[u] + 1 && followable(graph, link)) {
        depth[v] = depth[u] + 1;
        queue.push_back(v);
      }
    }
  }
  return depth;
}

}  // namespace sitegraph
