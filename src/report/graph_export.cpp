// The link graph for graph tools: Graphviz DOT, GraphML 1.0, GEXF 1.3 (Gephi), and a CSV edge
// list that `sitegraph audit FILE.csv` reads back (docs/cli.md, "Plain edge lists").
//
// Nodes are the internal URLs, in UrlId order, numbered n0, n1, ... over the internal URLs
// only; their attributes are the audit's page metrics. Edges are the internal -> internal
// <a>/<area> links folded per (source, target) pair, self links left out, in (source, target)
// order. A page outside the ranked set (not 2xx HTML) has no PageRank or equity: the attribute
// is left out for that node rather than written as 0, so a graph tool cannot mistake "not
// ranked" for "ranked last".

#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "io/chunked_writer.hpp"
#include "report/summary.hpp"
#include "sitegraph/report.hpp"
#include "sitegraph/version.hpp"
#include "text/utf8.hpp"

namespace sitegraph {
namespace {

// Output goes through a string written in chunks of 1 MiB: a million-node graph makes
// hundreds of megabytes, and a stream call per field would cost more than the formatting.
constexpr std::size_t kChunk = std::size_t{1} << 20;
using Buffer = ChunkedWriter;

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

// --- What the formats share: the attributes, node numbers and the folded edges. -----------

enum class AttrType : std::uint8_t { kString, kInt, kDouble, kBool };
struct AttrSpec {
  std::string_view name;
  AttrType type;
};
using Value = std::variant<std::string_view, std::int64_t, double, bool>;

// Declared in the order node_values and edge_values emit them.
constexpr std::array<AttrSpec, 11> kNodeAttrs{{{"url", AttrType::kString},
                                               {"status", AttrType::kString},
                                               {"depth", AttrType::kInt},
                                               {"inlinks", AttrType::kInt},
                                               {"outlinks", AttrType::kInt},
                                               {"pagerank", AttrType::kDouble},
                                               {"equity", AttrType::kDouble},
                                               {"indexable", AttrType::kBool},
                                               {"cluster", AttrType::kString},
                                               {"in_sitemap", AttrType::kBool},
                                               {"title", AttrType::kString}}};
// "weight" only for graphs with imported link weights.
constexpr std::array<AttrSpec, 5> kEdgeAttrs{{{"count", AttrType::kInt},
                                              {"followable", AttrType::kBool},
                                              {"placement", AttrType::kString},
                                              {"anchor", AttrType::kString},
                                              {"weight", AttrType::kDouble}}};

std::string_view graphml_type(AttrType type) {
  switch (type) {
    case AttrType::kString: return "string";
    case AttrType::kInt: return "int";
    case AttrType::kDouble: return "double";
    case AttrType::kBool: return "boolean";
  }
  return "string";
}

std::string_view gexf_type(AttrType type) { return type == AttrType::kInt ? "integer" : graphml_type(type); }

template <typename T>
T value_at(const std::vector<T>& values, UrlId id, std::type_identity_t<T> fallback) {
  return id < values.size() ? values[id] : fallback;
}

// Emits (name, value) per node attribute; pagerank and equity only for ranked pages.
template <typename Emit>
void node_values(const ReportContext& report, UrlId id, Emit&& emit) {
  const SiteGraph& graph = report.crawl.graph;
  const Audit& audit = report.audit;
  const Page& page = graph.page(id);
  const std::string status = status_label(page);
  const std::uint32_t depth = value_at(audit.depth, id, kUnreachable);
  const double rank = value_at(audit.pagerank.rank, id, std::nan(""));
  const double equity = value_at(audit.equity.rank, id, std::nan(""));
  const std::uint32_t cluster = value_at(audit.clustering.of_page, id, kNoCluster);
  emit("url", Value(graph.url(id)));
  emit("status", Value(std::string_view(status)));
  emit("depth", Value(depth == kUnreachable ? std::int64_t{-1} : std::int64_t{depth}));
  emit("inlinks", Value(std::int64_t{value_at(audit.links.inlinks, id, 0u)}));
  emit("outlinks", Value(std::int64_t{value_at(audit.links.outlinks_internal, id, 0u)}));
  if (!std::isnan(rank)) emit("pagerank", Value(rank));
  if (!std::isnan(equity)) emit("equity", Value(equity));
  emit("indexable", Value(value_at(audit.facts.indexable, id, std::uint8_t{0}) != 0));
  emit("cluster", Value(cluster < audit.clustering.clusters.size() ? std::string_view(audit.clustering.clusters[cluster].name)
                                                                   : std::string_view()));
  emit("in_sitemap", Value(page.in_sitemap));
  emit("title", Value(std::string_view(graph.text(id).title)));
}

// Node numbers n0, n1, ... over the internal URLs in UrlId order; kNoUrl for the others.
std::vector<std::uint32_t> node_numbers(const SiteGraph& graph) {
  std::vector<std::uint32_t> number(graph.size(), kNoUrl);
  std::uint32_t next = 0;
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (graph.page(id).internal) number[id] = next++;
  }
  return number;
}

/// The links from one page to another, folded into one edge.
struct Edge {
  UrlId source = kNoUrl;
  UrlId target = kNoUrl;
  std::uint32_t count = 0;
  double weight = 0;         ///< imported link weights summed; the count when there are none
  bool followable = false;   ///< at least one of the links is followable
  Placement placement = Placement::kContent;  ///< the heaviest link's
  std::string_view anchor;   ///< the first non-empty anchor text
};

template <typename Emit>
void edge_values(const Edge& edge, bool weighted, Emit&& emit) {
  emit("count", Value(std::int64_t{edge.count}));
  emit("followable", Value(edge.followable));
  emit("placement", Value(placement_name(edge.placement)));
  emit("anchor", Value(edge.anchor));
  // Imported weights are floats (SiteGraph::add_weighted_link): written at float precision,
  // a single row's weight reads back exactly.
  if (weighted) emit("weight", Value(static_cast<double>(static_cast<float>(edge.weight))));
}

bool exported_link(const SiteGraph& graph, const Link& link) {
  return is_click_link(link.kind) && link.source != link.target && graph.page(link.source).internal &&
         graph.page(link.target).internal;
}

// The exported links' indexes grouped by source with a stable counting sort: each source's
// pairs are then folded with a small sort, never a sort of every link of the site.
struct LinksBySource {
  std::vector<std::uint32_t> offsets;  ///< per page + 1
  std::vector<std::uint32_t> links;
};

LinksBySource links_by_source(const SiteGraph& graph) {
  const LinkList& links = graph.links();
  LinksBySource index;
  index.offsets.assign(graph.size() + 1, 0);
  for (const Link& link : links) {
    if (exported_link(graph, link)) ++index.offsets[link.source + 1];
  }
  for (std::size_t i = 1; i < index.offsets.size(); ++i) index.offsets[i] += index.offsets[i - 1];
  index.links.resize(index.offsets.back());
  std::vector<std::uint32_t> next(index.offsets.begin(), index.offsets.end() - 1);
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (exported_link(graph, links[i])) index.links[next[links[i].source]++] = static_cast<std::uint32_t>(i);
  }
  return index;
}

