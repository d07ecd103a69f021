#pragma once
// Sitemap parsing (sitemaps.org protocol 0.9): urlset and sitemapindex XML, plain-text
// sitemaps, gzip-compressed files.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sitegraph {

enum class SitemapKind { kUrlSet, kIndex, kText, kInvalid };

/// An hreflang alternate named in a urlset entry: `<xhtml:link rel="alternate" hreflang=".."
/// href=".."/>` beside its `<loc>` (Google's sitemap hreflang format).
struct SitemapAlternate {
  std::string page;      ///< the entry's <loc>, as written, trimmed
  std::string hreflang;  ///< as written
  std::string url;       ///< the href, as written
};

struct SitemapParse {
  SitemapKind kind = SitemapKind::kInvalid;
  std::vector<std::string> urls;  ///< page URLs (urlset, text) or sitemap URLs (index), as written, trimmed
  std::string error;              ///< why the file was rejected or cut short; empty when clean
  std::vector<SitemapAlternate> alternates;  ///< urlset: each entry's hreflang links, in order
};

struct SitemapLimits {
  std::size_t max_urls = 50'000;                 ///< per file (sitemaps.org)
  std::size_t max_bytes = 50ull * 1024 * 1024;   ///< uncompressed size per file (sitemaps.org)
};

/// Parses one sitemap body. A body starting with the gzip magic bytes is inflated first
/// (never beyond limits.max_bytes). XML is read with a streaming parser (expat), entity
/// declarations rejected (no XXE, no entity expansion); the `<loc>` of each `<url>`
/// (urlset) or `<sitemap>` (sitemapindex) is returned whatever the namespace. A body
/// that is not XML is read as a text sitemap: one absolute http(s) URL per line.
/// A malformed file yields the URLs read before the error, and the error.
SitemapParse parse_sitemap(std::string_view body, const SitemapLimits& limits = {});

/// Inflates gzip data (RFC 1952), every member, stopping with an empty result and `error` set
/// past max_bytes (src/io/gzip.hpp, inflate_members).
std::string gunzip(std::string_view data, std::size_t max_bytes, std::string& error);

}  // namespace sitegraph
