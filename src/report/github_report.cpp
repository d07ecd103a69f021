// GitHub Actions workflow commands: each finding becomes an annotation on the run (and, for
// an audited folder, on the HTML file and line it is about). With a baseline only the new
// findings are annotated: the others were there before this change.

#include "sitegraph/report.hpp"
#include "report/report_text.hpp"

namespace sitegraph {
namespace {

// The escaping of workflow-command data: % CR LF; properties also : and ,.
std::string command_escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace

void write_github_annotations(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const auto& findings = report.audit.findings;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (report.baseline && !is_new_finding(report, i)) continue;
    const char* command = f.severity == Severity::kError ? "error" : f.severity == Severity::kWarning ? "warning" : "notice";
    out << "::" << command << " ";
    const std::string file = source_file(report, f.url);
    if (!file.empty()) {
      out << "file=" << command_escape(file, true);
      if (f.line) out << ",line=" << f.line;
      out << ",";
    }
    out << "title=" << command_escape("sitegraph " + std::string(f.rule), true) << "::"
        << command_escape(std::string(graph.url(f.url)) + ": " + finding_detail(graph, f), false) << "\n";
  }
  if (report.budgets) {
    for (const BudgetCheck& b : *report.budgets) {
      if (!b.violated) continue;
      out << "::" << (b.inconclusive ? "warning" : "error") << " title=" << command_escape("sitegraph budget " + b.condition, true)
          << "::" << command_escape(b.detail + (b.inconclusive ? " (inconclusive: the crawl was partial)" : ""), false) << "\n";
    }
  }
  if (report.baseline) {
    out << "sitegraph: findings " << report.baseline->new_findings << " new, " << report.baseline->fixed.size()
        << " fixed, " << report.baseline->unchanged << " unchanged against " << command_escape(report.baseline->source, false)
        << "\n";
  } else {
    out << "sitegraph: findings " << findings.size() << "\n";
  }
}

}  // namespace sitegraph
