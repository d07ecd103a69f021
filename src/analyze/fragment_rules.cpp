// broken-fragment: links to "page.html#section" where the page has no element with that id.

#include <algorithm>
#include <map>

#include "analyze/passes.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

constexpr std::size_t kSourcesListed = 10;  // a finding names this many linking pages, and counts them all

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool ieq_top(std::string_view s) {
  return s.size() == 3 && (s[0] | 0x20) == 't' && (s[1] | 0x20) == 'o' && (s[2] | 0x20) == 'p';
}

// Fragments a browser never looks up as an element: "top" scrolls to the top (WHATWG HTML
// §7.4.6.3), and "#/path", "#!/path" are routes a script reads (single-page applications).
bool judged(std::string_view fragment) {
  return !fragment.empty() && !ieq_top(percent_decoded(fragment)) && fragment.front() != '/' && fragment.front() != '!';
}

// Whether the page has an element the fragment indicates: its id or <a name> equal to the
// fragment as written or percent-decoded (browsers have matched both).
bool page_defines(std::span<const std::uint32_t> ids, std::string_view fragment) {
  auto has = [&](std::string_view id) { return std::binary_search(ids.begin(), ids.end(), fragment_hash(id)); };
  return has(fragment) || has(percent_decoded(fragment));
}

// The page a fragment link lands on, when its ids are known: an internal 2xx HTML page,
// redirects followed; kNoUrl otherwise (not fetched, not HTML, an error, a loop: not judged).
UrlId judged_page(const SiteGraph& graph, UrlId target) {
  const UrlId page = graph.final_target(target);
  if (page == kNoUrl) return kNoUrl;
  const Page& p = graph.page(page);
  if (!p.internal || !p.fetched_html || p.status / 100 != 2 || !graph.has_fragment_ids(page)) return kNoUrl;
  return page;
}

struct Broken {
  std::vector<std::pair<UrlId, std::uint32_t>> links;  // (source, line), in link order
};

Finding fragment_finding(const SiteGraph& graph, const std::vector<std::uint8_t>& linked, UrlId page, std::uint32_t fragment,
                         Broken& broken) {
  Finding f;
  f.rule = "broken-fragment";
  f.severity = Severity::kWarning;
  f.url = page;
  f.target = page;
  f.href = std::string(graph.fragment(fragment));
  // No `line`: reports take a finding's line to be on its page (SARIF, GitHub annotations),
  // and this one is on the linking page, named in the message.
  // Each linking page once, at its first line; the pages shown are those others link to (not
  // orphan copies) first, then by URL: the same from run to run, whatever order a folder crawl
  // read them in. Only the shown ones are sorted by URL (a template's broken link can come
  // from every page of a big site).
  auto& links = broken.links;
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end(), [](const auto& a, const auto& b) { return a.first == b.first; }), links.end());
  const auto shown = links.begin() + static_cast<std::ptrdiff_t>(std::min(links.size(), kSourcesListed));
  std::partial_sort(links.begin(), shown, links.end(), [&graph, &linked](const auto& a, const auto& b) {
    if (linked[a.first] != linked[b.first]) return linked[a.first] > linked[b.first];
    return graph.url(a.first) < graph.url(b.first);
  });
  f.count = static_cast<std::uint32_t>(links.size());
  f.message = "no element with id \"" + f.href + "\" on the page; linked from " + std::to_string(f.count) +
              (f.count == 1 ? " page" : " pages") + ", first " + std::string(graph.url(links.front().first)) + " line " +
              std::to_string(links.front().second);
  for (std::size_t i = 0; i < links.size() && i < kSourcesListed; ++i) f.chain.push_back(links[i].first);
  return f;
}

}  // namespace

std::vector<Finding> find_broken_fragments(const SiteGraph& graph) {
  std::map<std::pair<UrlId, std::uint32_t>, Broken> broken;  // (page, fragment) -> linking pages
  for (const FragmentLink& link : graph.fragment_links()) {
    const std::string_view fragment = graph.fragment(link.fragment);
    if (!judged(fragment)) continue;
    const UrlId page = judged_page(graph, link.target);
    if (page == kNoUrl || page_defines(graph.fragment_id_hashes(page), fragment)) continue;
    broken[{page, link.fragment}].links.emplace_back(link.source, link.line);
  }
  std::vector<Finding> findings;
  const std::vector<std::uint8_t> linked = broken.empty() ? std::vector<std::uint8_t>() : linked_pages(graph);
  for (auto& [key, b] : broken) findings.push_back(fragment_finding(graph, linked, key.first, key.second, b));
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return a.url != b.url ? a.url < b.url : a.href < b.href;
  });
  return findings;
}

}  // namespace sitegraph
