#pragma once
// Code points, UTF-8 and percent-encoding for the WHATWG URL parser (whatwg_url.cpp and
// whatwg_host.cpp). Internal to src/url.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.hpp"

namespace sitegraph::whatwg {

inline constexpr int kEof = -1;  ///< the parser's "EOF code point"

// ---------------------------------------------------------------------------------------------
// Code points (Infra §4.6) and UTF-8. The parser works on UTF-8 bytes: every non-ASCII code
// point is percent-encoded byte by byte, which is what UTF-8 percent-encode (§1.3) produces.

inline bool is_ascii_digit(int c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_alphanumeric(int c) { return is_ascii_digit(c) || is_ascii_alpha(c); }
inline bool is_ascii_hex_digit(int c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

inline int hex_value(int c) {
  if (is_ascii_digit(c)) return c - '0';
  return (c | 0x20) - 'a' + 10;
}

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

inline bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

inline bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

inline std::vector<std::string_view> strictly_split(std::string_view s, char delimiter) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == delimiter) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Percent-encoded bytes (WHATWG URL §1.3).

enum class EncodeSet { kC0Control, kFragment, kQuery, kSpecialQuery, kPath, kUserinfo };

inline bool in_encode_set(unsigned char c, EncodeSet set) {
  if (c < 0x20 || c > 0x7E) return true;  // the C0 control percent-encode set
  const bool query = c == ' ' || c == '"' || c == '#' || c == '<' || c == '>';
  const bool path = query || c == '?' || c == '^' || c == '`' || c == '{' || c == '}';
  switch (set) {
    case EncodeSet::kC0Control: return false;
    case EncodeSet::kFragment: return c == ' ' || c == '"' || c == '<' || c == '>' || c == '`';
    case EncodeSet::kQuery: return query;
    case EncodeSet::kSpecialQuery: return query || c == '\'';
    case EncodeSet::kPath: return path;
    case EncodeSet::kUserinfo:
      return path || c == '/' || c == ':' || c == ';' || c == '=' || c == '@' ||
             (c >= '[' && c <= '^') || c == '|';
  }
  return true;
}

inline void append_percent_encoded(std::string& out, unsigned char c, EncodeSet set) {
  static constexpr char kUpperHex[] = "0123456789ABCDEF";
  if (!in_encode_set(c, set)) {
    out.push_back(static_cast<char>(c));
    return;
  }
  out.push_back('%');
  out.push_back(kUpperHex[c >> 4]);
  out.push_back(kUpperHex[c & 0x0F]);
}

inline std::string percent_decode(std::string_view input) {
  std::string out;
  out.reserve(input.size());
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (input[i] == '%' && i + 2 < input.size() && is_ascii_hex_digit(input[i + 1]) &&
        is_ascii_hex_digit(input[i + 2])) {
      out.push_back(static_cast<char>(hex_value(input[i + 1]) * 16 + hex_value(input[i + 2])));
      i += 2;
    } else {
      out.push_back(input[i]);
    }
  }
  return out;
}


}  // namespace sitegraph::whatwg
