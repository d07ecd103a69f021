#pragma once
// Terms: the words of a text that say what it is about, case-folded and hashed. Shared by the
// extractor (each page's term sketch) and the link planner (finding a target's name in a
// source page's sentences), so both read words the same way.

#include <array>
#include <cstdint>
#include <string_view>

namespace sitegraph {

/// One word of a text: bytes [begin, end) of it, the hash of its case-folded form, and whether
/// it says nothing about the page (an English stop word, a number, a single ASCII letter).
struct TermWord {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::uint32_t hash = 0;
  bool stop = false;
};

namespace terms_detail {

// English function words: frequent in every text, about nothing.
inline constexpr std::array<std::string_view, 139> kStopWords = {
    "a",       "about",   "above",  "after",  "again",   "against", "all",    "also",   "am",      "an",      "and",
    "any",     "are",     "as",     "at",     "be",      "because", "been",   "before", "being",   "below",   "between",
    "both",    "but",     "by",     "can",    "could",   "did",     "do",     "does",   "doing",   "down",    "during",
    "each",    "either",  "etc",    "few",    "for",     "from",    "further", "had",   "has",     "have",    "having",
    "he",      "her",     "here",   "hers",   "him",     "his",     "how",    "however", "i",     "if",      "in",
    "into",    "is",      "it",     "its",    "itself",  "just",    "may",    "me",     "might",   "more",    "most",
    "must",    "my",      "no",     "nor",    "not",     "now",     "of",     "off",    "on",      "once",    "one",
    "only",    "or",      "other",  "our",    "ours",    "out",     "over",   "own",    "same",    "see",     "shall",
    "she",     "should",  "so",     "some",   "such",    "than",    "that",   "the",    "their",   "theirs",  "them",
    "then",    "there",   "these",  "they",   "this",    "those",   "through", "thus",  "to",      "too",     "under",
    "until",   "up",      "upon",   "us",     "use",     "used",    "using",  "very",   "via",     "was",     "we",
    "were",    "what",    "when",   "where",  "which",   "while",   "who",    "whom",   "why",     "will",    "with",
    "would",   "you",     "your",   "yours",  "yourself", "yet",    "s"};

constexpr std::uint32_t fnv1a(std::string_view folded) {
  std::uint32_t h = 0x811c9dc5u;
  for (const char c : folded) h = (h ^ static_cast<unsigned char>(c)) * 0x01000193u;
  return h == 0 ? 1 : h;
}

// The stop words' hashes, sorted, for a binary search.
struct StopHashes {
  std::array<std::uint32_t, kStopWords.size()> sorted{};
  constexpr StopHashes() {
    for (std::size_t i = 0; i < kStopWords.size(); ++i) sorted[i] = fnv1a(kStopWords[i]);
    for (std::size_t i = 1; i < sorted.size(); ++i) {  // insertion sort: constexpr
      for (std::size_t j = i; j > 0 && sorted[j - 1] > sorted[j]; --j) {
        const std::uint32_t t = sorted[j];
        sorted[j] = sorted[j - 1];
        sorted[j - 1] = t;
      }
    }
  }
  [[nodiscard]] constexpr bool contains(std::uint32_t h) const {
    std::size_t lo = 0;
    std::size_t hi = sorted.size();
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (sorted[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.size() && sorted[lo] == h;
  }
};
inline constexpr StopHashes kStopHashes;

// Decodes the UTF-8 sequence at text[i] (a lone or cut byte reads as itself); n = its length.
inline char32_t decode(std::string_view text, std::size_t i, std::size_t& n) {
  const auto c = static_cast<unsigned char>(text[i]);
  n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + n > text.size()) n = 1;
  if (n == 1) return c;
  char32_t cp = c & (0xFF >> (n + 1));
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  return cp;
}

// Letters and digits: ASCII ones, '_' (code identifiers stay one word: make_unique), and any
// non-ASCII code point but the punctuation and spaces that sit between words (no-break space,
// Latin-1 signs, general punctuation such as dashes and curly quotes, arrows, CJK punctuation,
// full-width ASCII punctuation).
inline bool word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  if (c >= 0xA0 && c <= 0xBF) return false;
  if (c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows, shapes
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xFF00 && c <= 0xFF0F) return false;
  return c != 0xFEFF;
}

// Simple case folding: ASCII, Latin-1, Greek and Cyrillic capitals to their small letters.
inline char32_t fold(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x391 && c <= 0x3A9) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

inline void append_utf8(char32_t c, char* out, std::size_t& n) {
  if (c < 0x80) {
    out[n++] = static_cast<char>(c);
  } else if (c < 0x800) {
    out[n++] = static_cast<char>(0xC0 | (c >> 6));
    out[n++] = static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out[n++] = static_cast<char>(0xE0 | (c >> 12));
    out[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[n++] = static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out[n++] = static_cast<char>(0xF0 | (c >> 18));
    out[n++] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[n++] = static_cast<char>(0x80 | (c & 0x3F));
  }
}

// A light English stemmer for plain lowercase ASCII words (not identifiers): plural and
// -ing/-ed endings off, so "grinders" names "grinder" and "sorting" names "sort". Only cuts
// that leave four letters or more, so "string", "used" and "bus" stay whole.
inline std::size_t stem_length(const char* w, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (w[i] < 'a' || w[i] > 'z') return n;
  }
  const auto ends = [&](std::string_view suffix) { return n >= suffix.size() && std::string_view(w + n - suffix.size(), suffix.size()) == suffix; };
  if (ends("sses")) return n - 2;
  if (ends("ies") && n - 3 >= 3) return n - 2;  // "librari": the caller makes the last letter 'y'
  if (ends("ing") && n - 3 >= 4) return n - 3;
  if (ends("ed") && n - 2 >= 4) return n - 2;
  if (ends("s") && !ends("ss") && !ends("us") && !ends("is") && n - 1 >= 4) return n - 1;
  return n;
}

}  // namespace terms_detail

/// The hash of a word as terms are hashed (case-folded first): a keyword typed by a user
/// matches the same word in a page.
inline std::uint32_t term_hash(std::string_view word);

/// Calls `f(TermWord)` for each word of `text`, in order. Words longer than 64 bytes are cut
/// there for the hash (a URL or a base64 run is one odd word either way).
template <class F>
void for_each_word(std::string_view text, F&& f) {
  using namespace terms_detail;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = 1;
    char32_t c = decode(text, i, n);
    if (!word_char(c)) {
      i += n;
      continue;
    }
    TermWord word;
    word.begin = i;
    char folded[72];
    std::size_t len = 0;
    bool digits = true;
    std::size_t letters = 0;
    while (i < text.size()) {
      c = decode(text, i, n);
      if (!word_char(c)) break;
      if (len <= 64) append_utf8(fold(c), folded, len);
      digits = digits && c >= '0' && c <= '9';
      ++letters;
      i += n;
    }
    word.end = i;
    const std::size_t stem = len <= 64 ? stem_length(folded, len) : len;
    if (stem != len && folded[stem - 1] == 'i' && len - stem == 2) folded[stem - 1] = 'y';  // "libraries": "library"
    word.hash = fnv1a({folded, stem});
    word.stop = digits || (letters == 1 && len == 1) || kStopHashes.contains(word.hash);
    f(word);
  }
}

inline std::uint32_t term_hash(std::string_view word) {
  std::uint32_t hash = 0;
  for_each_word(word, [&](const TermWord& w) {
    if (hash == 0) hash = w.hash;
  });
  return hash;
}

}  // namespace sitegraph
