// Template (boilerplate) links on sites without semantic markup: a link whose block repeats
// on most pages of a folder is navigation, wherever its markup puts it.

#include <algorithm>
#include <span>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "sitegraph/graph.hpp"
#include "sitegraph/url.hpp"

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
      const std::size_t root = path_start(url);
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
// sorted array of link indices costs 4 bytes a link where a hash map node costs ~50. The
// folder counts are made per group of links, so nothing is held per (folder, link) pair.
std::size_t mark_template_links(SiteGraph& graph, const TemplateOptions& options) {
  const LinkList& links = graph.links();
  // Where each link sits (RawLink::block): links crawled before blocks were kept (restored from
  // a journal) have 0 and are matched on target and anchor alone; links reused from --since
  // have kJudgedBlock and keep the placement their crawl gave them.
  const std::vector<std::uint32_t>& blocks = graph.link_blocks();
  const auto block_of = [&](std::uint32_t i) { return i < blocks.size() ? blocks[i] : 0u; };
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < links.size(); ++i) {
    if (candidate(links[i]) && block_of(i) != kJudgedBlock) order.push_back(i);
  }
  const auto pair_of = [&](std::uint32_t i) { return std::tie(links[i].target, links[i].anchor); };
  const auto group_of = [&](std::uint32_t i) { return std::make_tuple(links[i].target, links[i].anchor, block_of(i)); };
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tuple_cat(group_of(a), std::tie(links[a].source)) < std::tuple_cat(group_of(b), std::tie(links[b].source));
  });
  const Folders folders(graph);
  const auto judged = [&](std::uint32_t folder) { return folders.html_pages[folder] >= options.min_pages; };  // smaller folders are not judged
  constexpr std::uint32_t kNone = UINT32_MAX;
  std::vector<std::uint32_t> seen_in_pair(graph.size(), kNone);  // per page: the first link of the last pair it was counted for
  std::vector<std::uint32_t> pages_in(folders.html_pages.size(), 0);  // per folder: pages holding the group's link
  std::vector<std::uint8_t> passes(folders.html_pages.size(), 0);
  std::vector<std::uint32_t> touched;
  std::vector<std::uint8_t> marked_link(links.size(), 0);
  for (std::size_t pair_start = 0; pair_start < order.size();) {
    // A (target, anchor) pair on fewer than min_pages pages, whatever its blocks, is content.
    std::size_t pair_end = pair_start;
    std::size_t pair_pages = 0;
    for (; pair_end < order.size() && pair_of(order[pair_end]) == pair_of(order[pair_start]); ++pair_end) {
      std::uint32_t& seen = seen_in_pair[links[order[pair_end]].source];
      if (seen != order[pair_start]) ++pair_pages;
      seen = order[pair_start];
    }
    if (pair_pages < options.min_pages) {
      pair_start = pair_end;
      continue;
    }
    // Per (target, anchor, block) group: a link is template when, in some judged folder its
    // page is in, share of the folder's pages hold the same link in the same block: a footer
    // on every page of the site, the sidebar of one part of a manual.
    for (std::size_t start = pair_start; start < pair_end;) {
      std::size_t end = start;
      for (; end < pair_end && group_of(order[end]) == group_of(order[start]); ++end) {
        if (end != start && links[order[end]].source == links[order[end - 1]].source) continue;  // one count a page
        for (const std::uint32_t folder : folders.of(links[order[end]].source)) {
          if (!judged(folder)) continue;
          if (pages_in[folder]++ == 0) touched.push_back(folder);
        }
      }
      bool any = false;
      for (const std::uint32_t folder : touched) {
        passes[folder] = static_cast<double>(pages_in[folder]) >= options.share * static_cast<double>(folders.html_pages[folder]) ? 1 : 0;
        any = any || passes[folder] != 0;
      }
      for (std::size_t k = start; any && k < end; ++k) {
        const auto chain = folders.of(links[order[k]].source);
        if (std::any_of(chain.begin(), chain.end(), [&](std::uint32_t folder) { return passes[folder] != 0; })) marked_link[order[k]] = 1;
      }
      for (const std::uint32_t folder : touched) {
        pages_in[folder] = 0;
        passes[folder] = 0;
      }
      touched.clear();
      start = end;
    }
    pair_start = pair_end;
  }
  std::vector<std::uint32_t>().swap(order);
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
