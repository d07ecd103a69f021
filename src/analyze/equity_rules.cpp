// Rules about where equity goes: pages that matter but receive little (priority-page-weak),
// pages that receive external authority but pass little on (authority-sink), and backlinks
// that land on URLs that are no page at all, whose authority is lost (broken-backlink).

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "analyze/passes.hpp"
#include "analyze/make_finding.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

// The median equity of each cluster's pages.
std::vector<double> cluster_medians(const Audit& audit) {
  std::vector<std::vector<double>> values(audit.clustering.clusters.size());
  for (std::size_t id = 0; id < audit.clustering.of_page.size(); ++id) {
    const std::uint32_t c = audit.clustering.of_page[id];
    if (c != kNoCluster && !std::isnan(audit.equity.rank[id])) values[c].push_back(audit.equity.rank[id]);
  }
  std::vector<double> medians(values.size(), 0.0);
  for (std::size_t c = 0; c < values.size(); ++c) {
    auto& v = values[c];
    if (v.empty()) continue;
    std::sort(v.begin(), v.end());
    medians[c] = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  }
  return medians;
}

void weak_priority_pages(const CrawlResult& crawl, const Audit& audit, const AuditOptions& options, std::vector<Finding>& out) {
  const std::vector<double> medians = cluster_medians(audit);
  for (const UrlId id : options.priority) {
    if (id >= crawl.graph.size()) continue;
    std::vector<std::string> why;
    const std::uint32_t depth = audit.depth[id];
    if (depth == kUnreachable) {
      why.push_back("not reachable by following links");
    } else if (depth > options.max_click_depth) {
      why.push_back(std::to_string(depth) + " clicks deep");
    }
    const std::uint32_t content = audit.facts.inlinks_by_placement[id][static_cast<std::size_t>(Placement::kContent)];
    if (content < options.min_content_inlinks) why.push_back(std::to_string(content) + " content inlinks");
    const std::uint32_t c = audit.clustering.of_page[id];
    const double equity = audit.equity.rank[id];
    if (std::isnan(equity)) {
      why.push_back("not a 2xx HTML page");
    } else if (c != kNoCluster && equity < medians[c]) {
      why.push_back("equity below the median of cluster " + audit.clustering.clusters[c].name);
    }
    if (why.empty()) continue;
    std::string message = "a priority page that is weakly linked: ";
    for (std::size_t i = 0; i < why.size(); ++i) message += (i ? ", " : "") + why[i];
    out.push_back(make_finding("priority-page-weak", id, content, std::move(message)));
  }
}

void authority_sinks(const CrawlResult& crawl, const Audit& audit, const AuditOptions& options, std::vector<Finding>& out) {
  if (audit.external_authority.empty()) return;
  const SiteGraph& g = crawl.graph;
  std::vector<std::set<UrlId>> content_targets(g.size());
  for (const Link& link : g.links()) {
    if (!is_click_link(link.kind) || link.placement != Placement::kContent || !followable(g, link)) continue;
    if (audit.external_authority[link.source] <= 0) continue;
    const UrlId target = g.final_target(link.target);
    if (target == kNoUrl || target == link.source || !audit.facts.indexable[target]) continue;
    content_targets[link.source].insert(target);
  }
  for (UrlId id = 0; id < g.size(); ++id) {
    if (audit.external_authority[id] <= 0 || std::isnan(audit.equity.rank[id])) continue;
    const auto links = static_cast<std::uint32_t>(content_targets[id].size());
    if (links >= options.sink_min_links) continue;
    out.push_back(make_finding("authority-sink", id, links,
                       "receives external authority but links to " + std::to_string(links) +
                           " indexable pages from its content"));
  }
}

// Why the URL that backlinks land on passes none of their authority on: it is no ranked page.
// Empty when it is one, or when the crawl cannot tell (external, not fetched).
std::string lost_authority_reason(const SiteGraph& g, UrlId id) {
  const Page& p = g.page(id);
  if (!p.internal || is_ranked(p)) return {};
  switch (p.outcome) {
    case FetchOutcome::kNotFetched: return {};
    case FetchOutcome::kRobotsBlocked: return "is blocked by robots.txt";
    case FetchOutcome::kTooLarge: return "is over --max-body-size, so it was not read";
    case FetchOutcome::kResponse: break;
    default: return "fails (" + std::string(outcome_name(p.outcome)) + ")";
  }
  if (p.status / 100 == 3) return "redirects in a loop or further than redirects are followed";
  if (p.status / 100 == 2) {
    const std::string& type = g.text(id).content_type;
    return "is not an HTML page (" + (type.empty() ? std::string("no content type") : type) + ")";
  }
  return "answers " + std::to_string(p.status);
}

// --backlinks rows whose target is a URL of the site that is not a page: the models give
// their authority to no one. A redirect to a live page would reclaim it.
void broken_backlinks(const CrawlResult& crawl, const AuditOptions& options, std::vector<Finding>& out) {
  const SiteGraph& g = crawl.graph;
  for (UrlId id = 0; id < options.authority.size() && id < g.size(); ++id) {
    const double weight = options.authority[id];
    if (!(weight > 0)) continue;
    const std::string reason = lost_authority_reason(g, id);
    if (reason.empty()) continue;
    char figure[32];
    std::snprintf(figure, sizeof figure, "%.4g", weight);
    out.push_back(make_finding("broken-backlink", id, static_cast<std::uint32_t>(std::lround(weight)),
                               std::string("backlinks of weight ") + figure + " land here, but it " + reason +
                                   ": their authority is lost (redirect it to a live page to reclaim it)"));
  }
}

}  // namespace

// Priority pages that authority from other sites reaches neither directly nor in one content
// link: no backlink lands on them, and no page a backlink lands on links to them in its text.
void priority_without_authority(const CrawlResult& crawl, const Audit& audit, const AuditOptions& options, std::vector<Finding>& out) {
  if (audit.external_authority.empty() || options.priority.empty()) return;
  const SiteGraph& g = crawl.graph;
  std::vector<std::uint8_t> fed(g.size(), 0);
  for (const Link& link : g.links()) {
    if (!is_click_link(link.kind) || link.placement != Placement::kContent || !followable(g, link)) continue;
    if (audit.external_authority[link.source] <= 0) continue;
    const UrlId target = g.final_target(link.target);
    if (target != kNoUrl && target != link.source) fed[target] = 1;
  }
  for (const UrlId id : options.priority) {
    if (id >= g.size() || !is_ranked(g.page(id)) || audit.external_authority[id] > 0 || fed[id]) continue;
    out.push_back(make_finding("priority-page-no-authority", id, 0,
                               "a priority page no backlink reaches: none lands on it, and no page with backlinks links to "
                               "it from its content; link it from the pages other sites link to"));
  }
}

std::vector<Finding> find_equity_problems(const CrawlResult& crawl, const Audit& audit, const AuditOptions& options) {
  std::vector<Finding> out;
  weak_priority_pages(crawl, audit, options, out);
  priority_without_authority(crawl, audit, options, out);
  authority_sinks(crawl, audit, options, out);
  broken_backlinks(crawl, options, out);
  return out;
}

}  // namespace sitegraph
