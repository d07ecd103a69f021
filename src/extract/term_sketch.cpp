// Term sketches: term counts in a per-thread table, the most frequent kept.

#include "extract/term_sketch.hpp"

#include <algorithm>

#include "text/terms.hpp"

namespace sitegraph {
namespace {

std::vector<std::pair<std::uint32_t, std::uint32_t>>& thread_table() {
  thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> table(512);
  return table;
}

}  // namespace

TermCounter::TermCounter() : table_(thread_table()) {
  // A huge page grew the table: the next pages start small again rather than clear it all.
  if (table_.size() > 4096) table_.assign(512, {0, 0});
  else std::fill(table_.begin(), table_.end(), std::pair<std::uint32_t, std::uint32_t>{0, 0});
}

void TermCounter::grow() {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> old(table_.size() * 2);
  old.swap(table_);
  const std::size_t mask = table_.size() - 1;
  for (const auto& entry : old) {
    if (entry.first == 0) continue;
    std::size_t i = entry.first & mask;
    while (table_[i].first != 0) i = (i + 1) & mask;
    table_[i] = entry;
  }
}

void TermCounter::add(std::string_view text, std::uint32_t weight) {
  for_each_word(text, [&](const TermWord& word) {
    if (word.stop) return;
    if (2 * (used_ + 1) > table_.size()) grow();
    const std::size_t mask = table_.size() - 1;
    std::size_t i = word.hash & mask;
    while (table_[i].first != 0 && table_[i].first != word.hash) i = (i + 1) & mask;
    if (table_[i].first == 0) {
      table_[i].first = word.hash;
      ++used_;
    }
    table_[i].second += weight;
  });
}

TermSketch TermCounter::finish() {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> counted;
  counted.reserve(used_);
  for (const auto& entry : table_) {
    if (entry.first != 0) counted.push_back(entry);
  }
  const auto more = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
  const std::size_t keep = std::min(counted.size(), TermSketch::kTerms);
  std::partial_sort(counted.begin(), counted.begin() + static_cast<std::ptrdiff_t>(keep), counted.end(), more);
  counted.resize(keep);
  std::sort(counted.begin(), counted.end());
  TermSketch sketch;
  for (std::size_t i = 0; i < keep; ++i) {
    sketch.term[i] = counted[i].first;
    sketch.count[i] = static_cast<std::uint16_t>(std::min<std::uint32_t>(counted[i].second, 65535));
  }
  return sketch;
}

}  // namespace sitegraph
