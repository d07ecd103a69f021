#pragma once
// A URL parser that follows the WHATWG URL Standard's basic URL parser
// (https://url.spec.whatwg.org/, §4.4), so that hrefs found in pages resolve the way a browser
// resolves them. Written for the special schemes http and https; the other schemes are parsed by
// the same state machine (non-special URLs get opaque hosts and opaque paths, file: URLs its
// file states), so a caller can tell `mailto:x` or `javascript:void(0)` from a page link.
//
// Not implemented: the state override (URL setters), non-UTF-8 query encodings (the `encoding`
// argument, HTML's legacy document encodings) and blob URL entries.

#include <optional>
#include <string>
#include <string_view>

namespace sitegraph {

/// A parsed URL (WHATWG URL §4.1), every component already percent-encoded and serialized.
struct WhatwgUrl {
  std::string scheme;    ///< lowercase, without ':'
  std::string username;  ///< percent-encoded with the userinfo set
  std::string password;  ///< percent-encoded with the userinfo set
  std::string host;      ///< serialized host (§3.6): domain, "1.2.3.4", "[::1]", opaque or empty
  std::optional<int> port;  ///< null when absent or the scheme's default port
  /// The URL path serializer's output (§4.5): "/a/b" for a list path, the path itself for an
  /// opaque path. Special URLs always have a list path, so it starts with '/'.
  std::string path;
  std::string query;     ///< without '?'; meaningful when has_query
  std::string fragment;  ///< without '#'; meaningful when has_fragment
  bool has_query = false;
  bool has_fragment = false;
  bool has_host = false;         ///< false for a null host ("mailto:x", "sc:/p"); always true for http(s)
  bool has_opaque_path = false;  ///< "mailto:x", "javascript:..." (§4.1 "opaque path")

  /// The URL serializer (WHATWG URL §4.5): "https://user@host:8080/p?q#f".
  [[nodiscard]] std::string href() const;
  /// True for the special schemes (§4.2): ftp, file, http, https, ws, wss.
  [[nodiscard]] bool is_special() const;
};

/// Parses `input` against `base` (nullptr = no base) with the basic URL parser (WHATWG URL §4.4):
/// leading/trailing C0 controls and spaces are stripped, tabs and newlines removed, hosts run
/// through IDNA (UTS #46 via libidn2) and the IPv4/IPv6 parsers, dot segments removed and each
/// component percent-encoded with its set. `input` is UTF-8 (invalid sequences read as U+FFFD).
/// `base` must itself come from parse_whatwg_url. Returns nullopt where the standard returns
/// failure (a relative reference without a base, a bad host or port, ...).
std::optional<WhatwgUrl> parse_whatwg_url(std::string_view input, const WhatwgUrl* base);

}  // namespace sitegraph
