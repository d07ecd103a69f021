// The flags of `sitegraph audit` and `sitegraph crawl`: names, help text and --help sections.
// What they mean together is checked in audit_plan.cpp.

#include "cli/audit_flags.hpp"

#include <algorithm>

#include "cli/report_outputs.hpp"

namespace sitegraph::cli {
namespace {

// The flags of the crawl itself, shared by `audit` and `crawl`.
void add_crawl_flags(CLI::App* cmd, AuditArgs& args) {
  cmd->add_option("--warc", args.warc_out,
                    "Also record every HTTP response of the crawl in FILE.warc.gz (WARC 1.1; replay with "
                    "'sitegraph import'; docs/cli.md)");
  cmd->add_option("--since", args.since,
                    "A snapshot of an earlier crawl: revalidate its pages (If-None-Match / If-Modified-Since) and reuse the "
                    "links of those that answer 304 or send the body they sent then (same hash), without parsing them");
  cmd->add_option("--base-url", args.base_url,
                    "Folder mode: the URL the folder is served at (default: read from its robots.txt or sitemap.xml)");
  cmd->add_option("--max-pages", args.max_pages, "Stop after requesting N pages (0 = no limit)")
      ->check(CLI::Validator([](const std::string& v) { return v.starts_with('-') ? "a count of pages, 0 for no limit" : ""; }, "N"))
      ->capture_default_str();
  cmd->add_option("--max-depth", args.max_depth, "Do not follow links more than N clicks from a seed (-1 = no limit)")
      ->check(CLI::Range(-1, 1'000'000))->capture_default_str();
  cmd->add_option("-c,--concurrency", args.concurrency, "Transfers in flight at once")
      ->check(CLI::Range(1, 1024))->capture_default_str();
  cmd->add_option("--per-host", args.per_host, "Transfers in flight per host (raise it for your own server)")
      ->check(CLI::Range(1, 1024))->capture_default_str();
  cmd->add_flag("--fixed-per-host", args.fixed_per_host,
                "Keep --per-host transfers in flight even while the server answers well above its usual time "
                "(429 and 503 answers still slow the crawl down)");
  cmd->add_option("--rate", args.rate, "Requests per second per host (0 = no limit); robots.txt Crawl-delay is honoured too")
      ->check(CLI::Range(0.0, 100000.0))->capture_default_str();
  cmd->add_option("--retries", args.retries, "Extra attempts after a timeout, reset, 429 or 5xx (exponential backoff, Retry-After honoured)")
      ->check(CLI::Range(0, 10))->capture_default_str();
  cmd->add_option("--max-time", args.max_time, "Stop crawling after S seconds and report what was crawled (0 = no limit)")
      ->check(CLI::Range(0.0, 1e7))->capture_default_str();
  cmd->add_option("-H,--header", args.headers, "Extra request header 'Name: value' (repeatable); sent to the audited site only");
  cmd->add_option("--cookie", args.cookie, "Cookie header value; sent to the audited site only");
  cmd->add_option("--user", args.user, "USER:PASSWORD for HTTP authentication (or put it in the URL); sent to the audited site only");
  cmd->add_flag("--insecure", args.insecure, "Do not verify TLS certificates (a warning is printed)");
  cmd->add_flag("--check-external", args.check_external, "Check external link targets with HEAD (GET when refused); never crawled");
  cmd->add_flag("--check-resources", args.check_resources,
                  "Check images, scripts, stylesheets, media, icons and CSS url()s with HEAD (GET when refused); the "
                  "site's own style sheets are read for their @import and url() references");
  cmd->add_flag("--strip-tracking", args.strip_tracking,
                  "Treat URLs differing only by tracking parameters (utm_*, gclid, fbclid, msclkid) as one page");
  cmd->add_option("--strip-param", args.strip_params, "Also drop this query parameter from URLs (repeatable; 'name' or 'prefix*')");
  cmd->add_flag("--sort-query", args.sort_query, "Treat URLs whose query parameters differ only in order as one page");
  cmd->add_option("--log-every", args.log_every, "Log a progress line every N responses (for cron logs; 0 = never)")
      ->capture_default_str();
  cmd->add_option("--timeout", args.timeout, "Seconds allowed for one whole transfer")
      ->check(CLI::Range(0.001, 86400.0))->capture_default_str();
  cmd->add_option("--connect-timeout", args.connect_timeout, "Seconds allowed to connect")
      ->check(CLI::Range(0.001, 86400.0))->capture_default_str();
  cmd->add_option("--max-body-size", args.max_body_size, "Largest page body kept, after decompression (e.g. 10M); larger pages are recorded as too-large")
      ->transform(CLI::AsSizeValue(false))->capture_default_str();
  cmd->add_option("--user-agent", args.user_agent, "User-Agent header and robots.txt agent (default sitegraph/VERSION)");
  cmd->add_flag("--no-robots", args.no_robots, "Ignore robots.txt (still reads its Sitemap: lines)");
  cmd->add_flag("--no-sitemaps", args.no_sitemaps, "Do not read sitemaps (orphan pages cannot be found then)");
  cmd->add_flag("--no-soft-404-probe", args.no_soft_404_probe,
                "Do not ask the site for a URL that cannot exist (soft-404 and soft-404-site are not found then)");
  cmd->add_option("--sitemap", args.sitemaps, "Also read this sitemap URL (repeatable)");
  cmd->add_option("--threads", args.threads, "HTML parser threads (0 = one per core)")
      ->check(CLI::Range(0u, 256u))->capture_default_str();
  cmd->add_option("--urls", args.urls,
                    "File of URLs known to exist (one per line, or a CSV with a URL column, e.g. an analytics or "
                    "Search Console export): crawled too, and orphan-page when no page links to them");
  cmd->add_option("--include", args.includes,
                    "Crawl only the site's pages whose URL matches this glob (repeatable; '*' matches anything; a glob "
                    "starting with / matches the path and query, else the whole URL)");
  cmd->add_option("--exclude", args.excludes,
                    "Never request URLs matching this glob (repeatable; as --include; also spares external and resource "
                    "checks); recorded as excluded, never as errors");
  cmd->add_flag("--no-parent", args.no_parent,
                  "Crawl only below the start URL's folder (/docs/guide/ for /docs/guide/intro.html), as wget");
  cmd->add_option("--max-url-length", args.max_url_length,
                    "Link targets longer than this (bytes, resolved) are reported as invalid-url and not fetched")
      ->check(CLI::Range(std::size_t{64}, std::size_t{1} << 20))->capture_default_str();
  cmd->add_option("--max-links-per-page", args.max_links_per_page,
                    "Links kept per page in document order; the rest are dropped and counted (crawl.limits)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}))->capture_default_str();
  cmd->add_option("--max-redirects", args.max_redirects, "Consecutive redirects followed from one URL")
      ->check(CLI::Range(0, 100))->capture_default_str();
  cmd->add_option("--max-sitemap-urls", args.max_sitemap_urls, "URLs read per sitemap file (sitemaps.org allows 50,000)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))->capture_default_str();
  cmd->add_option("--max-sitemap-files", args.max_sitemap_files, "Sitemap files read at most, indexes included")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}))->capture_default_str();
  cmd->add_option("--max-sitemap-depth", args.max_sitemap_depth, "Levels of sitemap indexes followed")
      ->check(CLI::Range(0, 10))->capture_default_str();
}

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
      {"Crawl", {"--base-url", "--since", "--max-pages", "--max-depth", "--max-time", "--no-robots", "--no-sitemaps", "--no-soft-404-probe",
                 "--sitemap", "--urls", "--user-agent", "--threads", "--log-every", "--strip-tracking", "--strip-param",
                 "--sort-query", "--check-external", "--check-resources"}},
      {"Scope", {"--include", "--exclude", "--no-parent"}},
      {"Limits", {"--max-url-length", "--max-links-per-page", "--max-redirects", "--max-sitemap-urls",
                  "--max-sitemap-files", "--max-sitemap-depth"}},
      {"Requests", {"--concurrency", "--per-host", "--fixed-per-host", "--rate", "--retries", "--timeout", "--connect-timeout",
                    "--max-body-size", "--header", "--cookie", "--user", "--insecure"}},
  };
  return sections;
}

