#include <algorithm>
#include <cmath>
#include <future>
#include <ostream>
#include <sstream>
#include <string>
#include <unordered_map>

#include "crawl/limits_json.hpp"
#include "crawl/scope_json.hpp"
#include "report/summary.hpp"
#include "report/report_text.hpp"
#include "sitegraph/report.hpp"
#include "sitegraph/version.hpp"

namespace sitegraph {
namespace {

using nlohmann::json;

json url_or_null(const SiteGraph& graph, UrlId id) { return id == kNoUrl ? json(nullptr) : json(graph.url(id)); }

json number_or_null(double x) { return std::isnan(x) ? json(nullptr) : json(x); }

// Where the equity ends: on ranked pages overall, on indexable ones, and lost (nofollow,
// external and broken links).
json concentration_json(const Concentration& c) {
  return {{"gini", c.gini}, {"top_1_percent", c.top_1_percent}, {"top_10_pages", c.top_10_pages}};
}

json equity_summary(const ReportSummary& s, const Audit& audit) {
  const double ranked = s.equity_on_pages;
  return {{"on_pages", ranked}, {"on_indexable_pages", s.equity_on_indexable}, {"on_priority_pages", s.equity_on_priority},
          {"lost", ranked > 0 ? std::max(0.0, 1.0 - ranked) : 0.0}, {"personalised", !audit.external_authority.empty()},
          {"concentration", concentration_json(audit.segments.site)}};
}

json clusters_json(const SiteGraph& graph, const Audit& audit) {
  json out = json::array();
  // By name: the analysis numbers clusters in crawl order, which differs between runs.
  std::vector<const Cluster*> by_name;
  for (const Cluster& c : audit.clustering.clusters) by_name.push_back(&c);
  std::stable_sort(by_name.begin(), by_name.end(), [](const Cluster* a, const Cluster* b) { return a->name < b->name; });
  for (const Cluster* cluster : by_name) {
    const Cluster& c = *cluster;
    out.push_back({{"name", c.name},
                   {"hub", url_or_null(graph, c.hub)},
                   {"pages", c.pages},
                   {"spokes_linking_hub", c.spokes_linking_hub},
                   {"hub_coverage", c.hub_coverage},
                   {"density", c.density},
                   {"links_in", c.links_in},
                   {"links_out", c.links_out},
                   {"equity", c.equity}});
  }
  return out;
}

// The segments and the equity flow between them (docs/report.md, "segments").
json segments_json(const Audit& audit) {
  const Segmentation& seg = audit.segments;
  static constexpr const char* kPlacements[] = {"content", "header", "nav", "footer", "aside", "template"};
  json list = json::array();
  json names = json::array();
  for (const SegmentStats& s : seg.segments) {
    json inlinks = json::object();
    for (std::size_t p = 0; p < s.inlinks.size(); ++p) inlinks[kPlacements[p]] = s.inlinks[p];
    list.push_back({{"name", s.name},
                    {"urls", s.urls},
                    {"pages", s.pages},
                    {"indexable_pages", s.indexable},
                    {"equity", s.equity},
                    {"pagerank", s.pagerank},
                    {"authority", s.authority},
                    {"max_depth", s.max_depth},
                    {"pages_by_depth", s.depth_pages},
                    {"unreachable_pages", s.unreachable},
                    {"inlinks", std::move(inlinks)},
                    {"inlinks_from_other_segments", s.inlinks_from_other},
                    {"links_to_other_segments", s.links_to_other},
                    {"orphans", s.orphans},
                    {"broken_links", s.broken_links},
                    {"concentration", concentration_json(s.concentration)}});
    names.push_back(s.name);
  }
  const EquityFlow& f = seg.flow;
  json links = json::array();
  for (std::size_t a = 0; a < f.segments; ++a) {
    json row = json::array();
    for (std::size_t b = 0; b < f.segments; ++b) row.push_back(f.at(a, b));
    links.push_back(std::move(row));
  }
  return {{"source", seg.source},
          {"list", std::move(list)},
          {"flow", {{"segments", std::move(names)}, {"links", std::move(links)}, {"lost", f.lost}, {"teleport", f.teleport},
                    {"arriving", f.arriving}}}};
}

json opportunities_json(const SiteGraph& graph, const Audit& audit) {
  json out = json::array();
  for (const LinkOpportunity& o : audit.opportunities) {
    out.push_back({{"source", graph.url(o.source)}, {"target", graph.url(o.target)}, {"equity_gain", o.gain},
                   {"same_cluster", o.same_cluster}});
  }
  return out;
}

json plan_json(const SiteGraph& graph, const Audit& audit) {
  const LinkPlan& plan = audit.plan;
  json targets = json::array();
  for (std::size_t i = 0; i < plan.targets.size(); ++i) {
    targets.push_back({{"url", graph.url(plan.targets[i])}, {"equity_before", plan.before[i]}, {"equity_after", plan.after[i]},
                       {"relevant_sources", plan.sources[i]}});
  }
  json links = json::array();
  for (const PlannedLink& l : plan.links) {
    links.push_back({{"source", graph.url(l.source)}, {"target", graph.url(l.target)}, {"relevance", l.relevance},
                     {"equity_gain", l.gain}, {"anchor", l.anchor}, {"phrase", l.phrase}, {"sentence", l.sentence},
                     {"line", l.line}, {"phrase_note", l.phrase_note}});
  }
  return {{"targets_from", plan.targets_from}, {"targets", std::move(targets)}, {"links", std::move(links)},
          {"links_requested", plan.requested}, {"equity_gain", plan.total_gain}, {"candidates", plan.candidates}, {"evaluations", plan.evaluations},
          {"evaluations_without_lazy", plan.evaluations_eager}};
}

// Each broken target once, with every page that links to it (the findings hold one entry per link).
json broken_targets_json(const SiteGraph& graph, const Audit& audit) {
  json out = json::array();
  for (const BrokenTarget& g : group_broken_links(graph, audit.findings)) {
    json sources = json::array();
    for (const std::size_t i : g.findings) sources.push_back(graph.url(audit.findings[i].url));
    const bool code = !g.status.empty() && g.status.find_first_not_of("0123456789") == std::string::npos;
    out.push_back({{"rule", g.rule}, {"target", graph.url(g.target)}, {"status", code ? json(std::stoi(g.status)) : json(g.status)},
                   {"linked_from", g.findings.size()}, {"sources", std::move(sources)}});
  }
  return out;
}

json status_json(const Page& page) {
  if (page.outcome == FetchOutcome::kResponse) return page.status;
  return outcome_name(page.outcome);
}

json placement_counts(const std::array<std::uint32_t, 6>& counts) {
  json j = json::object();
  for (std::size_t i = 0; i < counts.size(); ++i) j[std::string(placement_name(static_cast<Placement>(i)))] = counts[i];
  return j;
}

json page_json(const CrawlResult& crawl, const Audit& audit, UrlId id, const json* alternates, const BacklinkPage* backlinks) {
  const SiteGraph& graph = crawl.graph;
  const Page& p = graph.page(id);
  const double rank = audit.pagerank.rank[id];
  json j = {
      {"url", graph.url(id)},
      {"internal", p.internal},
      {"status", status_json(p)},
      {"http_status", p.status ? json(p.status) : json(nullptr)},
      {"content_type", graph.text(id).content_type.empty() ? json(nullptr) : json(graph.text(id).content_type)},
      {"depth", audit.depth[id] == kUnreachable ? json(nullptr) : json(audit.depth[id])},
      {"inlinks", audit.links.inlinks[id]},
      {"outlinks", audit.links.outlinks_internal[id]},
      {"outlinks_external", audit.links.outlinks_external[id]},
      {"content_links", audit.links.content_links[id]},
      {"main_words", p.fetched_html ? json(graph.content(id).main_words) : json(nullptr)},
      {"pagerank", std::isnan(rank) ? json(nullptr) : json(rank)},
      {"link_score", std::isnan(audit.facts.link_score[id]) ? json(nullptr) : json(std::round(audit.facts.link_score[id] * 10) / 10)},
      {"equity", number_or_null(audit.equity.rank[id])},
      {"equity_passed", number_or_null(audit.equity_passed[id])},
      {"external_authority", audit.external_authority.empty() ? json(nullptr) : json(audit.external_authority[id])},
      {"indexable", audit.facts.indexable[id] != 0},
      {"inlinks_by_placement", placement_counts(audit.facts.inlinks_by_placement[id])},
      {"in_sitemap", p.in_sitemap},
      {"listed", p.listed},
      {"in_folder", p.in_folder},
      {"priority", audit.priority[id] != 0},
      {"cluster", audit.clustering.of_page[id] == kNoCluster ? json(nullptr) : json(audit.clustering.clusters[audit.clustering.of_page[id]].name)},
      {"segment", id < audit.segments.of_page.size() && audit.segments.of_page[id] != kNoCluster
                      ? json(audit.segments.segments[audit.segments.of_page[id]].name) : json(nullptr)},
      {"redirect_to", url_or_null(graph, p.redirect_to)},
      {"canonical", url_or_null(graph, p.canonical)},
      {"noindex", p.noindex},
      {"nofollow", p.nofollow},
      {"revalidated", p.revalidated},
      {"revalidated_by", p.same_body ? json("hash") : p.revalidated ? json("304") : json(nullptr)},
      {"soft_404", p.soft_404},
      {"title", graph.text(id).title},
      {"bytes", p.bytes},
      {"first_byte_ms", number_or_null(milliseconds_or_nan(p.first_byte_seconds))},
      {"response_time_ms", number_or_null(milliseconds_or_nan(p.seconds))},
  };
  if (alternates) j["alternates"] = *alternates;
  if (backlinks) {
    json anchors = json::array();
    for (const auto& [anchor, count] : backlinks->anchors) anchors.push_back({{"anchor", anchor}, {"count", count}});
    j["backlinks"] = {{"links", backlinks->links}, {"referring_domains", backlinks->referring_domains}, {"anchors", std::move(anchors)}};
  }
  return j;
}

// The URLs that cannot exist asked of the site before the crawl, and how it answered.
json soft_404_probes_json(const CrawlResult& crawl) {
  json out = json::array();
  for (const SoftNotFoundProbe& p : crawl.soft_404_probes) {
    out.push_back({{"url", p.url},
                   {"status", p.outcome == FetchOutcome::kResponse ? json(p.status) : json(outcome_name(p.outcome))},
                   {"title", p.title.empty() ? json(nullptr) : json(p.title)},
                   {"soft_404_pages", p.pages}});
  }
  return out;
}

// Each page's hreflang alternates, as it names them: [{"hreflang", "url"}] in document order.
std::unordered_map<UrlId, json> alternates_json(const SiteGraph& graph) {
  std::unordered_map<UrlId, json> out;
  for (const Link& link : graph.links()) {
    if (link.kind != LinkKind::kAlternate || !graph.page(link.source).internal) continue;
    json& list = out[link.source];
    if (list.is_null()) list = json::array();
    list.push_back({{"hreflang", graph.anchor(link.anchor)}, {"url", graph.url(link.target)}});
  }
  return out;
}

// The hreflang sets: pages naming each other as language versions, and their x-default.
json hreflang_sets_json(const SiteGraph& graph, const Audit& audit) {
  json out = json::array();
  for (const HreflangSet& set : audit.hreflang_sets) {
    json pages = json::array();
    for (const UrlId id : set.pages) pages.push_back(graph.url(id));
    out.push_back({{"pages", std::move(pages)}, {"x_default", url_or_null(graph, set.x_default)}});
  }
  return out;
}

// Findings that share a cause (group_findings): each with its pattern, count and members' URLs.
// The duplicate-content and near-duplicate sets, most equity first, every page listed.
json duplicate_sets_json(const SiteGraph& graph, const Audit& audit) {
  json out = json::array();
  for (const DuplicateSet& set : audit.duplicate_sets) {
    json pages = json::array();
    for (const UrlId id : set.pages) pages.push_back(graph.url(id));
    out.push_back({{"kind", set.exact ? "exact" : "near"},
                   {"words", set.words},
                   {"equity", set.equity},
                   {"pages", std::move(pages)}});
  }
  return out;
}

json finding_groups_json(const SiteGraph& graph, const std::vector<Finding>& findings, const std::vector<FindingGroup>& groups) {
  json out = json::array();
  for (std::size_t g = 0; g < groups.size(); ++g) {
    json urls = json::array();
    for (const std::size_t i : groups[g].members) urls.push_back(graph.url(findings[i].url));
    out.push_back({{"id", g}, {"rule", groups[g].rule}, {"cause", groups[g].cause}, {"pattern", groups[g].pattern},
                   {"count", groups[g].members.size()}, {"urls", std::move(urls)}});
  }
  return out;
}

json finding_json(const SiteGraph& graph, const Finding& f, const char* baseline, std::uint32_t group) {
  json j = {{"rule", f.rule}, {"severity", severity_name(f.severity)}, {"url", graph.url(f.url)}};
  if (f.target != kNoUrl) j["target"] = finding_target(graph, f);
  if (!f.status.empty()) {
    j["status"] = (f.status.find_first_not_of("0123456789") == std::string::npos) ? json(std::stoi(f.status)) : json(f.status);
  }
  if (f.line) j["line"] = f.line;
  if (!f.href.empty()) {
    j[f.rule == "invalid-url"            ? "href"
      : f.rule == "broken-fragment"      ? "fragment"
      : f.rule == "duplicate-title"      ? "title"
      : f.rule.starts_with("hreflang-")  ? "hreflang"
                                         : "anchor"] = f.href;
  }
  if (f.count || f.rule == "authority-sink" || f.rule == "priority-page-weak") j["count"] = f.count;
  if (!f.chain.empty()) {
    json chain = json::array();
    for (const UrlId hop : f.chain) chain.push_back(graph.url(hop));
    const bool sources = f.rule == "broken-fragment" || f.rule == "link-to-redirect" || f.rule == "link-to-canonicalised";
    const bool pages = f.rule == "duplicate-content" || f.rule == "near-duplicate" || f.rule == "duplicate-title" ||
                       f.rule == "duplicate-description";
    j[sources ? "sources" : f.rule == "canonical-conflict" ? "canonicals" : pages ? "pages"
      : f.rule == "hub-missing-spoke-links" ? "missing_spokes" : "chain"] = std::move(chain);
  }
  if (f.final_url != kNoUrl) {
    j[f.rule == "redirect-loop" || f.rule == "canonical-loop" ? "loops_to" : "final_url"] = graph.url(f.final_url);
  }
  j["inconclusive"] = f.inconclusive;
  j["message"] = f.message;
  if (baseline) j["baseline"] = baseline;
  j["group"] = group == kNoGroup ? json(nullptr) : json(group);
  return j;
}

// Adaptive politeness: every change of a host's transfers in flight, in order.
json throttle_json(const std::vector<ThrottleEvent>& events) {
  json out = json::array();
  for (const ThrottleEvent& e : events) {
    json j = {{"host", e.host}, {"seconds", e.seconds}, {"reason", e.reason}, {"from", e.from}, {"to", e.to},
              {"per_host", e.ceiling}};
    j["recent_ms"] = e.reason == "slow" || e.reason == "recovered" ? json(e.recent_ms) : json(nullptr);
    j["usual_ms"] = e.usual_ms >= 0 ? json(e.usual_ms) : json(nullptr);
    j["interval_ms"] = e.interval_ms;
    out.push_back(std::move(j));
  }
  return out;
}

json crawl_json(const RunInfo& run, const CrawlResult& crawl) {
  json sitemaps = json::array();
  for (const SitemapInfo& s : crawl.sitemaps) {
    sitemaps.push_back({{"url", s.url}, {"status", s.status}, {"urls", s.urls}, {"error", s.error}});
  }
  json folded = json::array();
  for (const FoldedUrl& f : crawl.folded) folded.push_back({{"url", f.url}, {"page", crawl.graph.url(f.page)}});
  return {
      {"target", run.target},
      {"mode", run.mode},
      {"start_url", crawl.graph.size() ? json(crawl.graph.url(crawl.start)) : json(nullptr)},
      {"complete", crawl.complete},
      {"stop_reason", crawl.stop_reason.empty() ? json(nullptr) : json(crawl.stop_reason)},
      {"requests", crawl.requests},
      {"seconds", crawl.seconds},
      {"settings", run.settings},
      {"robots", {{"url", crawl.robots.url}, {"status", crawl.robots.status}, {"sitemaps", crawl.robots.sitemaps}}},
      {"sitemaps", std::move(sitemaps)},
      {"limits", crawl.limits},
      {"folded_urls", std::move(folded)},
      {"scope", scope_json(crawl.scope)},
      {"soft_404_probes", soft_404_probes_json(crawl)},
      {"throttle", throttle_json(crawl.throttle)},
  };
}

// --baseline: the counts, and the findings the baseline had that this run has not.
json baseline_json(const BaselineComparison* baseline) {
  if (!baseline) return nullptr;
  json fixed = json::array();
  for (const PastFinding& f : baseline->fixed) {
    json j = {{"rule", f.rule}, {"severity", f.severity}, {"url", f.url}};
    if (!f.target.empty()) j["target"] = f.target;
    j["message"] = f.message;
    fixed.push_back(std::move(j));
  }
  return {{"source", baseline->source},
          {"new", baseline->new_findings},
          {"unchanged", baseline->unchanged},
          {"fixed", baseline->fixed.size()},
          {"fixed_findings", std::move(fixed)}};
}

// nlohmann::json's dump(2) of `value` as it reads nested `depth` levels deep: every line
// after the first indented by 2·depth more spaces (a JSON string never holds a raw newline).
void append_nested(std::string& out, const json& value, int depth) {
  const std::string text = value.dump(2, ' ', false, json::error_handler_t::replace);
  const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
  std::size_t from = 0;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
    out.append(text, from, nl + 1 - from);
    out += indent;
    from = nl + 1;
  }
  out.append(text, from, std::string::npos);
}

void write_nested(std::ostream& out, const json& value, int depth) {
  std::string text;
  append_nested(text, value, depth);
  out << text;
}

// A top-level array written element by element, as dump(2) would lay it out. Elements are
// rendered in blocks, two at a time: this thread renders one block while a second renders the
// next (rendering, not writing, is the cost: about 1.2 s on one core for 100,000 pages).
// element(i) must be safe to call from two threads at once: it only reads the audit (nlohmann's
// serializer also reads the C locale, which nothing in sitegraph changes).
template <typename Each>
void write_array(std::ostream& out, std::size_t count, Each&& element) {
  if (count == 0) {
    out << "[]";
    return;
  }
  constexpr std::size_t kBlock = 2048;
  const auto render = [&](std::size_t begin, std::size_t end) {
    std::string text;
    for (std::size_t i = begin; i < end; ++i) {
      text += "    ";
      append_nested(text, element(i), 2);
      text += i + 1 < count ? ",\n" : "\n";
    }
    return text;
  };
  out << "[\n";
  for (std::size_t begin = 0; begin < count; begin += 2 * kBlock) {
    const std::size_t middle = std::min(count, begin + kBlock);
    const std::size_t end = std::min(count, begin + 2 * kBlock);
    std::future<std::string> second;
    if (middle < end) second = std::async(std::launch::async, render, middle, end);
    out << render(begin, middle);
    if (second.valid()) out << second.get();
  }
  out << "  ]";
}

}  // namespace

