#include "cli/audit_command.hpp"

#include <spdlog/spdlog.h>

#include <unistd.h>

#include <atomic>
#include <functional>
#include <chrono>
#include <memory>
#include <optional>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>

#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "cli/finding_filters.hpp"
#include "cli/gate.hpp"
#include "cli/history.hpp"
#include "cli/report_outputs.hpp"
#include "sitegraph/diff.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/fetch.hpp"
#include "sitegraph/inputs.hpp"
#include "sitegraph/journal.hpp"
#include "sitegraph/report.hpp"
#include "sitegraph/snapshot.hpp"
#include "sitegraph/url.hpp"
#include "sitegraph/version.hpp"
#include "sitegraph/warc.hpp"

namespace fs = std::filesystem;

namespace sitegraph::cli {
namespace {


std::atomic<bool> g_stop{false};
std::atomic<int> g_signals{0};

extern "C" void on_signal(int) {
  // First signal: stop crawling and report what was crawled. Second: leave at once.
  if (g_signals.fetch_add(1) > 0) std::_Exit(kExitInterrupted);
  g_stop.store(true);
}

struct UsageError {
  std::string message;
};

struct Target {
  std::string start_url;
  std::optional<fs::path> folder;
  std::optional<fs::path> snapshot;  ///< re-analyse a saved crawl
  std::optional<fs::path> edge_list; ///< analyse another tool's link graph (CSV)
  std::string userinfo;  ///< "user:password" taken out of the URL
  std::optional<fs::path> warc;      ///< replay a WARC archive (with AuditArgs::warc_files)
};

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
      if (*end != '\0' || !(w >= 0)) throw UsageError{"--placement-weights: '" + item + "' needs a number >= 0"};
      options.placement_weight[i] = w;
      known = true;
    }
    if (!known) throw UsageError{"--placement-weights: '" + item + "' (use content, header, nav, footer, aside, template)"};
  }
  return options;
}

void check_sitemap_args(const AuditArgs& args) {
  if (!args.sitemaps.empty() && args.no_sitemaps) throw UsageError{"--sitemap and --no-sitemaps contradict each other"};
  for (const std::string& s : args.sitemaps) {
    if (!normalize_url(s)) throw UsageError{"--sitemap '" + s + "' is not an absolute http(s) URL"};
  }
}

Target resolve_target(const AuditArgs& args) {
  const std::string& t = args.target;
  const bool looks_like_url = t.rfind("http://", 0) == 0 || t.rfind("https://", 0) == 0;
  if (looks_like_url) {
    auto [without_login, userinfo] = take_userinfo(t);
    auto url = normalize_url(without_login);
    if (!url) throw UsageError{"'" + t + "' is not a valid http(s) URL"};
    if (!args.base_url.empty()) spdlog::warn("--base-url only applies to folders; ignored");
    return {*url, std::nullopt, std::nullopt, std::nullopt, userinfo, std::nullopt};
  }
  if (t.find("://") != std::string::npos) throw UsageError{"'" + t + "': only http:// and https:// URLs can be crawled"};
  std::error_code ec;
  if (fs::is_regular_file(t, ec) && is_snapshot(t)) return {{}, std::nullopt, fs::path(t), std::nullopt, {}, std::nullopt};
  if (fs::is_regular_file(t, ec) && is_warc(t)) return {{}, std::nullopt, std::nullopt, std::nullopt, {}, fs::path(t)};
  if (fs::is_regular_file(t, ec) && is_edge_list(t)) return {{}, std::nullopt, std::nullopt, fs::path(t), {}, std::nullopt};
  if (fs::is_regular_file(t, ec)) {
    throw UsageError{"'" + t + "' is neither a snapshot, a WARC file nor an edge list (a CSV whose header names 'source' and 'target' columns)"};
  }
  if (!fs::is_directory(t, ec)) {
    // "example.com" was most likely meant as a site; "./out", "/tmp/x.csv" or "links.csv" as a file.
    const bool path_like = t.find('/') != std::string::npos || t.ends_with(".csv") || t.ends_with(".gz") || t.ends_with(".tsv");
    if (path_like && !fs::exists(t, ec)) throw UsageError{"'" + t + "' is neither an http(s) URL nor an existing file or folder"};
    throw UsageError{"'" + t + "' is neither an http(s) URL nor a folder" +
                     (t.find('.') != std::string::npos && !fs::exists(t, ec) ? " (did you mean https://" + t + "/ ?)" : "")};
  }
  std::string base = args.base_url;
  if (base.empty()) {
    base = guess_base_url(t);
    spdlog::info("no --base-url given; serving the folder as {}", base);
  }
  auto url = normalize_url(base);
  if (!url) throw UsageError{"--base-url '" + base + "' is not a valid http(s) URL"};
  if (url->back() != '/') *url += '/';
  return {*url, fs::path(t), std::nullopt, std::nullopt, {}, std::nullopt};
}


// One updating line on a terminal; a plain log line every N responses with --log-every.
std::function<void(const CrawlProgress&)> progress_reporter(std::size_t log_every) {
  const bool live = isatty(STDERR_FILENO) && spdlog::get_level() <= spdlog::level::info;
  if (!live && log_every == 0) return {};
  auto last_logged = std::make_shared<std::size_t>(0);
  return [live, log_every, last_logged](const CrawlProgress& p) {
    const double rate = p.seconds > 0 ? static_cast<double>(p.done) / p.seconds : 0;
    const std::string line = fmt::format("{} done, {} queued, {} in flight, {:.0f}/s, {} errors, {:.1f} s", p.done,
                                         p.queued, p.in_flight, rate, p.errors, p.seconds);
    if (live) std::cerr << "\r\033[K" << line << (p.finished ? "\n" : "") << std::flush;
    if (log_every > 0 && (p.done >= *last_logged + log_every || (p.finished && p.done != *last_logged))) {
      *last_logged = p.done;
      if (!live) spdlog::info("{}", line);
    }
  };
}

