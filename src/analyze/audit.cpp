// The analyze stage in order: depth, both PageRank models, per-page facts, clusters, the
// rules, then link opportunities (which build on the findings).

#include <spdlog/spdlog.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <future>
#include <memory>
#include <string>
#include <tuple>

#include "analyze/passes.hpp"
#include "analyze/link_plan.hpp"
#include "analyze/opportunities.hpp"
#include "analyze/power_iteration.hpp"
#include "analyze/link_index.hpp"
#include "analyze/radix_sort.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

bool excluded_internal_pages(const SiteGraph& graph) {
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (graph.page(id).internal && graph.page(id).outcome == FetchOutcome::kExcluded) return true;
  }
  return false;
}

void append(std::vector<Finding>& to, std::vector<Finding> found) { std::move(found.begin(), found.end(), std::back_inserter(to)); }

// Every URL's position in URL order, from 1: findings sort on these integers, not strings.
std::vector<std::uint32_t> rank_urls(const SiteGraph& graph) {
  // Sorted as (text, id) pairs side by side: no lookup through the graph per comparison.
  std::vector<std::pair<std::string_view, UrlId>> by_url;
  by_url.reserve(graph.size());
  for (UrlId id = 0; id < graph.size(); ++id) by_url.emplace_back(graph.url(id), id);
  std::sort(by_url.begin(), by_url.end());
  std::vector<std::uint32_t> rank(graph.size(), 0);  // by UrlId: a hash map cost a second at 2.8M findings
  for (std::uint32_t i = 0; i < by_url.size(); ++i) rank[by_url[i].second] = i + 1;
  return rank;
}

// Findings by rule (catalogue order is not used: ids sort alphabetically), then URL, then
// target, by the URL ranks of rank_urls.
void sort_findings(const std::vector<std::uint32_t>& rank, std::vector<Finding>& findings) {
  const auto rank_bits = static_cast<unsigned>(std::bit_width(rank.size()));
  std::vector<std::string_view> rules;
  for (const RuleInfo& r : rule_catalogue()) rules.push_back(r.id);
  std::sort(rules.begin(), rules.end());
  const auto rule_of = [&](const Finding& f) {
    return static_cast<std::uint64_t>(std::lower_bound(rules.begin(), rules.end(), f.rule) - rules.begin());
  };
  if (static_cast<unsigned>(std::bit_width(rules.size())) + 2 * rank_bits > 64) {
    // Over 2^29 URLs: no single integer key holds them; compare field by field.
    const auto rank_of = [&](UrlId id) { return id == kNoUrl ? 0u : rank[id]; };
    std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
      return std::tuple(rule_of(a), rank_of(a.url), rank_of(a.target)) < std::tuple(rule_of(b), rank_of(b.url), rank_of(b.target));
    });
    return;
  }
  // One integer key (rule, url rank, target rank) and a stable radix sort: ties keep their order.
  struct Key {
    std::uint64_t key;
    std::uint32_t index;
  };
  std::vector<Key> keys;
  keys.reserve(findings.size());
  for (std::uint32_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    const std::uint64_t rule = rule_of(f);
    const std::uint64_t target = f.target == kNoUrl ? 0u : rank[f.target];
    keys.push_back({(rule << (2 * rank_bits)) | (std::uint64_t{rank[f.url]} << rank_bits) | target, i});
  }
  radix_sort_by(keys, [](const Key& k) { return k.key; });
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

// What the second core computes beside the models: the URL order the findings are sorted by
// and the rules that read only the crawl.
struct GraphOnly {
  std::vector<std::uint32_t> url_ranks;
  std::vector<Finding> anchors_broken_redirects;
  std::vector<Finding> orphans;
  std::vector<Finding> invalid_urls;
  std::vector<Finding> indexability;
  std::vector<DuplicateSet> duplicate_sets;
  std::vector<HreflangSet> hreflang_sets;
  std::vector<Finding> hreflang;
};

GraphOnly graph_only_rules(const CrawlResult& crawl, const AuditOptions& options) {
  StepTimer timer;
  GraphOnly out;
  out.url_ranks = rank_urls(crawl.graph);
  out.anchors_broken_redirects = find_anchor_problems(crawl.graph, options);
  append(out.anchors_broken_redirects, find_broken_links(crawl.graph));
  append(out.anchors_broken_redirects, find_broken_fragments(crawl.graph));
  append(out.anchors_broken_redirects, find_redirect_problems(crawl.graph, crawl.complete && crawl.limits.redirects_cut > 0));
  out.orphans = find_orphan_pages(crawl);
  out.invalid_urls = find_invalid_urls(crawl);
  out.indexability = find_indexability_problems(crawl);
  out.duplicate_sets = find_duplicate_sets(crawl.graph, options);
  out.hreflang = find_hreflang_problems(crawl.graph, out.hreflang_sets);
  timer.done("(second core) URL order, anchor, broken-link, redirect, orphan, invalid-URL, indexability, duplicate and hreflang rules");
  return out;
}

// Clusters and their rules, on the second core once the equity model is done.
struct ClusterWork {
  std::vector<std::pair<UrlId, UrlId>> pairs;  // the followable page pairs; kept for link suggestions
  Clustering clustering;
  std::vector<Finding> findings;
};

