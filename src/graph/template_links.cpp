// Template (boilerplate) links on sites without semantic markup: a link that repeats on
// most pages of a section is navigation, wherever its markup puts it.

#include <string_view>
#include <unordered_map>
#include <vector>

#include "sitegraph/graph.hpp"

namespace sitegraph {
namespace {

// The section of a URL: its first path segment ("https://x/blog/a" -> "blog"; "/" -> "").
std::string_view section_of(std::string_view url) {
  const std::size_t path = url.find('/', url.find("://") + 3);
  if (path == std::string_view::npos) return {};
  std::string_view rest = url.substr(path + 1);
  const std::size_t end = rest.find_first_of("/?");
  return end == std::string_view::npos ? std::string_view() : rest.substr(0, end);
}

// (section, target, anchor) packed for hashing.
struct Key {
  std::uint32_t section;
  UrlId target;
  std::uint32_t anchor;
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  std::size_t operator()(const Key& k) const {
    return (static_cast<std::size_t>(k.target) * 0x9E3779B97F4A7C15ull) ^ (static_cast<std::size_t>(k.anchor) << 20) ^ k.section;
  }
};
struct Holders {
  std::uint32_t pages = 0;      // distinct source pages holding the link
  UrlId last_source = kNoUrl;   // a page's links are contiguous: count each source once
};

bool candidate(const Link& link) { return is_click_link(link.kind) && link.placement == Placement::kContent; }

}  // namespace

std::size_t mark_template_links(SiteGraph& graph, const TemplateOptions& options) {
  std::unordered_map<std::string_view, std::uint32_t> section_ids;
  std::vector<std::uint32_t> section_of_page(graph.size());
  std::vector<std::size_t> pages_in;
  for (UrlId id = 0; id < graph.size(); ++id) {
    const auto [it, added] = section_ids.emplace(section_of(graph.url(id)), static_cast<std::uint32_t>(section_ids.size()));
    if (added) pages_in.push_back(0);
    section_of_page[id] = it->second;
    if (graph.page(id).internal && graph.page(id).fetched_html) ++pages_in[it->second];
  }
  std::unordered_map<Key, Holders, KeyHash> holders;
  for (const Link& link : graph.links()) {
    if (!candidate(link)) continue;
    Holders& h = holders[{section_of_page[link.source], link.target, link.anchor}];
    if (h.last_source != link.source) {
      h.last_source = link.source;
      ++h.pages;
    }
  }
  auto repeated = [&](const Key& key) {
    const auto it = holders.find(key);
    const std::size_t pages = pages_in[key.section];
    return it != holders.end() && pages >= options.min_pages &&
           static_cast<double>(it->second.pages) >= options.share * static_cast<double>(pages);
  };
  std::size_t marked = 0;
  for (Link& link : graph.mutable_links()) {
    if (candidate(link) && repeated({section_of_page[link.source], link.target, link.anchor})) {
      link.placement = Placement::kTemplate;
      ++marked;
    }
  }
  return marked;
}

}  // namespace sitegraph