void write_json_report(std::ostream& out, const ReportContext& report, const nlohmann::json* more) {
  const RunInfo& run = report.run;
  const CrawlResult& crawl = report.crawl;
  const Audit& audit = report.audit;
  const SiteGraph& graph = crawl.graph;
  const ReportSummary s = summarize(crawl, audit, 0);
  const std::vector<FindingGroup> groups = group_findings(graph, audit.findings);
  const std::vector<std::uint32_t> group_of = group_of_finding(groups, audit.findings.size());
  json summary = {
      {"internal_urls", s.internal_urls}, {"external_urls", s.external_urls}, {"requests", s.requests},
      {"html_pages", s.html_pages},       {"redirects", s.redirects},         {"error_pages", s.error_pages},
      {"robots_blocked", s.robots_blocked}, {"not_fetched", s.not_fetched}, {"excluded", s.excluded}, {"revalidated", s.revalidated},
      {"revalidated_by_hash", s.revalidated_by_hash},   {"links", s.links},
      {"reachable_pages", s.reachable},   {"max_depth", s.max_depth},         {"findings", s.findings_by_rule},
      {"pagerank_iterations", audit.pagerank.iterations},
      {"equity", equity_summary(s, audit)},
      {"ignored_findings", report.ignored},
  };
  // Everything but the two big arrays is small: built whole, then written in key order (the
  // order nlohmann::json keeps), with pages and findings streamed a block at a time so a
  // million-page report never exists in memory as a document.
  json head = {
      {"report_version", kReportVersion},
      {"tool", {{"name", "sitegraph"}, {"version", kVersion}}},
      {"crawl", crawl_json(run, crawl)},
      {"summary", std::move(summary)},
      {"pages", nullptr},
      {"findings", nullptr},
      {"clusters", clusters_json(graph, audit)},
      {"segments", segments_json(audit)},
      {"link_opportunities", opportunities_json(graph, audit)},
      {"link_plan", audit.plan.targets.empty() ? json(nullptr) : plan_json(graph, audit)},
      {"broken_targets", broken_targets_json(graph, audit)},
      {"finding_groups", finding_groups_json(graph, audit.findings, groups)},
      {"duplicate_sets", duplicate_sets_json(graph, audit)},
      {"hreflang_sets", hreflang_sets_json(graph, audit)},
      {"baseline", baseline_json(report.baseline)},
  };
  if (more) {
    for (const auto& [key, value] : more->items()) head[key] = value;
  }
  out << "{\n";
  bool first = true;
  for (const auto& [key, value] : head.items()) {
    out << (first ? "  " : ",\n  ") << json(key).dump() << ": ";
    first = false;
    if (key == "pages") {
      const std::vector<UrlId> order = urls_in_order(graph);
      const std::unordered_map<UrlId, json> alternates = alternates_json(graph);
      std::unordered_map<UrlId, const BacklinkPage*> backlinks;
      for (const BacklinkPage& b : audit.backlinks) backlinks[b.page] = &b;
      write_array(out, order.size(), [&](std::size_t i) {
        const auto it = alternates.find(order[i]);
        const auto back = backlinks.find(order[i]);
        return page_json(crawl, audit, order[i], it == alternates.end() ? nullptr : &it->second,
                         back == backlinks.end() ? nullptr : back->second);
      });
    } else if (key == "findings") {
      write_array(out, audit.findings.size(), [&](std::size_t i) {
        const char* baseline = report.baseline ? (is_new_finding(report, i) ? "new" : "unchanged") : nullptr;
        return finding_json(graph, audit.findings[i], baseline, group_of[i]);
      });
    } else {
      write_nested(out, value, 1);
    }
  }
  out << "\n}\n";
}

json json_report(const ReportContext& report) {
  std::stringstream text;
  write_json_report(text, report, nullptr);
  return json::parse(text);
}

}  // namespace sitegraph
