// Template (boilerplate) links on sites without semantic markup: a link that repeats on
// most pages of a section is navigation, wherever its markup puts it.

#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

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

}  // namespace

std::size_t mark_template_links(SiteGraph& graph, const TemplateOptions& options) {
  // Pages per section, and for each (section, target, anchor) the pages holding that link
  // in content placement.
  std::unordered_map<std::string_view, std::size_t> pages_in;
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (graph.page(id).internal && graph.page(id).fetched_html) ++pages_in[section_of(graph.url(id))];
  }
  using Key = std::tuple<std::string_view, UrlId, std::uint32_t>;
  std::map<Key, std::set<UrlId>> holders;
  for (const Link& link : graph.links()) {
    if (!is_click_link(link.kind) || link.placement != Placement::kContent) continue;
    holders[{section_of(graph.url(link.source)), link.target, link.anchor}].insert(link.source);
  }
  std::set<Key> repeated;
  for (const auto& [key, sources] : holders) {
    const std::size_t pages = pages_in[std::get<0>(key)];
    if (pages >= options.min_pages && static_cast<double>(sources.size()) >= options.share * static_cast<double>(pages)) {
      repeated.insert(key);
    }
  }
  std::size_t marked = 0;
  for (Link& link : graph.mutable_links()) {
    if (!is_click_link(link.kind) || link.placement != Placement::kContent) continue;
    if (repeated.count({section_of(graph.url(link.source)), link.target, link.anchor})) {
      link.placement = Placement::kTemplate;
      ++marked;
    }
  }
  return marked;
}

}  // namespace sitegraph
