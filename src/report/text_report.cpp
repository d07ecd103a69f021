#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

#include "report/summary.hpp"
#include "report/report_text.hpp"
#include "sitegraph/report.hpp"
#include "sitegraph/version.hpp"

namespace sitegraph {
namespace {

// ANSI styles, or nothing when colour is off.
struct Paint {
  bool on = false;
  [[nodiscard]] std::string operator()(const char* sgr, std::string_view text) const {
    if (!on) return std::string(text);
    return std::string("\033[") + sgr + "m" + std::string(text) + "\033[0m";
  }
  [[nodiscard]] std::string severity(Severity level, std::string_view text) const {
    return (*this)(level == Severity::kError ? "1;31" : level == Severity::kWarning ? "33" : "36", text);
  }
};

// Where the equity ends: kept by indexable pages, by the --priority pages, lost.
void write_equity_line(std::ostream& out, const ReportSummary& s, const Audit& audit) {
  if (s.equity_on_pages <= 0) return;
  out << "  equity             " << std::fixed << std::setprecision(1) << s.equity_on_indexable * 100 << "% on indexable pages";
  if (s.has_priority) out << ", " << s.equity_on_priority * 100 << "% on priority pages";
  out << ", " << std::max(0.0, 1 - s.equity_on_pages) * 100 << "% lost"
      << (audit.external_authority.empty() ? "" : " (from --backlinks authority)") << "\n";
  const Concentration& c = audit.segments.site;
  out << "  equity spread      Gini " << std::setprecision(2) << c.gini << "; the top 1% of pages hold " << std::setprecision(1)
      << c.top_1_percent * 100 << "%, the top 10 pages " << c.top_10_pages * 100 << "%\n";
}

// The crawl limits that cut something off, named by their flags.
void write_limits_line(std::ostream& out, const LimitsHit& hit, std::size_t too_large, const Paint& paint) {
  if (!hit.any() && too_large == 0) return;
  std::vector<std::string> parts;
  const auto add = [&](std::size_t n, const std::string& what) {
    if (n) parts.push_back(std::to_string(n) + " " + what);
  };
  // A page over the body limit is not parsed: its links, and what only they reach, are missing.
  add(too_large, "pages over --max-body-size (not parsed)");
  add(hit.urls_too_long, "hrefs over --max-url-length");
  if (hit.pages_links_cut) {
    parts.push_back(std::to_string(hit.pages_links_cut) + " pages over --max-links-per-page (" +
                    std::to_string(hit.links_dropped) + " links dropped)");
  }
  add(hit.redirects_cut, "redirect chains cut at --max-redirects");
  add(hit.sitemap_files_skipped, "sitemaps past --max-sitemap-files");
  add(hit.sitemaps_cut, "sitemaps over --max-sitemap-urls");
  add(hit.sitemap_indexes_too_deep, "sitemaps past --max-sitemap-depth");
  if (hit.robots_truncated_at_line) {
    parts.push_back("robots.txt over 500 KiB (read up to line " + std::to_string(hit.robots_truncated_at_line - 1) + ")");
  }
  std::string line;
  for (const std::string& p : parts) line += (line.empty() ? "" : ", ") + p;
  out << "  limits hit         " << paint("33", line) << "\n";
}

// --baseline: how many findings are new, fixed, unchanged.
void write_baseline_line(std::ostream& out, const ReportContext& report, const Paint& paint) {
  if (!report.baseline) return;
  const BaselineComparison& b = *report.baseline;
  out << "  baseline           " << paint(b.new_findings ? "1;31" : "32", std::to_string(b.new_findings) + " new") << ", "
      << b.fixed.size() << " fixed, " << b.unchanged << " unchanged (against " << terminal_safe(b.source) << ")\n";
}

// --include, --exclude, --no-parent: what the crawl was limited to, as the flags spell it.
void write_scope_line(std::ostream& out, const CrawlScope& scope, std::size_t excluded) {
  if (!scope.active()) return;
  std::string line;
  for (const std::string& p : scope.include) line += (line.empty() ? "" : ", ") + std::string("--include ") + p;
  for (const std::string& p : scope.exclude) line += (line.empty() ? "" : ", ") + std::string("--exclude ") + p;
  if (!scope.parent.empty()) line += (line.empty() ? "" : ", ") + std::string("--no-parent ") + scope.parent;
  out << "  scope              " << terminal_safe(line) << "\n";
  if (excluded) out << "                     (pages excluded: findings that need the whole site are inconclusive)\n";
}

// " (N unchanged since --since: A 304 Not Modified, B the same body)" on the pages line.
std::string revalidated_note(const ReportSummary& s) {
  if (s.revalidated == 0) return "";
  const std::size_t by_304 = s.revalidated - s.revalidated_by_hash;
  std::string note = " (" + std::to_string(s.revalidated) + " unchanged since --since: ";
  if (by_304) note += std::to_string(by_304) + " 304 Not Modified";
  if (by_304 && s.revalidated_by_hash) note += ", ";
  if (s.revalidated_by_hash) note += std::to_string(s.revalidated_by_hash) + " the same body";
  return note + ")";
}

void write_summary(std::ostream& out, const ReportContext& report, const ReportSummary& s, const Paint& paint) {
  const RunInfo& run = report.run;
  const CrawlResult& crawl = report.crawl;
  const Audit& audit = report.audit;
  const SiteGraph& graph = crawl.graph;
  out << paint("1", "sitegraph " + std::string(kVersion) + " audit of " + terminal_safe(run.target));
  if (graph.size()) out << " (" << run.mode << ", start " << graph.url(crawl.start) << ")";
  out << "\n\n";
  if (!crawl.complete) {
    out << paint("1;33", "  CRAWL INCOMPLETE (" + crawl.stop_reason + ")")
        << ": findings that need the whole site (orphans, inlinks, depth, anchor shares, clusters, equity) are inconclusive and never fail --fail-on.\n\n";
  }
  out << paint("1", "Summary") << "\n"
      << "  pages crawled      " << s.html_pages << " HTML pages from " << s.requests << " requests in "
      << std::fixed << std::setprecision(crawl.seconds < 10 ? 2 : 1) << crawl.seconds << " s"
      << revalidated_note(s) << "\n"
      << "  internal URLs      " << s.internal_urls << " (" << s.redirects << " redirects, " << s.error_pages
      << " errors, " << s.robots_blocked << " blocked by robots.txt, " << s.not_fetched << " not fetched"
      << (crawl.scope.active() || s.excluded ? ", " + std::to_string(s.excluded) + " excluded" : "") << ")\n";
  write_scope_line(out, crawl.scope, s.excluded);
  for (const std::string& line : pace_lines(crawl.throttle)) out << "  server pace        " << terminal_safe(line) << "\n";
  if (!crawl.folded.empty()) {
    const FoldedUrl& first = crawl.folded.front();
    out << "  one file, two URLs " << crawl.folded.size() << (crawl.folded.size() == 1 ? " URL" : " URLs")
        << " served from a crawled page's file, counted as that page (e.g. "
        << terminal_safe(first.url) << " is " << graph.url(first.page) << ")\n";
  }
  // What the crawl did, read from the graph: a re-audited snapshot's flags say nothing of it.
  out << "  external URLs      " << s.external_urls
      << (s.external_checked ? " (" + std::to_string(s.external_checked) + " checked)\n"
                             : std::string(" (recorded, not checked: --check-external)\n"))
      << "  links              " << s.links << "\n"
      << "  max crawl depth    " << s.max_depth << " clicks (" << s.reachable << " HTML pages reachable from the start)\n";
  auto count = [&](const char* rule) {
    const auto it = s.findings_by_rule.find(rule);
    return it == s.findings_by_rule.end() ? std::size_t{0} : it->second;
  };
  out << "  orphan pages       "
      << (s.orphans_looked_for ? std::to_string(count("orphan-page"))
                               : std::string("not looked for: no sitemap, --urls or --since lists the site's pages"))
      << "\n"
      << "  deep pages         " << count("deep-page") << "\n"
      << "  weak inlinks       " << count("nofollow-only-inlinks")
      << (count("nofollow-only-inlinks") == 1 ? " page" : " pages") << " linked only with nofollow, "
      << count("boilerplate-only-inlinks") << " only from boilerplate\n"
      << "  broken links       " << count("broken-link") << "\n"
      << "  redirect chains    " << count("redirect-chain") << ", loops " << count("redirect-loop") << "\n";
  write_equity_line(out, s, audit);
  write_baseline_line(out, report, paint);
  if (report.budgets) {
    for (const BudgetCheck& b : *report.budgets) {
      const std::string state = !b.violated ? "ok" : b.inconclusive ? "OVER (inconclusive)" : "OVER";
      out << "  budget             " << paint(!b.violated ? "32" : "1;31", state) << "  " << terminal_safe(b.condition) << ": "
          << terminal_safe(b.detail) << "\n";
    }
  }
  if (report.ignored) out << "  ignored            " << report.ignored << " findings (--ignore)\n";
  write_limits_line(out, crawl.limits, s.too_large, paint);
  out << "  robots.txt         " << crawl.robots.status << "\n\n";
}

void write_tops(std::ostream& out, const SiteGraph& graph, const Audit& audit, const ReportSummary& s) {
  if (!s.deepest.empty()) {
    out << "Deepest pages (clicks from the start page)\n";
    for (const UrlId id : s.deepest) out << "  " << std::setw(4) << audit.depth[id] << "  " << graph.url(id) << "\n";
    out << "\n";
  }
  if (!s.top_pagerank.empty()) {
    out << "Top pages by PageRank (link score 0-100)\n";
    for (const UrlId id : s.top_pagerank) {
      out << "  " << std::fixed << std::setprecision(5) << audit.pagerank.rank[id] << "  " << std::setw(5)
          << std::setprecision(1) << audit.facts.link_score[id] << "  " << graph.url(id) << "\n";
    }
    out << "\n";
  }
  if (!s.top_equity.empty()) {
    out << "Top pages by equity (links weighted by placement; nofollow shares lost)\n";
    for (const UrlId id : s.top_equity) {
      out << "  " << std::fixed << std::setprecision(5) << audit.equity.rank[id] << "  " << graph.url(id) << "\n";
    }
    out << "\n";
  }
}

// Over HTTP only: a folder, a WARC archive or an old snapshot has no times, and no section.
void write_slowest(std::ostream& out, const SiteGraph& graph, std::size_t top) {
  const std::vector<UrlId> slowest = slowest_pages(graph, top);
  if (slowest.empty()) return;
  out << "Slowest pages (ms to the first byte, ms in all)\n";
  for (const UrlId id : slowest) {
    const Page& p = graph.page(id);
    out << "  " << std::setw(7) << std::lround(p.first_byte_seconds * 1000.0) << "  " << std::setw(7)
        << std::lround(p.seconds * 1000.0) << "  " << graph.url(id) << (p.revalidated && !p.same_body ? "  (304)" : "") << "\n";
  }
  out << "\n";
}

void write_clusters(std::ostream& out, const SiteGraph& graph, const Audit& audit, std::size_t top) {
  std::vector<const Cluster*> clusters;
  for (const Cluster& c : audit.clustering.clusters) clusters.push_back(&c);
  if (clusters.size() < 2) return;
  std::sort(clusters.begin(), clusters.end(), [](const Cluster* a, const Cluster* b) { return a->equity > b->equity; });
  out << "Clusters by equity (pages, equity, spokes linking the hub, spokes the hub reaches)\n";
  for (std::size_t i = 0; i < clusters.size() && i < top; ++i) {
    const Cluster& c = *clusters[i];
    out << "  " << std::setw(6) << c.pages << "  " << std::fixed << std::setprecision(4) << c.equity << "  " << std::setw(4)
        << std::setprecision(0) << c.spokes_linking_hub * 100 << "%  " << std::setw(4) << c.hub_coverage * 100 << "%  "
        << terminal_safe(c.name, 60) << "  (hub " << (c.hub == kNoUrl ? std::string_view("none") : graph.url(c.hub)) << ")\n";
  }
  if (clusters.size() > top) out << "  ... and " << clusters.size() - top << " more\n";
  out << "\n";
}

// The segments by equity, then where their equity goes: kept inside, sent to each other
// segment, lost, jumping away (EquityFlow; all shares of the site's equity per step).
void write_segments(std::ostream& out, const Audit& audit, std::size_t top) {
  const Segmentation& seg = audit.segments;
  if (seg.segments.size() < 2 || seg.source != "segments") return;  // the clusters have their own section
  std::vector<std::size_t> order(seg.segments.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return seg.segments[a].equity > seg.segments[b].equity; });
  out << "Segments by equity (pages, indexable, equity, PageRank, max depth, orphans, broken links)\n";
  for (std::size_t i = 0; i < order.size() && i < top; ++i) {
    const SegmentStats& s = seg.segments[order[i]];
    out << "  " << std::setw(6) << s.pages << "  " << std::setw(6) << s.indexable << "  " << std::fixed << std::setprecision(1)
        << std::setw(5) << s.equity * 100 << "%  " << std::setw(5) << s.pagerank * 100 << "%  " << std::setw(3) << s.max_depth
        << "  " << std::setw(5) << s.orphans << "  " << std::setw(5) << s.broken_links << "  " << terminal_safe(s.name, 60) << "\n";
  }
  if (order.size() > top) out << "  ... and " << order.size() - top << " more\n";
  const EquityFlow& f = seg.flow;
  if (f.segments != seg.segments.size()) {  // left out past 500 segments
    out << "\n";
    return;
  }
  out << "\nEquity flow per step (share of the site's equity: kept inside, in from other segments, out to them, lost)\n";
  for (std::size_t i = 0; i < order.size() && i < top; ++i) {
    const std::size_t a = order[i];
    double to_others = 0;
    double from_others = 0;
    std::size_t biggest = a;
    for (std::size_t b = 0; b < f.segments; ++b) {
      if (b == a) continue;
      to_others += f.at(a, b);
      from_others += f.at(b, a);
      if (biggest == a || f.at(a, b) > f.at(a, biggest)) biggest = b;
    }
    out << "  " << std::fixed << std::setprecision(2) << std::setw(6) << f.at(a, a) * 100 << "%  " << std::setw(6) << from_others * 100
        << "%  " << std::setw(6) << to_others * 100 << "%  " << std::setw(6) << f.lost[a] * 100 << "%  "
        << terminal_safe(seg.segments[a].name, 40);
    if (biggest != a && f.at(a, biggest) > 0) {
      out << "  (most to " << terminal_safe(seg.segments[biggest].name, 40) << ": " << std::setprecision(2) << f.at(a, biggest) * 100
          << "%)";
    }
    out << "\n";
  }
  out << "\n";
}

// The largest duplicate and near-duplicate sets by the equity they split (duplicate-content,
// near-duplicate): one page of each is the one to keep; the others' equity is split off it.
void write_duplicate_sets(std::ostream& out, const SiteGraph& graph, const Audit& audit, std::size_t top) {
  if (audit.duplicate_sets.empty()) return;
  out << "Duplicate content by the equity it splits (share of the site's equity, pages, words)\n";
  for (std::size_t i = 0; i < audit.duplicate_sets.size() && i < top; ++i) {
    const DuplicateSet& set = audit.duplicate_sets[i];
    out << "  " << std::setw(6) << std::fixed << std::setprecision(2) << set.equity * 100 << "%  "
        << std::setw(4) << set.pages.size() << "  " << std::setw(5) << set.words << "  " << (set.exact ? "same" : "near") << "  "
        << graph.url(set.pages.front()) << "\n";
    for (std::size_t k = 1; k < set.pages.size() && k < 3; ++k) out << "                          = " << graph.url(set.pages[k]) << "\n";
    if (set.pages.size() > 3) out << "                          ... and " << set.pages.size() - 3 << " more\n";
  }
  if (audit.duplicate_sets.size() > top) out << "  ... and " << audit.duplicate_sets.size() - top << " more sets (see --format json)\n";
  out << "\n";
}

void write_plan(std::ostream& out, const SiteGraph& graph, const Audit& audit) {
  const LinkPlan& plan = audit.plan;
  if (plan.targets.empty()) return;
  out << "Link plan: " << plan.links.size() << " new content links for " << plan.targets.size() << " target pages ("
      << plan.targets_from << "), equity gained " << std::scientific << std::setprecision(3) << plan.total_gain << std::defaultfloat
      << "\n";
  if (plan.links.size() < plan.requested) {
    out << "  only " << plan.links.size() << " of the " << plan.requested
        << " links asked for: no other candidate (a relevant source under --max-per-source, among the first of each target) adds equity to the targets\n";
  }
  for (std::size_t i = 0; i < plan.links.size(); ++i) {
    const PlannedLink& l = plan.links[i];
    out << "  " << i + 1 << ". " << graph.url(l.source) << "\n     -> " << graph.url(l.target) << "  +" << std::scientific
        << std::setprecision(2) << l.gain << std::defaultfloat << "  relevance " << std::fixed << std::setprecision(2) << l.relevance
        << std::defaultfloat << "\n";
    if (!l.phrase.empty()) {
      out << "     line " << l.line << ": link \"" << l.phrase << "\" in: " << l.sentence << "\n";
    } else {
      out << "     anchor \"" << l.anchor << "\"" << (l.phrase_note.empty() ? "" : " (" + l.phrase_note + ")") << "\n";
    }
  }
  out << "  Targets (equity before -> after):\n";
  for (std::size_t i = 0; i < plan.targets.size(); ++i) {
    out << "    " << graph.url(plan.targets[i]) << "  " << std::scientific << std::setprecision(3) << plan.before[i] << " -> "
        << plan.after[i] << std::defaultfloat;
    if (plan.sources[i] == 0) out << "  (no relevant page that does not link to it yet)";
    out << "\n";
  }
  out << "  " << plan.evaluations << " evaluations of " << plan.candidates << " candidate links (plain greedy: "
      << plan.evaluations_eager << ")\n\n";
}

void write_opportunities(std::ostream& out, const SiteGraph& graph, const Audit& audit, std::size_t max_rows) {
  if (audit.opportunities.empty()) return;
  out << "Link opportunities (add a content link: source -> target, equity the target gains)\n";
  for (std::size_t i = 0; i < audit.opportunities.size() && i < max_rows; ++i) {
    const LinkOpportunity& o = audit.opportunities[i];
    out << "  " << graph.url(o.source) << "\n      -> " << graph.url(o.target) << "  +" << std::scientific
        << std::setprecision(2) << o.gain << std::defaultfloat << (o.same_cluster ? "  (same cluster)" : "") << "\n";
  }
  if (audit.opportunities.size() > max_rows) {
    out << "  ... and " << audit.opportunities.size() - max_rows << " more (see --format json)\n";
  }
  out << "\n";
}

// What a finding's count is, in words: "(1057)" beside a hub says nothing; "1057 pages of its
// cluster not linked" does.
std::string count_words(std::string_view rule, std::uint32_t count) {
  static const std::map<std::string_view, std::pair<std::string_view, std::string_view>, std::less<>> kUnits = {
      {"nofollow-only-inlinks", {"linking page", "linking pages"}},
      {"boilerplate-only-inlinks", {"linking page", "linking pages"}},
      {"noindex-linked", {"linking page", "linking pages"}},
      {"single-inlink", {"linking page", "linking pages"}},
      {"deep-page", {"click from the start", "clicks from the start"}},
      {"too-many-links", {"link target", "link targets"}},
      {"hub-missing-spoke-links", {"page of its cluster not reached", "pages of its cluster not reached"}},
      {"authority-sink", {"content link to an indexable page", "content links to indexable pages"}},
      {"broken-backlink", {"backlink weight", "backlink weight"}},
      {"slow-page", {"ms to the first byte", "ms to the first byte"}},
  };
  const auto it = kUnits.find(rule);
  if (it == kUnits.end()) return std::to_string(count);
  return std::to_string(count) + " " + std::string(count == 1 ? it->second.first : it->second.second);
}

void write_finding(std::ostream& out, const SiteGraph& graph, const Finding& f, bool is_new, const Paint& paint) {
  if (f.rule == "anchor-conflict") {
    // The anchor first, then each target with a page holding a link to it: where an editor goes.
    // A label (rules.md: words on links to more than 64 pages) is said to be one.
    const bool label = f.count > kAnchorLabelTargets;
    out << "  " << (is_new ? paint("1;31", "NEW ") : "") << "\"" << terminal_safe(f.href, 60) << "\"  "
        << (label ? "is a label on links to " : "links to ") << f.count << " different pages" << (label ? ", naming none of them" : "");
    std::string_view detail = f.message;
    if (const auto colon = detail.find(": "); colon != std::string_view::npos) detail.remove_prefix(colon + 2);
    for (std::size_t start = 0; start < detail.size();) {
      std::size_t end = detail.find("), ", start);
      end = end == std::string_view::npos ? detail.size() : end + 1;
      out << "\n      " << terminal_safe(std::string(detail.substr(start, end - start)), 300);
      start = end + (end < detail.size() ? 2 : 0);
    }
    if (f.inconclusive) out << "  (inconclusive)";
    out << "\n";
    return;
  }
  out << "  " << (is_new ? paint("1;31", "NEW ") : "") << graph.url(f.url);
  if (f.rule == "broken-link" || f.rule == "broken-external-link" || f.rule == "broken-resource") {
    out << "\n      -> " << graph.url(f.target) << "  [" << f.status << "]";
    if (f.line) out << "  (line " << f.line << ")";
  } else if (f.rule == "link-to-redirect" || f.rule == "link-to-canonicalised") {
    out << "\n      => " << graph.url(f.final_url) << "  linked from " << f.count << (f.count == 1 ? " page" : " pages");
    for (const UrlId source : f.chain) out << "\n      <- " << graph.url(source);
    if (f.count > f.chain.size()) out << "\n      <- ... " << f.count - f.chain.size() << " more";
  } else if (f.rule == "hub-missing-spoke-links") {
    out << "\n      " << terminal_safe(f.message, 300) << "; not to:";
    const std::size_t listed = std::min<std::size_t>(f.chain.size(), 5);
    for (std::size_t i = 0; i < listed; ++i) out << "\n      - " << graph.url(f.chain[i]);
    if (f.chain.size() > listed) out << "\n      - ... " << f.chain.size() - listed << " more (--format json lists them all)";
  } else if (f.rule == "canonical-conflict" || f.rule == "soft-404-site") {
    out << "\n      " << terminal_safe(f.message, 600);
  } else if (f.rule == "duplicate-content" || f.rule == "near-duplicate" || f.rule == "duplicate-title" ||
             f.rule == "duplicate-description") {
    out << "\n      " << terminal_safe(f.message, 300);
    const std::size_t listed = std::min<std::size_t>(f.chain.size(), 5);
    for (std::size_t i = 0; i < listed; ++i) out << "\n      = " << graph.url(f.chain[i]);
    if (f.count > listed + 1) out << "\n      = ... " << f.count - listed - 1 << " more";
  } else if (!f.chain.empty() && f.rule != "broken-fragment") {
    for (std::size_t i = 1; i < f.chain.size(); ++i) out << "\n      -> " << graph.url(f.chain[i]);
    if (f.rule == "redirect-loop" || f.rule == "canonical-loop") {
      out << "\n      -> (back to " << graph.url(f.final_url) << ")";
    } else if (f.final_url != kNoUrl) {
      out << "\n      => " << graph.url(f.final_url);
    }
  }
  if (f.rule == "broken-fragment") {
    out << "\n      #" << terminal_safe(f.href, 80) << "  linked from " << f.count << (f.count == 1 ? " page" : " pages");
    for (const UrlId source : f.chain) out << "\n      <- " << graph.url(source);
    if (f.count > f.chain.size()) out << "\n      <- ... " << f.count - f.chain.size() << " more";
  }
  if (f.rule == "invalid-url") out << "\n      href \"" << terminal_safe(f.href) << "\"  (line " << f.line << ")";
  if (f.rule == "anchor-overuse") {
    out << "  \"" << terminal_safe(f.href, 60) << "\" on " << f.count << " content inlinks";
  } else if (f.rule == "spoke-not-linking-hub") {
    out << "\n      hub " << graph.url(f.target);
  } else if (f.rule == "priority-page-weak") {
    out << "\n      " << terminal_safe(f.message, 200);
  } else if (f.rule == "generic-anchor" || f.rule == "empty-anchor" || f.rule == "nofollow-internal-link" ||
             f.rule == "insecure-link") {
    out << "\n      -> " << graph.url(f.target) << "  \"" << terminal_safe(f.href, 60) << "\"  (line " << f.line << ")";
  } else if (f.rule.starts_with("hreflang-") && f.target != kNoUrl) {
    out << "\n      -> " << graph.url(f.target) << "  hreflang \"" << terminal_safe(f.href, 40) << "\"";
    if (f.line) out << "  (line " << f.line << ")";
    if (!f.status.empty()) out << "  [" << f.status << "]";
    if (f.rule == "hreflang-invalid") out << "\n      " << terminal_safe(f.message, 200);
  } else if (f.rule == "canonical-target-broken") {
    out << "\n      canonical " << graph.url(f.target) << "  [" << f.status << "]";
  } else if (f.rule == "sitemap-not-indexable") {
    out << "  [" << f.status << "]";
  } else if (f.count > 0 && f.rule != "broken-link" && f.rule != "broken-fragment" && f.rule != "link-to-redirect" &&
             f.rule != "link-to-canonicalised" && f.rule != "canonical-conflict" && f.rule != "soft-404-site" && f.rule != "canonical-chain" &&
             f.rule != "canonical-loop" && f.rule != "duplicate-content" && f.rule != "near-duplicate" &&
             f.rule != "duplicate-title" && f.rule != "duplicate-description") {
    out << "  (" << count_words(f.rule, f.count) << ")";
  }
  if (f.inconclusive) out << "  (inconclusive)";
  out << "\n";
}

// A group of findings with one cause: its pattern, how many, and the first three as examples.
void write_group(std::ostream& out, const ReportContext& report, const FindingGroup& g, const Paint& paint) {
  const bool any_new = std::any_of(g.members.begin(), g.members.end(), [&](std::size_t i) { return is_new_finding(report, i); });
  out << "  " << (any_new ? paint("1;31", "NEW ") : "") << terminal_safe(g.pattern) << "  "
      << group_size_words(g)
      << ", e.g.\n";
  const std::size_t examples = std::min<std::size_t>(3, g.members.size());
  for (std::size_t k = 0; k < examples; ++k) {
    std::ostringstream one;
    write_finding(one, report.crawl.graph, report.audit.findings[g.members[k]], false, paint);
    // Indented under the group.
    std::string line;
    std::istringstream lines(one.str());
    while (std::getline(lines, line)) out << "    " << line << "\n";
  }
}

// A broken-link rule's findings, one entry per target with the pages linking to it (most linked
// first; with a baseline, targets with a new link first).
void write_broken_targets(std::ostream& out, const ReportContext& report, const std::vector<std::size_t>& list,
                          const Paint& paint) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<Finding>& all = report.audit.findings;
  std::vector<Finding> subset;  // only this rule's findings, so groups index into `list`
  for (const std::size_t i : list) subset.push_back(all[i]);
  std::vector<BrokenTarget> groups = group_broken_links(graph, subset);
  const auto is_new = [&](const BrokenTarget& g) {
    return std::any_of(g.findings.begin(), g.findings.end(), [&](std::size_t k) { return is_new_finding(report, list[k]); });
  };
  std::stable_partition(groups.begin(), groups.end(), is_new);
  const std::size_t shown = std::min(groups.size(), report.max_findings);
  for (std::size_t gi = 0; gi < shown; ++gi) {
    const BrokenTarget& g = groups[gi];
    const std::size_t pages = g.findings.size();
    out << "  " << (is_new(g) ? paint("1;31", "NEW ") : "") << paint("1", terminal_safe(g.status, 40)) << "  "
        << graph.url(g.target) << "  linked from " << pages << (pages == 1 ? " page" : " pages") << "\n";
    const std::size_t sources = std::min(pages, report.sources_per_target);
    for (std::size_t k = 0; k < sources; ++k) {
      const std::size_t i = list[g.findings[k]];
      const Finding& f = all[i];
      out << "      <- " << (report.baseline && is_new_finding(report, i) ? paint("1;31", "NEW ") : "") << graph.url(f.url);
      if (f.line) out << "  (line " << f.line << ")";
      if (f.inconclusive) out << "  (inconclusive)";
      out << "\n";
    }
    if (sources < pages) out << "      ... and " << pages - sources << " more pages (--all, or see --format json/csv)\n";
  }
  if (shown < groups.size()) out << "  ... and " << groups.size() - shown << " more targets (--all, or see --format json/csv)\n";
}

