// SARIF 2.1.0 (OASIS): the format code-scanning dashboards read. A finding on a page of an
// audited folder points at its HTML file (and line, for link findings); over HTTP at the URL.

#include <cstdio>
#include <map>
#include <utility>

#include "sitegraph/report.hpp"
#include "report/report_text.hpp"
#include "sitegraph/version.hpp"

namespace sitegraph {
namespace {

using nlohmann::json;

const char* sarif_level(Severity s) { return s == Severity::kError ? "error" : s == Severity::kWarning ? "warning" : "note"; }

// FNV-1a, 64 bits: a fingerprint that stays the same across builds and machines.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace

json sarif_report(const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  json rules = json::array();
  std::map<std::string_view, std::size_t> rule_index;
  for (const RuleInfo& rule : rule_catalogue()) {
    rule_index[rule.id] = rules.size();
    rules.push_back({{"id", rule.id},
                     {"shortDescription", {{"text", rule.heading}}},
                     {"defaultConfiguration", {{"level", sarif_level(rule.severity)}}}});
  }
  json results = json::array();
  const auto& findings = report.audit.findings;
  const auto location_of = [&](const Finding& f) {
    const std::string file = source_file(report, f.url);
    json location = {{"artifactLocation", {{"uri", file.empty() ? std::string(graph.url(f.url)) : file}}}};
    if (!file.empty() && f.line) location["region"] = {{"startLine", f.line}};
    return json{{"physicalLocation", std::move(location)}};
  };
  const auto fingerprint_of = [](const std::string& key) {
    char fingerprint[17];
    std::snprintf(fingerprint, sizeof fingerprint, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
    return std::string(fingerprint);
  };
  // A group of findings with one cause is one result, at its first member's place, with the
  // first ten members as its locations (docs/report.md, Grouped findings).
  const std::vector<FindingGroup> groups = group_findings(graph, findings);
  const std::vector<std::uint32_t> group_of = group_of_finding(groups, findings.size());
  std::vector<std::uint8_t> group_written(groups.size(), 0);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (const std::uint32_t g = group_of[i]; g != kNoGroup) {
      if (std::exchange(group_written[g], std::uint8_t{1}) != 0) continue;
      const FindingGroup& group = groups[g];
      json locations = json::array();
      json urls = json::array();
      bool any_new = false;
      for (const std::size_t m : group.members) {
        if (locations.size() < 10) locations.push_back(location_of(findings[m]));
        urls.push_back(graph.url(findings[m].url));
        any_new = any_new || is_new_finding(report, m);
      }
      const std::string what = group_size_words(group) + " (" + group.pattern + "), e.g. " +
                               finding_detail(graph, findings[group.members.front()]);
      json result = {{"ruleId", f.rule},
                     {"level", sarif_level(f.severity)},
                     {"message", {{"text", what}}},
                     {"locations", std::move(locations)},
                     {"partialFingerprints", {{"sitegraphFinding/v1", fingerprint_of(std::string(f.rule) + "\ngroup\n" + group.pattern)}}},
                     {"properties", {{"pattern", group.pattern}, {"count", group.members.size()}, {"urls", std::move(urls)}}}};
      if (const auto it = rule_index.find(f.rule); it != rule_index.end()) result["ruleIndex"] = it->second;
      if (report.baseline) result["baselineState"] = any_new ? "new" : "unchanged";
      results.push_back(std::move(result));
      continue;
    }
    const std::string key = std::string(f.rule) + "\n" + std::string(graph.url(f.url)) + "\n" +
                            finding_target(graph, f);
    json result = {{"ruleId", f.rule},
                   {"level", sarif_level(f.severity)},
                   {"message", {{"text", finding_detail(graph, f)}}},
                   {"locations", json::array({location_of(f)})},
                   {"partialFingerprints", {{"sitegraphFinding/v1", fingerprint_of(key)}}},
                   {"properties", {{"url", graph.url(f.url)}, {"inconclusive", f.inconclusive}}}};
    if (const auto it = rule_index.find(f.rule); it != rule_index.end()) result["ruleIndex"] = it->second;
    if (f.target != kNoUrl) result["properties"]["target"] = finding_target(graph, f);
    if (report.baseline) result["baselineState"] = is_new_finding(report, i) ? "new" : "unchanged";
    results.push_back(std::move(result));
  }
  // --fail-on budgets over their limit: one result each, under a rule of their own.
  if (report.budgets) {
    const std::size_t budget_rule = rules.size();
    bool any = false;
    for (const BudgetCheck& b : *report.budgets) {
      if (!b.violated) continue;
      any = true;
      results.push_back({{"ruleId", "budget"},
                         {"ruleIndex", budget_rule},
                         {"level", b.inconclusive ? "note" : "error"},
                         {"message", {{"text", b.condition + ": " + b.detail}}},
                         {"locations", json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", report.run.target}}}}}}})},
                         {"partialFingerprints", {{"sitegraphFinding/v1", fingerprint_of("budget\n" + b.condition)}}},
                         {"properties", {{"condition", b.condition}, {"inconclusive", b.inconclusive}}}});
    }
    if (any) {
      rules.push_back({{"id", "budget"},
                       {"shortDescription", {{"text", "A --fail-on budget on equity, PageRank, depth or counts is over its limit"}}},
                       {"defaultConfiguration", {{"level", "error"}}}});
    }
  }
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", json::array({{{"tool", {{"driver", {{"name", "sitegraph"},
                                                       {"version", kVersion},
                                                       {"rules", std::move(rules)}}}}},
                                 {"results", std::move(results)},
                                 {"properties", {{"target", report.run.target}, {"complete", report.crawl.complete}}}}})}};
}

}  // namespace sitegraph
