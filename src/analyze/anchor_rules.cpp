// Anchor-text rules: what the words on a link tell search engines and readers about its target.

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "analyze/passes.hpp"
#include "analyze/link_index.hpp"
#include "analyze/anchor_names.hpp"
#include "analyze/make_finding.hpp"
#include "analyze/union_find.hpp"
#include "analyze/url_path.hpp"
#include "sitegraph/url.hpp"
#include "sitegraph/analyze.hpp"
#include "text/anchor_words.hpp"

namespace sitegraph {
namespace {

// Where a link to each page leads, looked up per link from arrays of 4 bytes a page (the page
// records are a cache miss apiece on a big site): its final target, and the page that final
// target stands for in each rule (kNoUrl when the rule skips it).
struct Reached {
  explicit Reached(const SiteGraph& g) : final_target(g), editorial(g.size(), kNoUrl), descriptive(g.size(), kNoUrl) {
    for (UrlId id = 0; id < g.size(); ++id) {
      const UrlId target = final_target(id);
      if (target == kNoUrl) continue;
      const Page& p = g.page(target);
      // Two URLs canonicalised to one page are one target.
      const UrlId canonical = p.canonical != kNoUrl && p.canonical != target ? p.canonical : target;
      if (g.page(canonical).internal) editorial[id] = canonical;
      if (p.internal && p.status / 100 == 2) descriptive[id] = p.canonical != kNoUrl ? p.canonical : target;
    }
  }
  FinalTargets final_target;
  std::vector<UrlId> editorial;    // anchor-overuse: the internal page (canonical) reached
  std::vector<UrlId> descriptive;  // anchor-conflict: the 2xx internal page (canonical) reached
};

// A followable content link between two pages of the site: the page it reaches, or kNoUrl.
UrlId editorial_target(const SiteGraph& g, const Reached& reached, const Link& link) {
  if (!is_click_link(link.kind) || link.placement != Placement::kContent || !followable(g, link)) return kNoUrl;
  if (!g.page(link.source).internal || reached.final_target(link.target) == link.source) return kNoUrl;
  return reached.editorial[link.target];
}

// Each anchor id's plain text as a dense id: anchors that read the same share one.
struct PlainAnchors {
  std::vector<std::uint32_t> of_anchor;  // anchor id -> plain id
  std::vector<std::string> text;         // plain id -> text
};

PlainAnchors plain_anchors(const SiteGraph& g) {
  PlainAnchors out;
  std::map<std::string, std::uint32_t, std::less<>> index;
  out.of_anchor.reserve(g.anchor_count());
  for (std::uint32_t a = 0; a < g.anchor_count(); ++a) {
    std::string plain = plain_anchor(g.anchor(a));
    auto [it, added] = index.emplace(std::move(plain), static_cast<std::uint32_t>(out.text.size()));
    if (added) out.text.push_back(it->first);
    out.of_anchor.push_back(it->second);
  }
  return out;
}

// Per page, 1 when it is an index (an A-Z index, a table of contents), whose entries name
// terms, not pages, by design: find_index_pages, or more than --max-links <a>/<area> links.
std::vector<std::uint8_t> index_pages(const SiteGraph& g, std::uint32_t max_links) {
  std::vector<std::uint8_t> index = find_index_pages(g);
  std::vector<std::uint32_t> count(g.size(), 0);
  for (const Link& link : g.links()) count[link.source] += is_click_link(link.kind) ? 1U : 0U;
  for (UrlId id = 0; id < g.size(); ++id) index[id] = index[id] || count[id] > max_links ? 1 : 0;
  return index;
}

// The fragment links by the page they reach (4 bytes each), for the few anchors that get as far
// as a name test: does some link name a section of `target` by `text`?
class SectionNames {
 public:
  SectionNames(const SiteGraph& g, const Reached& reached) : g_(g), reached_(reached), by_page_(g.fragment_links().size()) {
    for (std::uint32_t i = 0; i < by_page_.size(); ++i) by_page_[i] = i;
    std::sort(by_page_.begin(), by_page_.end(), [&](std::uint32_t x, std::uint32_t y) { return page(x) < page(y); });
  }
  [[nodiscard]] bool named(UrlId target, const std::string& text) const {
    auto it = std::lower_bound(by_page_.begin(), by_page_.end(), target, [&](std::uint32_t i, UrlId t) { return page(i) < t; });
    for (; it != by_page_.end() && page(*it) == target; ++it) {
      if (fragment_named(g_.fragment(g_.fragment_links()[*it].fragment), text)) return true;
    }
    return false;
  }

