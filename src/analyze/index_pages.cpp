// Index pages: an A-Z index or a table of contents lists entries, not prose. Their links name
// terms, they hold many links by design, and their parent index is how readers reach them.

#include "analyze/passes.hpp"

namespace sitegraph {

std::vector<std::uint8_t> find_index_pages(const SiteGraph& g) {
  constexpr std::uint32_t kMinLinks = 50;
  std::vector<std::uint32_t> click_links(g.size(), 0);
  for (const Link& link : g.links()) click_links[link.source] += is_click_link(link.kind) ? 1U : 0U;
  // Links to a section of another page (genindex's "continue" -> simple_stmts.html#index-33, a
  // table of contents' entries), one per (source, target, fragment).
  std::vector<std::uint32_t> to_sections(g.size(), 0);
  for (const FragmentLink& l : g.fragment_links()) to_sections[l.source] += l.target != l.source ? 1U : 0U;
  std::vector<std::uint8_t> index(g.size(), 0);
  for (UrlId id = 0; id < g.size(); ++id) {
    index[id] = click_links[id] >= kMinLinks && 2 * to_sections[id] >= click_links[id] ? 1 : 0;
  }
  return index;
}

}  // namespace sitegraph
