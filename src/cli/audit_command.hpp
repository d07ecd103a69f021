#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace sitegraph::cli {

struct AuditArgs {
  std::string target;
  std::string base_url;
  std::vector<std::string> formats;  ///< --format, repeatable or comma-separated (default text)
  std::vector<std::string> outputs;  ///< -o, one per format or one directory
  std::string color = "auto";
  std::size_t max_pages = 0;
  int max_depth = -1;
  int concurrency = 16;
  int per_host = 4;
  double rate = 0;
  int retries = 2;
  bool insecure = false;
  std::vector<std::string> headers;
  std::string cookie;
  std::string user;
  bool check_external = false;
  bool check_resources = false;
  bool strip_tracking = false;
  std::vector<std::string> strip_params;
  bool sort_query = false;
  double max_time = 0;
  std::size_t log_every = 0;
  std::uint32_t max_click_depth = 3;
  std::uint32_t max_links = 200;
  std::string placement_weights;
  std::string save_snapshot;
  std::string warc_out;  ///< --warc: record the crawl's responses as WARC
  std::string since;
  double timeout = 30;
  double connect_timeout = 10;
  std::uint64_t max_body_size = 10ull << 20;
  std::string user_agent;
  bool no_robots = false;
  bool no_sitemaps = false;
  std::vector<std::string> sitemaps;
  std::vector<std::string> fail_on;
  unsigned threads = 0;
  std::size_t top = 10;
  double damping = 0.85;
  std::string backlinks;  ///< CSV of backlinks: external authority per page
  std::string urls;       ///< file of URLs known to exist (orphans)
  std::string start;      ///< edge lists: the node crawl depth counts from; WARC: the start URL
  std::vector<std::string> warc_files;  ///< `sitegraph import`: WARC files after the first
  std::string priority;   ///< file of the pages that matter
  std::string clusters;   ///< CSV of cluster rules: pattern,cluster[,hub]
  std::uint32_t suggest_links = 0;
  std::uint32_t min_content_inlinks = 3;
  double min_hub_coverage = 0.5;
  double anchor_overuse_share = 0.8;
  std::uint32_t anchor_overuse_min = 10;
  std::string baseline;                 ///< an earlier JSON report or snapshot
  std::vector<std::string> ignores;     ///< RULE:URL-GLOB
  std::vector<std::string> severities;  ///< RULE=LEVEL
  std::size_t max_url_length = 8192;
  std::size_t max_links_per_page = 10'000;
  int max_redirects = 10;
  std::size_t max_sitemap_urls = 50'000;
  std::size_t max_sitemap_files = 1000;
  int max_sitemap_depth = 3;
  std::string history;                  ///< directory of past runs' snapshots
  std::size_t history_keep = 30;
  bool crawl_only = false;          ///< `sitegraph crawl`: the snapshot is the output, no analysis
  std::string resume;               ///< `crawl --resume DIR`: the journal's directory
  double checkpoint_seconds = 30;   ///< `crawl --checkpoint-every`
};

/// Adds the `audit` subcommand and its options to `app`.
CLI::App* add_audit_command(CLI::App& app, AuditArgs& args);

/// Adds the `crawl` subcommand (crawl flags, -o SNAPSHOT, --resume) to `app`; run it with
/// run_audit after setting args.crawl_only.
CLI::App* add_crawl_command(CLI::App& app, AuditArgs& args);

/// The usage error run_audit would report before crawling (a malformed --fail-on, formats and
/// outputs that do not fit, a missing input file, ...), or "" when there is none.
std::string audit_args_error(AuditArgs args);

/// Runs an audit; returns the process exit code.
int run_audit(const AuditArgs& args);

}  // namespace sitegraph::cli
