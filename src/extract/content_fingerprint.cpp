// Content fingerprints: words hashed as they are read, shingles voted into a SimHash.

#include "extract/content_fingerprint.hpp"

#include <algorithm>
#include <bit>

namespace sitegraph {
namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

bool word_byte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80; }

// Whitespace-collapsed, trimmed, ASCII-lowercased text hashed (FNV-1a); 0 for none.
std::uint64_t text_hash(std::string_view text) {
  std::uint64_t h = kFnvOffset;
  bool any = false;
  bool space = false;
  for (const char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = any;
      continue;
    }
    if (space) h = (h ^ ' ') * kFnvPrime;
    space = false;
    any = true;
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    h = (h ^ c) * kFnvPrime;
  }
  if (!any) return 0;
  return h == 0 ? 1 : h;
}

// Per byte value: its eight bits spread over eight 16-bit lanes, the low four in .first.
struct ByteLanes {
  std::array<std::pair<std::uint64_t, std::uint64_t>, 256> lanes{};
  constexpr ByteLanes() {
    for (unsigned v = 0; v < 256; ++v) {
      for (unsigned j = 0; j < 4; ++j) {
        lanes[v].first |= static_cast<std::uint64_t>((v >> j) & 1U) << (16 * j);
        lanes[v].second |= static_cast<std::uint64_t>((v >> (4 + j)) & 1U) << (16 * j);
      }
    }
  }
};
constexpr ByteLanes kByteLanes;

std::vector<std::uint64_t>& thread_seen_set() {
  thread_local std::vector<std::uint64_t> set(1024, 0);
  return set;
}

}  // namespace

ContentHasher::ContentHasher() : seen_(thread_seen_set()) {
  // A huge page grew the set: the next pages start small again rather than clear it all.
  if (seen_.size() > 4096) {
    seen_.assign(1024, 0);
  } else {
    std::fill(seen_.begin(), seen_.end(), 0);
  }
}

void ContentHasher::vote(std::uint64_t shingle) {
  if (shingle == 0) shingle = 1;
  if (2 * (seen_count_ + 1) > seen_.size()) {  // keep the set at most half full
    std::vector<std::uint64_t> old(seen_.size() * 2, 0);
    old.swap(seen_);
    for (const std::uint64_t h : old) {
      if (h == 0) continue;
      std::size_t i = h & (seen_.size() - 1);
      while (seen_[i] != 0) i = (i + 1) & (seen_.size() - 1);
      seen_[i] = h;
    }
  }
  std::size_t i = shingle & (seen_.size() - 1);
  for (; seen_[i] != 0; i = (i + 1) & (seen_.size() - 1)) {
    if (seen_[i] == shingle) return;  // each distinct shingle votes once
  }
  seen_[i] = shingle;
  ++seen_count_;
  ++shingles_;
  const std::uint64_t again = mix64(shingle ^ 0x9e3779b97f4a7c15ULL);  // the second SimHash's hash
  for (std::size_t k = 0; k < 8; ++k) {
    const auto& [low, high] = kByteLanes.lanes[(shingle >> (8 * k)) & 0xFF];
    lanes_[2 * k] += low;
    lanes_[2 * k + 1] += high;
    const auto& [low2, high2] = kByteLanes.lanes[(again >> (8 * k)) & 0xFF];
    lanes_[16 + 2 * k] += low2;
    lanes_[16 + 2 * k + 1] += high2;
  }
  if (++in_lanes_ == 0xFFFF) flush_counts();
}

void ContentHasher::flush_counts() {
  for (std::size_t w = 0; w < lanes_.size(); ++w) {
    for (std::size_t j = 0; j < 4; ++j) totals_[4 * w + j] += static_cast<std::uint32_t>((lanes_[w] >> (16 * j)) & 0xFFFF);
    lanes_[w] = 0;
  }
  in_lanes_ = 0;
}

void ContentHasher::add_text(std::string_view text, bool main) {
  std::uint64_t h = kFnvOffset;
  bool in_word = false;
  for (const char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (!word_byte(c)) {
      if (in_word) add_word(h, main);
      h = kFnvOffset;
      in_word = false;
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    h = (h ^ c) * kFnvPrime;
    in_word = true;
  }
  if (in_word) add_word(h, main);
}

void ContentHasher::add_word(std::uint64_t hash, bool main) {
  ++words_;
  exact_ = mix64(exact_ ^ hash) + words_;
  if (!main) return;
  ++main_words_;
  // The shingle of this word and the two before it (fewer at the start of the text).
  const std::uint64_t shingle = mix64(hash ^ std::rotl(previous_[0], 21) ^ std::rotl(previous_[1], 42));
  previous_[1] = previous_[0];
  previous_[0] = hash;
  if (main_words_ >= 3) vote(shingle);  // a shingle is three words; shorter texts are one in finish()
}

ContentFingerprint ContentHasher::finish(std::string_view description) {
  ContentFingerprint out;
  out.words = words_;
  out.main_words = main_words_;
  out.description = text_hash(description);
  if (words_ == 0) return out;
  out.exact = exact_ == 0 ? 1 : exact_;
  if (main_words_ == 0) return out;
  if (main_words_ < 3) {
    out.simhash = mix64(previous_[0] ^ std::rotl(previous_[1], 21));
    out.simhash_high = mix64(out.simhash ^ 0x9e3779b97f4a7c15ULL);
    return out;
  }
  flush_counts();
  // Bit b is set when most distinct shingles have it set (lane b's bits: byte b / 8, bit b % 8,
  // in lane (b % 8) % 4 of word 2 * (b / 8) + (b % 8) / 4).
  for (std::size_t half = 0; half < 2; ++half) {
    std::uint64_t& hash = half == 0 ? out.simhash : out.simhash_high;
    for (std::size_t b = 0; b < 64; ++b) {
      const std::size_t k = b / 8;
      const std::size_t bit = b % 8;
      const std::uint32_t set = totals_[64 * half + 4 * (2 * k + bit / 4) + bit % 4];
      if (2 * static_cast<std::uint64_t>(set) > shingles_) hash |= std::uint64_t{1} << b;
    }
  }
  return out;
}

}  // namespace sitegraph
