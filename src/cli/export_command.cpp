#include "cli/export_command.hpp"

#include "cli/audit_command.hpp"
#include "sitegraph/report_formats.hpp"

namespace sitegraph::cli {
namespace {

// The graph formats, from the one table of formats.
std::vector<std::string> graph_export_names() {
  std::vector<std::string> names;
  for (const ReportFormat& format : report_formats()) {
    if (format.graph_export) names.emplace_back(format.name);
  }
  return names;
}

}  // namespace

CLI::App* add_export_command(CLI::App& app, ExportArgs& args) {
  CLI::App* cmd = app.add_subcommand("export", "Export the link graph with page metrics: DOT, GraphML, GEXF, CSV edge list, WebGraph, GraphFrames");
  cmd->footer(
      "Examples:\n"
      "  sitegraph export crawl.jsonl.gz -f gexf -o site.gexf        # open in Gephi\n"
      "  sitegraph export ./public -f dot -o site.dot && dot -Tsvg site.dot > site.svg\n"
      "  sitegraph export links.csv -f graphml -o site.graphml\n"
      "  sitegraph export crawl.jsonl.gz -f graphframes -o spark/   # vertices.csv + edges.csv (docs/scale.md)\n\n"
      "SOURCE is anything 'sitegraph audit' takes; a site is crawled with the default settings (use\n"
      "'sitegraph audit ... --format graphml' to tune the crawl). Nodes are the internal URLs with\n"
      "url, status, depth, inlinks, outlinks, pagerank, equity, indexable, cluster, in_sitemap, title;\n"
      "edges the <a>/<area> links between them, one per page pair (docs/report.md#graph-exports).\n"
      "Exit codes: 0 done, 2 usage error or a source that cannot be read, 3 the crawl failed.");
  cmd->add_option("source", args.source, "A snapshot, CSV edge list, built site folder or http(s) URL")->required();
  cmd->add_option("-f,--format", args.format, "Graph format")
      ->check(CLI::IsMember(graph_export_names()))
      ->capture_default_str();
  cmd->add_option("-o,--output", args.output, "Write to FILE instead of stdout (a directory for webgraph, graphframes)");
  cmd->add_option("--start", args.start, "Edge lists: the node crawl depth counts from; folders: the page to start from, as for audit (en/index.html)");
  cmd->add_option("--base-url", args.base_url, "Folders: the URL the folder is served at");
  return cmd;
}

int run_export(const ExportArgs& args) {
  AuditArgs audit;
  audit.target = args.source;
  audit.formats = {args.format};
  if (!args.output.empty()) audit.outputs = {args.output};
  audit.start = args.start;
  audit.base_url = args.base_url;
  return run_audit(audit);
}

}  // namespace sitegraph::cli
