#pragma once
// Small graphs for analyzer tests, built by hand the way the crawler would record them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/graph.hpp"

namespace sitegraph::testing {

class GraphBuilder {
 public:
  /// An internal page that answered `status` (200 pages count as parsed HTML).
  UrlId page(const std::string& path, int status = 200) {
    const UrlId id = result_.graph.add_url("https://site.test" + path);
    Page& p = result_.graph.page(id);
    p.internal = true;
    p.outcome = FetchOutcome::kResponse;
    p.status = status;
    p.fetched_html = status == 200;
    return id;
  }
  UrlId external(const std::string& url) { return result_.graph.add_url(url); }
  void link(UrlId from, UrlId to, std::uint8_t rel = kRelNone, LinkKind kind = LinkKind::kAnchor) {
    result_.graph.add_link({from, to, result_.graph.intern_anchor(""), 1, kind, rel, Placement::kContent});
  }
  void redirect(UrlId from, UrlId to) {
    result_.graph.page(from).redirect_to = to;
    result_.graph.page(from).status = 301;
    result_.graph.page(from).fetched_html = false;
    link(from, to, kRelNone, LinkKind::kRedirect);
  }
  Page& at(UrlId id) { return result_.graph.page(id); }
  CrawlResult& result() { return result_; }
  const SiteGraph& graph() const { return result_.graph; }

 private:
  CrawlResult result_;
};

/// A clicked link (<a>, line 1) with what the rules read from it: where it sits, its rel
/// flags and its anchor text ("text" unless given). GraphBuilder::link adds a bare content
/// link with an empty anchor.
inline void link(SiteGraph& g, UrlId from, UrlId to, Placement where = Placement::kContent, std::uint8_t rel = kRelNone,
                 std::string_view anchor = "text") {
  g.add_link({from, to, g.intern_anchor(anchor), 1, LinkKind::kAnchor, rel, where});
}

/// The paths (URL after https://site.test) of the findings of `rule`, in report order.
inline std::vector<std::string> urls_of(const Audit& audit, const SiteGraph& g, std::string_view rule) {
  std::vector<std::string> out;
  for (const Finding& f : audit.findings) {
    if (f.rule == rule) out.emplace_back(g.url(f.url).substr(std::string("https://site.test").size()));
  }
  return out;
}

}  // namespace sitegraph::testing
