#pragma once
// UTF-8 well-formedness (RFC 3629 §4), shared by the URL parser, the charset sniffer and the
// report escapers: one scanner, so every stage agrees on which bytes are text.

#include <cstddef>
#include <string>
#include <string_view>

namespace sitegraph {

struct Utf8Sequence {
  std::size_t length;  ///< bytes consumed: the whole sequence, or its maximal malformed subpart
  bool valid;
};

/// The UTF-8 sequence at s[i]. A malformed one is reported as its maximal subpart, which the
/// Encoding Standard's UTF-8 decoder replaces with a single U+FFFD.
inline Utf8Sequence scan_utf8(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) return {1, true};
  std::size_t needed = 0;
  if (lead >= 0xC2 && lead <= 0xDF) needed = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) needed = 3;
  else if (lead >= 0xF0 && lead <= 0xF4) needed = 4;
  else return {1, false};
  // The second byte's range also rules out overlongs, surrogates and code points past U+10FFFF.
  const unsigned char low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
  const unsigned char high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
  for (std::size_t k = 1; k < needed; ++k) {
    if (i + k >= s.size()) return {k, false};
    const auto byte = static_cast<unsigned char>(s[i + k]);
    if (byte < (k == 1 ? low : 0x80) || byte > (k == 1 ? high : 0xBF)) return {k, false};
  }
  return {needed, true};
}

inline bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Sequence sequence = scan_utf8(s, i);
    if (!sequence.valid) return false;
    i += sequence.length;
  }
  return true;
}

inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

/// Malformed UTF-8 replaced by U+FFFD, one per maximal subpart (Encoding §8.1.1).
inline std::string replace_malformed_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Sequence sequence = scan_utf8(s, i);
    if (sequence.valid) {
      out.append(s.substr(i, sequence.length));
    } else {
      out += kReplacementCharacter;
    }
    i += sequence.length;
  }
  return out;
}

/// Appends code point `cp` as UTF-8. A surrogate or a value past U+10FFFF is written as U+FFFD.
inline void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return;
  }
  const int length = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  static constexpr unsigned char kLead[] = {0, 0, 0xC0, 0xE0, 0xF0};
  out.push_back(static_cast<char>(kLead[length] | (cp >> (6 * (length - 1)))));
  for (int k = length - 2; k >= 0; --k) out.push_back(static_cast<char>(0x80 | ((cp >> (6 * k)) & 0x3F)));
}

}  // namespace sitegraph
