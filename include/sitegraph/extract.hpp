#pragma once
// The extract stage: one HTML document in, raw links and page directives out. Links come
// out as written (unresolved); resolving them is the url stage's job.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sitegraph {

/// Where a link sits in the page, from its nearest enclosing landmark element (HTML5
/// sectioning elements or ARIA landmark roles).
enum class Placement : std::uint8_t { kContent, kHeader, kNav, kFooter, kAside };

enum class LinkKind : std::uint8_t {
  kAnchor,     ///< <a href>
  kArea,       ///< <area href>
  kCanonical,  ///< <link rel=canonical>
  kRedirect,   ///< HTTP 3xx Location (added by the crawler, never by the extractor)
};

/// rel tokens that change what a link passes (bit flags).
enum RelFlag : std::uint8_t {
  kRelNone = 0,
  kRelNofollow = 1,
  kRelUgc = 2,
  kRelSponsored = 4,
};

std::string_view placement_name(Placement placement);
std::string_view link_kind_name(LinkKind kind);

struct RawLink {
  std::string href;     ///< attribute value as written (entities decoded by the parser)
  std::string anchor;   ///< whitespace-collapsed text; an image's alt when only images
  LinkKind kind = LinkKind::kAnchor;
  std::uint8_t rel = kRelNone;
  Placement placement = Placement::kContent;
  std::uint32_t line = 0;  ///< 1-based source line of the element
};

struct ExtractedPage {
  std::string title;
  std::string base_href;  ///< first <base href>, empty when none
  bool noindex = false;   ///< <meta name=robots> noindex or none
  bool nofollow = false;  ///< <meta name=robots> nofollow or none
  std::vector<RawLink> links;  ///< <a>, <area> and <link rel=canonical>, in document order
};

/// Parses html with gumbo (WHATWG HTML parsing, so broken markup is read as browsers
/// read it) and extracts links and directives. Never throws on malformed input.
ExtractedPage extract_links(std::string_view html);

/// Reads robots directives (noindex, nofollow, none) from a meta robots content or an
/// X-Robots-Tag value into the two flags; other tokens are ignored.
void apply_robots_directives(std::string_view value, bool& noindex, bool& nofollow);

}  // namespace sitegraph
