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

}  // namespace

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
  if (main_words_ >= 3) shingles_.push_back(shingle);  // a shingle is three words; shorter texts are one in finish()
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
    return out;
  }
  std::sort(shingles_.begin(), shingles_.end());
  shingles_.erase(std::unique(shingles_.begin(), shingles_.end()), shingles_.end());
  std::array<std::int32_t, 64> votes{};  // per bit: shingles with it set minus shingles without
  for (const std::uint64_t shingle : shingles_) {
    for (std::size_t b = 0; b < 64; ++b) votes[b] += static_cast<std::int32_t>((shingle >> b) & 1U) * 2 - 1;
  }
  for (std::size_t b = 0; b < 64; ++b) {
    if (votes[b] > 0) out.simhash |= std::uint64_t{1} << b;
  }
  return out;
}

}  // namespace sitegraph
