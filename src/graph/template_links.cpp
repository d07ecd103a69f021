// Template (boilerplate) links on sites without semantic markup: a link whose block repeats
// on most pages of a folder is navigation, wherever its markup puts it.

#include <span>
#include <string_view>
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
      const std::size_t end = url.find_first_of("?#", root);
      const std::string_view path = url.substr(0, end);
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

struct Key {
  UrlId target;
  std::uint32_t anchor;
  std::uint32_t block;   // RawLink::block; 0 in the first pass and for links without one
  std::uint32_t folder;  // a folder of the source page; 0 in the first pass
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  std::size_t operator()(const Key& k) const {
    std::size_t h = static_cast<std::size_t>(k.target) * 0x9E3779B97F4A7C15ull;
    h ^= (static_cast<std::size_t>(k.anchor) + 0x7F4A7C15u) * 0xBF58476D1CE4E5B9ull;
    h ^= (static_cast<std::size_t>(k.block) << 29) ^ (static_cast<std::size_t>(k.folder) * 0x94D049BB133111EBull);
    return h ^ (h >> 31);
  }
};
struct Holders {
  std::uint32_t pages = 0;      // distinct source pages holding the link
  UrlId last_source = kNoUrl;   // a page's links are contiguous: count each source once
  void add(UrlId source) {
    if (last_source == source) return;
    last_source = source;
    ++pages;
  }
};

bool candidate(const Link& link) { return is_click_link(link.kind) && link.placement == Placement::kContent; }

}  // namespace

std::size_t mark_template_links(SiteGraph& graph, const TemplateOptions& options) {
  const LinkList& links = graph.links();
  // Where each link sits (RawLink::block): links crawled before blocks were kept (reused from
  // --since or a journal) have 0 and are matched on target and anchor alone.
  const std::vector<std::uint32_t>& blocks = graph.link_blocks();
  const auto block_of = [&](std::size_t i) { return i < blocks.size() ? blocks[i] : 0u; };
  // First pass, small: (target, anchor) pairs on at least min_pages pages. Only their links
  // can be template, and only they are counted per block and folder below.
  std::unordered_map<Key, Holders, KeyHash> pairs;
  for (const Link& link : links) {
    if (candidate(link)) pairs[{link.target, link.anchor, 0, 0}].add(link.source);
  }
  const auto common = [&](const Link& link) {
    const auto it = pairs.find({link.target, link.anchor, 0, 0});
    return it != pairs.end() && it->second.pages >= options.min_pages;
  };
  // Second pass: per (target, anchor, block) and per folder the source is in, the pages
  // holding it. A link is template when, in some folder of min_pages pages or more, share of
  // the pages hold the same link in the same block: a footer on every page of the site, the
  // sidebar of one part of a manual.
  const Folders folders(graph);
  std::unordered_map<Key, Holders, KeyHash> holders;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const Link& link = links[i];
    if (!candidate(link) || !common(link)) continue;
    for (const std::uint32_t folder : folders.of(link.source)) holders[{link.target, link.anchor, block_of(i), folder}].add(link.source);
  }
  const auto repeated = [&](const Link& link, std::uint32_t block) {
    for (const std::uint32_t folder : folders.of(link.source)) {
      const std::uint32_t pages = folders.html_pages[folder];
      if (pages < options.min_pages) continue;
      const auto it = holders.find({link.target, link.anchor, block, folder});
      if (it != holders.end() && static_cast<double>(it->second.pages) >= options.share * static_cast<double>(pages)) return true;
    }
    return false;
  };
  std::size_t marked = 0;
  LinkList& marks = graph.mutable_links();
  for (std::size_t i = 0; i < marks.size(); ++i) {
    Link& link = marks[i];
    if (candidate(link) && common(link) && repeated(link, block_of(i))) {
      link.placement = Placement::kTemplate;
      ++marked;
    }
  }
  return marked;
}

}  // namespace sitegraph
