// The link graph as tables: the CSV edge list `sitegraph audit FILE.csv` reads back, and the
// WebGraph and GraphFrames pairs of files for engines beyond one machine (docs/scale.md).

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "report/graph_model.hpp"
#include "sitegraph/report.hpp"
#include "report/report_text.hpp"

namespace sitegraph {

using namespace graph_export;

// The site graph as `sitegraph audit FILE.csv` reads it back (import_edge_list): one row per
// link from an internal page (hyperlinks, redirects, canonicals; external targets too, whose
// share the equity model loses), with the target's HTTP status. Links are not folded into
// pairs, so duplicates count as they did. Internal pages in no row get a row with an empty
// target, which declares the node (an orphan that links nowhere would otherwise vanish).
// Fields are written as they are: no spreadsheet formula guard, since a program reads this.
void write_edges_csv(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<float>& weights = graph.link_weights();
  const bool weighted = !weights.empty();
  std::vector<std::uint8_t> has_row(graph.size(), 0);
  Buffer buffer(out, kChunk);
  buffer << (weighted ? "source,target,type,status code,rel,placement,anchor,weight\n"
                      : "source,target,type,status code,rel,placement,anchor\n");
  const LinkList& links = graph.links();
  for (std::size_t i = 0; i < links.size(); ++i) {
    const Link& link = links[i];
    const char* type = link.kind == LinkKind::kRedirect    ? "http redirect"
                       : link.kind == LinkKind::kCanonical ? "canonical"
                       : is_click_link(link.kind)          ? "hyperlink"
                                                           : nullptr;
    if (!type || !graph.page(link.source).internal) continue;
    has_row[link.source] = 1;
    has_row[link.target] = 1;
    const Page& target = graph.page(link.target);
    buffer << csv_quote(graph.url(link.source)) << "," << csv_quote(graph.url(link.target)) << "," << type << ",";
    // 0: no HTTP answer (robots-blocked, not fetched, failed); read back as a page not fetched.
    buffer.number(target.outcome == FetchOutcome::kResponse && target.status > 0 ? target.status : 0);
    buffer << "," << rel_names(link.rel) << "," << placement_name(link.placement) << ","
           << csv_quote(graph.anchor(link.anchor));
    if (weighted) {
      buffer << ",";
      buffer.number(static_cast<double>(i < weights.size() ? weights[i] : 1.0f));
    }
    buffer << "\n";
  }
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (graph.page(id).internal && !has_row[id]) buffer << csv_quote(graph.url(id)) << (weighted ? ",,,,,,,\n" : ",,,,,,\n");
  }
  buffer.flush();
}

// WebGraph reads node numbers; the numbers are those of the other exports (n0 is 0), and edges
// come out of for_each_edge already sorted by (source, target) and folded, as it requires.
void write_webgraph_arcs(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<std::uint32_t> number = node_numbers(graph);
  Buffer buffer(out, kChunk);
  for_each_edge(graph, [&](const Edge& edge) {
    buffer.number(number[edge.source]);
    buffer << "\t";
    buffer.number(number[edge.target]);
    buffer << "\n";
  });
  buffer.flush();
}

// One label a line: a line break or tab in an imported node name would shift every label
// after it, so control characters are percent-encoded (URLs never hold them raw).
void write_webgraph_nodes(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  Buffer buffer(out, kChunk);
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (!graph.page(id).internal) continue;
    std::string& text = buffer.text();
    for (const char c : graph.url(id)) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte == 0x7F) {
        static constexpr char kHex[] = "0123456789ABCDEF";
        text += '%';
        text += kHex[byte >> 4];
        text += kHex[byte & 0xF];
      } else {
        text += c;
      }
    }
    text += '\n';
    buffer.settle();
  }
  buffer.flush();
}

namespace {

void put_csv_value(Buffer& out, const Value& value) {
  if (const auto* text = std::get_if<std::string_view>(&value)) out << csv_quote(*text);
  else if (const auto* integer = std::get_if<std::int64_t>(&value)) out.number(*integer);
  else if (const auto* real = std::get_if<double>(&value)) out.number(*real);
  else out << (std::get<bool>(value) ? "true" : "false");
}

}  // namespace

// GraphFrames wants a vertex column `id` and edge columns `src` and `dst`; the rest are the
// node and edge attributes of the GraphML export, empty where GraphML leaves one out.
void write_graphframes_vertices(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<std::uint32_t> number = node_numbers(graph);
  Buffer buffer(out, kChunk);
  buffer << "id";
  for (const AttrSpec& spec : kNodeAttrs) buffer << "," << spec.name;
  buffer << "\n";
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (number[id] == kNoUrl) continue;
    buffer.number(number[id]);
    std::size_t column = 0;
    node_values(report, id, [&](std::string_view name, const Value& value) {
      while (column < kNodeAttrs.size() && kNodeAttrs[column].name != name) {  // left out: an empty cell
        buffer << ",";
        ++column;
      }
      buffer << ",";
      put_csv_value(buffer, value);
      ++column;
    });
    for (; column < kNodeAttrs.size(); ++column) buffer << ",";
    buffer << "\n";
  }
  buffer.flush();
}

void write_graphframes_edges(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<std::uint32_t> number = node_numbers(graph);
  const bool weighted = !graph.link_weights().empty();
  Buffer buffer(out, kChunk);
  buffer << "src,dst,count,followable,placement,anchor" << (weighted ? ",weight\n" : "\n");
  for_each_edge(graph, [&](const Edge& edge) {
    buffer.number(number[edge.source]);
    buffer << ",";
    buffer.number(number[edge.target]);
    edge_values(edge, weighted, [&](std::string_view, const Value& value) {
      buffer << ",";
      put_csv_value(buffer, value);
    });
    buffer << "\n";
  });
  buffer.flush();
}

}  // namespace sitegraph
