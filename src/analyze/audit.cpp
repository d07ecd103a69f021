// The analyze stage in order: depth, both PageRank models, per-page facts, clusters, the
// rules, then link opportunities (which build on the findings).

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <tuple>

#include "analyze/opportunities.hpp"
#include "analyze/power_iteration.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

void append(std::vector<Finding>& to, std::vector<Finding> found) { std::move(found.begin(), found.end(), std::back_inserter(to)); }

// Findings by rule (catalogue order is not used: ids sort alphabetically), then URL, then
// target. URLs are ranked once, so millions of findings sort on integers.
void sort_findings(const SiteGraph& graph, std::vector<Finding>& findings) {
  std::vector<UrlId> named;
  for (const Finding& f : findings) {
    named.push_back(f.url);
    if (f.target != kNoUrl) named.push_back(f.target);
  }
  std::sort(named.begin(), named.end());
  named.erase(std::unique(named.begin(), named.end()), named.end());
  std::sort(named.begin(), named.end(), [&](UrlId a, UrlId b) { return graph.url(a) < graph.url(b); });
  std::vector<std::uint32_t> rank(graph.size(), 0);  // by UrlId: a hash map cost a second at 2.8M findings
  for (std::uint32_t i = 0; i < named.size(); ++i) rank[named[i]] = i + 1;
  std::vector<std::string_view> rules;
  for (const RuleInfo& r : rule_catalogue()) rules.push_back(r.id);
  std::sort(rules.begin(), rules.end());
  struct Key {
    std::uint32_t rule, url, target, index;
  };
  std::vector<Key> keys;
  keys.reserve(findings.size());
  for (std::uint32_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    const auto rule = static_cast<std::uint32_t>(std::lower_bound(rules.begin(), rules.end(), f.rule) - rules.begin());
    keys.push_back({rule, rank[f.url], f.target == kNoUrl ? 0u : rank[f.target], i});
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.rule, a.url, a.target, a.index) < std::tie(b.rule, b.url, b.target, b.index);
  });
  // The permutation applied in place, cycle by cycle: a sorted copy would hold every finding
  // twice (half a gigabyte at 2.8M findings, the audit's peak).
  std::vector<std::uint32_t> from(keys.size());  // position i takes the finding now at from[i]
  for (std::size_t i = 0; i < keys.size(); ++i) from[i] = keys[i].index;
  keys = {};
  for (std::size_t start = 0; start < from.size(); ++start) {
    if (from[start] == start) continue;
    Finding held = std::move(findings[start]);
    std::size_t at = start;
    while (from[at] != start) {
      const std::size_t next = from[at];
      findings[at] = std::move(findings[next]);
      from[at] = static_cast<std::uint32_t>(at);
      at = next;
    }
    findings[at] = std::move(held);
    from[at] = static_cast<std::uint32_t>(at);
  }
}

// The process's peak resident set so far (VmHWM), 0 when /proc cannot tell.
long peak_rss_mib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10) / 1024;
  }
  return 0;
}

// Logs how long each analyzer took and the peak memory so far (-v), so a slow or hungry one on a
// big site is easy to spot.
class StepTimer {
 public:
  void done(const char* step) {
    const auto now = std::chrono::steady_clock::now();
    spdlog::debug("analyze: {} {:.3f} s, peak RSS {} MiB", step, std::chrono::duration<double>(now - last_).count(),
                  peak_rss_mib());
    last_ = now;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

Audit audit_site(const CrawlResult& crawl, const AuditOptions& options) {
  Audit audit;
  const SiteGraph& graph = crawl.graph;
  StepTimer timer;
  audit.depth = crawl_depth(graph, crawl.start);
  timer.done("depth");
  // External authority counts where the models can use it: on ranked (2xx HTML) pages.
  std::vector<double> authority = options.authority;
  for (UrlId id = 0; id < authority.size() && id < graph.size(); ++id) {
    if (!is_ranked(graph.page(id))) authority[id] = 0;
  }
  audit.external_authority = teleport_vector(authority);
  if (audit.external_authority.empty()) authority.clear();
  PageRankOptions classic;
  classic.damping = options.equity.pagerank.damping;
  audit.pagerank = site_pagerank(graph, classic, authority);
  timer.done("pagerank");
  const EquityModel model = equity_model(graph, options.equity, authority);
  const std::vector<double> start = equity_start(model, audit.pagerank, options.equity.pagerank.damping);
  audit.equity = spread_to_pages(power_iterate(model.matrix, options.equity.pagerank, start), model.page_of, graph.size());
  audit.equity_passed = equity_passed(model, audit.equity, options.equity.pagerank.damping);
  timer.done("equity");
  audit.links = count_links(graph);
  audit.facts = page_facts(graph, audit.pagerank);
  timer.done("links and facts");
  audit.priority.assign(graph.size(), 0);
  for (const UrlId id : options.priority) {
    if (id < graph.size()) audit.priority[id] = 1;
  }
  const std::vector<std::pair<UrlId, UrlId>> pairs = followable_pairs(graph);
  audit.clustering = cluster_pages(graph, options.cluster_rules, audit.equity, crawl.start, pairs);
  timer.done("clusters");

  // Capacity is address space until a finding is written there: a generous reserve costs no
  // memory, and spares the doubling copy that was the audit's peak (3 findings a page would be
  // an unusual site; past that the vector grows as usual).
  audit.findings.reserve(3 * graph.size());
  append(audit.findings, find_inlink_problems(crawl, audit, options));
  timer.done("find_inlink_problems");
  append(audit.findings, find_broken_links(graph));
  timer.done("find_broken_links");
  append(audit.findings, find_redirect_problems(graph));
  timer.done("find_redirect_problems");
  append(audit.findings, find_anchor_problems(graph, options));
  timer.done("find_anchor_problems");
  append(audit.findings, find_orphan_pages(crawl));
  timer.done("find_orphan_pages");
  append(audit.findings, find_invalid_urls(crawl));
  timer.done("find_invalid_urls");
  append(audit.findings, find_indexability_problems(crawl));
  timer.done("find_indexability_problems");
  append(audit.findings, find_cluster_problems(graph, audit.clustering, pairs, options));
  timer.done("find_cluster_problems");
  append(audit.findings, find_equity_problems(crawl, audit, options));
  timer.done("find_equity_problems");
  sort_findings(graph, audit.findings);
  timer.done("sort findings");
  audit.opportunities = link_opportunities(graph, model, audit, options, pairs);
  timer.done("link opportunities");
  return audit;
}

}  // namespace sitegraph
