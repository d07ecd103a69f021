#pragma once
// URL parsing, resolution and normalisation for the link graph. Built on sitegraph's own
// WHATWG URL parser (whatwg_url.hpp, src/url/whatwg_url.cpp; IDNA through libidn2), so hrefs
// resolve as a browser resolves them: input clean-up first (leading/trailing C0 controls and
// spaces stripped, tabs and newlines removed), backslashes read as slashes in http(s) URLs,
// then the standard's relative resolution.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sitegraph {

/// The parts of an absolute http(s) URL that scope and robots decisions need.
struct UrlParts {
  std::string scheme;  ///< lowercase, "http" or "https"
  std::string host;    ///< lowercase
  int port = 0;        ///< explicit or the scheme's default
  std::string path_and_query;  ///< starts with '/', percent-encoded, no fragment
};

/// Why an href did not become a crawlable URL.
enum class HrefSkip {
  kNone,           ///< resolved
  kEmpty,          ///< empty or only whitespace (refers to the page itself)
  kFragmentOnly,   ///< "#section": the same page
  kOtherScheme,    ///< javascript:, mailto:, tel:, data:, ftp:, ...
  kInvalid,        ///< could not be parsed
};

struct ResolvedHref {
  std::string url;  ///< normalised absolute URL when skip == kNone
  HrefSkip skip = HrefSkip::kNone;
};

/// Normalises an absolute http(s) URL: scheme and host lowercased, default port and
/// fragment dropped, dot segments removed, empty path made "/", characters that must be
/// percent-encoded encoded. Trailing slashes and query order are kept as written.
/// Returns nullopt when `url` is not an absolute http(s) URL.
std::optional<std::string> normalize_url(std::string_view url);

/// Resolves `href` as written in a page against `base` (an absolute, normalised http(s)
/// URL: the page URL or its <base href>), then normalises the result.
ResolvedHref resolve_href(std::string_view base, std::string_view href);

/// Resolves the hrefs of one page against one base, parsing the base once. Plain hrefs
/// ("/a/b.html", "b.html", "https://host/x" with nothing to normalise) take a fast path
/// that gives the same result as resolve_href; anything else goes through resolve_href (the
/// WHATWG parser).
class UrlResolver {
 public:
  /// `base` must be an absolute, normalised http(s) URL.
  explicit UrlResolver(std::string_view base);
  [[nodiscard]] ResolvedHref resolve(std::string_view href) const;

 private:
  std::string base_;
  std::string origin_;     ///< "https://host[:port]"
  std::string directory_;  ///< base up to and including the last '/' of its path
};

/// What makes two URLs the same page beyond normalisation (--strip-tracking, --sort-query).
struct UrlIdentity {
  /// Query parameters dropped: exact names, or prefixes ending in '*' ("utm_*").
  std::vector<std::string> strip_params;
  bool sort_query = false;  ///< order query parameters by name (stable for equal names)
  [[nodiscard]] bool active() const { return sort_query || !strip_params.empty(); }
};

/// The tracking parameters --strip-tracking drops: utm_*, gclid, fbclid, msclkid.
std::vector<std::string> default_tracking_params();

/// Applies `identity` to a normalised URL: parameters dropped, the query sorted; a query
/// left empty is removed ("?utm_source=x" -> no "?"). Other URLs are returned as they are.
std::string apply_identity(std::string url, const UrlIdentity& identity);

/// The fragment of an href as written, without the '#' and without a fragment directive
/// (":~:text=...", WICG Scroll To Text Fragment), which names text, not an element;
/// empty when there is none.
std::string_view href_fragment(std::string_view href);

/// Splits a normalised absolute http(s) URL; nullopt when it is not one.
std::optional<UrlParts> split_url(std::string_view url);

/// Where a normalised URL's path starts: its first '/' after "scheme://host"; npos for a
/// string without one. A graph's URLs are normalised, so passes over every page cut them here
/// instead of parsing each (split_url).
inline std::size_t path_start(std::string_view url) {
  const std::size_t scheme = url.find("://");
  return scheme == std::string_view::npos ? std::string_view::npos : url.find('/', scheme + 3);
}

/// Strips what the WHATWG URL parser strips before parsing: leading and trailing C0
/// controls and spaces, and every tab, CR and LF.
std::string clean_href(std::string_view href);

}  // namespace sitegraph
