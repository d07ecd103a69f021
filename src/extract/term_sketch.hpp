#pragma once
// A page's term sketch (sitegraph/extract.hpp, TermSketch), counted word by word while the
// extractor walks the tree. Internal to the extract stage.

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "sitegraph/extract.hpp"

namespace sitegraph {

class TermCounter {
 public:
  TermCounter();
  /// Counts the terms of a run of text, each `weight` times; stop words and numbers are not terms.
  void add(std::string_view text, std::uint32_t weight);
  /// The most frequent terms (ties: the smaller hash), sorted by hash, counts capped at 65535.
  [[nodiscard]] TermSketch finish();

 private:
  void grow();
  // Counts per term hash: an open-addressing table (hash 0 = empty), the thread's own.
  std::vector<std::pair<std::uint32_t, std::uint32_t>>& table_;
  std::size_t used_ = 0;
};

}  // namespace sitegraph
