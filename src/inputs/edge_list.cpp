// Link graphs exported by other tools, read as if sitegraph had crawled them: a plain edge
// list (source,target[,weight,rel,placement,anchor]) or Screaming Frog's "All Inlinks".

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>

#include <spdlog/spdlog.h>

#include "sitegraph/inputs.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}


std::uint8_t rel_of(std::string_view text) {
  const std::string r = lower(text);
  std::uint8_t rel = kRelNone;
  if (r.find("nofollow") != std::string::npos) rel |= kRelNofollow;
  if (r.find("ugc") != std::string::npos) rel |= kRelUgc;
  if (r.find("sponsored") != std::string::npos) rel |= kRelSponsored;
  return rel;
}

// Screaming Frog's link Type column; nullopt for types sitegraph has no kind for.
std::optional<LinkKind> kind_of(std::string_view type) {
  const std::string t = lower(trimmed(type));
  if (t.empty() || t == "hyperlink" || t == "href" || t == "ahref") return LinkKind::kAnchor;
  if (t == "image" || t == "img") return LinkKind::kImage;
  if (t == "css") return LinkKind::kStylesheet;
  if (t == "javascript") return LinkKind::kScript;
  if (t == "html canonical" || t == "http canonical" || t == "canonical") return LinkKind::kCanonical;
  if (t == "http redirect" || t == "javascript redirect") return LinkKind::kRedirect;
  if (t == "meta refresh") return LinkKind::kRefresh;
  if (t == "rel next") return LinkKind::kNext;
  if (t == "rel prev") return LinkKind::kPrev;
  if (t == "hreflang" || t == "hreflang (http)") return LinkKind::kAlternate;
  if (t == "iframe") return LinkKind::kIframe;
  return std::nullopt;
}

double number_at(const std::vector<std::string>& row, int column, std::size_t line, std::string_view name) {
  // A short row (fewer cells than the header) has an empty cell here, which is no number.
  const auto c = static_cast<std::size_t>(column);
  const std::string text = c < row.size() ? trimmed(row[c]) : std::string();
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(value >= 0) || value > 1e300) {
    throw InputError("line " + std::to_string(line) + ": " + std::string(name) + " '" + text + "' is not a number >= 0");
  }
  return value;
}

struct Columns {
  int source, target, weight, rel, follow, placement, anchor, alt, type, status;
  bool screaming_frog;
};

Columns columns_of(const CsvTable& table) {
  Columns c{};
  c.source = table.column({"source", "from", "src"});
  c.target = table.column({"destination", "target", "to", "dst"});  // Screaming Frog also has a "Target" (the target attribute)
  c.screaming_frog = table.column({"destination"}) >= 0 && table.column({"link position", "follow", "status code"}) >= 0;
  if (c.source < 0 || c.target < 0) {
    throw InputError("an edge list needs a header row with 'source' and 'target' columns (or Screaming Frog's "
                     "'Source' and 'Destination'); this one has: " +
                     [&] {
                       std::string names;
                       for (const std::string& h : table.header) names += (names.empty() ? "" : ", ") + h;
                       return names;
                     }());
  }
  c.weight = table.column({"weight"});
  c.rel = table.column({"rel"});
  c.follow = table.column({"follow"});
  c.placement = table.column({"placement", "link position"});
  c.anchor = table.column({"anchor", "anchor text"});
  c.alt = table.column({"alt text"});
  c.type = table.column({"type"});
  c.status = table.column({"status code"});
  return c;
}

// The page depth counts from when the nodes are URLs: the root ("/") of the host most
// links come from (an export also names other sites' pages), else that host's first source.
UrlId root_page(const SiteGraph& graph) {
  std::map<std::string, std::pair<std::size_t, UrlId>> by_host;  // host -> (links from it, first source)
  for (const Link& link : graph.links()) {
    const auto parts = split_url(graph.url(link.source));
    if (!parts) continue;
    auto& [count, first] = by_host.try_emplace(parts->host, 0, link.source).first->second;
    ++count;
  }
  if (by_host.empty()) return kNoUrl;
  const auto top = std::max_element(by_host.begin(), by_host.end(),
                                    [](const auto& a, const auto& b) { return a.second.first < b.second.first; });
  for (UrlId id = 0; id < graph.size(); ++id) {
    const auto parts = split_url(graph.url(id));
    if (parts && parts->host == top->first && parts->path_and_query == "/") return id;
  }
  return top->second.second;
}

}  // namespace

std::optional<Placement> placement_named(std::string_view text) {
  const std::string p = lower(trimmed(text));
  if (p.empty() || p == "content" || p == "body" || p == "main") return Placement::kContent;
  if (p == "header" || p == "head") return Placement::kHeader;
  if (p == "nav" || p == "navigation" || p == "menu") return Placement::kNav;
  if (p == "footer") return Placement::kFooter;
  if (p == "aside" || p == "sidebar") return Placement::kAside;
  if (p == "template" || p == "boilerplate") return Placement::kTemplate;
  return std::nullopt;
}