// `pair`: the indexes, ascending, of the links from one source to one target.
Edge fold_pair(const SiteGraph& graph, std::span<const std::uint32_t> pair) {
  // "Heaviest" by the equity model's default placement weights, which also keeps only the
  // heaviest of several links between two pages; on a tie, the first link.
  static const EquityOptions kDefaults;
  const std::vector<float>& weights = graph.link_weights();
  const Link& first = graph.links()[pair.front()];
  Edge edge{first.source, first.target, static_cast<std::uint32_t>(pair.size()), 0, false, first.placement, {}};
  double heaviest = -1;
  for (const std::uint32_t i : pair) {
    const Link& link = graph.links()[i];
    edge.weight += i < weights.size() ? static_cast<double>(weights[i]) : 1.0;
    edge.followable = edge.followable || followable(graph, link);
    const double w = kDefaults.placement_weight[static_cast<std::size_t>(link.placement)];
    if (w > heaviest) {
      heaviest = w;
      edge.placement = link.placement;
    }
    if (edge.anchor.empty()) edge.anchor = graph.anchor(link.anchor);
  }
  return edge;
}

// Calls visit(const Edge&) per linked (source, target) pair, in (source, target) order.
template <typename Visit>
void for_each_edge(const SiteGraph& graph, Visit&& visit) {
  LinksBySource index = links_by_source(graph);
  const LinkList& links = graph.links();
  const auto by_target = [&](std::uint32_t a, std::uint32_t b) {
    return links[a].target != links[b].target ? links[a].target < links[b].target : a < b;
  };
  for (std::size_t source = 0; source + 1 < index.offsets.size(); ++source) {
    std::uint32_t* const begin = index.links.data() + index.offsets[source];
    std::uint32_t* const end = index.links.data() + index.offsets[source + 1];
    std::sort(begin, end, by_target);
    for (std::uint32_t* run = begin; run != end;) {
      const UrlId target = links[*run].target;
      std::uint32_t* const run_end = std::find_if(run, end, [&](std::uint32_t i) { return links[i].target != target; });
      visit(fold_pair(graph, std::span<const std::uint32_t>(run, run_end)));
      run = run_end;
    }
  }
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
