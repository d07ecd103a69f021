#pragma once
// The fingerprint of a page's main content, built word by word while the extractor walks the
// tree (no second pass over the text): an exact hash of the words in order and a SimHash of
// their 3-word shingles (Charikar 2002; Manku, Jain and Das Sarma 2007). Internal to the
// extract stage; ContentFingerprint (sitegraph/extract.hpp) is what comes out.

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "io/hash.hpp"
#include "sitegraph/extract.hpp"

namespace sitegraph {

class ContentHasher {
 public:
  ContentHasher();
  /// Adds the words of a run of text to the exact hash, and when `main` to the SimHash too.
  /// Words are runs of ASCII letters and digits and of non-ASCII bytes (UTF-8 letters), ASCII
  /// lowercased; anything else separates them, and so does the end of `text`.
  void add_text(std::string_view text, bool main);
  /// The fingerprint of the words added so far, and of `description` (the meta description).
  /// Each distinct shingle votes once: a marker repeated down a table ("(C++11)" on every row
  /// of a menu) would otherwise outvote the text that tells two pages apart.
  [[nodiscard]] ContentFingerprint finish(std::string_view description);

 private:
  void add_word(std::uint64_t hash, bool main);
  void vote(std::uint64_t shingle);
  void flush_counts();

  // The distinct shingles seen: an open-addressing set (0 = empty), the thread's own, reused
  // page after page.
  std::vector<std::uint64_t>& seen_;
  std::size_t seen_count_ = 0;
  // Per bit of the SimHash, how many distinct shingles have it set: 16-bit lanes, four to a
  // word, added eight bits at a time from a table (flushed to `totals_` before they overflow).
  std::array<std::uint64_t, 32> lanes_{};    // the first SimHash's 64 bits, then the second's
  std::array<std::uint32_t, 128> totals_{};
  std::uint32_t in_lanes_ = 0;
  std::uint32_t shingles_ = 0;
  std::uint64_t previous_[2] = {0, 0};   // the two words before, for the shingle
  std::uint64_t exact_ = 0;
  std::uint32_t words_ = 0;
  std::uint32_t main_words_ = 0;
};

}  // namespace sitegraph
