// JUnit XML, the format CI servers (GitLab, Jenkins, Azure) show as test results: one
// testsuite per rule of the catalogue, one failing testcase per finding, and one passing
// testcase for a rule without findings so the dashboard shows what was checked. Inconclusive
// findings (an incomplete crawl) and, with a baseline, unchanged ones are skipped, not failed.

#include <map>

#include "sitegraph/report.hpp"
#include "report/report_text.hpp"

namespace sitegraph {

void write_junit_report(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const auto& findings = report.audit.findings;
  std::map<std::string_view, std::vector<std::size_t>> by_rule;
  for (std::size_t i = 0; i < findings.size(); ++i) by_rule[findings[i].rule].push_back(i);
  const auto skipped = [&](std::size_t i) {
    return findings[i].inconclusive || (report.baseline && !is_new_finding(report, i));
  };
  std::size_t tests = 0;
  std::size_t failures = 0;
  std::size_t skips = 0;
  for (const RuleInfo& rule : rule_catalogue()) {
    const auto it = by_rule.find(rule.id);
    if (it == by_rule.end()) {
      ++tests;
      continue;
    }
    for (const std::size_t i : it->second) {
      ++tests;
      ++(skipped(i) ? skips : failures);
    }
  }
  // --fail-on budgets: a testcase each, failing when over its limit.
  std::size_t budget_failures = 0;
  std::size_t budget_skips = 0;
  if (report.budgets) {
    for (const BudgetCheck& b : *report.budgets) {
      ++tests;
      if (b.violated) ++(b.inconclusive ? budget_skips : budget_failures);
    }
  }
  failures += budget_failures;
  skips += budget_skips;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"sitegraph " << xml_escape(report.run.target) << "\" tests=\"" << tests << "\" failures=\""
      << failures << "\" errors=\"0\" skipped=\"" << skips << "\" time=\"" << report.crawl.seconds << "\">\n";
  for (const RuleInfo& rule : rule_catalogue()) {
    const auto it = by_rule.find(rule.id);
    const std::vector<std::size_t> none;
    const auto& list = it == by_rule.end() ? none : it->second;
    std::size_t rule_failures = 0;
    for (const std::size_t i : list) rule_failures += skipped(i) ? 0u : 1u;
    out << "  <testsuite name=\"" << rule.id << "\" tests=\"" << std::max<std::size_t>(list.size(), 1) << "\" failures=\""
        << rule_failures << "\" errors=\"0\" skipped=\"" << list.size() - rule_failures << "\">\n";
    if (list.empty()) {
      out << "    <testcase classname=\"sitegraph." << rule.id << "\" name=\"no findings\"/>\n";
    }
    for (const std::size_t i : list) {
      const Finding& f = findings[i];
      std::string name(graph.url(f.url));
      if (f.target != kNoUrl) name += " -> " + finding_target(graph, f);
      const std::string detail = finding_detail(graph, f);
      out << "    <testcase classname=\"sitegraph." << rule.id << "\" name=\"" << xml_escape(name) << "\"";
      const std::string file = source_file(report, f.url);
      if (!file.empty()) out << " file=\"" << xml_escape(file) << "\"";
      out << ">\n";
      if (skipped(i)) {
        out << "      <skipped message=\"" << (f.inconclusive ? "inconclusive: the crawl was incomplete" : "in the baseline")
            << "\"/>\n";
      } else {
        out << "      <failure type=\"" << severity_name(f.severity) << "\" message=\"" << xml_escape(detail) << "\">"
            << xml_escape(rule.heading) << ": " << xml_escape(graph.url(f.url)) << "\n" << xml_escape(detail)
            << "</failure>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  if (report.budgets && !report.budgets->empty()) {
    out << "  <testsuite name=\"budgets\" tests=\"" << report.budgets->size() << "\" failures=\"" << budget_failures
        << "\" errors=\"0\" skipped=\"" << budget_skips << "\">\n";
    for (const BudgetCheck& b : *report.budgets) {
      out << "    <testcase classname=\"sitegraph.budget\" name=\"" << xml_escape(b.condition) << "\">\n";
      if (b.violated && b.inconclusive) {
        out << "      <skipped message=\"inconclusive: the crawl was incomplete\"/>\n";
      } else if (b.violated) {
        out << "      <failure type=\"budget\" message=\"" << xml_escape(b.detail) << "\">" << xml_escape(b.condition) << "\n"
            << xml_escape(b.detail) << "</failure>\n";
      } else {
        out << "      <system-out>" << xml_escape(b.detail) << "</system-out>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace sitegraph
