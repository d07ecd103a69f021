#pragma once
// The analyze stage: metrics and findings computed on the final graph, never from the
// order in which pages happened to be fetched.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sitegraph/crawl.hpp"
#include "sitegraph/graph.hpp"

namespace sitegraph {

inline constexpr std::uint32_t kUnreachable = 0xFFFFFFFFu;

/// Shortest click path from `start` to every page over followable links (a redirect hop
/// costs no click). Robots-blocked and external pages get kUnreachable.
std::vector<std::uint32_t> crawl_depth(const SiteGraph& graph, UrlId start);

struct PageRankOptions {
  double damping = 0.85;
  double tolerance = 1e-10;  ///< stop when the L1 change of an iteration is below this
  int max_iterations = 1000;
};

struct PageRankResult {
  std::vector<double> rank;  ///< per graph page; NaN for pages outside the ranked set
  int iterations = 0;
  bool converged = false;
};

/// Classic PageRank (uniform teleport, dangling mass spread uniformly) on a CSR graph.
PageRankResult pagerank(const Csr& out_links, const PageRankOptions& options = {});

/// The classic PageRank of the site: nodes are internal pages fetched as 2xx HTML; edges
/// their followable internal <a>/<area> links, redirects resolved to the final target,
/// duplicates counted once, self links dropped.
PageRankResult site_pagerank(const SiteGraph& graph, const PageRankOptions& options = {});

enum class Severity : std::uint8_t { kInfo, kWarning, kError };
std::string_view severity_name(Severity severity);

/// A finding keyed by (rule, url[, target]); everything CI does keys on it.
struct Finding {
  std::string rule;  ///< stable kebab-case id, see docs/rules.md
  Severity severity = Severity::kWarning;
  UrlId url = kNoUrl;
  UrlId target = kNoUrl;       ///< broken-link, broken-external-link: the link target as written
  std::string status;          ///< broken-link: the final status or outcome
  std::vector<UrlId> chain;    ///< redirect-chain / -loop: the redirecting URLs in order
  UrlId final_url = kNoUrl;    ///< redirect-chain: where the chain ends; redirect-loop: the URL it loops back to
  std::uint32_t line = 0;      ///< broken-link, invalid-url: source line of the first such link
  std::string href;            ///< invalid-url: the href as written
  bool inconclusive = false;   ///< needs a complete crawl and the crawl was not
  std::string message;
};

/// Per-page link counts: unique internal source pages with a followable link in, unique
/// followable internal targets out, unique external targets out (any rel).
struct LinkCounts {
  std::vector<std::uint32_t> inlinks;
  std::vector<std::uint32_t> outlinks_internal;
  std::vector<std::uint32_t> outlinks_external;
};
LinkCounts count_links(const SiteGraph& graph);

std::vector<Finding> find_orphan_pages(const CrawlResult& crawl);
std::vector<Finding> find_broken_links(const SiteGraph& graph);
std::vector<Finding> find_redirect_problems(const SiteGraph& graph);
std::vector<Finding> find_invalid_urls(const CrawlResult& crawl);

/// Everything the reports need, computed once.
struct Audit {
  std::vector<std::uint32_t> depth;
  PageRankResult pagerank;
  LinkCounts links;
  std::vector<Finding> findings;  ///< sorted by rule, then URL
};

Audit audit_site(const CrawlResult& crawl);

}  // namespace sitegraph
