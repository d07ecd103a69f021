// The rule catalogue: every rule id a finding can carry, its default severity and heading.
// docs/rules.md explains each; reports, --fail-on and the docs all key on these ids.

#include "sitegraph/analyze.hpp"

namespace sitegraph {

const std::vector<RuleInfo>& rule_catalogue() {
  static const std::vector<RuleInfo> kRules = {
      {"broken-link", Severity::kError, "Broken links"},
      {"redirect-loop", Severity::kError, "Redirect loops"},
      {"orphan-page", Severity::kWarning, "Orphan pages (known from the sitemap, --urls or an earlier crawl; linked from nowhere)"},
      {"canonical-target-broken", Severity::kWarning, "Canonical tags pointing at a page that cannot be the canonical"},
      {"sitemap-not-indexable", Severity::kWarning, "Sitemap URLs that are not indexable pages"},
      {"nofollow-only-inlinks", Severity::kWarning, "Pages linked only with nofollow"},
      {"boilerplate-only-inlinks", Severity::kWarning, "Pages linked only from header, navigation, footer or template links"},
      {"deep-page", Severity::kWarning, "Deep pages (more clicks from the start than --max-click-depth)"},
      {"redirect-chain", Severity::kWarning, "Redirect chains (two or more hops)"},
      {"broken-external-link", Severity::kWarning, "Broken external links (--check-external)"},
      {"broken-resource", Severity::kWarning, "Broken images, scripts, stylesheets and media (--check-resources)"},
      {"invalid-url", Severity::kWarning, "Hrefs that are not valid URLs"},
      {"empty-anchor", Severity::kWarning, "Links without anchor text"},
      {"too-many-links", Severity::kWarning, "Pages with more link targets than --max-links"},
      {"single-inlink", Severity::kInfo, "Pages with exactly one followable inlink"},
      {"dead-end", Severity::kInfo, "Indexable pages with no followable internal link out"},
      {"noindex-linked", Severity::kInfo, "Noindex pages that receive followable internal links"},
      {"nofollow-internal-link", Severity::kInfo, "Nofollow links between pages of the site"},
      {"generic-anchor", Severity::kInfo, "Links with generic anchor text (click here, read more, ...)"},
      {"priority-page-weak", Severity::kWarning, "Priority pages (--priority) that are deep, rarely linked from content or low in equity"},
      {"authority-sink", Severity::kWarning, "Pages receiving backlinks that pass little equity on (--backlinks)"},
      {"anchor-conflict", Severity::kWarning, "One anchor text linking to different pages"},
      {"hub-missing-spoke-links", Severity::kWarning, "Cluster hubs that link to few of their cluster's pages"},
      {"spoke-not-linking-hub", Severity::kInfo, "Cluster pages that do not link to their hub"},
      {"anchor-overuse", Severity::kInfo, "Pages whose content inlinks mostly use one exact anchor"},
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
