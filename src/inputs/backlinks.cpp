// External authority from backlink exports: Google Search Console, Ahrefs, Semrush, or a
// plain CSV, recognised by their header names.

#include <cctype>
#include <cstdlib>
#include <map>
#include <set>

#include "sitegraph/inputs.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {
namespace {

struct Layout {
  const char* name;
  int target;
  int source;  // -1: the export gives a count per target instead of one row per link
  int weight;  // -1: each row weighs 1
};

Layout layout_of(const CsvTable& t) {
  // Ahrefs: one row per backlink, "Domain rating" of the linking site as its weight.
  if (t.column({"referring page url"}) >= 0 && t.column({"target url", "link url"}) >= 0) {
    return {"ahrefs", t.column({"target url", "link url"}), t.column({"referring page url"}), t.column({"domain rating"})};
  }
  // Semrush: one row per backlink, "Page ascore" of the linking page as its weight.
  if (t.column({"source url"}) >= 0 && t.column({"target url"}) >= 0 && t.column({"page ascore"}) >= 0) {
    return {"semrush", t.column({"target url"}), t.column({"source url"}), t.column({"page ascore"})};
  }
  // Search Console, Links > Top linked pages: one row per target with its linking sites.
  if (t.column({"target page"}) >= 0 && t.column({"linking sites", "incoming links"}) >= 0) {
    return {"search-console", t.column({"target page"}), -1, t.column({"linking sites", "incoming links"})};
  }
  const int target = t.column({"target", "target url", "url", "page"});
  const int source = t.column({"source", "source url", "source domain", "domain", "referring domain", "referring page"});
  if (target < 0 || source < 0) {
    throw InputError("--backlinks: no target and source columns found (expected a Search Console 'Top linked pages', "
                     "Ahrefs or Semrush backlinks export, or a CSV with 'target' and 'source' columns)");
  }
  return {"plain", target, source, t.column({"weight", "authority"})};
}

// The host of a linking page or domain as exports write it: "https://blog.example.com/x" or
// "blog.example.com"; "www." kept (it is the site's own choice), lowercased.
std::string host_of(std::string_view source) {
  if (const auto scheme = source.find("://"); scheme != std::string_view::npos) source.remove_prefix(scheme + 3);
  source = source.substr(0, source.find_first_of("/?#:"));
  std::string host(source);
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

// "1,240" (Search Console's thousands separators) and "  12.5 " are numbers; "" is 1.
double weight_of(std::string text) {
  std::string digits;
  for (const char c : text) {
    if (c != ',' && c != ' ' && c != '\t') digits += c;
  }
  if (digits.empty()) return 1.0;
  char* end = nullptr;
  const double value = std::strtod(digits.c_str(), &end);
  return *end == '\0' && value >= 0 && value < 1e300 ? value : -1.0;
}

// A nofollow, ugc or sponsored backlink passes no authority: a `rel` column naming one, or
// Ahrefs' and Semrush's true/false columns of those names.
bool passes_nothing(const CsvTable& table, const std::vector<std::string>& row) {
  const auto cell = [&](int c) {
    std::string s = c >= 0 && static_cast<std::size_t>(c) < row.size() ? row[static_cast<std::size_t>(c)] : std::string();
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  for (const int c : {table.column({"nofollow"}), table.column({"ugc"}), table.column({"sponsored"})}) {
    if (cell(c).find("true") != std::string::npos) return true;
  }
  const std::string rel = cell(table.column({"rel"}));
  return rel.find("nofollow") != std::string::npos || rel.find("ugc") != std::string::npos ||
         rel.find("sponsored") != std::string::npos;
}

}  // namespace

Backlinks read_backlinks(const CsvTable& table, const SiteGraph& graph) {
  const Layout layout = layout_of(table);
  Backlinks out;
  out.layout = layout.name;
  out.authority.assign(graph.size(), 0.0);
  const int anchor_column = table.column({"anchor", "anchor text", "link anchor"});
  std::map<UrlId, BacklinkPage> pages;
  std::set<std::pair<UrlId, std::string>> domains;
  std::map<UrlId, std::map<std::string, std::uint32_t>> anchors;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const std::vector<std::string>& row = table.rows[r];
    const auto cell = [&](int c) { return c >= 0 && static_cast<std::size_t>(c) < row.size() ? row[static_cast<std::size_t>(c)] : std::string(); };
    const std::string target = cell(layout.target);
    if (target.empty() || (layout.source >= 0 && cell(layout.source).empty())) continue;
    const double weight = layout.weight >= 0 ? weight_of(cell(layout.weight)) : 1.0;
    if (weight < 0) {
      throw InputError("line " + std::to_string(r + 2) + ": weight '" + cell(layout.weight) + "' is not a number >= 0");
    }
    ++out.rows;
    if (passes_nothing(table, row)) {
      ++out.nofollow;
      continue;
    }
    // Node names of an edge list may be any strings; URLs are matched after normalisation.
    UrlId id = graph.find(target);
    if (id == kNoUrl) {
      if (const auto url = normalize_url(target)) id = graph.find(*url);
    }
    if (id == kNoUrl) continue;
    if (const UrlId final_id = graph.final_target(id); final_id != kNoUrl) id = final_id;  // a backlink to a redirect
    // Kept on a URL that is no page too: the audit drops it from the models and reports it.
    out.authority[id] += weight;
    if (!is_ranked(graph.page(id))) {
      ++out.not_pages;
      continue;
    }
    ++out.matched;
    out.total += weight;
    BacklinkPage& page = pages[id];
    page.page = id;
    if (layout.source < 0) {
      page.referring_domains += static_cast<std::uint32_t>(std::min(weight, 4e9));  // Search Console: linking sites
      continue;
    }
    ++page.links;
    if (domains.emplace(id, host_of(cell(layout.source))).second) ++page.referring_domains;
    if (anchor_column >= 0 && !cell(anchor_column).empty()) ++anchors[id][cell(anchor_column)];
  }
  for (auto& [id, page] : pages) {
    if (const auto it = anchors.find(id); it != anchors.end()) {
      page.anchors.assign(it->second.begin(), it->second.end());
      std::stable_sort(page.anchors.begin(), page.anchors.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      if (page.anchors.size() > 10) page.anchors.resize(10);
    }
    out.pages.push_back(std::move(page));
  }
  return out;
}

}  // namespace sitegraph
