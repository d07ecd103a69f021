#include <algorithm>
#include <tuple>

#include "analyze/power_iteration.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {

Audit audit_site(const CrawlResult& crawl, const AuditOptions& options) {
  Audit audit;
  const SiteGraph& graph = crawl.graph;
  audit.depth = crawl_depth(graph, crawl.start);
  PageRankOptions classic;
  classic.damping = options.equity.pagerank.damping;
  audit.pagerank = site_pagerank(graph, classic, options.authority);
  const EquityModel model = equity_model(graph, options.equity, options.authority);
  audit.equity = spread_to_pages(power_iterate(model.matrix, options.equity.pagerank), model.page_of, graph.size());
  audit.equity_passed = equity_passed(model, audit.equity, options.equity.pagerank.damping);
  audit.external_authority = teleport_vector(options.authority);
  audit.links = count_links(graph);
  audit.facts = page_facts(graph, audit.pagerank);
  std::vector<Finding> linked = find_inlink_problems(crawl, audit, options);
  std::move(linked.begin(), linked.end(), std::back_inserter(audit.findings));
  for (auto* find : {&find_broken_links, &find_redirect_problems, &find_anchor_problems}) {
    std::vector<Finding> found = (*find)(graph);
    std::move(found.begin(), found.end(), std::back_inserter(audit.findings));
  }
  for (auto* find : {&find_orphan_pages, &find_invalid_urls, &find_indexability_problems}) {
    std::vector<Finding> found = (*find)(crawl);
    std::move(found.begin(), found.end(), std::back_inserter(audit.findings));
  }
  std::sort(audit.findings.begin(), audit.findings.end(), [&](const Finding& a, const Finding& b) {
    const auto target = [&](const Finding& f) { return f.target == kNoUrl ? std::string_view() : graph.url(f.target); };
    return std::make_tuple(a.rule, graph.url(a.url), target(a)) < std::make_tuple(b.rule, graph.url(b.url), target(b));
  });
  return audit;
}

}  // namespace sitegraph
