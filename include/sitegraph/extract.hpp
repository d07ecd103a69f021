#pragma once
// The extract stage: one HTML document in, raw links and page directives out. Links come
// out as written (unresolved); resolving them is the url stage's job.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sitegraph {

/// Where a link sits in the page, from its nearest enclosing landmark element (HTML5
/// sectioning elements or ARIA landmark roles); kTemplate is set after the crawl for links
/// repeated on most pages of a section (graph.hpp, mark_template_links).
enum class Placement : std::uint8_t { kContent, kHeader, kNav, kFooter, kAside, kTemplate };

/// What a URL found in a page is. Values are stored in snapshots: append, never renumber.
enum class LinkKind : std::uint8_t {
  kAnchor,      ///< <a href>
  kArea,        ///< <area href>
  kCanonical,   ///< <link rel=canonical>, or an HTTP Link: <...>; rel=canonical header
  kRedirect,    ///< HTTP 3xx Location (added by the crawler, never by the extractor)
  kAlternate,   ///< <link rel=alternate hreflang=..>; the anchor holds the hreflang code
  kNext,        ///< <link rel=next>
  kPrev,        ///< <link rel=prev> or rel=previous
  kRefresh,     ///< <meta http-equiv=refresh content="N; url=...">
  kIframe,      ///< <iframe src>
  kImage,       ///< <img src>, each <img srcset> candidate; the anchor holds the alt text
  kScript,      ///< <script src>
  kStylesheet,  ///< <link rel=stylesheet>
  kMedia,       ///< <source src/srcset>, <video src/poster>, <audio src>
  kIcon,        ///< <link rel=icon>, "shortcut icon", apple-touch-icon, mask-icon; <link rel=manifest>
  kCssUrl,      ///< url(...) in a style attribute, a <style> element or a style sheet (images, fonts)
};
inline constexpr LinkKind kLastLinkKind = LinkKind::kCssUrl;

/// A link a visitor can follow by clicking: <a> and <area>.
constexpr bool is_click_link(LinkKind k) { return k == LinkKind::kAnchor || k == LinkKind::kArea; }
/// A resource the page loads (never crawled as a page).
constexpr bool is_resource(LinkKind k) { return k >= LinkKind::kImage; }
/// A document a crawler fetches and parses when it is on the site.
constexpr bool is_page_target(LinkKind k) { return !is_resource(k) && k != LinkKind::kRedirect; }

/// rel tokens that change what a link passes (bit flags).
enum RelFlag : std::uint8_t {
  kRelNone = 0,
  kRelNofollow = 1,
  kRelUgc = 2,
  kRelSponsored = 4,
};

std::string_view placement_name(Placement placement);
std::string_view link_kind_name(LinkKind kind);
/// The rel keywords of a link's rel flags, space-separated ("nofollow ugc"); empty for none.
std::string rel_names(std::uint8_t rel);

struct RawLink {
  std::string href;     ///< attribute value as written (entities decoded by the parser)
  std::string anchor;   ///< whitespace-collapsed text; an image's alt when only images
  LinkKind kind = LinkKind::kAnchor;
  std::uint8_t rel = kRelNone;
  Placement placement = Placement::kContent;
  bool code = false;       ///< the anchor is code: inside <code>, <kbd>, <samp>, <tt> or <var>, or all its text is
  std::uint32_t line = 0;  ///< 1-based source line of the element
  /// Where the link sits in the page: a hash of its ancestors' tags, classes and positions
  /// (0 for URLs that are not <a>/<area>). The same block repeated on many pages (a footer)
  /// gives its links the same value on each; a link in running text almost never does.
  std::uint32_t block = 0;
};

/// What a page's main content is, for the duplicate rules (docs/rules.md, "Duplicate
/// content"). Its text is the words outside <head>, <header>, <nav>, <footer>, <aside> (and
/// their ARIA roles), <script>, <style>, <noscript> and <template>; its main text is that
/// text inside <main> (or role=main) when the page has one, less the blocks that are mostly
/// link text (menus, link lists). 40 bytes; 0 is "none".
struct ContentFingerprint {
  std::uint64_t exact = 0;        ///< hash of the text's words in order, lowercased; 0 without words
  std::uint64_t simhash = 0;      ///< SimHash of the main text's 3-word shingles: near-duplicates differ in few bits
  std::uint64_t description = 0;  ///< hash of the meta description, whitespace-collapsed, lowercased; 0 without one
  std::uint32_t words = 0;        ///< words of the text
  std::uint32_t main_words = 0;   ///< words of the main text (the SimHash's)
  /// A second SimHash of the same shingles (each shingle hashed again): 128 bits in all, so
  /// that among a million pages two unrelated ones are not near by chance.
  std::uint64_t simhash_high = 0;
  bool operator==(const ContentFingerprint&) const = default;
};

/// What a page is about, for the link planner's relevance: its most frequent terms (words of
/// its main text, and of its title and first heading counted three times, less stop words and
/// numbers; src/text/terms.hpp), hashed. 24 terms of 6 bytes, sorted by hash; a count of 0
/// ends the list (a page with fewer terms).
struct TermSketch {
  static constexpr std::size_t kTerms = 24;
  std::array<std::uint32_t, kTerms> term{};
  std::array<std::uint16_t, kTerms> count{};
  [[nodiscard]] std::size_t size() const {
    std::size_t n = 0;
    while (n < kTerms && count[n] != 0) ++n;
    return n;
  }
  bool operator==(const TermSketch&) const = default;
};

