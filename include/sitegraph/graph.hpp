#pragma once
// The link graph held in memory: every URL interned once, pages and links in compact
// arrays, and a CSR (compressed sparse row) view for the analyzers.

#include <algorithm>
#include <cstdint>
#include <deque>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sitegraph/extract.hpp"
#include "sitegraph/outcome.hpp"
#include "sitegraph/growable_array.hpp"

namespace sitegraph {

using UrlId = std::uint32_t;
inline constexpr UrlId kNoUrl = std::numeric_limits<UrlId>::max();

/// Interns strings: each distinct string stored once, addressed by a dense id.
class StringTable {
 public:
  /// Returns the id of `s`, adding it when new.
  std::uint32_t intern(std::string_view s);
  /// Returns the id of `s`, or kNoUrl when absent.
  [[nodiscard]] std::uint32_t find(std::string_view s) const;
  [[nodiscard]] std::string_view at(std::uint32_t id) const { return strings_[id]; }
  [[nodiscard]] std::size_t size() const { return strings_.size(); }

 private:
  std::deque<std::string> strings_;  // deque: element addresses stay valid as it grows
  std::unordered_map<std::string_view, std::uint32_t> index_;
};

/// One URL of the graph and what the crawl learnt about it.
struct Page {
  bool internal = false;     ///< in the crawl's scope
  bool in_sitemap = false;
  bool listed = false;       ///< in the --urls list of known pages
  bool seen_before = false;  ///< a 2xx HTML page of the --since crawl
  bool in_folder = false;    ///< an HTML file of the audited folder (folder mode)
  bool fetched_html = false; ///< a 2xx text/html body was parsed
  bool noindex = false;      ///< meta robots or X-Robots-Tag
  bool nofollow = false;     ///< meta robots or X-Robots-Tag: none of its links count
  bool revalidated = false;  ///< unchanged since --since (a 304, or same_body): links reused, not parsed
  bool same_body = false;    ///< revalidated by its body: a 2xx whose body hash equals the --since crawl's
  bool soft_404 = false;     ///< answers 2xx with what the site answers for a URL that cannot exist (crawl.soft_404_probes)
  FetchOutcome outcome = FetchOutcome::kNotFetched;
  int status = 0;            ///< HTTP status when outcome == kResponse
  UrlId redirect_to = kNoUrl;
  UrlId canonical = kNoUrl;
  std::uint32_t bytes = 0;
  float seconds = 0;             ///< response time over HTTP, request to last byte; 0 = not measured (folder, WARC)
  float first_byte_seconds = 0;  ///< time to first byte over HTTP; 0 = not measured
};

/// The text a page came with, kept apart from Page so the analyzers' passes over pages
/// touch only small records (SiteGraph::text).
struct PageText {
  std::string content_type;
  std::string title;
  std::string heading;        ///< the first <h1>'s text (ExtractedPage::heading)
  std::string etag;           ///< validators for the next run's conditional requests
  std::string last_modified;
  std::uint64_t body_hash = 0;  ///< a 2xx body's hash (io/hash.hpp), for the next run's --since; 0 = none
};

struct Link {
  UrlId source = kNoUrl;
  UrlId target = kNoUrl;
  std::uint32_t anchor = 0;  ///< id in SiteGraph::anchors()
  std::uint32_t line = 0;
  LinkKind kind = LinkKind::kAnchor;
  std::uint8_t rel = kRelNone;
  Placement placement = Placement::kContent;
  bool code = false;  ///< the anchor is code (RawLink::code): an identifier, never a generic anchor
};
static_assert(sizeof(Link) == 20, "a Link is 20 bytes: millions of them are held");

/// An <a>/<area> link whose href has a fragment ("page.html#usage", "#usage"), kept apart
/// from Link so links without one (most) cost nothing more. Only links to internal pages are
/// kept, one per (source, target, fragment), the first line.
struct FragmentLink {
  UrlId source = kNoUrl;
  UrlId target = kNoUrl;        ///< the page as linked (before redirects); the page itself for "#usage"
  std::uint32_t fragment = 0;   ///< id in SiteGraph::fragments(), as written (not percent-decoded)
  std::uint32_t line = 0;
};

/// The graph's links: a std::vector-like array that grows without a copy (growable_array.hpp).
using LinkList = GrowableArray<Link>;

/// Compressed sparse rows: the neighbours of node i are targets[offsets[i]..offsets[i+1]).
struct Csr {
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> targets;
  [[nodiscard]] std::size_t nodes() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  [[nodiscard]] std::span<const std::uint32_t> row(std::size_t i) const {
    return {targets.data() + offsets[i], offsets[i + 1] - offsets[i]};
  }
};

/// Builds a CSR over `nodes` nodes from (source, target) pairs.
Csr build_csr(std::size_t nodes, std::span<const std::pair<std::uint32_t, std::uint32_t>> edges);

class SiteGraph {
 public:
  SiteGraph() = default;
  // Not copyable: the URL index views strings the table owns. Moving keeps them valid.
  SiteGraph(const SiteGraph&) = delete;
  SiteGraph& operator=(const SiteGraph&) = delete;
  SiteGraph(SiteGraph&&) = default;
  SiteGraph& operator=(SiteGraph&&) = default;

