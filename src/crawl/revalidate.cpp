// --since: conditional requests and 304 reuse (revalidate.hpp).

#include "crawl/revalidate.hpp"

#include <utility>

namespace sitegraph {

std::vector<std::string> Revalidation::pages_in(const Scope& scope) const {
  const SiteGraph& old = previous_.graph;
  std::vector<std::string> urls;
  for (UrlId old_id = 0; old_id < old.size(); ++old_id) {
    const Page& p = old.page(old_id);
    if (!p.internal || !p.fetched_html || p.status / 100 != 2) continue;
    std::string url(old.url(old_id));
    if (scope.contains(url)) urls.push_back(std::move(url));
  }
  return urls;
}

// A page can be revalidated when the previous crawl parsed it (and, for a 304, kept a
// validator for it).
UrlId Revalidation::usable_page(std::string_view url, bool with_validator) const {
  const SiteGraph& old = previous_.graph;
  const UrlId id = old.find(url);
  if (id == kNoUrl) return kNoUrl;
  const Page& p = old.page(id);
  const bool validator = !old.text(id).etag.empty() || !old.text(id).last_modified.empty();
  const bool usable = p.fetched_html && p.status / 100 == 2 && (validator || !with_validator);
  return usable ? id : kNoUrl;
}

bool Revalidation::same_body(std::string_view url, std::uint64_t body_hash) const {
  const UrlId old = usable_page(url, false);
  if (old == kNoUrl || body_hash == 0 || previous_.graph.text(old).body_hash != body_hash) return false;
  const Page& before = previous_.graph.page(old);
  // Parsed again when the record is not whole (a page a resumed crawl restored from its
  // journal has no ids, fingerprint or sketch), or when its directives may have come from a
  // header this response no longer sends (the record does not tell meta from X-Robots-Tag).
  return previous_.graph.has_fragment_ids(old) && !before.noindex && !before.nofollow;
}

void Revalidation::add_validators(FetchRequest& request) const {
  if (const UrlId old = usable_page(request.url); old != kNoUrl) {
    request.if_none_match = previous_.graph.text(old).etag;
    request.if_modified_since = previous_.graph.text(old).last_modified;
  }
}

void Revalidation::reuse(CrawlState& state, UrlId id, const AddUrl& add_url, const RecordLink& record_link) {
  const SiteGraph& old = previous_.graph;
  const UrlId old_id = old.find(state.graph().url(id));
  const Page& before = old.page(old_id);
  Page& page = state.graph().page(id);
  // A 304 has neither a status of its own to keep nor a body; a 2xx brought the same body.
  const bool not_modified = page.status == 304;
  page.same_body = !not_modified;
  if (not_modified) {
    page.status = before.status;
    page.bytes = before.bytes;
  }
  page.fetched_html = true;
  page.revalidated = true;
  page.noindex = page.noindex || before.noindex;
  page.nofollow = page.nofollow || before.nofollow;
  PageText& text = state.graph().text(id);
  if (not_modified) text.content_type = old.text(old_id).content_type;
  if (text.body_hash == 0) text.body_hash = old.text(old_id).body_hash;
  text.title = old.text(old_id).title;
  text.heading = old.text(old_id).heading;
  state.graph().set_content(id, old.content(old_id));
  state.graph().set_terms(id, old.terms(old_id));
  // A 304 need not repeat the validators; a 2xx without them has none now.
  if (not_modified && text.etag.empty()) text.etag = old.text(old_id).etag;
  if (not_modified && text.last_modified.empty()) text.last_modified = old.text(old_id).last_modified;
  if (link_offsets_.empty()) index_links();
  for (std::uint32_t i = link_offsets_[old_id]; i < link_offsets_[old_id + 1]; ++i) {
    const Link& l = old.links()[link_order_[i]];
    const bool from_header = l.placement == Placement::kHeader && (l.kind == LinkKind::kCanonical || l.kind == LinkKind::kAlternate) && l.line == 0;
    if (from_header && !not_modified) continue;
    const UrlId target = add_url(std::string(old.url(l.target)));
    record_link({id, target, state.graph().intern_anchor(old.anchor(l.anchor)), l.line, l.kind, l.rel, l.placement, l.code});
  }
  reuse_fragments(state, id, old_id, add_url);
  reuse_invalid_hrefs(state, id, old_id);
}

// The page's hrefs that were no URL, so that invalid-url reports them on a page not parsed again.
void Revalidation::reuse_invalid_hrefs(CrawlState& state, UrlId id, UrlId old_id) {
  const std::vector<InvalidHref>& all = previous_.invalid_hrefs;
  if (all.empty()) return;
  if (invalid_by_page_.nodes() == 0) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> by_page;
    for (std::uint32_t i = 0; i < all.size(); ++i) {
      if (all[i].page < previous_.graph.size()) by_page.emplace_back(all[i].page, i);
    }
    invalid_by_page_ = build_csr(previous_.graph.size(), by_page);
  }
  for (const std::uint32_t i : invalid_by_page_.row(old_id)) {
    state.result.invalid_hrefs.push_back({id, all[i].href, all[i].line, all[i].too_long});
  }
}

// What broken-fragment needs of an unchanged page: the ids it defines, its fragment links.
void Revalidation::reuse_fragments(CrawlState& state, UrlId id, UrlId old_id, const AddUrl& add_url) {
  const SiteGraph& old = previous_.graph;
  SiteGraph& graph = state.graph();
  if (old.has_fragment_ids(old_id)) {
    const auto ids = old.fragment_id_hashes(old_id);
    graph.set_fragment_ids(id, std::vector<std::uint32_t>(ids.begin(), ids.end()));
  }
  if (fragment_links_.nodes() == 0) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> by_source;
    for (std::uint32_t i = 0; i < old.fragment_links().size(); ++i) by_source.emplace_back(old.fragment_links()[i].source, i);
    fragment_links_ = build_csr(old.size(), by_source);
  }
  for (const std::uint32_t i : fragment_links_.row(old_id)) {
    const FragmentLink& l = old.fragment_links()[i];
    const UrlId target = add_url(std::string(old.url(l.target)));
    graph.add_fragment_link({id, target, graph.intern_fragment(old.fragment(l.fragment)), l.line});
  }
}

// The previous crawl's links grouped by source page; redirects are not links of a page body.
void Revalidation::index_links() {
  const SiteGraph& old = previous_.graph;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_source;
  for (std::uint32_t i = 0; i < old.links().size(); ++i) {
    if (old.links()[i].kind != LinkKind::kRedirect) by_source.emplace_back(old.links()[i].source, i);
  }
  Csr csr = build_csr(old.size(), by_source);
  link_offsets_ = std::move(csr.offsets);
  link_order_ = std::move(csr.targets);
}

}  // namespace sitegraph
