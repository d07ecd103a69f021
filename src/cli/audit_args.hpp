#pragma once
// The flags of `sitegraph audit` and `sitegraph crawl` as parsed, before they are checked
// (audit_plan.hpp). Every default is the library's own (FetchOptions, CrawlOptions,
// AuditOptions), so a default changed there changes here, in --help and in `config --dump`.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/fetch.hpp"

namespace sitegraph::cli {

namespace defaults {
inline const FetchOptions kFetch{};
inline const CrawlOptions kCrawl{};
inline const AuditOptions kAnalysis{};
}  // namespace defaults

struct AuditArgs {
  std::string target;
  std::string base_url;
  std::vector<std::string> formats;  ///< --format, repeatable or comma-separated (default text)
  std::vector<std::string> outputs;  ///< -o, one per format or one directory
  std::string color = "auto";
  std::size_t max_pages = defaults::kCrawl.max_pages;
  int max_depth = defaults::kCrawl.max_depth;
  int concurrency = defaults::kFetch.max_in_flight;
  int per_host = defaults::kFetch.per_host;
  double rate = defaults::kFetch.rate;
  int retries = defaults::kFetch.retries;
  bool fixed_per_host = !defaults::kFetch.adaptive;
  bool insecure = defaults::kFetch.insecure;
  std::vector<std::string> headers;
  std::string cookie;
  std::string user;
  bool check_external = false;
  bool check_resources = false;
  bool strip_tracking = false;
  std::vector<std::string> strip_params;
  bool sort_query = false;
  double max_time = defaults::kCrawl.max_seconds;
  std::size_t log_every = 0;
  std::uint32_t max_click_depth = defaults::kAnalysis.max_click_depth;
  std::uint32_t max_links = defaults::kAnalysis.max_links;
  std::string placement_weights;
  std::string save_snapshot;
  std::string warc_out;  ///< --warc: record the crawl's responses as WARC
  std::string since;
  double timeout = std::chrono::duration<double>(defaults::kFetch.timeout).count();
  double connect_timeout = std::chrono::duration<double>(defaults::kFetch.connect_timeout).count();
  std::uint64_t max_body_size = defaults::kFetch.max_body_bytes;
  std::string user_agent;
  bool no_robots = false;
  bool no_sitemaps = false;
  bool no_soft_404_probe = false;
  std::vector<std::string> sitemaps;
  std::vector<std::string> fail_on;
  bool fail_on_inconclusive = false;
  unsigned threads = defaults::kCrawl.parse_threads;
  std::size_t top = 10;
  bool all_rows = false;  ///< --all: every finding and every linking page in the text report
  double damping = defaults::kAnalysis.equity.pagerank.damping;
  std::string backlinks;  ///< CSV of backlinks: external authority per page
  std::string urls;       ///< file of URLs known to exist (orphans)
  std::string start;      ///< edge lists: the node crawl depth counts from; WARC: the start URL; crawls: the start page
  std::vector<std::string> includes;  ///< --include: globs a page of the site must match one of to be crawled
  std::vector<std::string> excludes;  ///< --exclude: globs of URLs never requested
  bool no_parent = false;             ///< --no-parent: stay in the start URL's folder
  std::vector<std::string> warc_files;  ///< `sitegraph import`: WARC files after the first
  std::string priority;   ///< file of the pages that matter
  std::string clusters;   ///< CSV of cluster rules: pattern,cluster[,hub]
  std::string segments;   ///< CSV of segment rules: segment,pattern (re:... for a regex)
  std::uint32_t suggest_links = defaults::kAnalysis.suggest_links;
  std::uint32_t plan_links = defaults::kAnalysis.plan.links;  ///< --plan K
  std::vector<std::string> plan_targets;  ///< --plan-target: URLs, or files of URLs
  std::uint32_t max_per_source = defaults::kAnalysis.plan.max_per_source;
  double min_relevance = defaults::kAnalysis.plan.min_relevance;
  std::string what_if;  ///< --what-if: a CSV of changes to the graph
  std::uint32_t slow_page_ms = defaults::kAnalysis.slow_page_ms;
  double near_duplicate = defaults::kAnalysis.near_duplicate;
  std::uint32_t min_content_inlinks = defaults::kAnalysis.min_content_inlinks;
  double min_hub_coverage = defaults::kAnalysis.min_hub_coverage;
  double min_cluster_density = defaults::kAnalysis.min_cluster_density;
  std::uint32_t link_list_links = defaults::kAnalysis.link_list_links;
  std::uint32_t long_page_words = defaults::kAnalysis.long_page_words;
  std::uint32_t min_content_links = defaults::kAnalysis.min_content_links;
  double content_links_per_1000_words = defaults::kAnalysis.content_links_per_1000_words;
  double anchor_overuse_share = defaults::kAnalysis.anchor_overuse_share;
  std::uint32_t anchor_overuse_min = defaults::kAnalysis.anchor_overuse_min;
  std::string baseline;                 ///< an earlier JSON report or snapshot
  std::vector<std::string> ignores;     ///< RULE:URL-GLOB
  std::vector<std::string> severities;  ///< RULE=LEVEL
  std::size_t max_url_length = defaults::kCrawl.max_url_length;
  std::size_t max_links_per_page = defaults::kCrawl.max_links_per_page;
  int max_redirects = defaults::kCrawl.max_redirects;
  std::size_t max_sitemap_urls = defaults::kCrawl.max_sitemap_urls;
  std::size_t max_sitemap_files = defaults::kCrawl.max_sitemap_files;
  int max_sitemap_depth = defaults::kCrawl.max_sitemap_index_depth;
  std::string history;                  ///< directory of past runs' snapshots
  std::size_t history_keep = 30;
  bool crawl_only = false;          ///< `sitegraph crawl`: the snapshot is the output, no analysis
  std::string resume;               ///< `crawl --resume DIR`: the journal's directory
  double checkpoint_seconds = 30;   ///< `crawl --checkpoint-every`
};

}  // namespace sitegraph::cli