  /// Returns the page of `url`, adding an empty one when new.
  UrlId add_url(std::string_view url);
  [[nodiscard]] UrlId find(std::string_view url) const { return urls_.find(url); }
  [[nodiscard]] std::string_view url(UrlId id) const { return urls_.at(id); }
  [[nodiscard]] std::size_t size() const { return pages_.size(); }

  Page& page(UrlId id) { return pages_[id]; }
  [[nodiscard]] const Page& page(UrlId id) const { return pages_[id]; }
  PageText& text(UrlId id) { return texts_[id]; }
  [[nodiscard]] const PageText& text(UrlId id) const { return texts_[id]; }

  void add_link(const Link& link) { links_.push_back(link); }
  /// Removes the links `drop` is true for (their weights too), and the fragment links with the
  /// same source and target; the others keep their order. Returns how many links went.
  template <class Drop>
  std::size_t remove_links(Drop drop) {
    std::size_t kept = 0;
    std::vector<std::pair<UrlId, UrlId>> gone;
    for (std::size_t i = 0; i < links_.size(); ++i) {
      if (drop(links_[i])) {
        gone.emplace_back(links_[i].source, links_[i].target);
        continue;
      }
      if (i < link_weights_.size()) link_weights_[kept] = link_weights_[i];
      if (i < link_blocks_.size()) link_blocks_[kept] = link_blocks_[i];
      links_[kept++] = links_[i];
    }
    const std::size_t removed = links_.size() - kept;
    links_.truncate(kept);
    if (link_weights_.size() > kept) link_weights_.resize(kept);
    if (link_blocks_.size() > kept) link_blocks_.resize(kept);
    std::sort(gone.begin(), gone.end());
    std::erase_if(fragment_links_, [&](const FragmentLink& f) { return std::binary_search(gone.begin(), gone.end(), std::pair{f.source, f.target}); });
    return removed;
  }
  /// A link and where it sits in its page (RawLink::block), for mark_template_links. Links
  /// added without one have block 0; kJudgedBlock marks a link whose placement an earlier
  /// crawl judged already.
  void add_link(const Link& link, std::uint32_t block) {
    link_blocks_.resize(links_.size(), 0);
    links_.push_back(link);
    link_blocks_.push_back(block);
  }
  /// Per link, parallel to links() while the crawl runs (may be shorter: missing ones are 0).
  [[nodiscard]] const std::vector<std::uint32_t>& link_blocks() const { return link_blocks_; }
  /// Frees link_blocks() once the template links are marked.
  void drop_link_blocks() { std::vector<std::uint32_t>().swap(link_blocks_); }
  /// An imported link with a weight (edge lists); once used, every link has one.
  void add_weighted_link(const Link& link, float weight) {
    link_weights_.resize(links_.size(), 1.0f);
    links_.push_back(link);
    link_weights_.push_back(weight);
  }
  /// Per link, parallel to links(); empty for crawled graphs (every link weighs 1).
  [[nodiscard]] const std::vector<float>& link_weights() const { return link_weights_; }
  /// Replaces every link's weight (a snapshot of an imported graph); one per link.
  void set_link_weights(std::vector<float> weights) { link_weights_ = std::move(weights); }
  std::uint32_t intern_anchor(std::string_view text) { return anchors_.intern(text); }
  [[nodiscard]] std::string_view anchor(std::uint32_t id) const { return anchors_.at(id); }
  [[nodiscard]] std::size_t anchor_count() const { return anchors_.size(); }
  [[nodiscard]] const LinkList& links() const { return links_; }
  LinkList& mutable_links() { return links_; }

  /// Records the ids a fetched HTML page defines (every element's id, every <a name>), as
  /// fragment_hash values. A page never given any has unknown ids, and its fragments are not judged.
  void set_fragment_ids(UrlId id, std::vector<std::uint32_t> hashes);
  /// Whether the page's ids are known: false when it was not fetched as HTML, or was read
  /// from a snapshot written before ids were kept.
  [[nodiscard]] bool has_fragment_ids(UrlId id) const { return id < id_spans_.size() && id_spans_[id].count != kUnknownIds; }
  /// Whether the page's HTML was read (this crawl, an unchanged page reused by --since, or a
  /// snapshot of either): what it says (its title, its content) is known. Not for pages of an
  /// edge list or an empty body.
  [[nodiscard]] bool was_parsed(UrlId id) const { return has_fragment_ids(id); }
  /// The sorted, unique id hashes of a page; empty when unknown.
  [[nodiscard]] std::span<const std::uint32_t> fragment_id_hashes(UrlId id) const;
  std::uint32_t intern_fragment(std::string_view fragment) { return fragments_.intern(fragment); }
  [[nodiscard]] std::string_view fragment(std::uint32_t id) const { return fragments_.at(id); }
  void add_fragment_link(const FragmentLink& link) { fragment_links_.push_back(link); }
  [[nodiscard]] const std::vector<FragmentLink>& fragment_links() const { return fragment_links_; }