// --baseline: the findings the baseline had that this run no longer has.
void write_fixed(std::ostream& out, const ReportContext& report, const Paint& paint) {
  if (!report.baseline || report.baseline->fixed.empty()) return;
  const auto& fixed = report.baseline->fixed;
  out << paint("1;32", "Fixed since the baseline: " + std::to_string(fixed.size())) << "\n";
  const std::size_t shown = std::min(fixed.size(), report.max_findings);
  for (std::size_t i = 0; i < shown; ++i) {
    out << "  [" << fixed[i].rule << "] " << terminal_safe(fixed[i].url);
    if (!fixed[i].target.empty()) out << "\n      -> " << terminal_safe(fixed[i].target);
    out << "\n";
  }
  if (shown < fixed.size()) out << "  ... and " << fixed.size() - shown << " more (see --format json)\n";
  out << "\n";
}

}  // namespace

std::string terminal_safe(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  for (const char c : text.substr(0, max_bytes)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7F ? '?' : c);
  }
  if (text.size() > max_bytes) out += "...";
  return out;
}

void write_text_report(std::ostream& out, const ReportContext& report, bool color) {
  const Paint paint{color};
  const Audit& audit = report.audit;
  const ReportSummary s = summarize(report.crawl, audit, report.top);
  const SiteGraph& graph = report.crawl.graph;
  write_summary(out, report, s, paint);
  write_tops(out, graph, audit, s);
  write_slowest(out, graph, report.top);
  write_clusters(out, graph, audit, report.top);
  write_segments(out, audit, report.top);
  write_duplicate_sets(out, graph, audit, report.top);
  write_opportunities(out, graph, audit, report.max_findings);
  write_plan(out, graph, audit);
  std::map<std::string, std::vector<std::size_t>> by_rule;
  for (std::size_t i = 0; i < audit.findings.size(); ++i) by_rule[std::string(audit.findings[i].rule)].push_back(i);
  const std::vector<FindingGroup> groups = group_findings(graph, audit.findings);
  const std::vector<std::uint32_t> group_of = group_of_finding(groups, audit.findings.size());
  for (const auto& entry : rules_by_severity(audit.findings)) {
    const RuleInfo& info = *entry.first;
    const std::string rule(info.id);
    const auto it = by_rule.find(rule);
    if (it == by_rule.end()) continue;
    auto list = it->second;
    // Deep pages deepest first: the end of the longest chain is where a fix starts (links
    // added there lift every page below it).
    if (rule == "deep-page") {
      std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) { return audit.findings[a].count > audit.findings[b].count; });
    }
    // New findings first, so a long list does not hide them behind "... and N more".
    std::stable_partition(list.begin(), list.end(), [&](std::size_t i) { return is_new_finding(report, i); });
    const Finding& first = audit.findings[list.front()];
    const auto fresh = static_cast<std::size_t>(std::count_if(list.begin(), list.end(), [&](std::size_t i) { return is_new_finding(report, i); }));
    out << paint("1", std::string(info.heading) + ": " + std::to_string(list.size())) << "  [" << rule << ", "
        << paint.severity(first.severity, severity_name(first.severity)) << "]";
    if (report.baseline) out << "  " << fresh << " new";
    out << "\n";
    if (is_broken_link_rule(rule)) {
      write_broken_targets(out, report, list, paint);
      out << "\n";
      continue;
    }
    // One cause, one entry: a group with a few examples, then the findings of no group.
    std::size_t shown = 0;
    for (const FindingGroup& g : groups) {
      if (g.rule != rule || shown >= report.max_findings) continue;
      write_group(out, report, g, paint);
      ++shown;
    }
    std::erase_if(list, [&](std::size_t i) { return group_of[i] != kNoGroup; });
    std::size_t listed = 0;
    for (; listed < list.size() && shown < report.max_findings; ++listed, ++shown) {
      write_finding(out, graph, audit.findings[list[listed]], is_new_finding(report, list[listed]), paint);
    }
    if (listed < list.size()) out << "  ... and " << list.size() - listed << " more (--all, or see --format json)\n";
    out << "\n";
  }
  write_fixed(out, report, paint);
  if (audit.findings.empty()) out << "No findings.\n";
}

}  // namespace sitegraph