// "text, json, ..." as "text (default), json, ...".
std::string default_first(std::string names) { return names.insert(names.find(','), " (default)"); }

// --save-snapshot, -f, -o and --color: what the audit writes.
void add_report_flags(CLI::App* audit, AuditArgs& args) {
  audit->add_option("--save-snapshot", args.save_snapshot,
                    "Also save the whole crawl (pages, links) to FILE (gzip'd JSON Lines; docs/snapshot.md)");
  audit->add_option("-f,--format", args.formats,
                    "Report formats, comma-separated or repeated: " + default_first(format_names()))
      ->delimiter(',')
      ->check(CLI::Validator(
          [](const std::string& f) -> std::string {
            if (f.empty() || find_report_format(f)) return {};
            return "unknown format '" + f + "' (use " + format_names() + ")";
          },
          "FORMAT"));
  audit->add_option("-o,--output", args.outputs,
                    "Where reports go: one FILE per --format (in order), or one DIR for several (default file names); "
                    "csv needs a DIR; default stdout");
  audit->add_option("--color", args.color, "Colour the text report: auto (a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

// --baseline, --ignore, --severity, --history and --fail-on: what CI compares and gates on.
void add_gate_flags(CLI::App* audit, AuditArgs& args) {
  audit->add_option("--baseline", args.baseline,
                    "An earlier JSON report or snapshot: findings are matched by (rule, url, target) and reported as new, "
                    "fixed or unchanged; --fail-on new fails on new ones only");
  audit->add_option("--ignore", args.ignores,
                    "Drop findings: RULE:URL-GLOB (repeatable; RULE may be *; '*' in the glob matches anything; a glob "
                    "starting with / matches the path); matched against the page URL and the link target");
  audit->add_option("--severity", args.severities, "Override a rule's severity: RULE=info|warning|error|off (repeatable)");
  audit->add_option("--history", args.history,
                    "Keep this run's crawl in DIR (timestamped snapshots) and end the report with what changed since "
                    "the previous run there");
  audit->add_option("--history-keep", args.history_keep, "Snapshots --history keeps (the newest N)")->capture_default_str();
  audit->add_option("--fail-on", args.fail_on,
                    "Exit 1 when the findings meet a condition (comma-separated): RULE (any finding of it), RULE>N "
                    "(more than N), severity>=LEVEL (info, warning, error), new (any finding --baseline lacks), "
                    "new:CONDITION (new findings only); or a budget METRIC(SUBJECT) OP VALUE or METRIC(SUBJECT) drops|rises N%, "
                    "e.g. 'equity(segment:money) < 0.2', 'depth(segment:docs) > 4', 'pagerank(/pricing.html) drops 15%' "
                    "(docs/cli.md, Budgets). Inconclusive findings count only with --fail-on-inconclusive")
      ->delimiter(',');
  audit->add_flag("--fail-on-inconclusive", args.fail_on_inconclusive,
                  "Let --fail-on count the findings a partial crawl (--max-pages, --max-time, --max-depth, Ctrl-C) "
                  "marks inconclusive: inlink counts, depths, anchor shares, clusters and equity of a graph missing "
                  "pages (docs/rules.md, Partial crawls)");
}

// The analyzers' thresholds and the inputs that name pages.
void add_analysis_flags(CLI::App* audit, AuditArgs& args) {
  audit->add_option("--max-click-depth", args.max_click_depth, "deep-page: pages more clicks than this from the start page")
      ->capture_default_str();
  audit->add_option("--max-links", args.max_links, "too-many-links: pages with more unique link targets than this (index pages, overviews and long prose hold up to 5x as many by design); a page with more links is an index for the anchor rules")
      ->capture_default_str();
  audit->add_option("--placement-weights", args.placement_weights,
                    "Equity weight of a link by placement, e.g. 'content=1,aside=0.6,header=0.4,nav=0.4,footer=0.2,template=0.2'");
  audit->add_option("--slow-page-ms", args.slow_page_ms,
                    "slow-page: pages whose time to first byte over HTTP was above this many milliseconds (0 = off; "
                    "folders and WARC archives have no times)")
      ->capture_default_str();
  audit->add_option("--near-duplicate", args.near_duplicate,
                    "near-duplicate: pages whose content SimHashes agree on at least this share of their 64 bits "
                    "(0.9: 6 bits may differ; 1: only identical hashes; 0 = off)")
      ->check(CLI::Range(0.8, 1.0) | CLI::IsMember({0.0}))
      ->capture_default_str();
  audit->add_option("--top", args.top, "Rows in the text report's top lists")->capture_default_str();
  audit->add_flag("--all", args.all_rows,
                  "Text and Markdown reports: list every finding and every page linking to a broken target "
                  "(default: 50 per rule, 5 linking pages per target)");
  audit->add_option("--damping", args.damping, "Damping factor of both PageRank models (the chance the surfer follows a link)")
      ->check(CLI::Range(0.0, 0.9999))->capture_default_str();
  audit->add_option("--backlinks", args.backlinks,
                    "CSV of backlinks (Search Console 'Top linked pages', Ahrefs or Semrush backlinks export, or "
                    "target,source[,weight]): external authority seeds both models (personalised PageRank)");
  audit->add_option("--priority", args.priority,
                    "File of the pages that matter (one URL per line or a CSV with a URL column): priority-page-weak, "
                    "equity reaching them, link opportunities");
  audit->add_option("--clusters", args.clusters,
                    "CSV of topic clusters 'pattern,cluster[,hub]' (glob on the URL path, first match wins; "
                    "default: one cluster per top-level directory), or 'links': clusters found from the content links "
                    "(Louvain communities), compared with the folders (link-community-elsewhere)");
  audit->add_option("--segments", args.segments,
                    "CSV of site segments 'segment,pattern' (a glob on the URL path, or re:REGEX; first match wins; "
                    "unmatched pages are '(other)'; default: the clusters): equity, depth, orphans per segment and the "
                    "equity flowing between them");
  audit->add_option("--suggest-links", args.suggest_links,
                    "For each weak priority page, orphan and authority sink, the K links that would raise equity most "
                    "(computed on the equity model)")
      ->capture_default_str();
  audit->add_option("--plan", args.plan_links,
                    "Plan K new content links that raise the targets' equity most, each from a relevant page, with the "
                    "phrase of the source that names the target (docs/equity.md, 'The link planner')")
      ->capture_default_str();
  audit->add_option("--plan-target", args.plan_targets,
                    "A page the plan serves: a URL, a path of the site (/pricing.html), or a file of URLs (one per line, or a CSV "
                    "with a URL column and optionally a keyword column: the words to link it with); repeatable "
                    "(default: the --priority pages, else the orphans, else the 10 weakest pages)");
  audit->add_option("--max-per-source", args.max_per_source, "--plan: new links one source page may get")
      ->check(CLI::Range(1U, 1000U))->capture_default_str();
  audit->add_option("--min-relevance", args.min_relevance,
                    "--plan: sources less relevant to a target than this (cosine of the pages' term sketches) are never suggested")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  audit->add_option("--what-if", args.what_if,
                    "CSV of changes to audit before making them: rows 'add,SOURCE,TARGET[,placement,anchor]', "
                    "'remove,SOURCE,TARGET', 'redirect,FROM,TO', 'remove-page,URL' (a plan.csv reads as is); the "
                    "report is of the changed graph, with what changed (equity, PageRank, depth, findings); not with --history");
  audit->add_option("--min-content-inlinks", args.min_content_inlinks, "priority-page-weak: fewer content inlinks than this")
      ->capture_default_str();
  audit->add_option("--min-hub-coverage", args.min_hub_coverage,
                    "hub-missing-spoke-links: a hub linking to less than this share of its cluster's pages")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  audit->add_option("--min-cluster-density", args.min_cluster_density,
                    "cluster-sparse: clusters of 5+ pages with a link density below this whose pages link to fewer "
                    "than two of the others on average (0 turns it off)")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  audit->add_option("--link-list-links", args.link_list_links,
                    "linked-only-from-lists: a page listing more pages than this in its content is a list (tag archive, "
                    "pagination)")
      ->check(CLI::Range(1u, 1000000u))->capture_default_str();
  audit->add_option("--long-page-words", args.long_page_words,
                    "few-content-links: pages with at least this many words of main content are judged")
      ->check(CLI::Range(1u, 10000000u))->capture_default_str();
  audit->add_option("--min-content-links", args.min_content_links,
                    "few-content-links: fewer content links to other pages than this (or than "
                    "--content-links-per-1000-words, the larger)")
      ->capture_default_str();
  audit->add_option("--content-links-per-1000-words", args.content_links_per_1000_words,
                    "few-content-links: content links expected per 1,000 words of main content")
      ->check(CLI::Range(0.0, 1000.0))->capture_default_str();
  audit->add_option("--anchor-overuse-share", args.anchor_overuse_share,
                    "anchor-overuse: one exact anchor on more than this share of a page's content inlinks")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  audit->add_option("--anchor-overuse-min", args.anchor_overuse_min,
                    "anchor-overuse: judge only pages linked from content by at least this many pages")
      ->capture_default_str();
  audit->add_option("--start", args.start,
                    "Sites and folders: the page to start from, resolved against the target URL or --base-url "
                    "(--start guide/ audits the guide/ folder); edge lists: the node click depth counts from (default: "
                    "the site's root URL, else the first source); WARC files: the start URL (default: the archive's "
                    "first HTML page)");
}

}  // namespace

CLI::App* add_audit_command(CLI::App& app, AuditArgs& args) {
  CLI::App* audit = app.add_subcommand("audit", "Crawl a site or a built site folder, analyse its link graph, report");
  audit->footer(
      "Examples:\n"
      "  sitegraph audit https://www.example.com/\n"
      "  sitegraph audit ./public --base-url https://www.example.com/ --format json -o report.json\n"
      "  sitegraph audit http://127.0.0.1:8080/ --fail-on broken-link,orphan-page   # CI gate\n"
      "  sitegraph audit links.csv --backlinks ahrefs.csv --priority money.txt --suggest-links 3\n"
      "  sitegraph audit ./public --base-url https://www.example.com/ --plan 10 --plan-target /pricing.html\n\n"
      "  sitegraph audit ./public -f json,sarif,html -o reports/ --baseline main.json --fail-on new\n\n"
      "Formats: text (summary, then findings by rule), json (every page and finding; docs/report.md),\n"
      "csv (pages.csv, links.csv, findings.csv in -o DIR), plan (plan.csv, with --plan), junit,\n"
      "markdown, github (Actions annotations), sarif, html (one self-contained file); graph exports\n"
      "dot, graphml, gexf, edges, and webgraph, graphframes (directories, for WebGraph and Spark:\n"
      "docs/scale.md).\n"
      "Rules: docs/rules.md (orphan-page, broken-link, deep-page, ...). Every flag can also be set\n"
      "in sitegraph.toml or --config FILE under [audit] (see 'sitegraph config --dump').\n"
      "Exit codes: 0 clean, 1 a --fail-on condition met, 2 usage error, 3 run failed,\n"
      "130 interrupted (report still written, marked incomplete).");
  audit->add_option("target", args.target,
                    "http(s) URL to crawl, a folder holding a built static site, a snapshot (--save-snapshot) to re-analyse, "
                    "a WARC file (.warc or .warc.gz: wget --warc-file, Heritrix, Common Crawl) to replay, "
                    "or a CSV edge list (source,target[,weight,rel,placement,anchor]) or Screaming Frog 'All Inlinks' export")
      ->required();
  add_report_flags(audit, args);
  add_gate_flags(audit, args);
  add_analysis_flags(audit, args);
  add_crawl_flags(audit, args);
  group_flags(audit, crawl_sections());
  group_flags(audit, {
      {"Output", {"--format", "--output", "--color", "--top", "--all", "--save-snapshot", "--warc"}},
      {"CI and history", {"--fail-on", "--fail-on-inconclusive", "--baseline", "--ignore", "--severity", "--history", "--history-keep"}},
      {"Analysis", {"--max-click-depth", "--max-links", "--slow-page-ms", "--near-duplicate", "--placement-weights", "--damping", "--min-content-inlinks",
                    "--min-hub-coverage", "--min-cluster-density", "--link-list-links", "--long-page-words",
                    "--min-content-links", "--content-links-per-1000-words", "--anchor-overuse-share", "--anchor-overuse-min", "--suggest-links"}},
      {"Link plan and what-if", {"--plan", "--plan-target", "--max-per-source", "--min-relevance", "--what-if"}},
      {"Inputs", {"--backlinks", "--urls", "--priority", "--clusters", "--segments", "--start"}},
  });
  return audit;
}

void share_crawl_settings(const CLI::App& audit, CLI::App& crawl) {
  for (const auto& [section, names] : crawl_sections()) {
    for (const std::string& name : names) {
      const CLI::Option* from = audit.get_option_no_throw(name);
      CLI::Option* to = crawl.get_option_no_throw(name);
      if (!from || !to || from->count() == 0 || to->count() > 0) continue;
      to->add_result(from->results());
      to->run_callback();
    }
  }
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
  crawl->add_option("--start", args.start,
                    "The page to start from, resolved against the target URL or --base-url (--start guide/ crawls the "
                    "guide/ folder)");
  crawl->add_option("--checkpoint-every", args.checkpoint_seconds, "--resume: seconds between checkpoints")
      ->check(CLI::Range(0.0, 86400.0))->capture_default_str();
  add_crawl_flags(crawl, args);
  group_flags(crawl, crawl_sections());
  group_flags(crawl, {{"Output", {"--output", "--resume", "--checkpoint-every", "--warc"}}, {"Scope", {"--start"}}});
  return crawl;
}
}  // namespace sitegraph::cli
