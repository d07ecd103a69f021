#pragma once
// Disjoint sets over 0..n-1 (path halving; the smaller id is a set's root, so roots are
// deterministic). Internal to src/analyze: the duplicate and hreflang sets.

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

namespace sitegraph {

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0U); }
  std::uint32_t find(std::uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::uint32_t> parent_;
};

}  // namespace sitegraph
