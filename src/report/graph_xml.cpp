// Graphviz DOT, GraphML 1.0 and GEXF 1.3 (Gephi): the link graph with the audit's page
// metrics as node attributes (graph_model.hpp says what nodes and edges are).

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "report/graph_model.hpp"
#include "sitegraph/report.hpp"
#include "report/report_text.hpp"
#include "sitegraph/version.hpp"
#include "text/utf8.hpp"

namespace sitegraph {
namespace {

using namespace graph_export;

// XML text and attribute values: xml_escape, then tab, LF and CR as character references, which
// a parser would otherwise turn into spaces in an attribute (XML 1.0 §3.3.3) or CR LF into LF.
void put_xml(Buffer& out, std::string_view s) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x20 && c < 0x80 && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
  });
  if (plain) {
    out << s;
    return;
  }
  std::string& text = out.text();
  for (const char c : xml_escape(s)) {
    if (c == '\t') text += "&#9;";
    else if (c == '\n') text += "&#10;";
    else if (c == '\r') text += "&#13;";
    else text += c;
  }
  out.settle();
}

// A DOT quoted string (graphviz.org/doc/info/lang.html): " and \ escaped, a line break (LF, CR
// or CR LF) as \n, a tab as a space; other control characters and invalid UTF-8 become U+FFFD,
// since Graphviz reads its input as UTF-8.
void put_dot_string(Buffer& out, std::string_view s) {
  std::string& text = out.text();
  text += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 1;
    if (c == '"' || c == '\\') {
      text += '\\';
      text += s[i];
    } else if (c == '\n' || c == '\r') {
      text += "\\n";
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') n = 2;
    } else if (c == '\t') {
      text += ' ';
    } else if (c < 0x20 || c == 0x7F) {
      text += kReplacementCharacter;
    } else {
      const Utf8Sequence sequence = scan_utf8(s, i);
      n = sequence.length;
      if (sequence.valid) text.append(s.substr(i, n));
      else text += kReplacementCharacter;
    }
    i += n;
  }
  text += '"';
  out.settle();
}

// Graphviz turns URL into a link in SVG and image maps: only http(s) URLs go there, never the
// name of an imported node such as "javascript:...".
bool is_web_url(std::string_view url) {
  const auto starts = [&](std::string_view scheme) {
    return url.size() >= scheme.size() && std::equal(scheme.begin(), scheme.end(), url.begin(), [](char a, char b) {
             return a == static_cast<char>(std::tolower(static_cast<unsigned char>(b)));
           });
  };
  return starts("http://") || starts("https://");
}

void put_node_id(Buffer& out, std::uint32_t number) { out << "n"; out.number(number); }

// `<edge id="eK" source="nI" target="nJ"` for GraphML and GEXF; the caller closes the tag.
void put_xml_edge_open(Buffer& out, std::string_view indent, std::uint64_t edge_number, std::uint32_t source,
                       std::uint32_t target) {
  out << indent << "<edge id=\"e";
  out.number(edge_number);
  out << "\" source=\"";
  put_node_id(out, source);
  out << "\" target=\"";
  put_node_id(out, target);
  out << "\"";
}

void put_xml_value(Buffer& out, const Value& value) {
  if (const auto* text = std::get_if<std::string_view>(&value)) put_xml(out, *text);
  else if (const auto* integer = std::get_if<std::int64_t>(&value)) out.number(*integer);
  else if (const auto* real = std::get_if<double>(&value)) out.number(*real);
  else out << (std::get<bool>(value) ? "true" : "false");
}

// DOT: strings and reals quoted (a DOT numeral has no exponent), integers and booleans bare.
void put_dot_value(Buffer& out, const Value& value) {
  if (const auto* text = std::get_if<std::string_view>(&value)) {
    put_dot_string(out, *text);
  } else if (const auto* real = std::get_if<double>(&value)) {
    out << "\"";
    out.number(*real);
    out << "\"";
  } else {
    put_xml_value(out, value);
  }
}

// The GEXF preamble up to <nodes>: the URL is the node's label and the imported weight (or
// the link count) the edge's weight, so neither is declared again as an attribute.
void write_gexf_head(Buffer& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
         "  <meta>\n    <creator>sitegraph "
      << kVersion << "</creator>\n  </meta>\n  <graph defaultedgetype=\"directed\" mode=\"static\">\n";
  const auto declare = [&](std::string_view domain, std::span<const AttrSpec> specs) {
    out << "    <attributes class=\"" << domain << "\" mode=\"static\">\n";
    for (const AttrSpec& spec : specs) {
      if (spec.name == "url" || spec.name == "weight") continue;
      out << "      <attribute id=\"" << spec.name << "\" title=\"" << spec.name << "\" type=\"" << gexf_type(spec.type)
          << "\"/>\n";
    }
    out << "    </attributes>\n";
  };
  declare("node", kNodeAttrs);
  declare("edge", kEdgeAttrs);
}

}  // namespace