nlohmann::json settings_json(const AuditArgs& args, const std::string& user_agent) {
  return {{"max_pages", args.max_pages},       {"max_depth", args.max_depth},
          {"concurrency", args.concurrency},   {"per_host", args.per_host},
          {"rate", args.rate},                 {"retries", args.retries},
          {"max_time_s", args.max_time},       {"check_external", args.check_external},
          {"check_resources", args.check_resources}, {"strip_tracking", args.strip_tracking},
          {"strip_params", args.strip_params},     {"sort_query", args.sort_query},
          {"max_click_depth", args.max_click_depth}, {"max_links", args.max_links},
          {"placement_weights", args.placement_weights}, {"damping", args.damping},
          {"backlinks", args.backlinks},       {"urls", args.urls},
          {"priority", args.priority},         {"clusters", args.clusters}, {"start", args.start},
          {"suggest_links", args.suggest_links}, {"min_content_inlinks", args.min_content_inlinks},
          {"min_hub_coverage", args.min_hub_coverage}, {"anchor_overuse_share", args.anchor_overuse_share},
          {"anchor_overuse_min", args.anchor_overuse_min},
          {"max_url_length", args.max_url_length}, {"max_links_per_page", args.max_links_per_page},
          {"max_redirects", args.max_redirects}, {"max_sitemap_urls", args.max_sitemap_urls},
          {"max_sitemap_files", args.max_sitemap_files}, {"max_sitemap_depth", args.max_sitemap_depth},
          {"insecure", args.insecure},         {"timeout_s", args.timeout},
          {"connect_timeout_s", args.connect_timeout}, {"max_body_size", args.max_body_size},
          {"user_agent", user_agent},          {"robots", !args.no_robots},
          {"sitemaps", !args.no_sitemaps},     {"extra_sitemaps", args.sitemaps}};
}

// --urls for a graph that was not crawled (a snapshot, an edge list): listed URLs missing
// from it become pages assumed live, so an unlinked one is an orphan.
void mark_known_pages(CrawlResult& crawl, const std::vector<std::string>& urls) {
  SiteGraph& graph = crawl.graph;
  const auto start = split_url(graph.url(crawl.start));
  for (const std::string& raw : urls) {
    UrlId id = graph.find(raw);
    const auto url = normalize_url(raw);
    if (id == kNoUrl && url) id = graph.find(*url);
    if (id == kNoUrl) {
      const auto parts = url ? split_url(*url) : std::nullopt;
      if (start && (!parts || parts->host != start->host)) continue;  // another site's URL
      id = graph.add_url(url ? *url : raw);
      Page& p = graph.page(id);
      p.internal = true;
      p.outcome = FetchOutcome::kResponse;
      p.status = 200;
    }
    graph.page(id).listed = true;
  }
}

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

// --clusters: a CSV with pattern and cluster columns, and optionally hub.
std::vector<ClusterRule> read_cluster_rules(const std::string& path) {
  const CsvTable table = read_csv_file(path);
  const int pattern = table.column({"pattern", "url pattern"});
  const int name = table.column({"cluster", "name"});
  const int hub = table.column({"hub", "hub url"});
  if (pattern < 0 || name < 0) throw InputError("--clusters: " + path + " needs a header row 'pattern,cluster[,hub]'");
  std::vector<ClusterRule> rules;
  for (const auto& row : table.rows) {
    const auto cell = [&](int c) {
      std::string s = c >= 0 && static_cast<std::size_t>(c) < row.size() ? row[static_cast<std::size_t>(c)] : std::string();
      s.erase(0, std::min(s.size(), s.find_first_not_of(" \t")));
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
      return s;
    };
    if (cell(pattern).empty() || cell(name).empty()) continue;
    rules.push_back({cell(pattern), cell(name), cell(hub)});
  }
  if (rules.empty()) throw InputError("--clusters: " + path + " has no rules");
  return rules;
}

// Why the run as a whole failed, or empty when it produced a report worth reading. The
// start URL is judged where its redirects end.
std::string run_failure(const CrawlResult& crawl) {
  const SiteGraph& graph = crawl.graph;
  const UrlId final_id = graph.final_target(crawl.start);
  if (final_id == kNoUrl) return "the start URL " + std::string(graph.url(crawl.start)) + " redirects in a loop";
  const Page& start = graph.page(final_id);
  const std::string url(graph.url(final_id));
  if (!start.internal) {
    return "the start URL " + std::string(graph.url(crawl.start)) + " redirects to " + url +
           ", another site; audit that URL directly";
  }
  switch (start.outcome) {
    case FetchOutcome::kResponse:
      if (start.status >= 400) return "the start URL " + url + " answered HTTP " + std::to_string(start.status);
      return {};
    case FetchOutcome::kRobotsBlocked:
      return "the start URL " + url + " is disallowed by robots.txt (robots.txt answered " + crawl.robots.status +
             "); use --no-robots to audit anyway";
    case FetchOutcome::kNotFetched: return crawl.stop_reason == "interrupted" ? "" : "the start URL " + url + " was not fetched";
    default: return "cannot fetch the start URL " + url + ": " + std::string(outcome_name(start.outcome));
  }
}

struct FindingFilters {
  std::vector<IgnoreRule> ignores;
  std::vector<SeverityOverride> severities;
};

