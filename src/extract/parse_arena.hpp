#pragma once
// A bump allocator for gumbo: every node, string and vector of one parse comes from a few
// large chunks, and the whole tree is released by resetting the arena. This is faster than
// malloc/free per node, and it replaces gumbo_destroy_output, whose recursion overflows the
// stack on deeply nested markup.

#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

namespace sitegraph {

class ParseArena {
 public:
  void* allocate(std::size_t size) {
    size = (size + kAlign - 1) & ~(kAlign - 1);
    while (current_ < chunks_.size() && chunks_[current_].size - used_ < size) {
      ++current_;
      used_ = 0;
    }
    if (current_ == chunks_.size()) {
      const std::size_t grown = chunks_.empty() ? kMinChunk : std::min(chunks_.back().size * 2, kMaxChunk);
      const std::size_t chunk_size = std::max({size, kMinChunk, grown});
      chunks_.push_back({std::make_unique_for_overwrite<std::byte[]>(chunk_size), chunk_size});
      used_ = 0;
    }
    void* p = chunks_[current_].data.get() + used_;
    used_ += size;
    return p;
  }

  /// Frees everything allocated since the last reset; keeps up to kRetain bytes of chunks.
  void reset() {
    std::size_t kept = 0;
    std::size_t keep = 0;
    while (keep < chunks_.size() && kept + chunks_[keep].size <= kRetain) kept += chunks_[keep++].size;
    chunks_.resize(keep);
    current_ = 0;
    used_ = 0;
  }

  [[nodiscard]] std::size_t capacity() const {
    std::size_t total = 0;
    for (const Chunk& c : chunks_) total += c.size;
    return total;
  }

 private:
  struct Chunk {
    std::unique_ptr<std::byte[]> data;
    std::size_t size = 0;
  };
  static constexpr std::size_t kAlign = 16;
  static constexpr std::size_t kMinChunk = 256 * 1024;
  static constexpr std::size_t kMaxChunk = 8u << 20;
  static constexpr std::size_t kRetain = 8u << 20;  // a worker keeps this much between pages

  std::vector<Chunk> chunks_;
  std::size_t current_ = 0;
  std::size_t used_ = 0;
};

}  // namespace sitegraph
