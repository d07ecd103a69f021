// Anchor-text rules: what the words on a link tell search engines and readers about its target.

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "analyze/passes.hpp"
#include "analyze/link_index.hpp"
#include "analyze/make_finding.hpp"
#include "analyze/url_path.hpp"
#include "sitegraph/url.hpp"
#include "sitegraph/analyze.hpp"
#include "text/anchor_words.hpp"

namespace sitegraph {
namespace {

// The anchor as people read it: ASCII lowercase, runs of spaces collapsed, trailing
// punctuation and arrows dropped.
std::string plain_anchor(std::string_view anchor) {
  std::string out;
  for (const char c : anchor) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  for (bool trimmed = true; trimmed && !out.empty();) {
    trimmed = false;
    for (const std::string_view tail : {".", ":", "!", "?", " ", ">", "\xC2\xBB", "\xE2\x80\xBA", "\xE2\x80\xA6", "\xE2\x86\x92"}) {
      if (out.size() >= tail.size() && out.compare(out.size() - tail.size(), tail.size(), tail) == 0) {
        out.resize(out.size() - tail.size());
        trimmed = true;
      }
    }
  }
  return out;
}

bool generic(std::string_view plain) {
  static const std::set<std::string, std::less<>> kGeneric = {
      "click here", "here", "read more", "more", "learn more", "this", "link", "this link", "continue",
      "continue reading", "details", "more info", "more information", "go", "see more", "find out more",
      "click", "read", "view", "view more", "info", "page", "website", "this page", "full story"};
  return kGeneric.count(plain) != 0;
}

// Anchors that name a position, not a topic: navigation words and arrows (anchor_words.hpp),
// page numbers.
bool positional(std::string_view plain) {
  return positional_anchor(plain) || plain.find_first_not_of("0123456789 ") == std::string_view::npos;
}

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

// The last segment of a URL's path, without extension, lower-case, '-' and '_' as spaces:
// "continue" for .../keyword/continue.html. An anchor that reads as its target's name is
// descriptive even when the word is generic elsewhere (a language keyword `continue`, `this`).
std::string url_slug(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  std::string_view name = url.substr(url.rfind('/') + 1);
  if (const auto dot = name.find('.'); dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  std::string slug;
  for (const char c : name) slug += c == '-' || c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return slug;
}

// The last word of a fragment, lower-case: "continue" for #continue and #ast.Continue. A link
// whose generic-looking text is the name of the section it points at is descriptive.
std::string fragment_name(std::string_view fragment) {
  const auto cut = fragment.find_last_of(".:/-_ ");
  std::string name(cut == std::string_view::npos ? fragment : fragment.substr(cut + 1));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
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

std::set<std::string> name_words(std::string_view text);

// Whether `text` (a plain anchor) names the section `fragment` points at: its last word
// ("continue" for #ast.Continue), or all its words ("basic tutorial" for #basic-tutorial), or
// its last words ("stable abi" for #c-api-stable-abi), or its words in another number
// (Sphinx's glossary: "file objects" for #term-file-object).
bool fragment_named(std::string_view fragment, const std::string& text) {
  if (fragment_name(fragment) == text) return true;
  std::string words;
  for (const char c : fragment) {
    const bool separator = c == '-' || c == '_' || c == '.' || c == ':' || c == ' ';
    words += separator ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (words == text || (words.size() > text.size() && words.ends_with(text) && words[words.size() - text.size() - 1] == ' ')) {
    return true;
  }
  const std::set<std::string> anchor_words = name_words(text);
  const std::set<std::string> section_words = name_words(words);
  return !anchor_words.empty() && std::includes(section_words.begin(), section_words.end(), anchor_words.begin(), anchor_words.end());
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
  for (std::size_t i = 0; i < plain.text.size(); ++i) is_generic[i] = generic(plain.text[i]) ? 1 : 0;
  std::set<std::pair<UrlId, UrlId>> seen_generic;
  std::set<std::pair<UrlId, UrlId>> seen_empty;
  // (source, target, name) of the fragment links whose section name is a generic word.
  std::set<std::tuple<UrlId, UrlId, std::string>> named_sections;
  for (const FragmentLink& l : g.fragment_links()) {
    if (std::string name = fragment_name(g.fragment(l.fragment)); generic(name)) named_sections.emplace(l.source, l.target, std::move(name));
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

// The words of a name as compared by names_target: split at spaces and punctuation other than
// '_' (which joins an identifier), qualifiers before "::" dropped, a plural's "s" dropped,
// and the words that join others ("and", "of", "the", ...) left out.
std::set<std::string> name_words(std::string_view text) {
  static const std::set<std::string, std::less<>> kJoining = {"a", "an", "and", "of", "or", "the", "to", "in", "for", "with", "on"};
  std::set<std::string> words;
  std::string w;
  const auto flush = [&] {
    if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.pop_back();
    if (!w.empty() && !kJoining.count(w)) words.insert(w);
    w.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ':' && i + 1 < text.size() && text[i + 1] == ':') {  // std::string -> string
      w.clear();
      ++i;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80)) {
      w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

// True when `text` (a plain anchor) is the target's own name: its file name, or words of its
// title's main part (before " - " or " | ") between non-word characters, as "gamma_distribution"
// in "std::gamma_distribution - cppreference.com". Linking a page by its name every time is
// what a reference should do, not over-optimisation.
bool names_target(const SiteGraph& g, UrlId target, const std::string& text) {
  const std::string slug = url_slug(g.url(target));
  if (text == slug) return true;
  // One token holding the target's name: an identifier, or several run together by markup a
  // browser shows as lines (cppreference's "wcstof wcstod wcstold" for wcstof.html, read as
  // "wcstofwcstodwcstold"), or qualified ("map::rbegin").
  const auto squeeze = [](std::string_view s) {
    std::string out;
    for (const char c : s) {
      if (c != ' ' && c != '_' && c != '-') out.push_back(c);
    }
    return out;
  };
  if (const std::string name = squeeze(slug); name.size() >= 3 && text.find(' ') == std::string::npos &&
                                              squeeze(text).find(name) != std::string::npos) {
    return true;
  }
  std::string title = plain_anchor(g.text(target).title);
  for (const std::string_view separator : {" - ", " | ", " \xE2\x80\x94 ", " \xE2\x80\x93 "}) {
    if (const auto at = title.find(separator); at != std::string::npos && at > 0) title.resize(at);
  }
  const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); };
  for (auto at = title.find(text); !text.empty() && at != std::string::npos; at = title.find(text, at + 1)) {
    const bool starts = at == 0 || !word(title[at - 1]);
    const bool ends = at + text.size() == title.size() || !word(title[at + text.size()]);
    if (starts && ends) return true;
  }
  // The title's words in another order or number: "variable templates" for "Variable template",
  // "increment and decrement" for "Increment/decrement operators", "program utilities" for
  // "Program support utilities". Identifiers stay whole ("distribution" is not a word of
  // "gamma_distribution"); "std::" and other qualifiers are dropped.
  const std::set<std::string> title_words = name_words(title);
  const std::set<std::string> anchor_words = name_words(text);
  return !anchor_words.empty() && std::includes(title_words.begin(), title_words.end(), anchor_words.begin(), anchor_words.end());
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
    if (names_target(g, target, text) || sections.named(target, text)) continue;
    Finding f = make_finding("anchor-overuse", target, 0,
                     std::to_string(top->second) + " of " + std::to_string(sources) +
                         " pages linking here from content use the same anchor '" + text + "'");
    f.href = text;
    f.count = top->second;
    out.push_back(std::move(f));
  }
}

// One name for several pages, each linked by it from its own context: `erf` for C's and C++'s
// erf.html, `what` for each exception class's what(). True when the anchor is the name of every
// target (names_target) and no page uses it for two of them, where a reader would meet the
// ambiguity (a blog post linking "brewing" to the category and to the tag page is a conflict).
// A link to a section counts as naming its target when the text names the section (the
// fragment's last word, as for generic-anchor): `tempfile` for whatsnew/3.11.html#tempfile.
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

// A URL's path, query dropped, without its first '/': "en/cpp/error.html".
std::string_view path_part(std::string_view url) {
  const std::size_t start = path_start(url);
  if (start == std::string_view::npos) return {};
  url = url.substr(start + 1);
  return url.substr(0, url.find('?'));
}

// Two page names read as one: the same letters and digits, case, separators and extension aside,
// and a plural "s" ("keyword.html", "Keywords.htm", "key_word"). No allocation: it runs per link.
bool same_name(std::string_view x, std::string_view y) {
  const auto stem = [](std::string_view name) {
    const std::size_t dot = name.find('.');
    return dot != std::string_view::npos && dot > 0 ? name.substr(0, dot) : name;
  };
  x = stem(x);
  y = stem(y);
  const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  std::size_t i = 0;
  std::size_t j = 0;
  for (;;) {
    while (i < x.size() && !alnum(x[i])) ++i;
    while (j < y.size() && !alnum(y[j])) ++j;
    if (i == x.size() || j == y.size()) break;
    if (lower(x[i]) != lower(y[j])) return false;
    ++i;
    ++j;
  }
  const auto rest = [&](std::string_view s, std::size_t k) {  // what is left: nothing or a plural "s"
    std::size_t letters = 0;
    bool plural = false;
    for (; k < s.size(); ++k) {
      if (!alnum(s[k])) continue;
      ++letters;
      plural = lower(s[k]) == 's';
    }
    return letters == 0 || (letters == 1 && plural);
  };
  return rest(x, i) && rest(y, j);
}

// One topic in two versions of a site's tree: the same page name in folders that differ at
// one level only, as /en/c/error.html and /en/cpp/error.html (two languages of a reference),
// /docs/v1/install.html and /docs/v2/install.html, /de/about/ and /en/about/. The names are
// compared as words ("keyword" and "keywords" are one name). Returns the length of `a` up to
// and with the folder that differs ("https://x/en/cpp/": a's version), 0 when they are not
// versions of one page. Run per link: no allocation unless the folders match.
std::size_t version_folder(std::string_view a, std::string_view b) {
  const std::size_t host = path_start(a);
  if (host == std::string_view::npos || a.substr(0, host) != b.substr(0, path_start(b))) return 0;
  std::string_view x = path_part(a);
  std::string_view y = path_part(b);
  if (std::count(x.begin(), x.end(), '/') != std::count(y.begin(), y.end(), '/')) return 0;
  std::size_t differ = 0;
  std::size_t folder_end = 0;
  for (std::size_t offset = host + 1;;) {
    const std::size_t sx = x.find('/');
    if (sx == std::string_view::npos) break;  // x and y are now the page names
    const std::size_t sy = y.find('/');
    if (x.substr(0, sx) != y.substr(0, sy)) {
      ++differ;
      folder_end = offset + sx + 1;
    }
    offset += sx + 1;
    x.remove_prefix(sx + 1);
    y.remove_prefix(sy + 1);
  }
  return differ == 1 && same_name(x, y) ? folder_end : 0;
}

// A link whose words are read against the page holding it, not as a topic: from a page to one
// of its parts or to the page it is part of (deque.html's "swap" is deque's swap, and
// deque/swap.html's "deque" its class), or to its own version in another part of the tree (the
// "C++ documentation" link of each C page leads to that page's C++ twin).
bool relative_link(std::string_view source, std::string_view target) {
  return in_page_folder(target, source, true) || in_page_folder(source, target, true) || version_folder(source, target) != 0;
}

// The number of topics among an anchor's targets: versions of one page are one topic while
// each page links the version of its own part of the site (/en/index.html linking C's and C++'s
// "error handling" from their columns). A page of one version linking another version's page
// (a C++ page linking the C page) leaves them two: its reader meets both under these words.
// Past 64 targets the anchor is a label, not a name, and each target is its own topic.
template <typename Group, typename TargetOf>
std::size_t topics(const SiteGraph& g, const std::vector<UrlId>& targets, const Group& group, const TargetOf& target_of,
                   std::map<UrlId, const Link*>& crossing) {
  if (targets.size() > 64) return targets.size();
  // Per target, the links to it under the anchor.
  std::vector<std::vector<const Link*>> links(targets.size());
  for (const std::uint32_t k : group) {
    const Link& link = g.links()[k];
    const auto at = std::find(targets.begin(), targets.end(), target_of(link));
    if (at != targets.end()) links[static_cast<std::size_t>(at - targets.begin())].push_back(&link);
  }
  // A link to targets[i] from a page in `folder` (the other version's), noted as the one
  // to show an editor; false when there is none.
  const auto crossed = [&](std::size_t i, std::string_view folder) {
    for (const Link* link : links[i]) {
      if (g.url(link->source).starts_with(folder)) return crossing.emplace(targets[i], link), true;
    }
    return false;
  };
  std::vector<std::size_t> topic(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) topic[i] = i;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    for (std::size_t j = 0; j < i && topic[i] == i; ++j) {
      const std::string_view a = g.url(targets[i]);
      const std::string_view b = g.url(targets[j]);
      const std::size_t a_folder = version_folder(a, b);
      if (a_folder == 0) continue;
      const std::size_t b_folder = version_folder(b, a);
      const bool i_crossed = crossed(i, b.substr(0, b_folder));
      const bool j_crossed = crossed(j, a.substr(0, a_folder));
      if (!i_crossed && !j_crossed) topic[i] = topic[j];
    }
  }
  std::sort(topic.begin(), topic.end());
  return static_cast<std::size_t>(std::unique(topic.begin(), topic.end()) - topic.begin());
}

// Text that can only be a name in code: one token holding '_', "::" or "()", or an operator
// ("rand_max", "std::swap", "operator()", "operator==operator!="). Several classes of a library
// share such a name by design; it names a member, not a topic.
bool code_token(std::string_view text) {
  if (text.empty() || text.find(' ') != std::string_view::npos) return false;
  if (text.find('_') != std::string_view::npos || text.find("::") != std::string_view::npos || text.find("()") != std::string_view::npos) {
    return true;
  }
  return text.size() > 8 && text.starts_with("operator") && !std::isalpha(static_cast<unsigned char>(text[8]));
}

// Whether `target`'s title names it a member of something by `text`: the title's main part
// holds it right after "::" or "." and ends there or at a non-word character
// ("std::optional<T>::swap - cppreference.com" for "swap"), as a reference names its entries.
bool member_named(const SiteGraph& g, UrlId target, const std::string& text) {
  const std::string title = plain_anchor(g.text(target).title);
  const std::string_view main = std::string_view(title).substr(0, title.find(" - "));
  for (const std::string_view qualifier : {"::", "."}) {
    const std::string needle = std::string(qualifier) + text;
    for (auto at = main.find(needle); at != std::string_view::npos; at = main.find(needle, at + 1)) {
      const std::size_t end = at + needle.size();
      if (end == main.size() || !(std::isalnum(static_cast<unsigned char>(main[end])) || main[end] == '_')) return true;
    }
  }
  return false;
}

// anchor-conflict: one descriptive anchor text leads to different pages.
void conflict(const SiteGraph& g, const PlainAnchors& plain, const Reached& reached, const SectionNames& sections,
              const std::vector<std::uint8_t>& index, std::vector<Finding>& out) {
  // An index (an A-Z index, a table of contents: more than --max-links links) lists one word
  // for several entries by design; its links take no part.
  std::vector<std::uint8_t> descriptive(plain.text.size());
  for (std::size_t i = 0; i < plain.text.size(); ++i) {
    const std::string& t = plain.text[i];
    descriptive[i] = !t.empty() && !generic(t) && !positional(t) && !code_token(t);
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
  std::map<UrlId, const Link*> first_link;  // of one anchor: each target and its first link
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
      first_link.emplace(target, &g.links()[i]);
    }
    if (first_link.size() < 2) continue;
    const std::string& text = plain.text[a];
    if (homonyms(g, group, target_of, first_link, names_section, text) || separate_contexts(g, group, target_of, first_link)) continue;
    // Members of several classes sharing a name (each class's swap, and std::swap).
    if (std::all_of(first_link.begin(), first_link.end(), [&](const auto& t) { return member_named(g, t.first, text); })) continue;
    // In URL order: the finding is named by its two first targets, so it keeps its key across runs.
    targets.clear();
    for (const auto& [target, link] : first_link) targets.push_back(target);
    crossing.clear();
    if (topics(g, targets, group, target_of, crossing) < 2) continue;
    std::sort(targets.begin(), targets.end(), [&g](UrlId x, UrlId y) { return g.url(x) < g.url(y); });
    // Each target with a page that links to it under this anchor, so an editor can find both.
    // A page of one version linking the other's page is the link to show for that target.
    const auto linked_from = [&](UrlId target) {
      const auto shown = crossing.find(target);
      const Link& link = shown != crossing.end() ? *shown->second : *first_link.at(target);
      return std::string(g.url(target)) + " (from " + std::string(g.url(link.source)) + " line " +
             std::to_string(link.line) + ")";
    };
    std::string message = "the anchor '" + text + "' links to " + std::to_string(targets.size()) +
                          " different pages: " + linked_from(targets[0]) + ", " + linked_from(targets[1]);
    if (targets.size() > 2) message += " and " + std::to_string(targets.size() - 2) + " more";
    Finding f = make_finding("anchor-conflict", targets[0], 0, std::move(message));
    f.target = targets[1];
    f.href = text;
    f.count = static_cast<std::uint32_t>(targets.size());
    out.push_back(std::move(f));
  }
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
