// The flags of an audit checked and turned into an AuditPlan (audit_plan.hpp).

#include "cli/audit_plan.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>

#include "cli/common.hpp"
#include "sitegraph/error.hpp"
#include "sitegraph/snapshot.hpp"
#include "sitegraph/inputs.hpp"
#include "sitegraph/url.hpp"
#include "sitegraph/warc.hpp"

namespace fs = std::filesystem;

namespace sitegraph::cli {
namespace {

// Splits "https://user:pw@host/..." into the URL without credentials and "user:pw".
std::pair<std::string, std::string> take_userinfo(const std::string& url) {
  const auto authority = url.find("://") + 3;
  const auto end = url.find_first_of("/?#", authority);
  const auto at = url.rfind('@', end == std::string::npos ? url.size() : end);
  if (at == std::string::npos || at < authority) return {url, {}};
  return {url.substr(0, authority) + url.substr(at + 1), url.substr(authority, at - authority)};
}

// The origin a built site will be served from: the URL of robots.txt's first `Sitemap:`
// line, else of sitemap.xml's first <loc> (never a namespace or a comment's URL).
std::string guess_base_url(const fs::path& folder) {
  static const std::regex kSitemapLine(R"((?:^|\n)[ \t]*[Ss][Ii][Tt][Ee][Mm][Aa][Pp][ \t]*:[ \t]*(https?://[^/\s]+)/)");
  static const std::regex kLoc(R"(<(?:[A-Za-z0-9_-]+:)?loc>\s*(https?://[^/\s<]+)/)");
  const std::pair<const char*, const std::regex*> sources[] = {{"robots.txt", &kSitemapLine}, {"sitemap.xml", &kLoc}};
  for (const auto& [name, pattern] : sources) {
    std::ifstream in(folder / name);
    std::string head(65536, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    std::smatch m;
    if (std::regex_search(head, m, *pattern)) return m[1].str() + "/";
  }
  return "http://localhost/";
}

// "content=1,footer=0.1" over the defaults; names are placements (placement_name).
EquityOptions equity_options(const std::string& spec) {
  EquityOptions options;
  std::istringstream items(spec);
  for (std::string item; std::getline(items, item, ',');) {
    const auto eq = item.find('=');
    bool known = false;
    for (std::size_t i = 0; eq != std::string::npos && i < options.placement_weight.size(); ++i) {
      if (item.substr(0, eq) != placement_name(static_cast<Placement>(i))) continue;
      char* end = nullptr;
      const double w = std::strtod(item.c_str() + eq + 1, &end);
      if (*end != '\0' || !(w >= 0)) throw UsageError("--placement-weights: '" + item + "' needs a number >= 0");
      options.placement_weight[i] = w;
      known = true;
    }
    if (!known) throw UsageError("--placement-weights: '" + item + "' (use content, header, nav, footer, aside, template)");
  }
  return options;
}

// --start PAGE of a crawl: resolved against the target URL or --base-url, and on that site.
std::string start_page(const std::string& base, const std::string& start) {
  if (start.empty()) return base;
  const ResolvedHref r = resolve_href(base, start);
  const auto from = split_url(base);
  const auto to = r.skip == HrefSkip::kNone ? split_url(r.url) : std::nullopt;
  if (!from || !to || from->host != to->host || from->port != to->port) {
    throw UsageError("--start '" + start + "' is not a page of " + base + " (give a path such as guide/ or /docs/)");
  }
  return r.url;
}

Target live_site(const AuditArgs& args) {
  auto [without_login, userinfo] = take_userinfo(args.target);
  auto url = normalize_url(without_login);
  if (!url) throw UsageError("'" + args.target + "' is not a valid http(s) URL");
  if (!args.base_url.empty()) spdlog::warn("--base-url only applies to folders; ignored");
  return LiveSite{start_page(*url, args.start), userinfo};
}

Target site_folder(const AuditArgs& args) {
  std::string base = args.base_url;
  if (base.empty()) {
    base = guess_base_url(args.target);
    spdlog::info("no --base-url given; serving the folder as {}", base);
  }
  auto url = normalize_url(base);
  if (!url) throw UsageError("--base-url '" + base + "' is not a valid http(s) URL");
  if (url->back() != '/') *url += '/';
  const std::string start = start_page(*url, args.start);
  if (const auto path = split_url(start); !path || !path->path_and_query.starts_with(split_url(*url)->path_and_query)) {
    throw UsageError("--start '" + args.start + "' is outside the folder, which is served at " + *url);
  }
  return SiteFolder{fs::path(args.target), start, *url};
}

// What the target argument names, judged by its form and then by what is on disk.
Target resolve_target(const AuditArgs& args) {
  const std::string& t = args.target;
  if (t.rfind("http://", 0) == 0 || t.rfind("https://", 0) == 0) return live_site(args);
  if (t.find("://") != std::string::npos) throw UsageError("'" + t + "': only http:// and https:// URLs can be crawled");
  std::error_code ec;
  if (fs::is_regular_file(t, ec)) {
    if (is_snapshot(t)) return SnapshotFile{t};
    if (is_warc(t)) {
      WarcFiles warc{{fs::path(t)}};
      warc.files.insert(warc.files.end(), args.warc_files.begin(), args.warc_files.end());
      return warc;
    }
    if (is_edge_list(t)) return EdgeListFile{t};
    throw UsageError("'" + t + "' is neither a snapshot, a WARC file nor an edge list (a CSV whose header names 'source' and 'target' columns)");
  }
  if (fs::is_directory(t, ec)) return site_folder(args);
  // "example.com" was most likely meant as a site; "./out", "/tmp/x.csv" or "links.csv" as a file.
  const bool path_like = t.find('/') != std::string::npos || t.ends_with(".csv") || t.ends_with(".gz") || t.ends_with(".tsv");
  if (path_like && !fs::exists(t, ec)) throw UsageError("'" + t + "' is neither an http(s) URL nor an existing file or folder");
  throw UsageError("'" + t + "' is neither an http(s) URL nor a folder" +
                   (t.find('.') != std::string::npos && !fs::exists(t, ec) ? " (did you mean https://" + t + "/ ?)" : ""));
}

// A report, snapshot or archive that cannot be written is found now, not after the crawl.
void check_outputs(const AuditArgs& args, const std::vector<PlannedOutput>& outputs) {
  for (const PlannedOutput& output : outputs) {
    const std::string why = output.make_directory ? uncreatable_reason(output) : unwritable_reason(output.path);
    if (!why.empty()) throw UsageError("-o " + output.path + ": " + why);
  }
  for (const auto& [flag, path] : {std::pair{"--save-snapshot", &args.save_snapshot}, std::pair{"--warc", &args.warc_out}}) {
    if (const std::string why = unwritable_reason(*path); !path->empty() && !why.empty()) {
      throw UsageError(std::string(flag) + " " + *path + ": " + why);
    }
  }
  // --what-if reports a changed graph: kept in --history it would become the site's next
  // comparison, as if the site had changed.
  if (!args.what_if.empty() && !args.history.empty()) {
    throw UsageError("--what-if and --history: a what-if audit is of a changed graph, not of the site; run them apart");
  }
  // --history DIR is created when missing; an existing one must be a folder that takes files.
  std::error_code ec;
  if (!args.history.empty() && fs::exists(args.history, ec)) {
    if (!fs::is_directory(args.history, ec)) throw UsageError("--history " + args.history + ": it is a file, not a folder");
    if (const std::string why = unwritable_reason((fs::path(args.history) / "next.jsonl.gz").string()); !why.empty()) {
      throw UsageError("--history " + args.history + ": " + why);
    }
  }
}

// Input files are checked before a crawl that could take hours, not after it.
void check_inputs(const AuditArgs& args) {
  if (!args.sitemaps.empty() && args.no_sitemaps) throw UsageError("--sitemap and --no-sitemaps contradict each other");
  for (const std::string& s : args.sitemaps) {
    if (!normalize_url(s)) throw UsageError("--sitemap '" + s + "' is not an absolute http(s) URL");
  }
  for (const auto& [flag, path] : {std::pair{"--backlinks", &args.backlinks}, std::pair{"--urls", &args.urls},
                                   std::pair{"--priority", &args.priority}, std::pair{"--clusters", &args.clusters},
                                   std::pair{"--segments", &args.segments}, std::pair{"--since", &args.since}, std::pair{"--baseline", &args.baseline}}) {
    if (path->empty() || (path == &args.clusters && *path == "links")) continue;
    if (const std::string problem = input_file_problem(*path); !problem.empty()) {
      throw UsageError(std::string(flag) + ": cannot read " + *path + ": " + problem +
                       (path == &args.clusters ? " (a CSV of rules, or 'links' for clusters found from the links)" : ""));
    }
  }
}

// A glob that can match: a path ("/docs/*"), a whole URL ("https://..."), or one starting with
// '*' ("*.pdf"). "docs/*" would be matched against whole URLs and never match.
void check_scope_patterns(const AuditArgs& args) {
  for (const auto& [flag, patterns] : {std::pair{"--include", &args.includes}, std::pair{"--exclude", &args.excludes}}) {
    for (const std::string& p : *patterns) {
      if (p.starts_with('/') || p.starts_with('*') || p.starts_with("http://") || p.starts_with("https://")) continue;
      throw UsageError(std::string(flag) + " '" + p + "' can never match: a pattern starting with / matches the path and "
                       "query (/" + p + "), any other is matched against the whole URL (https://..., or *" + p + ")");
    }
  }
}

// Flags that only make sense for some targets, or not together.
void check_target_flags(const AuditArgs& args, const Target& target) {
  const bool scoped = !args.includes.empty() || !args.excludes.empty() || args.no_parent;
  if (scoped && !is_crawled(target) && !std::holds_alternative<WarcFiles>(target)) {
    spdlog::warn("--include, --exclude and --no-parent limit a crawl; this target is not crawled, so they are ignored");
  }
  if (args.check_external && std::holds_alternative<SiteFolder>(target)) {
    spdlog::warn("--check-external: a folder audit makes no network requests, so links to other sites are recorded, not "
                 "checked (audit the served site's URL to check them)");
  }
  if (!args.start.empty() && std::holds_alternative<SnapshotFile>(target)) {
    spdlog::warn("--start does not apply to a snapshot (its start page is recorded in it); ignored");
  }
  if (args.crawl_only && !is_crawled(target)) {
    throw UsageError("crawl takes a site's URL or a built site folder; audit a snapshot, edge list or WARC file with 'sitegraph audit'");
  }
  if (!args.resume.empty() && !args.warc_out.empty()) {
    throw UsageError("--warc cannot record a resumable crawl: the pages of an earlier run would be missing from the archive");
  }
  if (!args.warc_out.empty() && !is_crawled(target)) {
    throw UsageError("--warc records a crawl (a site over HTTP or a folder); this target is not crawled");
  }
  if (!args.warc_out.empty() && !args.since.empty()) {
    // Pages answering 304 keep the snapshot's links; the archive would hold no body for them.
    throw UsageError("--warc cannot record a --since crawl: pages that answer 304 Not Modified would be archived without their content");
  }
}

// Flags that only steer a crawl, given for a target that is not crawled (a snapshot, an edge
// list): said once, so a user does not believe they took effect.
void warn_uncrawled_flags(const AuditArgs& args, const Target& target) {
  if (is_crawled(target) || std::holds_alternative<WarcFiles>(target)) return;
  const AuditArgs d;
  const std::pair<const char*, bool> set[] = {
      {"--max-pages", args.max_pages != d.max_pages}, {"--max-depth", args.max_depth != d.max_depth},
      {"--max-time", args.max_time != d.max_time}, {"--concurrency", args.concurrency != d.concurrency},
      {"--per-host", args.per_host != d.per_host},
      {"--fixed-per-host", args.fixed_per_host}, {"--rate", args.rate != d.rate}, {"--retries", args.retries != d.retries},
      {"--header", !args.headers.empty()}, {"--cookie", !args.cookie.empty()}, {"--user", !args.user.empty()},
      {"--user-agent", !args.user_agent.empty()}, {"--check-external", args.check_external},
      {"--check-resources", args.check_resources}, {"--no-robots", args.no_robots}, {"--no-sitemaps", args.no_sitemaps},
      {"--no-soft-404-probe", args.no_soft_404_probe},
      {"--sitemap", !args.sitemaps.empty()}, {"--since", !args.since.empty()}, {"--timeout", args.timeout != d.timeout},
      {"--max-body-size", args.max_body_size != d.max_body_size}, {"--base-url", !args.base_url.empty()},
      {"--include", !args.includes.empty()}, {"--exclude", !args.excludes.empty()}, {"--no-parent", args.no_parent}};
  std::string ignored;
  for (const auto& [flag, given] : set) {
    if (given) ignored += (ignored.empty() ? "" : ", ") + std::string(flag);
  }
  if (!ignored.empty()) {
    spdlog::warn("{}: ignored, {} is not crawled (they apply to a site's URL or a folder)", ignored, args.target);
  }
}

std::chrono::milliseconds milliseconds(double seconds) { return std::chrono::milliseconds(static_cast<long>(seconds * 1000)); }

FetchOptions fetch_options(const AuditArgs& args, const Target& target) {
  FetchOptions fetch;
  fetch.max_in_flight = args.concurrency;
  fetch.user_agent = user_agent_or_default(args.user_agent);
  fetch.timeout = milliseconds(args.timeout);
  fetch.connect_timeout = milliseconds(args.connect_timeout);
  fetch.max_body_bytes = args.max_body_size;
  fetch.per_host = args.per_host;
  fetch.rate = args.rate;
  fetch.retries = args.retries;
  fetch.adaptive = !args.fixed_per_host;
  fetch.insecure = args.insecure;
  fetch.headers = args.headers;
  fetch.cookie = args.cookie;
  const auto* live = std::get_if<LiveSite>(&target);
  fetch.userpwd = args.user.empty() && live ? live->userinfo : args.user;
  return fetch;
}

CrawlOptions crawl_options(const AuditArgs& args, const Target& target) {
  CrawlOptions crawl;
  if (const auto* live = std::get_if<LiveSite>(&target)) crawl.start_url = live->start_url;
  if (const auto* folder = std::get_if<SiteFolder>(&target)) crawl.start_url = folder->start_url;
  crawl.max_pages = args.max_pages;
  crawl.max_depth = args.max_depth;
  crawl.obey_robots = !args.no_robots;
  crawl.use_sitemaps = !args.no_sitemaps;
  // A folder or an archive answers 404 for what it does not hold: only a live server is asked.
  crawl.soft_404_probe = !args.no_soft_404_probe && std::holds_alternative<LiveSite>(target);
  crawl.extra_sitemaps = args.sitemaps;
  crawl.user_agent = user_agent_or_default(args.user_agent);
  crawl.max_in_flight = args.concurrency;
  crawl.parse_threads = args.threads;
  crawl.max_seconds = args.max_time;
  crawl.check_external = args.check_external;
  crawl.max_url_length = args.max_url_length;
  crawl.max_links_per_page = args.max_links_per_page;
  crawl.max_redirects = args.max_redirects;
  crawl.max_sitemap_urls = args.max_sitemap_urls;
  crawl.max_sitemap_files = args.max_sitemap_files;
  crawl.max_sitemap_index_depth = args.max_sitemap_depth;
  crawl.check_resources = args.check_resources;
  if (args.strip_tracking) crawl.identity.strip_params = default_tracking_params();
  for (const std::string& p : args.strip_params) crawl.identity.strip_params.push_back(p);
  crawl.identity.sort_query = args.sort_query;
  if (is_crawled(target)) limit_crawl_scope(crawl, args);
  return crawl;
}

AuditOptions analysis_options(const AuditArgs& args) {
  AuditOptions analysis;
  analysis.max_click_depth = args.max_click_depth;
  analysis.max_links = args.max_links;
  analysis.slow_page_ms = args.slow_page_ms;
  analysis.near_duplicate = args.near_duplicate;
  analysis.equity = equity_options(args.placement_weights);
  analysis.equity.pagerank.damping = args.damping;
  analysis.suggest_links = args.suggest_links;
  analysis.plan.links = args.plan_links;
  analysis.plan.max_per_source = args.max_per_source;
  analysis.plan.min_relevance = args.min_relevance;
  analysis.min_content_inlinks = args.min_content_inlinks;
  analysis.min_hub_coverage = args.min_hub_coverage;
  analysis.min_cluster_density = args.min_cluster_density;
  analysis.link_list_links = args.link_list_links;
  analysis.long_page_words = args.long_page_words;
  analysis.min_content_links = args.min_content_links;
  analysis.content_links_per_1000_words = args.content_links_per_1000_words;
  analysis.anchor_overuse_share = args.anchor_overuse_share;
  analysis.anchor_overuse_min = args.anchor_overuse_min;
  return analysis;
}

}  // namespace

const char* target_mode(const Target& target) {
  // In the order of Target's alternatives.
  static constexpr const char* kModes[] = {"http", "folder", "snapshot", "edge-list", "warc"};
  static_assert(std::size(kModes) == std::variant_size_v<Target>);
  return kModes[target.index()];
}

bool is_crawled(const Target& target) {
  return std::holds_alternative<LiveSite>(target) || std::holds_alternative<SiteFolder>(target);
}

void limit_crawl_scope(CrawlOptions& crawl, const AuditArgs& args) {
  crawl.scope.include = args.includes;
  crawl.scope.exclude = args.excludes;
  crawl.scope.parent = args.no_parent ? url_folder(crawl.start_url) : std::string();
  if (const std::string why = scope_exclusion(crawl.scope, crawl.start_url, true); !why.empty()) {
    throw UsageError("the start URL " + crawl.start_url + " is outside the crawl scope (" + why +
                     "); change the pattern or start from a page inside it (--start)");
  }
}

AuditArgs without_empty_items(AuditArgs args) {
  for (auto* list : {&args.formats, &args.outputs, &args.headers, &args.strip_params, &args.sitemaps, &args.fail_on,
                     &args.ignores, &args.severities, &args.includes, &args.excludes, &args.plan_targets}) {
    std::erase(*list, std::string());
  }
  return args;
}

AuditPlan plan_audit(const AuditArgs& args) {
  AuditPlan plan;
  try {
    plan.gate = parse_gate(args.fail_on);
    plan.filters.ignores = parse_ignores(args.ignores);
    plan.filters.severities = parse_severities(args.severities);
    plan.outputs = plan_outputs(args.formats, args.outputs);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  check_outputs(args, plan.outputs);
  const bool gate_on_new = std::any_of(plan.gate.begin(), plan.gate.end(), [](const GateCondition& c) { return c.only_new; });
  if (gate_on_new && args.baseline.empty()) throw UsageError("--fail-on new needs --baseline (an earlier JSON report or snapshot)");
  for (const GateCondition& c : plan.gate) {
    if (c.budget && c.budget->against_baseline() && args.baseline.empty()) {
      throw UsageError("--fail-on '" + c.text + "' compares with --baseline: give it (an earlier JSON report or snapshot)");
    }
  }
  check_inputs(args);
  check_scope_patterns(args);
  plan.analysis = analysis_options(args);
  plan.target = resolve_target(args);
  check_target_flags(args, plan.target);
  warn_uncrawled_flags(args, plan.target);
  plan.fetch = fetch_options(args, plan.target);
  plan.crawl = crawl_options(args, plan.target);
  return plan;
}

std::string audit_args_error(AuditArgs args) {
  try {
    (void)plan_audit(without_empty_items(std::move(args)));
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace sitegraph::cli
