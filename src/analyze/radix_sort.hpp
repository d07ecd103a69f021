#pragma once
// LSD radix sort on 64-bit keys: the analyzers sort tens of millions of (page, page) pairs,
// where std::sort's comparisons cost several times more than four counting passes.
// Internal to src/analyze.

#include <cstdint>
#include <vector>

namespace sitegraph {

/// Sorts `items` by key(item) (a std::uint64_t), stably. Passes whose 16-bit digit is the
/// same for every item are skipped.
template <typename T, typename Key>
void radix_sort_by(std::vector<T>& items, Key key) {
  if (items.size() < 2) return;
  std::vector<T> buffer(items.size());
  for (int shift = 0; shift < 64; shift += 16) {
    std::vector<std::size_t> count(65536 + 1, 0);
    for (const T& item : items) ++count[((key(item) >> shift) & 0xFFFF) + 1];
    bool one_digit = false;
    for (std::size_t d = 1; d <= 65536; ++d) {
      if (count[d] == items.size()) one_digit = true;
    }
    if (one_digit) continue;
    for (std::size_t d = 1; d <= 65536; ++d) count[d] += count[d - 1];
    for (const T& item : items) buffer[count[(key(item) >> shift) & 0xFFFF]++] = item;
    items.swap(buffer);
  }
}

/// Sorts 64-bit keys and removes duplicates.
inline void radix_sort_unique(std::vector<std::uint64_t>& keys) {
  radix_sort_by(keys, [](std::uint64_t k) { return k; });
  std::size_t out = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i == 0 || keys[i] != keys[i - 1]) keys[out++] = keys[i];
  }
  keys.resize(out);
}

inline std::uint64_t pair_key(std::uint32_t high, std::uint32_t low) { return (std::uint64_t{high} << 32) | low; }

}  // namespace sitegraph