struct ExtractedPage {
  std::string title;
  std::string heading;  ///< the text of the first <h1>, whitespace-collapsed; empty when none
  ContentFingerprint content;
  TermSketch terms;
  std::string base_href;  ///< first <base href>, empty when none
  bool noindex = false;   ///< <meta name=robots> noindex or none
  bool nofollow = false;  ///< <meta name=robots> nofollow or none
  /// Every URL of the page, in document order, as its LinkKind: links (<a>, <area>), <link>
  /// relations (canonical, hreflang alternate, next, prev, stylesheet), meta refresh, <iframe>,
  /// and resources (<img> src and srcset, <script src>, <source>, <video>, <audio>, icons, CSS
  /// url() and @import in style attributes and <style>). Every kind but kRedirect, which only
  /// the crawler adds.
  std::vector<RawLink> links;
  /// fragment_hash of every id a link's fragment can point at (WHATWG HTML §7.4.6.3 "find a
  /// potential indicated element"): each element's id, each <a name>; unsorted, may repeat.
  std::vector<std::uint32_t> fragment_ids;
};

/// The 32-bit hash page ids are kept as (FNV-1a): a link's fragment is compared by hash, so a
/// collision (about n in 2^32 for a page of n ids) can only hide a broken fragment, never
/// report one.
std::uint32_t fragment_hash(std::string_view id);

/// Parses html with gumbo (WHATWG HTML parsing, so broken markup is read as browsers
/// read it) and extracts links, resources and directives. `agent` is the crawler's product
/// token (lowercase, "googlebot"): <meta name=AGENT> directives apply like <meta name=robots>.
/// Never throws on malformed input.
ExtractedPage extract_links(std::string_view html, std::string_view agent = {});

/// Where a page's text names another page: the words (`phrase`) in one sentence of the
/// page's content, both as the page has them (entities decoded, whitespace collapsed), and
/// the source line the phrase starts on.
struct PhraseMatch {
  std::string phrase;
  std::string sentence;
  std::uint32_t line = 0;
  double cover = 0;  ///< the share of the best-matched name's weight the phrase holds (0-1)
};

/// The phrase of `html`'s content text that best names a page known by `names` (its title,
/// its first heading, a keyword): a run of words whose every word but stop words is a word
/// of a name, scored by the weights of the distinct name words it holds (`weight`: a term
/// hash's weight, its idf; a word on every page, such as the site's name, weighs nothing).
/// Only text a reader sees as content is searched: not <head>, scripts, headings, <pre>, text
/// inside links, or the header, nav, footer and aside landmarks; a phrase in inline code
/// (an identifier) counts half; a sentence of fewer than four words, or with no stop word
/// outside code (a signature, a list of names), is not prose and is skipped. nullopt when no
/// run holds at least `min_cover` of a name's weight.
std::optional<PhraseMatch> find_phrase(std::string_view html, const std::vector<std::string>& names,
                                       const std::function<double(std::uint32_t)>& weight, double min_cover);

/// The main text of a page as ContentFingerprint::simhash reads it (whitespace-collapsed,
/// runs separated by a space): for tests, and for checking a near-duplicate by hand.
std::string main_text(std::string_view html);

/// Reads robots directives (noindex, nofollow, none) from a meta robots content into the
/// two flags; other tokens are ignored.
void apply_robots_directives(std::string_view value, bool& noindex, bool& nofollow);

/// Reads an X-Robots-Tag header value: directives after a "name:" prefix apply only when
/// the name is `agent` ("googlebot: noindex, nofollow"); unprefixed ones apply to all.
void apply_x_robots_tag(std::string_view value, std::string_view agent, bool& noindex, bool& nofollow);

/// The URLs of a srcset attribute (WHATWG HTML §4.8.4.2.3), descriptors dropped.
std::vector<std::string> srcset_urls(std::string_view srcset);

/// A URL a style sheet loads: `url(...)` (an image, a font) or an `@import`ed style sheet.
struct CssReference {
  std::string url;         ///< as written, CSS escapes decoded
  bool import = false;     ///< an @import rule's style sheet
  std::uint32_t line = 0;  ///< 0-based line within the CSS text
};

/// The url() tokens and @import rules of CSS text (CSS Syntax Level 3 tokenisation: comments
/// skipped, strings and escapes decoded), in order; empty urls dropped. Never throws.
std::vector<CssReference> css_references(std::string_view css);

/// The URL of a meta refresh content value ("5; url='/next'"), empty when none.
std::string refresh_url(std::string_view content);

/// One entry of an HTTP Link header (RFC 8288): its target as written, its rel keywords
/// (lowercased), its hreflang parameter.
struct LinkHeaderEntry {
  std::string url;
  std::vector<std::string> rels;
  std::string hreflang;
};

/// The entries of a Link header value (several headers comma-joined); entries without a <URI>
/// are skipped. Never throws.
std::vector<LinkHeaderEntry> parse_link_header(std::string_view value);

/// The target of the first Link header entry with rel=canonical, empty when none.
std::string canonical_from_link_header(std::string_view value);

}  // namespace sitegraph
