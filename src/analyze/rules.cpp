// The rule catalogue: every rule id a finding can carry, its default severity and heading.
// docs/rules.md explains each; reports, --fail-on and the docs all key on these ids.

#include "sitegraph/analyze.hpp"

namespace sitegraph {

// Whether a crawl that stopped early can still prove a rule's finding: what was seen is
// proof for a broken link or a redirect loop; an inlink count, an anchor share, a depth, a
// cluster or an equity figure can change with the pages not crawled.
constexpr bool kWholeGraph = true;
constexpr bool kWhatWasSeen = false;

const std::vector<RuleInfo>& rule_catalogue() {
  static const std::vector<RuleInfo> kRules = {
      {"broken-link", Severity::kError, "Broken links", kWhatWasSeen},
      {"broken-fragment", Severity::kWarning, "Links to a #fragment the page does not have", kWhatWasSeen},
      {"redirect-loop", Severity::kError, "Redirect loops", kWhatWasSeen},
      {"orphan-page", Severity::kWarning, "Orphan pages (known from the sitemap, --urls, an earlier crawl or the folder's files; linked from nowhere)", kWholeGraph},
      {"canonical-target-broken", Severity::kWarning, "Canonical tags pointing at a page that cannot be the canonical", kWhatWasSeen},
      {"sitemap-not-indexable", Severity::kWarning, "Sitemap URLs that are not indexable pages", kWhatWasSeen},
      {"nofollow-only-inlinks", Severity::kWarning, "Pages linked only with nofollow", kWholeGraph},
      {"boilerplate-only-inlinks", Severity::kWarning, "Pages linked only from header, navigation, footer or template links", kWholeGraph},
      {"deep-page", Severity::kWarning, "Deep pages (more clicks from the start than --max-click-depth)", kWholeGraph},
      {"redirect-chain", Severity::kWarning, "Redirect chains (two or more hops)", kWhatWasSeen},
      {"broken-external-link", Severity::kWarning, "Broken external links (--check-external)", kWhatWasSeen},
      {"broken-resource", Severity::kWarning, "Broken images, scripts, stylesheets and media (--check-resources)", kWhatWasSeen},
      {"invalid-url", Severity::kWarning, "Hrefs that are not valid URLs", kWhatWasSeen},
      {"empty-anchor", Severity::kWarning, "Links without anchor text", kWhatWasSeen},
      {"too-many-links", Severity::kWarning, "Pages with more link targets than --max-links", kWhatWasSeen},
      {"single-inlink", Severity::kInfo, "Pages with exactly one followable inlink", kWholeGraph},
      {"dead-end", Severity::kInfo, "Indexable pages with no followable internal link out", kWholeGraph},
      {"noindex-linked", Severity::kInfo, "Noindex pages that receive followable internal links", kWhatWasSeen},
      {"nofollow-internal-link", Severity::kInfo, "Nofollow links between pages of the site", kWhatWasSeen},
      {"generic-anchor", Severity::kInfo, "Links with generic anchor text (click here, read more, ...)", kWhatWasSeen},
      {"priority-page-weak", Severity::kWarning, "Priority pages (--priority) that are deep, rarely linked from content or low in equity", kWholeGraph},
      {"broken-backlink", Severity::kWarning, "Backlinks (--backlinks) landing on URLs that are no page: errors, redirect loops, blocked, not HTML", kWhatWasSeen},
      {"authority-sink", Severity::kWarning, "Pages receiving backlinks that pass little equity on (--backlinks)", kWholeGraph},
      {"priority-page-no-authority", Severity::kWarning, "Priority pages no backlink reaches, directly or by a content link (--backlinks, --priority)", kWholeGraph},
      {"anchor-conflict", Severity::kWarning, "One anchor text linking to different pages", kWholeGraph},
      {"hub-missing-spoke-links", Severity::kWarning, "Cluster hubs that reach few of their cluster's pages", kWholeGraph},
      {"spoke-not-linking-hub", Severity::kInfo, "Cluster pages that do not link to their hub", kWholeGraph},
      {"cluster-sparse", Severity::kInfo, "Clusters whose pages barely link to each other (--min-cluster-density)", kWholeGraph},
      {"cluster-isolated", Severity::kWarning, "Clusters no page of another cluster links to", kWholeGraph},
      {"link-community-elsewhere", Severity::kInfo, "Pages whose links place them with another folder's pages (--clusters links)", kWholeGraph},
      {"linked-only-from-lists", Severity::kInfo, "Pages linked only from pages listing more than --link-list-links pages (tag archives, pagination)", kWholeGraph},
      {"few-content-links", Severity::kInfo, "Long pages with few links to other pages in their content (--min-content-links)", kWhatWasSeen},
      {"anchor-overuse", Severity::kInfo, "Pages whose content inlinks mostly use one exact anchor", kWholeGraph},
      {"slow-page", Severity::kInfo, "Slow pages (time to first byte over --slow-page-ms)", kWhatWasSeen},
      {"insecure-link", Severity::kWarning, "Links from https pages to http:// URLs of the same site, or to its other host name (www.)", kWhatWasSeen},
      {"link-to-redirect", Severity::kWarning, "Links to URLs of the site that redirect (link the final URL)", kWhatWasSeen},
      {"canonical-conflict", Severity::kWarning, "Pages naming two or more different canonical URLs", kWhatWasSeen},
      {"canonical-chain", Severity::kWarning, "Canonicals naming a page whose own canonical is another page", kWhatWasSeen},
      {"canonical-loop", Severity::kWarning, "Canonicals that lead back to a page of their chain", kWhatWasSeen},
      {"duplicate-content", Severity::kWarning, "Indexable pages with the same main content", kWhatWasSeen},
      {"near-duplicate", Severity::kInfo, "Indexable pages with nearly the same main content (--near-duplicate)", kWhatWasSeen},
      {"duplicate-title", Severity::kWarning, "Indexable pages sharing one title", kWhatWasSeen},
      {"duplicate-description", Severity::kInfo, "Indexable pages sharing one meta description", kWhatWasSeen},
      {"missing-title", Severity::kWarning, "Indexable pages without a title", kWhatWasSeen},
      {"hreflang-invalid", Severity::kWarning, "hreflang codes search engines do not read", kWhatWasSeen},
      {"hreflang-conflict", Severity::kWarning, "One hreflang code naming two or more URLs on a page", kWhatWasSeen},
      {"hreflang-no-self", Severity::kWarning, "Pages with hreflang alternates that do not name themselves", kWhatWasSeen},
      {"hreflang-no-return", Severity::kWarning, "hreflang alternates that do not name the page back", kWhatWasSeen},
      {"hreflang-target-not-indexable", Severity::kWarning, "hreflang alternates that are not indexable pages", kWhatWasSeen},
      {"hreflang-no-x-default", Severity::kInfo, "hreflang sets without an x-default page", kWholeGraph},
      {"soft-404-site", Severity::kWarning, "Sites answering 2xx for a URL that cannot exist", kWhatWasSeen},
      {"soft-404", Severity::kWarning, "Pages answering 2xx with the site's \"not found\" content", kWhatWasSeen},
      {"link-to-canonicalised", Severity::kWarning, "Links to URLs of the site whose canonical is another page (link the canonical)", kWhatWasSeen},
  };
  return kRules;
}

const RuleInfo* find_rule(std::string_view id) {
  for (const RuleInfo& r : rule_catalogue()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace sitegraph
