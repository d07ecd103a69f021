#pragma once
// Character encodings: gumbo reads UTF-8 only, so other encodings are converted first.

#include <string>
#include <string_view>

namespace sitegraph {

/// The encoding of an HTML document, as the WHATWG encoding sniffing algorithm would find
/// it (simplified): a byte order mark, else the Content-Type charset, else a <meta charset>
/// or <meta http-equiv=content-type> in the first 1024 bytes, else UTF-8 when the bytes are
/// valid UTF-8 and windows-1252 when they are not. Returns a lowercase label; latin1 and
/// ascii labels are read as windows-1252, as browsers read them.
std::string sniff_html_charset(std::string_view body, std::string_view header_charset);

/// Converts `body` from `charset` to UTF-8 with iconv (a BOM is dropped); bytes that are
/// invalid in that encoding become U+FFFD. An unknown label leaves the body unchanged.
std::string to_utf8(std::string_view body, std::string_view charset);

/// True when `s` is well-formed UTF-8.
bool valid_utf8(std::string_view s);

}  // namespace sitegraph
