#pragma once
// Words on links that name a position in a sequence or hierarchy, not a page: shared by the
// extractor (such links are navigation wherever they sit) and the anchor rules (such anchors
// describe nothing).

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace sitegraph {

// Arrows, guillemets and triangles people put on navigation links: « » ‹ › ← ↑ → ↓ ⇐ ⇒ ▲ ► ◄ ▼.
inline bool is_arrow(char32_t c) {
  return c == 0xAB || c == 0xBB || c == 0x2039 || c == 0x203A || (c >= 0x2190 && c <= 0x21FF) ||
         (c >= 0x25B2 && c <= 0x25C5) || (c >= 0x2B05 && c <= 0x2B07) || c == 0x27A1;
}

// An anchor that names a position, not a page: "Up", "Next", "« Prev", "Back to top", "→".
inline bool positional_anchor(std::string_view anchor) {
  std::string words;  // ASCII letters lower-cased; anything else but arrows and punctuation is '?'
  bool arrows = false;
  const auto space = [&words] {
    if (!words.empty() && words.back() != ' ') words.push_back(' ');
  };
  for (std::size_t i = 0; i < anchor.size();) {
    const auto c = static_cast<unsigned char>(anchor[i]);
    if (c >= 0x80) {
      const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
      for (std::size_t k = 1; k < n && i + k < anchor.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(anchor[i + k]) & 0x3F);
      i += n;
      if (is_arrow(cp)) {
        arrows = true;
        space();
      } else {
        words.push_back('?');  // a letter of another script: "下一页" is not a word of the list
      }
      continue;
    }
    ++i;
    if (std::isalpha(c)) {
      words.push_back(static_cast<char>(std::tolower(c)));
    } else if (std::isdigit(c)) {
      words.push_back('?');  // "[1]", "2": footnotes and page numbers are no position word
    } else {
      arrows = arrows || c == '<' || c == '>' || c == '^';
      space();
    }
  }
  while (!words.empty() && words.back() == ' ') words.pop_back();
  if (words.empty()) return arrows;  // only arrows and punctuation: "»", "<<", "↑"
  static constexpr std::string_view kPositions[] = {
      "up", "next", "prev", "previous", "home", "top", "back", "first", "last", "next page", "previous page",
      "prev page", "back to top", "to top", "go to top", "top of page", "up one level", "next section",
      "previous section", "next chapter", "previous chapter", "older", "newer", "older posts", "newer posts"};
  return std::find(std::begin(kPositions), std::end(kPositions), words) != std::end(kPositions);
}

}  // namespace sitegraph