 private:
  [[nodiscard]] UrlId page(std::uint32_t i) const { return reached_.descriptive[g_.fragment_links()[i].target]; }
  const SiteGraph& g_;
  const Reached& reached_;
  std::vector<std::uint32_t> by_page_;
};

// generic-anchor and empty-anchor, once per (source, target). Anchors are classified once per
// distinct plain text, never per link: a site has millions of links and a few thousand texts.
// A generic word is no finding when it is code (<code>read</code>: basic_istream::read), the
// target's name, or an index entry (genindex: "continue" under "statement").
void generic_and_empty(const SiteGraph& g, const PlainAnchors& plain, const std::vector<std::uint8_t>& index,
                       std::vector<Finding>& out) {
  std::vector<std::uint8_t> is_generic(plain.text.size());
  for (std::size_t i = 0; i < plain.text.size(); ++i) is_generic[i] = is_generic_anchor(plain.text[i]) ? 1 : 0;
  std::set<std::pair<UrlId, UrlId>> seen_generic;
  std::set<std::pair<UrlId, UrlId>> seen_empty;
  // (source, target, name) of the fragment links whose section name is a generic word.
  std::set<std::tuple<UrlId, UrlId, std::string>> named_sections;
  for (const FragmentLink& l : g.fragment_links()) {
    if (std::string name = fragment_name(g.fragment(l.fragment)); is_generic_anchor(name)) named_sections.emplace(l.source, l.target, std::move(name));
  }
  for (const Link& link : g.links()) {
    if (!is_click_link(link.kind) || !g.page(link.source).internal) continue;
    const std::string_view anchor = g.anchor(link.anchor);
    const bool empty = anchor.empty();
    if (!empty && !is_generic[plain.of_anchor[link.anchor]]) continue;
    if (!empty) {
      if (link.code || index[link.source]) continue;
      const std::string& text = plain.text[plain.of_anchor[link.anchor]];
      if (text == url_slug(g.url(link.target)) || named_sections.count({link.source, link.target, text})) continue;
    }
    auto& seen = empty ? seen_empty : seen_generic;
    if (!seen.emplace(link.source, link.target).second) continue;
    Finding f = make_finding(empty ? "empty-anchor" : "generic-anchor", link.source, 0,
                     empty ? "a link with no text, alt, aria-label or title" : "the anchor text says nothing about the target");
    f.target = link.target;
    f.href = std::string(anchor);
    f.line = link.line;
    out.push_back(std::move(f));
  }
}

// anchor-overuse: most of a target's content inlinks use one exact anchor.
void overuse(const SiteGraph& g, const PlainAnchors& plain, const Reached& reached, const SectionNames& sections,
             const AuditOptions& options, std::vector<Finding>& out) {
  // Content links grouped by the page they reach; per target, its (source, plain anchor)
  // pairs, unique: `sources` pages link here, by_anchor[a] of them with anchor a.
  const LinkGroups by_target(g.size(), g.links(),
                             [&g, &reached](const Link& link) { return editorial_target(g, reached, link); });
  std::vector<std::pair<UrlId, std::uint32_t>> uses;
  std::map<std::uint32_t, std::uint32_t> by_anchor;
  for (UrlId target = 0; target < g.size(); ++target) {
    const auto group = by_target.of(target);
    if (group.size() < options.anchor_overuse_min) continue;
    uses.clear();
    // A code anchor (std::string in an example) names its target: it counts as a page linking
    // here, never as a keyword repeated.
    constexpr std::uint32_t kCode = 0xFFFFFFFFu;
    for (const std::uint32_t i : group) {
      const Link& link = g.links()[i];
      uses.emplace_back(link.source, link.code ? kCode : plain.of_anchor[link.anchor]);
    }
    std::sort(uses.begin(), uses.end());
    uses.erase(std::unique(uses.begin(), uses.end()), uses.end());
    std::uint32_t sources = 0;
    by_anchor.clear();
    for (std::size_t k = 0; k < uses.size(); ++k) {
      if (k == 0 || uses[k].first != uses[k - 1].first) ++sources;
      if (uses[k].second != kCode && !plain.text[uses[k].second].empty()) ++by_anchor[uses[k].second];
    }
    if (sources < options.anchor_overuse_min || by_anchor.empty()) continue;
    const auto top = std::max_element(by_anchor.begin(), by_anchor.end(),
                                      [](const auto& a, const auto& b) { return a.second < b.second; });
    const double share = static_cast<double>(top->second) / static_cast<double>(sources);
    if (share <= options.anchor_overuse_share) continue;
    const std::string& text = plain.text[top->first];
    // The target's name, or the name of the section the links point at (a badge "Part of the
    // Stable ABI" linking #stable-abi on hundreds of entries).
    if (names_target(g, target, text) || sections.named(target, text) || is_aside(text)) continue;
    Finding f = make_finding("anchor-overuse", target, 0,
                     std::to_string(top->second) + " of " + std::to_string(sources) +
                         " pages linking here from content use the same anchor '" + text + "'");
    f.href = text;
    f.count = top->second;
    out.push_back(std::move(f));
  }
}

// The folder two URLs share ("https://x/en/c/" for .../en/c/a.html and .../en/c/io/b.html).
std::string_view common_folder(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  const std::size_t slash = a.substr(0, n).rfind('/');
  return slash == std::string_view::npos ? std::string_view() : a.substr(0, slash + 1);
}

// The same words for the same topic in two parts of a site that never link across: C's and
// C++'s "translation phase 6", each linked only from its own language's pages. Per target, the
// folder it shares with every page linking it under the anchor is its context; when no
// target lies in another's context (and no page uses the anchor for two), a reader of one
// part never meets the other page under these words.
template <typename Group, typename TargetOf>
bool separate_contexts(const SiteGraph& g, const Group& group, const TargetOf& target_of, const std::map<UrlId, const Link*>& targets) {
  std::map<UrlId, std::string_view> context;
  for (const auto& [target, link] : targets) context[target] = g.url(target);
  std::map<UrlId, UrlId> user;  // source -> the one target it links under the anchor
  for (const std::uint32_t i : group) {
    const Link& link = g.links()[i];
    const UrlId target = target_of(link);
    if (const auto [it, added] = user.emplace(link.source, target); !added && it->second != target) return false;
    std::string_view& folder = context[target];
    folder = common_folder(folder, g.url(link.source));
  }
  for (const auto& [a, folder] : context) {
    for (const auto& [b, unused] : context) {
      if (a != b && (folder.empty() || g.url(b).starts_with(folder))) return false;
    }
  }
  return true;
}

// One name for several pages, each linked by it from its own context: `erf` for C's and C++'s
// erf.html, `what` for each exception class's what(). True when the anchor is the name of every
// target (names_target) and no page uses it for two of them, where a reader would meet the
// ambiguity (a blog post linking "brewing" to the category and to the tag page is a conflict).
// A link to a section counts as naming its target when the text names the section (the
// fragment's last word, as for generic-anchor): `tempfile` for whatsnew/3.11.html#tempfile.
template <typename Group, typename TargetOf, typename NamesSection>
bool homonyms(const SiteGraph& g, const Group& group, const TargetOf& target_of, const std::map<UrlId, const Link*>& targets,
              const NamesSection& names_section, const std::string& text) {
  for (const auto& [target, link] : targets) {
    if (!names_target(g, target, text) && !names_section(target, text)) return false;
  }
  std::vector<std::pair<UrlId, UrlId>> uses;  // (source, target)
  for (const std::uint32_t i : group) uses.emplace_back(g.links()[i].source, target_of(g.links()[i]));
  std::sort(uses.begin(), uses.end());
  uses.erase(std::unique(uses.begin(), uses.end()), uses.end());
  for (std::size_t k = 1; k < uses.size(); ++k) {
    if (uses[k].first == uses[k - 1].first) return false;  // one page, two targets
  }
  return true;
}

// A link whose words are read against the page holding it, not as a topic: from a page to one
// of its parts or to the page it is part of (deque.html's "swap" is deque's swap, and
// deque/swap.html's "deque" its class), or to its own version in another part of the tree (the
// "C++ documentation" link of each C page leads to that page's C++ twin).
bool relative_link(std::string_view source, std::string_view target) {
  return in_page_folder(target, source, true) || in_page_folder(source, target, true) || version_folder(source, target) != 0;
}

// Past this many targets an anchor is a label, not a name (conflict, topics).
constexpr std::size_t kLabelTargets = kAnchorLabelTargets;

// The number of topics among an anchor's targets: versions of one page are one topic while
// each page links the version of its own part of the site (/en/index.html linking C's and C++'s
// "error handling" from their columns). A page of one version linking another version's page
// (a C++ page linking the C page) leaves them two: its reader meets both under these words.
template <typename Group, typename TargetOf, typename ShownFirst>
std::size_t topics(const SiteGraph& g, const std::vector<UrlId>& targets, const Group& group, const TargetOf& target_of,
                   const ShownFirst& shown_first, std::map<UrlId, const Link*>& crossing) {
  if (targets.size() > kLabelTargets) return targets.size();
  // Per target, the links to it under the anchor.
  std::vector<std::vector<const Link*>> links(targets.size());
  for (const std::uint32_t k : group) {
    const Link& link = g.links()[k];
    const auto at = std::find(targets.begin(), targets.end(), target_of(link));
    if (at != targets.end()) links[static_cast<std::size_t>(at - targets.begin())].push_back(&link);
  }
  // A link to targets[i] from a page in `folder` (the other version's), noted as the one
  // to show an editor; false when there is none
  // (shown_first: as conflict() picks its example links).
  const auto crossed = [&](std::size_t i, std::string_view folder) {
    const Link* shown = nullptr;
    for (const Link* link : links[i]) {
      if (!g.url(link->source).starts_with(folder)) continue;
      if (shown == nullptr || shown_first(link, shown)) shown = link;
    }
    if (shown == nullptr) return false;
    const auto [it, added] = crossing.emplace(targets[i], shown);
    if (!added && shown_first(shown, it->second)) it->second = shown;
    return true;
  };
  // Every pair of versions, crossed or not: versions join into one topic (whatever the
  // targets' order), and a crossed pair keeps the anchor a conflict even when other versions
  // join its two pages.
  UnionFind topic(targets.size());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> crossed_pairs;
  for (std::uint32_t i = 0; i < targets.size(); ++i) {
    for (std::uint32_t j = 0; j < i; ++j) {
      const std::string_view a = g.url(targets[i]);
      const std::string_view b = g.url(targets[j]);
      const std::size_t a_folder = version_folder(a, b);
      if (a_folder == 0) continue;
      const std::size_t b_folder = version_folder(b, a);
      const bool i_crossed = crossed(i, b.substr(0, b_folder));
      const bool j_crossed = crossed(j, a.substr(0, a_folder));
      if (i_crossed || j_crossed) {
        crossed_pairs.emplace_back(i, j);
      } else {
        topic.unite(i, j);
      }
    }
  }
  std::size_t count = 0;
  for (std::uint32_t i = 0; i < targets.size(); ++i) count += topic.find(i) == i ? 1U : 0U;
  const bool crossed_within = std::any_of(crossed_pairs.begin(), crossed_pairs.end(), [&](const auto& p) { return topic.find(p.first) == topic.find(p.second); });
  return crossed_within ? std::max<std::size_t>(count, 2) : count;
}

// Whether every page using the words links with them one of the other pages they lead to,
// and only one: the words name how the pages relate ("the same example" from each of two pages
// to the other). A page using them for two targets shows its reader both.
template <typename TargetOf>
bool relation_words(const SiteGraph& g, const std::vector<std::uint32_t>& group, const TargetOf& target_of,
                    const std::map<UrlId, const Link*>& targets) {
  std::map<UrlId, UrlId> used;  // source -> its one target under the words
  for (const std::uint32_t i : group) {
    const Link& link = g.links()[i];
    if (targets.count(link.source) == 0) return false;
    const UrlId target = target_of(link);
    const auto [it, added] = used.emplace(link.source, target);
    if (!added && it->second != target) return false;
  }
  return true;
}

// Whether every target's title names `text` in code and one at least as a member.
bool code_names(const SiteGraph& g, const std::vector<UrlId>& targets, const std::string& text) {
  bool any_member = false;
  for (const UrlId target : targets) {
    const CodeName named = code_name(g, target, text);
    if (named == CodeName::kNone) return false;
    any_member = any_member || named == CodeName::kMember;
  }
  return any_member;
}

// anchor-conflict: one descriptive anchor text leads to different pages.
void conflict(const SiteGraph& g, const PlainAnchors& plain, const Reached& reached, const SectionNames& sections,
              const std::vector<std::uint8_t>& index, std::vector<Finding>& out) {
  const std::size_t first_finding = out.size();
  // An index (an A-Z index, a table of contents: more than --max-links links) lists one word
  // for several entries by design; its links take no part.
  std::vector<std::uint8_t> descriptive(plain.text.size());
  for (std::size_t i = 0; i < plain.text.size(); ++i) {
    const std::string& t = plain.text[i];
    descriptive[i] = !t.empty() && !is_generic_anchor(t) && !names_position(t) && !code_token(t) && !is_aside(t);
  }
  // The page a link with a descriptive anchor leads to (its canonical), or kNoUrl.
  auto any_target = [&](const Link& link) {
    const std::uint32_t a = plain.of_anchor[link.anchor];
    // Code (begin() of two classes) names members, not topics: no conflict.
    if (!descriptive[a] || link.code || !is_click_link(link.kind) || !followable(g, link) || !g.page(link.source).internal) {
      return kNoUrl;
    }
    if (index[link.source]) return kNoUrl;
    // A page's links to itself (footnote markers, back-references, "#section") name no other page.
    const UrlId target = reached.descriptive[link.target];
    return target == link.source || reached.final_target(link.target) == link.source ? kNoUrl : target;
  };
  // The same, past links read in context (a page's parts, its whole, its twin): kept apart
  // because it reads URLs, and most anchors have one target and never need it.
  auto target_of = [&](const Link& link) {
    const UrlId target = any_target(link);
    return target == kNoUrl || relative_link(g.url(link.source), g.url(target)) ? kNoUrl : target;
  };
  // Links grouped by plain anchor; per anchor, its distinct targets.
  const LinkGroups by_anchor(plain.text.size(), g.links(), [&](const Link& link) {
    return any_target(link) == kNoUrl ? kNoUrl : plain.of_anchor[link.anchor];
  });
  const auto names_section = [&sections](UrlId target, const std::string& text) { return sections.named(target, text); };
  // The example link of each target: from a page others link to (an editor reaches it; not an
  // orphan copy), then the first by source URL and line, so that the message reads the same
  // from one run to the next (a folder crawl's link order varies).
  const std::vector<std::uint8_t> linked = linked_pages(g);
  const auto shown_first = [&g, &linked](const Link* x, const Link* y) {
    if (linked[x->source] != linked[y->source]) return linked[x->source] > linked[y->source];
    const std::string_view ux = g.url(x->source);
    const std::string_view uy = g.url(y->source);
    return ux != uy ? ux < uy : x->line < y->line;
  };
  std::map<UrlId, const Link*> first_link;  // of one anchor: each target and its example link
  std::map<UrlId, const Link*> crossing;    // a target and a link to it from another version
  std::vector<UrlId> targets;
  std::vector<std::uint32_t> group;
  for (std::uint32_t a = 0; a < plain.text.size(); ++a) {
    const auto all = by_anchor.of(a);
    if (all.size() < 2) continue;
    const UrlId first = any_target(g.links()[all.front()]);
    if (std::all_of(all.begin(), all.end(), [&](std::uint32_t i) { return any_target(g.links()[i]) == first; })) continue;
    group.clear();
    first_link.clear();
    for (const std::uint32_t i : all) {
      const UrlId target = target_of(g.links()[i]);
      if (target == kNoUrl) continue;
      group.push_back(i);
      const Link* link = &g.links()[i];
      const auto [it, added] = first_link.emplace(target, link);
      if (!added && shown_first(link, it->second)) it->second = link;
    }
    if (first_link.size() < 2) continue;
    const std::string& text = plain.text[a];
    if (homonyms(g, group, target_of, first_link, names_section, text) || separate_contexts(g, group, target_of, first_link)) continue;
    // Members of several classes sharing a name (each class's swap, and std::swap).
    if (std::all_of(first_link.begin(), first_link.end(), [&](const auto& t) { return code_name(g, t.first, text) == CodeName::kMember; })) continue;
    // Words used only between the pages they lead to ("the same example" from each of two
    // pages to the other) name how the pages relate, not a topic: each reader meets one page.
    if (relation_words(g, group, target_of, first_link)) continue;
    // In URL order: the finding is named by its two first targets, so it keeps its key across
    // runs, and the versions are merged in one order whatever the crawl's.
    targets.clear();
    for (const auto& [target, link] : first_link) targets.push_back(target);
    std::sort(targets.begin(), targets.end(), [&g](UrlId x, UrlId y) { return g.url(x) < g.url(y); });
    crossing.clear();
    if (topics(g, targets, group, target_of, shown_first, crossing) < 2) continue;
    // A C function beside members of the same name (C's tolower, std::tolower and
    // std::ctype<CharT>::tolower): every title names the words in code, one at least as a
    // member. A page titled by the bare words alone is no code name ("Pricing" for two pages
    // is a conflict), and a page of one version linking the other's page under the name (a C
    // page linking C++'s srand) still misleads.
    if (crossing.empty() && targets.size() <= kLabelTargets && code_names(g, targets, text)) continue;
    // Each target with a page that links to it under this anchor, so an editor can find both.
    // A page of one version linking the other's page is the link to show for that target.
    const auto linked_from = [&](UrlId target) {
      const auto shown = crossing.find(target);
      const Link& link = shown != crossing.end() ? *shown->second : *first_link.at(target);
      return std::string(g.url(target)) + " (from " + std::string(g.url(link.source)) + " line " +
             std::to_string(link.line) + ")";
    };
    // Words that lead to more than kLabelTargets pages are a label each page puts on its own
    // link ("C documentation" on every C++ page, for its C counterpart): they name none of them.
    const bool label = targets.size() > kLabelTargets;
    std::string message = "the anchor '" + text + "' " + (label ? "is a label on links to " : "links to ") +
                          std::to_string(targets.size()) + " different pages" + (label ? ", naming none of them: " : ": ") +
                          linked_from(targets[0]) + ", " + linked_from(targets[1]);
    if (targets.size() > 2) message += " and " + std::to_string(targets.size() - 2) + " more";
    Finding f = make_finding("anchor-conflict", targets[0], 0, std::move(message));
    f.target = targets[1];
    f.href = text;
    f.count = static_cast<std::uint32_t>(targets.size());
    out.push_back(std::move(f));
  }
  // Anchors come in the order the crawl met them; two with the same first two targets keep
  // the order of their text instead (reports sort findings by rule, page and target only).
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first_finding), out.end(),
                   [](const Finding& a, const Finding& b) { return a.href < b.href; });
}

}  // namespace

std::vector<Finding> find_anchor_problems(const SiteGraph& g, const AuditOptions& options) {
  std::vector<Finding> out;
  // A graph where no link has any text is an edge list imported without an anchor column:
  // its anchors are unknown, not empty.
  const bool any_text = std::any_of(g.links().begin(), g.links().end(), [&](const Link& link) {
    return is_click_link(link.kind) && !g.anchor(link.anchor).empty();
  });
  if (!any_text) return out;
  const PlainAnchors plain = plain_anchors(g);
  const std::vector<std::uint8_t> index = index_pages(g, options.max_links);
  generic_and_empty(g, plain, index, out);
  const Reached reached(g);
  const SectionNames sections(g, reached);
  overuse(g, plain, reached, sections, options, out);
  conflict(g, plain, reached, sections, index, out);
  return out;
}

}  // namespace sitegraph
