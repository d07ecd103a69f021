// SARIF 2.1.0 (OASIS): the format code-scanning dashboards read. A finding on a page of an
// audited folder points at its HTML file (and line, for link findings); over HTTP at the URL.

#include <cstdio>
#include <map>

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
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    const std::string file = source_file(report, f.url);
    json location = {{"artifactLocation", {{"uri", file.empty() ? std::string(graph.url(f.url)) : file}}}};
    if (!file.empty() && f.line) location["region"] = {{"startLine", f.line}};
    const std::string key = std::string(f.rule) + "\n" + std::string(graph.url(f.url)) + "\n" +
                            finding_target(graph, f);
    char fingerprint[17];
    std::snprintf(fingerprint, sizeof fingerprint, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
    json result = {{"ruleId", f.rule},
                   {"level", sarif_level(f.severity)},
                   {"message", {{"text", finding_detail(graph, f)}}},
                   {"locations", json::array({{{"physicalLocation", location}}})},
                   {"partialFingerprints", {{"sitegraphFinding/v1", fingerprint}}},
                   {"properties", {{"url", graph.url(f.url)}, {"inconclusive", f.inconclusive}}}};
    if (const auto it = rule_index.find(f.rule); it != rule_index.end()) result["ruleIndex"] = it->second;
    if (f.target != kNoUrl) result["properties"]["target"] = finding_target(graph, f);
    if (report.baseline) result["baselineState"] = is_new_finding(report, i) ? "new" : "unchanged";
    results.push_back(std::move(result));
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