ClusterWork cluster_work(const CrawlResult& crawl, const AuditOptions& options, const PageRankResult& equity,
                         std::shared_ptr<const LinkIndex> index) {
  StepTimer timer;
  ClusterWork out;
  out.pairs = followable_pairs(crawl.graph, index.get());
  index.reset();
  out.clustering = cluster_pages(crawl.graph, options.cluster_rules, options.link_clusters, equity, crawl.start, out.pairs);
  out.findings = find_cluster_problems(crawl.graph, crawl.start, out.clustering, out.pairs, options);
  if (options.suggest_links == 0) out.pairs = {};
  timer.done("(second core) clusters and their rules");
  return out;
}

}  // namespace

Audit audit_site(const CrawlResult& crawl, const AuditOptions& options) {
  Audit audit;
  const SiteGraph& graph = crawl.graph;
  StepTimer timer;
  // Two lanes: this one runs the models and the rules that need them; the second core computes
  // what reads only the graph from the start, then the clusters once equity is known. Only the
  // power iterations use both cores themselves; everything else is one pass each.
  std::future<GraphOnly> graph_only = std::async(std::launch::async, graph_only_rules, std::cref(crawl), std::cref(options));
  auto by_source = std::make_shared<const LinkIndex>(graph);
  audit.depth = crawl_depth(graph, crawl.start, by_source.get());
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
  audit.pagerank = site_pagerank(graph, classic, authority, by_source.get());
  timer.done("pagerank");
  EquityModel model = equity_model(graph, options.equity, authority, by_source.get());
  const std::vector<double> start = equity_start(model, audit.pagerank, options.equity.pagerank.damping);
  audit.equity = spread_to_pages(power_iterate(model.matrix, options.equity.pagerank, start), model.page_of, graph.size());
  audit.equity_passed = equity_passed(model, audit.equity, options.equity.pagerank.damping);
  // Only link suggestions and the plan need the model again: otherwise its matrix (hundreds of
  // MB on a big site) is freed before the rules run and their findings take the room. The plan
  // alone builds it again once the rules are done (a second or two at a million pages, where
  // keeping it would lift the audit's peak by 80 MB).
  if (options.suggest_links == 0) model = {};
  timer.done("equity");
  std::future<ClusterWork> clusters =
      std::async(std::launch::async, cluster_work, std::cref(crawl), std::cref(options), std::cref(audit.equity), by_source);
  audit.links = count_links(graph, by_source.get());
  audit.facts = page_facts(graph, audit.pagerank, by_source.get());
  timer.done("links and facts");
  audit.priority.assign(graph.size(), 0);
  for (const UrlId id : options.priority) {
    if (id < graph.size()) audit.priority[id] = 1;
  }
  std::vector<Finding> inlink_findings = find_inlink_problems(crawl, audit, options, by_source.get());
  by_source.reset();  // the cluster lane holds it until its pairs are built
  timer.done("find_inlink_problems");

  ClusterWork cluster_lane = clusters.get();
  audit.clustering = std::move(cluster_lane.clustering);
  timer.done("clusters (waited for)");
  GraphOnly graph_lane = graph_only.get();
  timer.done("graph-only rules (waited for)");
  // Capacity is address space until a finding is written there: a generous reserve costs no
  // memory, and spares the doubling copy that was the audit's peak (3 findings a page would be
  // an unusual site; past that the vector grows as usual).
  audit.findings.reserve(3 * graph.size());
  append(audit.findings, std::move(cluster_lane.findings));
  append(audit.findings, std::move(inlink_findings));
  append(audit.findings, std::move(graph_lane.anchors_broken_redirects));

  append(audit.findings, std::move(graph_lane.invalid_urls));
  append(audit.findings, std::move(graph_lane.indexability));
  append(audit.findings, std::move(graph_lane.hreflang));
  audit.hreflang_sets = std::move(graph_lane.hreflang_sets);
  append(audit.findings, find_equity_problems(crawl, audit, options));
  append(audit.findings, find_duplicate_problems(graph, audit, graph_lane.duplicate_sets));
  name_orphan_copies(graph, graph_lane.duplicate_sets, graph_lane.orphans);
  append(audit.findings, std::move(graph_lane.orphans));
  audit.duplicate_sets = std::move(graph_lane.duplicate_sets);
  append(audit.findings, find_slow_pages(graph, options));
  // Pages left out by --include/--exclude/--no-parent were never read: their links are unknown,
  // as those of pages an incomplete crawl did not reach.
  if (!crawl.complete || excluded_internal_pages(graph)) {
    for (Finding& f : audit.findings) {
      const RuleInfo* rule = find_rule(f.rule);
      if (rule && rule->needs_complete_crawl) f.inconclusive = true;
    }
  }
  timer.done("find_equity_problems");
  sort_findings(graph_lane.url_ranks, audit.findings);
  timer.done("sort findings");
  audit.backlinks = options.backlinks;
  audit.segments = segment_site(crawl, audit, options, authority);
  timer.done("segments and equity flow");
  audit.opportunities = link_opportunities(graph, model, audit, options, cluster_lane.pairs);
  timer.done("link opportunities");
  if (options.plan.links > 0 && model.page_of.empty()) model = equity_model(graph, options.equity, authority);
  audit.plan = plan_links(graph, model, audit, options);
  timer.done("link plan");
  return audit;
}

}  // namespace sitegraph
