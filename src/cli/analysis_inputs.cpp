// --backlinks, --clusters and --priority read against the loaded graph (analysis_inputs.hpp).

#include "cli/analysis_inputs.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "sitegraph/error.hpp"
#include "sitegraph/inputs.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph::cli {
namespace {

// The pages of `urls` (as written or normalised); those the graph does not hold are named
// in a warning.
std::vector<UrlId> find_pages(const SiteGraph& graph, const std::vector<std::string>& urls, const char* flag) {
  std::vector<UrlId> ids;
  std::size_t missing = 0;
  for (const std::string& raw : urls) {
    UrlId id = graph.find(raw);
    if (id == kNoUrl) {
      if (const auto url = normalize_url(raw)) id = graph.find(*url);
    }
    if (id == kNoUrl) {
      if (++missing <= 5) spdlog::warn("{}: {} is not a page of this crawl", flag, raw);
      continue;
    }
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);  // listed twice: once
  }
  if (missing > 5) spdlog::warn("{}: {} more URLs are not pages of this crawl", flag, missing - 5);
  return ids;
}

// Column c of a CSV row, spaces and tabs around it trimmed; "" when the row is shorter.
std::string trimmed_cell(const std::vector<std::string>& row, int c) {
  std::string s = c >= 0 && static_cast<std::size_t>(c) < row.size() ? row[static_cast<std::size_t>(c)] : std::string();
  s.erase(0, std::min(s.size(), s.find_first_not_of(" \t")));
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

// --clusters: a CSV with pattern and cluster columns, and optionally hub.
std::vector<ClusterRule> read_cluster_rules(const std::string& path) {
  const CsvTable table = read_csv_file(path);
  const int pattern = table.column({"pattern", "url pattern"});
  const int name = table.column({"cluster", "name"});
  const int hub = table.column({"hub", "hub url"});
  if (pattern < 0 || name < 0) throw UsageError("--clusters: " + path + " needs a header row 'pattern,cluster[,hub]'");
  std::vector<ClusterRule> rules;
  for (const auto& row : table.rows) {
    const auto cell = [&](int c) { return trimmed_cell(row, c); };
    if (cell(pattern).empty() || cell(name).empty()) continue;
    rules.push_back({cell(pattern), cell(name), cell(hub)});
  }
  if (rules.empty()) throw UsageError("--clusters: " + path + " has no rules");
  return rules;
}

// --segments: a CSV with segment and pattern columns; a pattern "re:..." is a regular expression.
std::vector<SegmentRule> read_segment_rules(const std::string& path) {
  const CsvTable table = read_csv_file(path);
  const int name = table.column({"segment", "name"});
  const int pattern = table.column({"pattern", "url pattern"});
  if (pattern < 0 || name < 0) throw UsageError("--segments: " + path + " needs a header row 'segment,pattern'");
  std::vector<SegmentRule> rules;
  std::size_t row_number = 1;
  for (const auto& row : table.rows) {
    ++row_number;
    const auto cell = [&](int c) { return trimmed_cell(row, c); };
    if (cell(pattern).empty() || cell(name).empty()) continue;
    SegmentRule rule{cell(name), cell(pattern), false};
    if (rule.pattern.starts_with("re:")) {
      rule.pattern.erase(0, 3);
      rule.regex = true;
      try {
        const std::regex check(rule.pattern, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        throw UsageError("--segments: " + path + ": row " + std::to_string(row_number) + ": 're:" + rule.pattern +
                         "' is not a regular expression (" + e.what() + ")");
      }
    }
    if (rule.name.size() > 200) throw UsageError("--segments: " + path + ": row " + std::to_string(row_number) + ": the segment name is over 200 characters");
    rules.push_back(std::move(rule));
  }
  if (rules.empty()) throw UsageError("--segments: " + path + " has no rules");
  return rules;
}

Backlinks read_authority(const std::string& path, const SiteGraph& graph) {
  try {
    const Backlinks backlinks = read_backlinks(read_csv_file(path), graph);
    spdlog::info("--backlinks: {} layout, {} rows ({} nofollow, ugc or sponsored: passing nothing), {} to pages of this graph",
                 backlinks.layout, backlinks.rows, backlinks.nofollow, backlinks.matched);
    if (backlinks.not_pages > 0) {
      spdlog::warn("--backlinks: {} rows land on URLs of this site that are no page (an error, a redirect loop, blocked, "
                   "not HTML): their authority is lost (broken-backlink)", backlinks.not_pages);
    }
    if (backlinks.matched == 0) spdlog::warn("--backlinks: no row's target is a page of this graph; authority stays uniform");
    return backlinks;
  } catch (const InputError& e) {
    throw UsageError(std::string("--backlinks: ") + e.what());
  }
}

}  // namespace

void add_graph_inputs(AuditOptions& analysis, const AuditArgs& args, const CrawlResult& crawl) {
  const SiteGraph& graph = crawl.graph;
  if (!args.backlinks.empty()) {
    Backlinks backlinks = read_authority(args.backlinks, graph);
    analysis.authority = std::move(backlinks.authority);
    analysis.backlinks = std::move(backlinks.pages);
  }
  if (args.clusters == "links") {
    analysis.link_clusters = true;  // communities of the content links (equity.md); no file
  } else if (!args.clusters.empty()) {
    analysis.cluster_rules = read_cluster_rules(args.clusters);
  }
  if (!args.segments.empty()) analysis.segment_rules = read_segment_rules(args.segments);
  if (!args.priority.empty()) analysis.priority = find_pages(graph, read_url_list(args.priority), "--priority");
  if (!args.plan_targets.empty()) {
    std::vector<std::string> urls;
    for (const std::string& given : args.plan_targets) {
      // A file of URLs when there is one by that name; else a URL, or a path of the site the
      // crawl started on ("/pricing.html").
      std::error_code error;
      if (given.find("://") == std::string::npos && std::filesystem::is_regular_file(given, error)) {
        const std::vector<std::string> listed = read_url_list(given);
        urls.insert(urls.end(), listed.begin(), listed.end());
      } else {
        const ResolvedHref resolved = crawl.start < graph.size() ? resolve_href(graph.url(crawl.start), given) : ResolvedHref{};
        urls.push_back(resolved.url.empty() ? given : resolved.url);
      }
    }
    analysis.plan.targets = find_pages(graph, urls, "--plan-target");
    if (analysis.plan.targets.empty()) throw UsageError("--plan-target: none of the given pages is a page of this crawl");
  }
}

}  // namespace sitegraph::cli