  /// Records what a parsed page's main content is (the duplicate rules' input).
  void set_content(UrlId id, const ContentFingerprint& content) {
    if (content == ContentFingerprint{}) return;
    if (contents_.size() <= id) contents_.resize(pages_.size());
    contents_[id] = content;
  }
  /// The page's content fingerprint; all zero when it has none (not parsed, no text, or read
  /// from a snapshot written before fingerprints were kept).
  [[nodiscard]] const ContentFingerprint& content(UrlId id) const {
    static const ContentFingerprint kNone;
    return id < contents_.size() ? contents_[id] : kNone;
  }

  /// Records what a parsed page is about (the link planner's input).
  void set_terms(UrlId id, const TermSketch& terms) {
    if (terms.count[0] == 0) return;
    if (terms_.size() <= id) terms_.resize(pages_.size());
    terms_[id] = terms;
  }
  /// The page's term sketch; empty when it has none (not parsed, no words, or read from a
  /// snapshot written before sketches were kept).
  [[nodiscard]] const TermSketch& terms(UrlId id) const {
    static const TermSketch kNone;
    return id < terms_.size() ? terms_[id] : kNone;
  }

  /// Follows redirect_to from `id` until a page that does not redirect. Returns kNoUrl
  /// for a loop or a chain longer than max_hops.
  [[nodiscard]] UrlId final_target(UrlId id, int max_hops = 20) const;

 private:
  StringTable urls_;
  StringTable anchors_;
  std::vector<Page> pages_;
  std::vector<PageText> texts_;
  LinkList links_;
  std::vector<float> link_weights_;
  std::vector<std::uint32_t> link_blocks_;  // RawLink::block per link during a crawl
  // Page ids as hashes: one pool, a (offset, count) per page; kUnknownIds when never set.
  static constexpr std::uint32_t kUnknownIds = 0xFFFFFFFFu;
  struct IdSpan {
    std::uint32_t offset = 0;
    std::uint32_t count = kUnknownIds;
  };
  std::vector<std::uint32_t> id_hashes_;
  std::vector<IdSpan> id_spans_;
  StringTable fragments_;
  std::vector<FragmentLink> fragment_links_;
  std::vector<ContentFingerprint> contents_;  // per page once any is set; grows to the pages then
  std::vector<TermSketch> terms_;             // the same
};

struct TemplateOptions {
  std::size_t min_pages = 5;  ///< folders with fewer HTML pages are left alone
  double share = 0.6;         ///< a link on at least this share of a folder's pages is template
};

/// Marks as Placement::kTemplate the content-placed <a>/<area> links (same target, same
/// anchor, same block: SiteGraph::link_blocks) that appear on at least `share` of the HTML
/// pages of some folder of the site (the host's root, /docs/, /docs/api/, ...; folders with
/// fewer than `min_pages` pages are not judged): the navigation of sites without
/// <nav>/<header>/<footer> markup. The same words linking the same page in running text are
/// another block, and stay content. Returns how many links were marked.
std::size_t mark_template_links(SiteGraph& graph, const TemplateOptions& options = {});

/// The block of a link taken from an earlier crawl with its placement (--since reuses an
/// unchanged page's links): mark_template_links leaves it as that crawl judged it. Judged
/// again on target and anchor alone (block 0), links from every unchanged page fell into
/// groups their blocks had kept apart, and more of them became template.
inline constexpr std::uint32_t kJudgedBlock = 0xffffffffU;

/// A page both PageRank models rank: internal, fetched as 2xx HTML.
inline bool is_ranked(const Page& p) { return p.internal && p.fetched_html && p.status / 100 == 2 && !p.soft_404; }

/// A link counts for depth and PageRank: <a>/<area>, no nofollow/ugc/sponsored rel, from
/// a page without meta nofollow. Inline: the analyzers ask it of every link, several times.
inline bool followable(const SiteGraph& graph, const Link& link) {
  if (link.kind != LinkKind::kAnchor && link.kind != LinkKind::kArea) return false;
  if ((link.rel & (kRelNofollow | kRelUgc | kRelSponsored)) != 0) return false;
  return !graph.page(link.source).nofollow;
}

}  // namespace sitegraph