bool is_edge_list(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  const auto newline = head.find('\n');
  if (newline == std::string::npos && head.size() == 4096) return false;
  // A UTF-16 file is read whole only once we know it is CSV; its header must fit here.
  CsvTable table = parse_csv(head.substr(0, newline == std::string::npos ? head.size() : newline));
  if (table.header.size() == 1 && newline != std::string::npos) {  // a title line first
    const auto second = head.find('\n', newline + 1);
    table = parse_csv(head.substr(0, second == std::string::npos ? head.size() : second));
  }
  return table.column({"source", "from", "src"}) >= 0 && table.column({"target", "to", "dst", "destination"}) >= 0;
}

CrawlResult import_edge_list(const CsvTable& table, const std::string& start) {
  const Columns col = columns_of(table);
  CrawlResult result;
  SiteGraph& graph = result.graph;
  const auto cell = [](const std::vector<std::string>& row, int column) -> std::string {
    return column >= 0 && static_cast<std::size_t>(column) < row.size() ? trimmed(row[static_cast<std::size_t>(column)]) : std::string();
  };
  std::vector<std::uint8_t> is_source;
  std::vector<int> status;  // per page: Screaming Frog's Status Code, -1 unknown
  std::size_t skipped = 0;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const std::vector<std::string>& row = table.rows[r];
    const std::size_t line = r + 2;
    const std::string source = cell(row, col.source);
    const std::string target = cell(row, col.target);
    if (source.empty()) throw InputError("line " + std::to_string(line) + ": a row needs a source");
    if (target.empty()) {  // a node without links of its own in this row
      graph.add_url(source);
      is_source.resize(graph.size(), 0);
      status.resize(graph.size(), -1);
      is_source[graph.find(source)] = 1;
      continue;
    }
    const std::optional<LinkKind> kind = col.type >= 0 ? kind_of(cell(row, col.type)) : LinkKind::kAnchor;
    if (!kind) {
      ++skipped;
      continue;
    }
    Link link;
    link.source = graph.add_url(source);
    link.target = graph.add_url(target);
    link.kind = *kind;
    is_source.resize(graph.size(), 0);
    status.resize(graph.size(), -1);
    is_source[link.source] = 1;
    if (col.status >= 0 && !cell(row, col.status).empty()) {
      status[link.target] = static_cast<int>(number_at(row, col.status, line, "status code"));
    }
    std::string anchor = cell(row, col.anchor);
    if (anchor.empty() && is_resource(link.kind)) anchor = cell(row, col.alt);
    link.anchor = graph.intern_anchor(anchor);
    link.rel = rel_of(cell(row, col.rel));
    if (col.follow >= 0 && lower(cell(row, col.follow)) == "false" && link.rel == kRelNone) link.rel = kRelNofollow;
    if (col.placement >= 0) {
      const std::string text = cell(row, col.placement);
      const std::optional<Placement> placement = placement_named(text);
      // Custom link positions (Screaming Frog lets users define them) count as content.
      if (!placement && !col.screaming_frog) {
        throw InputError("line " + std::to_string(line) + ": placement '" + text +
                         "' is not one of content, header, nav, footer, aside, template");
      }
      link.placement = placement.value_or(Placement::kContent);
    }
    if (link.kind == LinkKind::kRedirect) graph.page(link.source).redirect_to = link.target;
    if (link.kind == LinkKind::kCanonical) graph.page(link.source).canonical = link.target;
    if (col.weight >= 0) {
      graph.add_weighted_link(link, static_cast<float>(number_at(row, col.weight, line, "weight")));
    } else {
      graph.add_link(link);
    }
  }
  if (graph.size() == 0) throw InputError("the edge list has no rows");
  is_source.resize(graph.size(), 0);
  status.resize(graph.size(), -1);
  if (skipped > 0) spdlog::warn("skipped {} rows whose link Type sitegraph does not model", skipped);
  result.start = start.empty() ? root_page(graph) : graph.find(start);
  if (!start.empty() && result.start == kNoUrl) throw InputError("--start '" + start + "' is not a node of the edge list");
  if (result.start == kNoUrl) result.start = 0;
  // Nodes on another host than the start page's are external link targets.
  const auto start_parts = split_url(graph.url(result.start));
  std::vector<std::uint8_t> linked_as_page(graph.size(), 0);
  for (const Link& link : graph.links()) {
    if (!is_resource(link.kind)) linked_as_page[link.target] = 1;
  }
  for (UrlId id = 0; id < graph.size(); ++id) {
    Page& p = graph.page(id);
    const auto parts = split_url(graph.url(id));
    p.internal = !start_parts || !parts || parts->host == start_parts->host;
    const int code = status[id] >= 0 ? status[id] : (is_source[id] || !col.screaming_frog ? 200 : -1);
    if (code > 0) {
      p.outcome = FetchOutcome::kResponse;
      p.status = code;
      p.fetched_html = code / 100 == 2 && (is_source[id] || linked_as_page[id]);
    }
  }
  result.robots.status = "not-used";
  result.stop_reason.clear();
  result.requests = 0;
  return result;
}

}  // namespace sitegraph
