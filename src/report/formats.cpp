// The table of output formats (report_formats.hpp).

#include "sitegraph/report_formats.hpp"

namespace sitegraph {
namespace {

// Invalid UTF-8 from the web (a Latin-1 URL in robots.txt) is replaced, never fatal.
constexpr auto kReplace = nlohmann::json::error_handler_t::replace;

void json_file(std::ostream& out, const ReportContext& report, const ReportExtras& extras) {
  nlohmann::json more = nlohmann::json::object();
  if (extras.since_previous) more["since_previous"] = diff_json(*extras.since_previous);
  if (extras.what_if) more["what_if"] = what_if_json(*extras.what_if);
  write_json_report(out, report, more.empty() ? nullptr : &more);
}

void text_file(std::ostream& out, const ReportContext& report, const ReportExtras& extras) {
  write_text_report(out, report, extras.color);
  if (extras.since_previous) {
    out << "Since the previous run (--history)\n";
    write_diff_text(out, *extras.since_previous, report.max_findings);
  }
  if (extras.what_if) write_what_if_text(out, *extras.what_if, report.max_findings);
}

void markdown_file(std::ostream& out, const ReportContext& report, const ReportExtras& extras) {
  write_markdown_report(out, report);
  if (extras.since_previous) write_diff_markdown(out, *extras.since_previous, report.max_findings);
  if (extras.what_if) {
    out << "\n**What if** (`--what-if " << extras.what_if->file << "`): " << extras.what_if->changes << " changes applied\n\n";
    write_diff_markdown(out, extras.what_if->diff, report.max_findings);
  }
}

void sarif_file(std::ostream& out, const ReportContext& report, const ReportExtras&) {
  out << sarif_report(report).dump(2, ' ', false, kReplace) << "\n";
}

// A writer that takes no extras.
template <void (*write)(std::ostream&, const ReportContext&)>
void plain(std::ostream& out, const ReportContext& report, const ReportExtras&) {
  write(out, report);
}

}  // namespace

const std::vector<ReportFormat>& report_formats() {
  static const std::vector<ReportFormat> formats = {
      {"text", false, false, {{"report.txt", text_file}}},
      {"json", false, false, {{"report.json", json_file}}},
      {"csv", false, true,
       {{"pages.csv", plain<write_pages_csv>}, {"links.csv", plain<write_links_csv>}, {"findings.csv", plain<write_findings_csv>},
        {"segments.csv", plain<write_segments_csv>}}},
      {"plan", false, false, {{"plan.csv", plain<write_plan_csv>}}},
      {"junit", false, false, {{"report.junit.xml", plain<write_junit_report>}}},
      {"markdown", false, false, {{"report.md", markdown_file}}},
      {"github", false, false, {{"github-annotations.txt", plain<write_github_annotations>}}},
      {"sarif", false, false, {{"report.sarif", sarif_file}}},
      {"html", false, false, {{"report.html", plain<write_html_report>}}},
      {"dot", true, false, {{"graph.dot", plain<write_dot>}}},
      {"graphml", true, false, {{"graph.graphml", plain<write_graphml>}}},
      {"gexf", true, false, {{"graph.gexf", plain<write_gexf>}}},
      {"edges", true, false, {{"edges.csv", plain<write_edges_csv>}}},
      {"webgraph", true, true, {{"graph.arcs", plain<write_webgraph_arcs>}, {"graph.nodes", plain<write_webgraph_nodes>}}},
      {"graphframes", true, true,
       {{"vertices.csv", plain<write_graphframes_vertices>}, {"edges.csv", plain<write_graphframes_edges>}}},
  };
  return formats;
}

const ReportFormat* find_report_format(std::string_view name) {
  for (const ReportFormat& format : report_formats()) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

}  // namespace sitegraph