// An earlier crawl seen through this run's options and filters, so that only what changed on
// the site (not a flag) shows up as new.
RunView audited_view(const CrawlResult& crawl, const AuditOptions& options, const FindingFilters& filters) {
  AuditOptions quick = options;
  quick.suggest_links = 0;  // link opportunities are not findings; skip their cost
  Audit audit = audit_site(crawl, quick);
  apply_finding_filters(crawl.graph, audit.findings, filters.ignores, filters.severities);
  return view_of_audit(crawl, audit);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// `sitegraph crawl`, once the snapshot is written: one line of what was crawled; a completed
// crawl's journal is deleted, an interrupted one's kept for the next --resume.
int finish_crawl(const CrawlResult& crawl, const AuditArgs& args, CrawlJournal* journal, const std::string& journal_error) {
  std::size_t html = 0;
  for (UrlId id = 0; id < crawl.graph.size(); ++id) html += is_ranked(crawl.graph.page(id)) ? 1U : 0U;
  spdlog::info("crawled {} URLs ({} HTML pages, {} links) in {:.1f} s{}; snapshot {}", crawl.graph.size(), html,
               crawl.graph.links().size(), crawl.seconds, crawl.complete ? "" : ", incomplete (" + crawl.stop_reason + ")",
               args.save_snapshot);
  if (!journal_error.empty()) {
    std::cerr << "sitegraph: error: " << journal_error << "\n";
    return kExitRunFailed;  // the journal is kept: it holds every checkpoint before the failure
  }
  // Stopped by Ctrl-C or --max-time, the crawl is unfinished: its journal is kept for the next
  // run. Done, or at its --max-pages / --max-depth limit, it is finished: the next run starts afresh.
  if (journal) {
    if (crawl.stop_reason == "interrupted" || crawl.stop_reason == "max-time") {
      spdlog::info("--resume: the journal in {} is kept; run the same command to continue", args.resume);
    } else {
      journal->remove();
    }
  }
  return g_stop.load() ? kExitInterrupted : kExitClean;
}

// The flags of the crawl itself, shared by `audit` and `crawl`.
void add_crawl_flags(CLI::App* cmd, AuditArgs& args) {
  cmd->add_option("--warc", args.warc_out,
                    "Also record every HTTP response of the crawl in FILE.warc.gz (WARC 1.1; replay with "
                    "'sitegraph import'; docs/cli.md)");  cmd->add_option("--since", args.since,
                    "A snapshot of an earlier crawl: revalidate its pages (If-None-Match / If-Modified-Since) and reuse the "
                    "links of those that answer 304");  cmd->add_option("--base-url", args.base_url,
                    "Folder mode: the URL the folder is served at (default: read from its robots.txt or sitemap.xml)");  cmd->add_option("--max-pages", args.max_pages, "Stop after requesting N pages (0 = no limit)")->capture_default_str();  cmd->add_option("--max-depth", args.max_depth, "Do not follow links more than N clicks from a seed (-1 = no limit)")
      ->capture_default_str();  cmd->add_option("-c,--concurrency", args.concurrency, "Transfers in flight at once")
      ->check(CLI::Range(1, 1024))->capture_default_str();  cmd->add_option("--per-host", args.per_host, "Transfers in flight per host (raise it for your own server)")
      ->check(CLI::Range(1, 1024))->capture_default_str();  cmd->add_option("--rate", args.rate, "Requests per second per host (0 = no limit); robots.txt Crawl-delay is honoured too")
      ->check(CLI::Range(0.0, 100000.0))->capture_default_str();  cmd->add_option("--retries", args.retries, "Extra attempts after a timeout, reset, 429 or 5xx (exponential backoff, Retry-After honoured)")
      ->check(CLI::Range(0, 10))->capture_default_str();  cmd->add_option("--max-time", args.max_time, "Stop crawling after S seconds and report what was crawled (0 = no limit)")
      ->check(CLI::Range(0.0, 1e7))->capture_default_str();  cmd->add_option("-H,--header", args.headers, "Extra request header 'Name: value' (repeatable); sent to the audited site only");  cmd->add_option("--cookie", args.cookie, "Cookie header value; sent to the audited site only");  cmd->add_option("--user", args.user, "USER:PASSWORD for HTTP authentication (or put it in the URL); sent to the audited site only");  cmd->add_flag("--insecure", args.insecure, "Do not verify TLS certificates (a warning is printed)");  cmd->add_flag("--check-external", args.check_external, "Check external link targets with HEAD (GET when refused); never crawled");  cmd->add_flag("--check-resources", args.check_resources,
                  "Check images, scripts, stylesheets and media with HEAD (GET when refused); never parsed");  cmd->add_flag("--strip-tracking", args.strip_tracking,
                  "Treat URLs differing only by tracking parameters (utm_*, gclid, fbclid, msclkid) as one page");  cmd->add_option("--strip-param", args.strip_params, "Also drop this query parameter from URLs (repeatable; 'name' or 'prefix*')");  cmd->add_flag("--sort-query", args.sort_query, "Treat URLs whose query parameters differ only in order as one page");  cmd->add_option("--log-every", args.log_every, "Log a progress line every N responses (for cron logs; 0 = never)")
      ->capture_default_str();  cmd->add_option("--timeout", args.timeout, "Seconds allowed for one whole transfer")
      ->check(CLI::Range(0.001, 86400.0))->capture_default_str();  cmd->add_option("--connect-timeout", args.connect_timeout, "Seconds allowed to connect")
      ->check(CLI::Range(0.001, 86400.0))->capture_default_str();  cmd->add_option("--max-body-size", args.max_body_size, "Largest page body kept, after decompression (e.g. 10M); larger pages are recorded as too-large")
      ->transform(CLI::AsSizeValue(false))->capture_default_str();  cmd->add_option("--user-agent", args.user_agent, "User-Agent header and robots.txt agent (default sitegraph/VERSION)");  cmd->add_flag("--no-robots", args.no_robots, "Ignore robots.txt (still reads its Sitemap: lines)");  cmd->add_flag("--no-sitemaps", args.no_sitemaps, "Do not read sitemaps (orphan pages cannot be found then)");  cmd->add_option("--sitemap", args.sitemaps, "Also read this sitemap URL (repeatable)");  cmd->add_option("--threads", args.threads, "HTML parser threads (0 = one per core)")
      ->check(CLI::Range(0u, 256u))->capture_default_str();  cmd->add_option("--urls", args.urls,
                    "File of URLs known to exist (one per line, or a CSV with a URL column, e.g. an analytics or "
                    "Search Console export): crawled too, and orphan-page when no page links to them");  cmd->add_option("--max-url-length", args.max_url_length,
                    "Link targets longer than this (bytes, resolved) are reported as invalid-url and not fetched")
      ->check(CLI::Range(std::size_t{64}, std::size_t{1} << 20))->capture_default_str();  cmd->add_option("--max-links-per-page", args.max_links_per_page,
                    "Links kept per page in document order; the rest are dropped and counted (crawl.limits)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}))->capture_default_str();  cmd->add_option("--max-redirects", args.max_redirects, "Consecutive redirects followed from one URL")
      ->check(CLI::Range(0, 100))->capture_default_str();  cmd->add_option("--max-sitemap-urls", args.max_sitemap_urls, "URLs read per sitemap file (sitemaps.org allows 50,000)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))->capture_default_str();  cmd->add_option("--max-sitemap-files", args.max_sitemap_files, "Sitemap files read at most, indexes included")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}))->capture_default_str();  cmd->add_option("--max-sitemap-depth", args.max_sitemap_depth, "Levels of sitemap indexes followed")
      ->check(CLI::Range(0, 10))->capture_default_str();}

// Sections of --help, so the flags of one concern stand together.
void group_flags(CLI::App* cmd, const std::vector<std::pair<const char*, std::vector<std::string>>>& sections) {
  for (const auto& [section, names] : sections) {
    for (const std::string& name : names) {
      if (CLI::Option* option = cmd->get_option_no_throw(name)) option->group(section);
    }
  }
}

const std::vector<std::pair<const char*, std::vector<std::string>>>& crawl_sections() {
  static const std::vector<std::pair<const char*, std::vector<std::string>>> sections = {
      {"Crawl", {"--base-url", "--since", "--max-pages", "--max-depth", "--max-time", "--no-robots", "--no-sitemaps",
                 "--sitemap", "--urls", "--user-agent", "--threads", "--log-every", "--strip-tracking", "--strip-param",
                 "--sort-query", "--check-external", "--check-resources"}},
      {"Limits", {"--max-url-length", "--max-links-per-page", "--max-redirects", "--max-sitemap-urls",
                  "--max-sitemap-files", "--max-sitemap-depth"}},
      {"Requests", {"--concurrency", "--per-host", "--rate", "--retries", "--timeout", "--connect-timeout",
                    "--max-body-size", "--header", "--cookie", "--user", "--insecure"}},
  };
  return sections;
}

}  // namespace

CLI::App* add_audit_command(CLI::App& app, AuditArgs& args) {
  CLI::App* audit = app.add_subcommand("audit", "Crawl a site or a built site folder, analyse its link graph, report");
  audit->footer(
      "Examples:\n"
      "  sitegraph audit https://www.example.com/\n"
      "  sitegraph audit ./public --base-url https://www.example.com/ --format json -o report.json\n"
      "  sitegraph audit http://127.0.0.1:8080/ --fail-on broken-link,orphan-page   # CI gate\n"
      "  sitegraph audit links.csv --backlinks ahrefs.csv --priority money.txt --suggest-links 3\n\n"
      "  sitegraph audit ./public -f json,sarif,html -o reports/ --baseline main.json --fail-on new\n\n"
      "Formats: text (summary, then findings by rule), json (every page and finding; docs/report.md),\n"
      "csv (pages.csv, links.csv, findings.csv in -o DIR), junit, markdown, github (Actions\n"
      "annotations), sarif, html (one self-contained file); graph exports dot, graphml, gexf, edges,\n"
      "and webgraph, graphframes (directories, for WebGraph and Spark: docs/scale.md).\n"
      "Rules: docs/rules.md (orphan-page, broken-link, deep-page, ...). Every flag can also be set\n"
      "in sitegraph.toml or --config FILE under [audit] (see 'sitegraph config --dump').\n"
      "Exit codes: 0 clean, 1 a --fail-on condition met, 2 usage error, 3 run failed,\n"
      "130 interrupted (report still written, marked incomplete).");
  audit->add_option("target", args.target,
                    "http(s) URL to crawl, a folder holding a built static site, a snapshot (--save-snapshot) to re-analyse, "
                    "a WARC file (.warc or .warc.gz: wget --warc-file, Heritrix, Common Crawl) to replay, "
                    "or a CSV edge list (source,target[,weight,rel,placement,anchor]) or Screaming Frog 'All Inlinks' export")
      ->required();  audit->add_option("--save-snapshot", args.save_snapshot,
                    "Also save the whole crawl (pages, links) to FILE (gzip'd JSON Lines; docs/snapshot.md)");  audit->add_option("-f,--format", args.formats,
                    "Report formats, comma-separated or repeated: text (default), json, csv, junit, markdown, github, "
                    "sarif, html, dot, graphml, gexf, edges, webgraph, graphframes")
      ->delimiter(',')
      ->check(CLI::Validator(
          [](const std::string& f) -> std::string {
            const auto& all = report_formats();
            if (f.empty() || std::find(all.begin(), all.end(), f) != all.end()) return {};
            std::string names;
            for (const std::string& n : all) names += (names.empty() ? "" : ", ") + n;
            return "unknown format '" + f + "' (use " + names + ")";
          },
          "FORMAT"));  audit->add_option("-o,--output", args.outputs,
                    "Where reports go: one FILE per --format (in order), or one DIR for several (default file names); "
                    "csv needs a DIR; default stdout");  audit->add_option("--color", args.color, "Colour the text report: auto (a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();  audit->add_option("--baseline", args.baseline,
                    "An earlier JSON report or snapshot: findings are matched by (rule, url, target) and reported as new, "
                    "fixed or unchanged; --fail-on new fails on new ones only");  audit->add_option("--ignore", args.ignores,
                    "Drop findings: RULE:URL-GLOB (repeatable; RULE may be *; '*' in the glob matches anything; a glob "
                    "starting with / matches the path); matched against the page URL and the link target");  audit->add_option("--severity", args.severities, "Override a rule's severity: RULE=info|warning|error|off (repeatable)");  audit->add_option("--history", args.history,
                    "Keep this run's crawl in DIR (timestamped snapshots) and end the report with what changed since "
                    "the previous run there");  audit->add_option("--history-keep", args.history_keep, "Snapshots --history keeps (the newest N)")->capture_default_str();  audit->add_option("--fail-on", args.fail_on,
                    "Exit 1 when the findings meet a condition (comma-separated): RULE (any finding of it), RULE>N "
                    "(more than N), severity>=LEVEL (info, warning, error), new (any finding --baseline lacks), "
                    "new:CONDITION (new findings only). Inconclusive findings never count")
      ->delimiter(',');  audit->add_option("--max-click-depth", args.max_click_depth, "deep-page: pages more clicks than this from the start page")
      ->capture_default_str();  audit->add_option("--max-links", args.max_links, "too-many-links: pages with more unique link targets than this")
      ->capture_default_str();  audit->add_option("--placement-weights", args.placement_weights,
                    "Equity weight of a link by placement, e.g. 'content=1,aside=0.6,header=0.4,nav=0.4,footer=0.2,template=0.2'");  audit->add_option("--top", args.top, "Rows in the text report's top lists")->capture_default_str();  audit->add_option("--damping", args.damping, "Damping factor of both PageRank models (the chance the surfer follows a link)")
      ->check(CLI::Range(0.0, 0.9999))->capture_default_str();  audit->add_option("--backlinks", args.backlinks,
                    "CSV of backlinks (Search Console 'Top linked pages', Ahrefs or Semrush backlinks export, or "
                    "target,source[,weight]): external authority seeds both models (personalised PageRank)");  audit->add_option("--priority", args.priority,
                    "File of the pages that matter (one URL per line or a CSV with a URL column): priority-page-weak, "
                    "equity reaching them, link opportunities");  audit->add_option("--clusters", args.clusters,
                    "CSV of topic clusters 'pattern,cluster[,hub]' (glob on the URL path, first match wins; "
                    "default: one cluster per top-level directory)");  audit->add_option("--suggest-links", args.suggest_links,
                    "For each weak priority page, orphan and authority sink, the K links that would raise equity most "
                    "(computed on the equity model)")
      ->capture_default_str();  audit->add_option("--min-content-inlinks", args.min_content_inlinks, "priority-page-weak: fewer content inlinks than this")
      ->capture_default_str();  audit->add_option("--min-hub-coverage", args.min_hub_coverage,
                    "hub-missing-spoke-links: a hub linking to less than this share of its cluster's pages")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();  audit->add_option("--anchor-overuse-share", args.anchor_overuse_share,
                    "anchor-overuse: one exact anchor on more than this share of a page's content inlinks")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();  audit->add_option("--anchor-overuse-min", args.anchor_overuse_min,
                    "anchor-overuse: judge only pages linked from content by at least this many pages")
      ->capture_default_str();  audit->add_option("--start", args.start,
                    "Edge lists: the node click depth counts from (default: the site's root URL, else the first source); "
                    "WARC files: the start URL (default: the archive's first HTML page)");  add_crawl_flags(audit, args);
  group_flags(audit, crawl_sections());
  group_flags(audit, {
      {"Output", {"--format", "--output", "--color", "--top", "--save-snapshot", "--warc"}},
      {"CI and history", {"--fail-on", "--baseline", "--ignore", "--severity", "--history", "--history-keep"}},
      {"Analysis", {"--max-click-depth", "--max-links", "--placement-weights", "--damping", "--min-content-inlinks",
                    "--min-hub-coverage", "--anchor-overuse-share", "--anchor-overuse-min", "--suggest-links"}},
      {"Inputs", {"--backlinks", "--urls", "--priority", "--clusters", "--start"}},
  });
  return audit;
}

CLI::App* add_crawl_command(CLI::App& app, AuditArgs& args) {
  CLI::App* crawl = app.add_subcommand("crawl", "Crawl a site or a built site folder into a snapshot, resumably; audit it later");
  crawl->footer(
      "Examples:\n"
      "  sitegraph crawl https://www.example.com/ -o site.jsonl.gz && sitegraph audit site.jsonl.gz -f json -o report.json\n"
      "  sitegraph crawl https://www.example.com/ -o site.jsonl.gz --resume state/   # run again after a crash\n\n"
      "With --resume DIR the crawl journals every page it finishes in DIR (a checkpoint every\n"
      "--checkpoint-every seconds, written whole and synced). After a crash, kill or reboot, the same\n"
      "command continues where the last checkpoint left off: pages journaled are not fetched again,\n"
      "and the snapshot equals that of an uninterrupted crawl. Ctrl-C writes the snapshot so far\n"
      "(marked incomplete) and keeps the journal; a completed crawl deletes it. docs/snapshot.md.\n"
      "Exit codes: 0 crawled (complete, or stopped by --max-pages/--max-time), 2 usage error,\n"
      "3 run failed (start URL unreachable, snapshot not writable), 130 interrupted.");
  crawl->add_option("target", args.target, "http(s) URL to crawl, or a folder holding a built static site")->required();
  crawl->add_option("-o,--output", args.save_snapshot, "The snapshot to write (gzip'd JSON Lines, e.g. site.jsonl.gz; docs/snapshot.md)")
      ->required();
  crawl->add_option("--resume", args.resume,
                    "Journal the crawl in DIR and, when DIR holds a journal of an interrupted crawl of the same start URL, "
                    "continue it");
  crawl->add_option("--checkpoint-every", args.checkpoint_seconds, "--resume: seconds between checkpoints")
      ->check(CLI::Range(0.0, 86400.0))->capture_default_str();
  add_crawl_flags(crawl, args);
  group_flags(crawl, crawl_sections());
  group_flags(crawl, {{"Output", {"--output", "--resume", "--checkpoint-every", "--warc"}}});
  return crawl;
}

namespace {

// Everything run_audit settles before a crawl that could take hours: flags parsed and
// checked against each other, input files present, outputs writable, the target resolved.
struct AuditPlan {
  Target target;
  AuditOptions audit_options;
  std::vector<GateCondition> gate;
  FindingFilters filters;
  std::vector<PlannedOutput> outputs;
};

// A config file written by `config --dump` holds "" for a list left empty: not an item.
void drop_empty_items(AuditArgs& args) {
  for (auto* list : {&args.formats, &args.outputs, &args.headers, &args.strip_params, &args.sitemaps, &args.fail_on,
                     &args.ignores, &args.severities}) {
    std::erase(*list, std::string());
  }
}

/// Throws UsageError.
AuditPlan plan_audit(const AuditArgs& args) {
  AuditPlan plan;
  try {
    plan.gate = parse_gate(args.fail_on);
    plan.filters.ignores = parse_ignores(args.ignores);
    plan.filters.severities = parse_severities(args.severities);
    plan.outputs = plan_outputs(args.formats, args.outputs);
  } catch (const std::invalid_argument& e) {
    throw UsageError{e.what()};
  }
  // A report or snapshot that cannot be written is found now, not after the crawl.
  for (const PlannedOutput& output : plan.outputs) {
    const std::string why = output.make_directory ? uncreatable_reason(output) : unwritable_reason(output.path);
    if (!why.empty()) throw UsageError{"-o " + output.path + ": " + why};
  }
  if (const std::string why = unwritable_reason(args.save_snapshot); !args.save_snapshot.empty() && !why.empty()) {
    throw UsageError{"--save-snapshot " + args.save_snapshot + ": " + why};
  }
  if (const std::string why = unwritable_reason(args.warc_out); !args.warc_out.empty() && !why.empty()) {
    throw UsageError{"--warc " + args.warc_out + ": " + why};
  }
  const bool gate_on_new = std::any_of(plan.gate.begin(), plan.gate.end(), [](const GateCondition& c) { return c.only_new; });
  if (gate_on_new && args.baseline.empty()) throw UsageError{"--fail-on new needs --baseline (an earlier JSON report or snapshot)"};
  check_sitemap_args(args);
  // Input files are checked before a crawl that could take hours, not after it.
  for (const auto& [flag, path] : {std::pair{"--backlinks", &args.backlinks}, std::pair{"--urls", &args.urls},
                                   std::pair{"--priority", &args.priority}, std::pair{"--clusters", &args.clusters},
                                   std::pair{"--since", &args.since}, std::pair{"--baseline", &args.baseline}}) {
    std::error_code ec;
    if (!path->empty() && !fs::is_regular_file(*path, ec)) throw UsageError{std::string(flag) + ": cannot read " + *path + ": not a file"};
  }
  plan.audit_options.max_click_depth = args.max_click_depth;
  plan.audit_options.max_links = args.max_links;
  plan.audit_options.equity = equity_options(args.placement_weights);
  plan.audit_options.equity.pagerank.damping = args.damping;
  plan.audit_options.suggest_links = args.suggest_links;
  plan.audit_options.min_content_inlinks = args.min_content_inlinks;
  plan.audit_options.min_hub_coverage = args.min_hub_coverage;
  plan.audit_options.anchor_overuse_share = args.anchor_overuse_share;
  plan.audit_options.anchor_overuse_min = args.anchor_overuse_min;
  plan.target = resolve_target(args);
  if (args.crawl_only && (plan.target.snapshot || plan.target.edge_list || plan.target.warc)) {
    throw UsageError{"crawl takes a site's URL or a built site folder; audit a snapshot, edge list or WARC file with 'sitegraph audit'"};
  }
  if (!args.resume.empty() && !args.warc_out.empty()) {
    throw UsageError{"--warc cannot record a resumable crawl: the pages of an earlier run would be missing from the archive"};
  }
  if (!args.warc_out.empty() && (plan.target.snapshot || plan.target.edge_list || plan.target.warc)) {
    throw UsageError{"--warc records a crawl (a site over HTTP or a folder); this target is not crawled"};
  }
  if (!args.warc_out.empty() && !args.since.empty()) {
    // Pages answering 304 keep the snapshot's links; the archive would hold no body for them.
    throw UsageError{"--warc cannot record a --since crawl: pages that answer 304 Not Modified would be archived without their content"};
  }
  return plan;
}

}  // namespace

std::string audit_args_error(AuditArgs args) {
  drop_empty_items(args);
  try {
    (void)plan_audit(args);
  } catch (const UsageError& e) {
    return e.message;
  }
  return "";
}

int run_audit(const AuditArgs& given) {
  AuditArgs args = given;
  drop_empty_items(args);
  AuditPlan plan;
  try {
    plan = plan_audit(args);
  } catch (const UsageError& e) {
    std::cerr << "sitegraph: error: " << e.message << "\n";
    return kExitUsage;
  }
  const Target& target = plan.target;
  AuditOptions& audit_options = plan.audit_options;  // completed from the crawl (backlinks, clusters, priority)
  const std::vector<GateCondition>& gate = plan.gate;
  const FindingFilters& filters = plan.filters;
  const std::vector<PlannedOutput>& outputs = plan.outputs;
  // A JSON baseline is read now, so a bad file fails before the crawl; a snapshot is
  // audited after it, with the options of this run.
  std::optional<RunView> baseline;
  if (!args.baseline.empty() && !is_snapshot(args.baseline)) {
    try {
      baseline = view_of_report(read_json_report(args.baseline));
    } catch (const std::exception& e) {
      std::cerr << "sitegraph: error: --baseline: " << args.baseline << ": " << e.what() << "\n";
      return kExitUsage;
    }
  }
  const std::string user_agent = user_agent_or_default(args.user_agent);
  FetchOptions fetch;
  fetch.max_in_flight = args.concurrency;
  fetch.user_agent = user_agent;
  fetch.timeout = std::chrono::milliseconds(static_cast<long>(args.timeout * 1000));
  fetch.connect_timeout = std::chrono::milliseconds(static_cast<long>(args.connect_timeout * 1000));
  fetch.max_body_bytes = args.max_body_size;
  fetch.per_host = args.per_host;
  fetch.rate = args.rate;
  fetch.retries = args.retries;
  fetch.insecure = args.insecure;
  fetch.headers = args.headers;
  fetch.cookie = args.cookie;
  fetch.userpwd = args.user.empty() ? target.userinfo : args.user;
  if (args.insecure) spdlog::warn("--insecure: TLS certificates are not verified; a man in the middle could feed this audit");

  CrawlOptions crawl_options;
  crawl_options.start_url = target.start_url;
  crawl_options.max_pages = args.max_pages;
  crawl_options.max_depth = args.max_depth;
  crawl_options.obey_robots = !args.no_robots;
  crawl_options.use_sitemaps = !args.no_sitemaps;
  crawl_options.extra_sitemaps = args.sitemaps;
  crawl_options.user_agent = user_agent;
  crawl_options.max_in_flight = args.concurrency;
  crawl_options.parse_threads = args.threads;
  crawl_options.stop = &g_stop;
  crawl_options.max_seconds = args.max_time;
  crawl_options.check_external = args.check_external;
  crawl_options.max_url_length = args.max_url_length;
  crawl_options.max_links_per_page = args.max_links_per_page;
  crawl_options.max_redirects = args.max_redirects;
  crawl_options.max_sitemap_urls = args.max_sitemap_urls;
  crawl_options.max_sitemap_files = args.max_sitemap_files;
  crawl_options.max_sitemap_index_depth = args.max_sitemap_depth;
  crawl_options.check_resources = args.check_resources;
  if (args.strip_tracking) crawl_options.identity.strip_params = default_tracking_params();
  for (const std::string& p : args.strip_params) crawl_options.identity.strip_params.push_back(p);
  crawl_options.identity.sort_query = args.sort_query;
  crawl_options.on_progress = progress_reporter(args.log_every);

  std::optional<CrawlResult> previous;
  if (!args.since.empty()) {
    try {
      previous = read_snapshot(args.since);
      crawl_options.previous = &*previous;
    } catch (const SnapshotError& e) {
      std::cerr << "sitegraph: error: --since: " << e.what() << "\n";
      return kExitUsage;
    }
  }
  std::optional<CrawlJournal> journal;
  std::string journal_error;
  if (!args.resume.empty()) {
    try {
      journal.emplace(args.resume, target.start_url, std::chrono::milliseconds(static_cast<long>(args.checkpoint_seconds * 1000)));
      crawl_options.journal = &*journal;
    } catch (const JournalError& e) {
      std::cerr << "sitegraph: error: " << e.what() << "\n";
      return kExitUsage;
    }
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::vector<std::string> known_urls;
  if (!args.urls.empty()) {
    try {
      known_urls = read_url_list(args.urls);
    } catch (const InputError& e) {
      std::cerr << "sitegraph: error: --urls: " << e.what() << "\n";
      return kExitUsage;
    }
  }
  crawl_options.known_urls = known_urls;
  CrawlResult crawl;
  if (target.snapshot || target.edge_list) {
    try {
      const auto started = std::chrono::steady_clock::now();
      crawl = target.snapshot ? read_snapshot(*target.snapshot) : import_edge_list(read_csv_file(target.edge_list->string()), args.start);
      spdlog::debug("{} read in {:.2f} s", args.target, seconds_since(started));
    } catch (const SnapshotError& e) {
      std::cerr << "sitegraph: error: " << e.what() << "\n";
      return kExitRunFailed;
    } catch (const InputError& e) {
      std::cerr << "sitegraph: error: " << target.edge_list->string() << ": " << e.what() << "\n";
      return kExitUsage;
    }
    mark_known_pages(crawl, known_urls);
  } else if (target.warc) {
    auto archive = std::make_shared<WarcArchive>();
    try {
      archive->read(*target.warc);
      for (const std::string& more : args.warc_files) archive->read(more);
    } catch (const WarcError& e) {
      std::cerr << "sitegraph: error: " << e.what() << "\n";
      return kExitUsage;
    }
    const WarcStats& stats = archive->stats();
    spdlog::info("WARC: {} records, {} responses, {} revisits, {} skipped", stats.records, stats.responses, stats.revisits,
                 stats.skipped);
    std::optional<std::string> start = args.start.empty() ? std::optional<std::string>(stats.first_url) : normalize_url(args.start);
    if (!start || start->empty()) {
      std::cerr << "sitegraph: error: " << (args.start.empty() ? "the archive holds no HTML page to start from; give --start URL"
                                                               : "--start '" + args.start + "' is not a valid http(s) URL")
                << "\n";
      return kExitUsage;
    }
    crawl_options.start_url = *start;
    spdlog::info("replaying {} from {}", target.warc->string(), *start);
    std::unique_ptr<Fetcher> fetcher = make_warc_fetcher(archive, fetch);
    crawl = crawl_site(*fetcher, crawl_options);
  } else {
    std::unique_ptr<Fetcher> fetcher = target.folder ? make_folder_fetcher(*target.folder, target.start_url, fetch)
                                                     : make_http_fetcher(fetch);
    WarcRecorder* recorder = nullptr;
    if (!args.warc_out.empty()) {
      try {
        std::unique_ptr<WarcRecorder> recording = make_warc_recorder(std::move(fetcher), args.warc_out);
        recorder = recording.get();
        fetcher = std::move(recording);
      } catch (const WarcError& e) {
        std::cerr << "sitegraph: error: --warc: " << e.what() << "\n";
        return kExitRunFailed;
      }
    }
    spdlog::info("crawling {}", target.folder ? target.folder->string() + " as " + target.start_url : target.start_url);
    try {
      crawl = crawl_site(*fetcher, crawl_options);
    } catch (const JournalError& e) {
      std::cerr << "sitegraph: error: " << e.what() << "\n";
      return kExitUsage;
    }
    // A failed checkpoint does not cost the crawl: the snapshot is still written (below).
    if (journal && !journal->finish(journal_error)) journal_error = "--resume: " + journal_error;
    if (std::string error; recorder && !recorder->finish(error)) {
      std::cerr << "sitegraph: error: --warc: " << error << "\n";
      return kExitRunFailed;
    }
  }
  if (const std::string failure = run_failure(crawl); !failure.empty()) {
    std::cerr << "sitegraph: error: " << failure << "\n";
    return kExitRunFailed;
  }
  if (!args.save_snapshot.empty()) {
    try {
      const auto started = std::chrono::steady_clock::now();
      write_snapshot(args.save_snapshot, crawl);
      spdlog::debug("snapshot {} written in {:.2f} s", args.save_snapshot, seconds_since(started));
    } catch (const SnapshotError& e) {
      std::cerr << "sitegraph: error: " << e.what() << "\n";
      return kExitRunFailed;
    }
  }
  if (args.crawl_only) return finish_crawl(crawl, args, journal ? &*journal : nullptr, journal_error);
  if (!args.backlinks.empty()) {
    try {
      const Backlinks backlinks = read_backlinks(read_csv_file(args.backlinks), crawl.graph);
      spdlog::info("--backlinks: {} layout, {} rows ({} nofollow, ugc or sponsored: passing nothing), {} to pages of this graph",
                   backlinks.layout, backlinks.rows, backlinks.nofollow, backlinks.matched);
      if (backlinks.matched == 0) spdlog::warn("--backlinks: no row's target is a page of this graph; authority stays uniform");
      audit_options.authority = backlinks.authority;
    } catch (const InputError& e) {
      std::cerr << "sitegraph: error: --backlinks: " << e.what() << "\n";
      return kExitUsage;
    }
  }
  try {
    if (!args.clusters.empty()) audit_options.cluster_rules = read_cluster_rules(args.clusters);
    if (!args.priority.empty()) audit_options.priority = find_pages(crawl.graph, read_url_list(args.priority), "--priority");
  } catch (const InputError& e) {
    std::cerr << "sitegraph: error: " << e.what() << "\n";
    return kExitUsage;
  }
  Audit audit = audit_site(crawl, audit_options);
  const std::size_t ignored = apply_finding_filters(crawl.graph, audit.findings, filters.ignores, filters.severities);
  try {
    if (!args.baseline.empty() && !baseline) baseline = audited_view(read_snapshot(args.baseline), audit_options, filters);
  } catch (const SnapshotError& e) {
    std::cerr << "sitegraph: error: --baseline: " << e.what() << "\n";
    return kExitRunFailed;
  }
  std::optional<BaselineComparison> comparison;
  if (baseline) comparison = compare_with_baseline(crawl, audit, *baseline, args.baseline);
  // --history: what changed since the newest crawl kept there.
  std::optional<RunDiff> since_previous;
  if (!args.history.empty()) {
    if (const auto previous_file = latest_in_history(args.history)) {
      try {
        since_previous = diff_runs(audited_view(read_snapshot(*previous_file), audit_options, filters),
                                   view_of_audit(crawl, audit), args.top);
        since_previous->before_source = previous_file->filename().string();
        since_previous->after_source = "this run";
      } catch (const SnapshotError& e) {
        spdlog::warn("--history: cannot read {}: {}; no comparison with the previous run", previous_file->string(), e.what());
      }
    }
  }
  const char* mode = target.snapshot    ? "snapshot"
                     : target.edge_list ? "edge-list"
                     : target.warc      ? "warc"
                     : target.folder    ? "folder"
                                        : "http";
  const RunInfo run{args.target, mode, settings_json(args, user_agent)};
  const ReportContext report{run,     crawl,    audit,  comparison ? &*comparison : nullptr,
                             ignored, args.top, 50,     target.folder ? target.folder->string() : std::string()};
  const ReportExtras extras{since_previous ? &*since_previous : nullptr};
  for (const PlannedOutput& output : outputs) {
    if (!write_planned_output(output, report, extras, args.color)) return kExitRunFailed;
  }
  if (!args.history.empty()) {
    if (!crawl.complete) {
      spdlog::warn("--history: the crawl is incomplete ({}); not kept as the next run's comparison", crawl.stop_reason);
    } else {
      try {
        const fs::path kept = save_in_history(args.history, crawl, args.history_keep);
        spdlog::info("--history: kept this crawl as {}", kept.string());
      } catch (const std::exception& e) {
        std::cerr << "sitegraph: error: --history: " << e.what() << "\n";
        return kExitRunFailed;
      }
    }
  }
  if (g_stop.load()) return kExitInterrupted;
  const std::vector<std::uint8_t>* is_new = comparison ? &comparison->is_new : nullptr;
  if (const auto matched = gate_matched(gate, audit.findings, is_new)) {
    spdlog::info("--fail-on {}: {} finding{}", matched->first->text, matched->second, matched->second == 1 ? "" : "s");
    return kExitGateFailed;
  }
  return kExitClean;
}

}  // namespace sitegraph::cli
