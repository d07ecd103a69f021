// The analyze stage in order: depth, both PageRank models, per-page facts, clusters, the
// rules, then link opportunities (which build on the findings).

#include <algorithm>
#include <tuple>

#include "analyze/opportunities.hpp"
#include "analyze/power_iteration.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

void append(std::vector<Finding>& to, std::vector<Finding> found) { std::move(found.begin(), found.end(), std::back_inserter(to)); }

}  // namespace

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
  audit.priority.assign(graph.size(), 0);
  for (const UrlId id : options.priority) {
    if (id < graph.size()) audit.priority[id] = 1;
  }
  const std::vector<std::pair<UrlId, UrlId>> pairs = followable_pairs(graph);
  audit.clustering = cluster_pages(graph, options.cluster_rules, audit.equity, crawl.start, pairs);

  append(audit.findings, find_inlink_problems(crawl, audit, options));
  append(audit.findings, find_broken_links(graph));
  append(audit.findings, find_redirect_problems(graph));
  append(audit.findings, find_anchor_problems(graph, options));
  append(audit.findings, find_orphan_pages(crawl));
  append(audit.findings, find_invalid_urls(crawl));
  append(audit.findings, find_indexability_problems(crawl));
  append(audit.findings, find_cluster_problems(graph, audit.clustering, pairs, options));
  append(audit.findings, find_equity_problems(crawl, audit, options));
  std::sort(audit.findings.begin(), audit.findings.end(), [&](const Finding& a, const Finding& b) {
    const auto target = [&](const Finding& f) { return f.target == kNoUrl ? std::string_view() : graph.url(f.target); };
    return std::make_tuple(a.rule, graph.url(a.url), target(a)) < std::make_tuple(b.rule, graph.url(b.url), target(b));
  });
  audit.opportunities = link_opportunities(graph, model, audit, options, pairs);
  return audit;
}

}  // namespace sitegraph
