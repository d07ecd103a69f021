// Template (boilerplate) links on sites without semantic markup: a link whose block repeats
// on most pages of a folder is navigation, wherever its markup puts it.

#include <algorithm>
#include <span>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "sitegraph/graph.hpp"

namespace sitegraph {
namespace {

// The folders of the site and, per page, the chain of folders it sits in, from its host's
// root down to its own folder ("https://x/en/cpp/a.html": https://x/, .../en/, .../en/cpp/).
struct Folders {
  std::vector<std::uint32_t> html_pages;   // per folder: internal 2xx HTML pages in it, at any depth
  std::vector<std::uint32_t> chain_start;  // per page: its chain is chain[chain_start[p]..chain_start[p + 1])
  std::vector<std::uint32_t> chain;

  explicit Folders(const SiteGraph& graph) {
    std::unordered_map<std::string_view, std::uint32_t> ids;
    chain_start.reserve(graph.size() + 1);
    for (UrlId id = 0; id < graph.size(); ++id) {
      chain_start.push_back(static_cast<std::uint32_t>(chain.size()));
      const std::string_view url = graph.url(id);
      const std::size_t scheme = url.find("://");
      const std::size_t root = scheme == std::string_view::npos ? std::string_view::npos : url.find('/', scheme + 3);
      if (root == std::string_view::npos) continue;
      const std::string_view path = url.substr(0, url.find_first_of("?#", root));
      const bool counted = graph.page(id).internal && graph.page(id).fetched_html;
      for (std::size_t slash = root; slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
        const auto [it, added] = ids.emplace(path.substr(0, slash + 1), static_cast<std::uint32_t>(html_pages.size()));
        if (added) html_pages.push_back(0);
        html_pages[it->second] += counted ? 1 : 0;
        chain.push_back(it->second);
      }
    }
    chain_start.push_back(static_cast<std::uint32_t>(chain.size()));
  }
  [[nodiscard]] std::span<const std::uint32_t> of(UrlId page) const {
    return {chain.data() + chain_start[page], chain_start[page + 1] - chain_start[page]};
  }
};

bool candidate(const Link& link) { return is_click_link(link.kind) && link.placement == Placement::kContent; }

}  // namespace

// Sorting, not hash maps: a million-page site has tens of millions of content links, and a
// sorted array of indices costs 4 or 8 bytes a link where a hash map node costs ~50.
std::size_t mark_template_links(SiteGraph& graph, const TemplateOptions& options) {
  const LinkList& links = graph.links();
  // Where each link sits (RawLink::block): links crawled before blocks were kept (reused from
  // --since or a journal) have 0 and are matched on target and anchor alone.
  const std::vector<std::uint32_t>& blocks = graph.link_blocks();
  const auto block_of = [&](std::uint32_t i) { return i < blocks.size() ? blocks[i] : 0u; };
  // First pass: (target, anchor) pairs on at least min_pages pages. Only their links can be
  // template, and only they are counted per block and folder below.
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < links.size(); ++i) {
    if (candidate(links[i])) order.push_back(i);
  }
  const auto pair_of = [&](std::uint32_t i) { return std::tie(links[i].target, links[i].anchor); };
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(links[a].target, links[a].anchor, links[a].source) < std::tie(links[b].target, links[b].anchor, links[b].source);
  });
  std::vector<std::uint32_t> common;  // links of the pairs that pass
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start;
    std::size_t pages = 0;
    for (; end < order.size() && pair_of(order[end]) == pair_of(order[start]); ++end) {
      pages += end == start || links[order[end]].source != links[order[end - 1]].source ? 1U : 0U;
    }
    if (pages >= options.min_pages) common.insert(common.end(), order.begin() + static_cast<std::ptrdiff_t>(start), order.begin() + static_cast<std::ptrdiff_t>(end));
    start = end;
  }
  std::vector<std::uint32_t>().swap(order);
  // Second pass: per folder the source is in, and per (target, anchor, block), the pages
  // holding it. A link is template when, in some folder of min_pages pages or more, share of
  // the pages hold the same link in the same block: a footer on every page of the site, the
  // sidebar of one part of a manual.
  const Folders folders(graph);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> placed;  // (folder, link)
  for (const std::uint32_t i : common) {
    for (const std::uint32_t folder : folders.of(links[i].source)) {
      if (folders.html_pages[folder] >= options.min_pages) placed.emplace_back(folder, i);  // smaller ones are not judged
    }
  }
  std::vector<std::uint32_t>().swap(common);
  const auto key = [&](const std::pair<std::uint32_t, std::uint32_t>& p) {
    const Link& l = links[p.second];
    return std::make_tuple(p.first, l.target, l.anchor, block_of(p.second));
  };
  std::sort(placed.begin(), placed.end(), [&](const auto& a, const auto& b) {
    return std::tuple_cat(key(a), std::tie(links[a.second].source)) < std::tuple_cat(key(b), std::tie(links[b.second].source));
  });
  std::vector<std::uint8_t> marked_link(links.size(), 0);
  for (std::size_t start = 0; start < placed.size();) {
    std::size_t end = start;
    std::size_t pages = 0;
    for (; end < placed.size() && key(placed[end]) == key(placed[start]); ++end) {
      pages += end == start || links[placed[end].second].source != links[placed[end - 1].second].source ? 1U : 0U;
    }
    const std::uint32_t in_folder = folders.html_pages[placed[start].first];
    if (in_folder >= options.min_pages && static_cast<double>(pages) >= options.share * static_cast<double>(in_folder)) {
      for (std::size_t k = start; k < end; ++k) marked_link[placed[k].second] = 1;
    }
    start = end;
  }
  std::size_t marked = 0;
  LinkList& marks = graph.mutable_links();
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (marked_link[i]) {
      marks[i].placement = Placement::kTemplate;
      ++marked;
    }
  }
  return marked;
}

}  // namespace sitegraph