void write_dot(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<std::uint32_t> number = node_numbers(graph);
  const bool weighted = !graph.link_weights().empty();
  Buffer buffer(out, kChunk);
  buffer << "digraph sitegraph {\n";
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (number[id] == kNoUrl) continue;
    buffer << "  ";
    put_node_id(buffer, number[id]);
    buffer << " [label=";
    put_dot_string(buffer, graph.url(id));
    if (is_web_url(graph.url(id))) {
      buffer << ", URL=";
      put_dot_string(buffer, graph.url(id));
    }
    node_values(report, id, [&](std::string_view name, const Value& value) {
      if (name == "url") return;  // it is the label
      buffer << ", " << name << "=";
      put_dot_value(buffer, value);
    });
    buffer << "];\n";
  }
  for_each_edge(graph, [&](const Edge& edge) {
    buffer << "  ";
    put_node_id(buffer, number[edge.source]);
    buffer << " -> ";
    put_node_id(buffer, number[edge.target]);
    buffer << " [";
    bool first = true;
    edge_values(edge, weighted, [&](std::string_view name, const Value& value) {
      // Graphviz's dot layout reads `weight` as an integer layout weight and rejects others.
      buffer << (first ? "" : ", ") << (name == "weight" ? "link_weight" : name) << "=";
      put_dot_value(buffer, value);
      first = false;
    });
    buffer << (edge.followable ? "" : ", style=dashed") << "];\n";
  });
  buffer << "}\n";
  buffer.flush();
}

void write_graphml(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<std::uint32_t> number = node_numbers(graph);
  const bool weighted = !graph.link_weights().empty();
  Buffer buffer(out, kChunk);
  buffer << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
            "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  const auto declare = [&](const AttrSpec& spec, std::string_view domain) {
    buffer << "  <key id=\"" << spec.name << "\" for=\"" << domain << "\" attr.name=\"" << spec.name << "\" attr.type=\""
           << graphml_type(spec.type) << "\"/>\n";
  };
  for (const AttrSpec& spec : kNodeAttrs) declare(spec, "node");
  for (const AttrSpec& spec : kEdgeAttrs) {
    if (spec.name != "weight" || weighted) declare(spec, "edge");
  }
  buffer << "  <graph id=\"sitegraph\" edgedefault=\"directed\">\n";
  const auto data = [&](std::string_view name, const Value& value) {
    buffer << "<data key=\"" << name << "\">";
    put_xml_value(buffer, value);
    buffer << "</data>";
  };
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (number[id] == kNoUrl) continue;
    buffer << "    <node id=\"";
    put_node_id(buffer, number[id]);
    buffer << "\">";
    node_values(report, id, data);
    buffer << "</node>\n";
  }
  std::uint64_t edge_number = 0;
  for_each_edge(graph, [&](const Edge& edge) {
    put_xml_edge_open(buffer, "    ", edge_number++, number[edge.source], number[edge.target]);
    buffer << ">";
    edge_values(edge, weighted, data);
    buffer << "</edge>\n";
  });
  buffer << "  </graph>\n</graphml>\n";
  buffer.flush();
}

void write_gexf(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<std::uint32_t> number = node_numbers(graph);
  Buffer buffer(out, kChunk);
  write_gexf_head(buffer);
  const auto attvalue = [&](std::string_view name, const Value& value) {
    if (name == "url" || name == "weight") return;
    buffer << "<attvalue for=\"" << name << "\" value=\"";
    put_xml_value(buffer, value);
    buffer << "\"/>";
  };
  buffer << "    <nodes>\n";
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (number[id] == kNoUrl) continue;
    buffer << "      <node id=\"";
    put_node_id(buffer, number[id]);
    buffer << "\" label=\"";
    put_xml(buffer, graph.url(id));
    buffer << "\"><attvalues>";
    node_values(report, id, attvalue);
    buffer << "</attvalues></node>\n";
  }
  buffer << "    </nodes>\n    <edges>\n";
  std::uint64_t edge_number = 0;
  for_each_edge(graph, [&](const Edge& edge) {
    put_xml_edge_open(buffer, "      ", edge_number++, number[edge.source], number[edge.target]);
    buffer << " weight=\"";
    buffer.number(static_cast<float>(edge.weight));
    buffer << "\"><attvalues>";
    edge_values(edge, false, attvalue);
    buffer << "</attvalues></edge>\n";
  });
  buffer << "    </edges>\n  </graph>\n</gexf>\n";
  buffer.flush();
}

}  // namespace sitegraph
