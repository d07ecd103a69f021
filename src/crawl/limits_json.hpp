#pragma once
// LimitsHit as JSON, one spelling for the report (crawl.limits) and the snapshot header.
// Internal to sitegraph_core.

#include <nlohmann/json.hpp>

#include "sitegraph/crawl.hpp"

namespace sitegraph {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LimitsHit, urls_too_long, pages_links_cut, links_dropped, redirects_cut,
                                                sitemap_files_skipped, sitemaps_cut, sitemap_indexes_too_deep,
                                                robots_truncated_at_line)

}  // namespace sitegraph
