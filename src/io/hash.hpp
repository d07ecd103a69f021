#pragma once
// 64-bit hashing shared by the extractor's fingerprints and the crawl's body hashes. Not
// cryptographic: a body hash tells an unchanged page from a changed one (--since), where two
// different bodies hashing alike (about one chance in 2^64 per page) would keep the old links.

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace sitegraph {

/// SplitMix64's finaliser: every output bit depends on every input bit.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// A response body's hash: four independent lanes of 8-byte words (so the multiplies overlap,
/// several GB/s), each word folded in by xor and an odd multiply, the lanes, the tail and the
/// length mixed at the end. Never 0 (0 means "no hash" in a snapshot).
inline std::uint64_t body_hash(std::string_view bytes) {
  constexpr std::uint64_t kOdd = 0x9e3779b97f4a7c15ULL;
  std::uint64_t lane[4] = {0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL, 0xa4093822299f31d0ULL, 0x082efa98ec4e6c89ULL};
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  for (; left >= 32; p += 32, left -= 32) {
    for (int i = 0; i < 4; ++i) {
      std::uint64_t word = 0;
      std::memcpy(&word, p + 8 * i, 8);
      lane[i] = std::rotl((lane[i] ^ word) * kOdd, 27) + word;
    }
  }
  std::uint64_t h = mix64(lane[0]) ^ std::rotl(mix64(lane[1]), 16) ^ std::rotl(mix64(lane[2]), 32) ^ std::rotl(mix64(lane[3]), 48);
  for (; left >= 8; p += 8, left -= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    h = mix64(h ^ word);
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, p, left);
  h = mix64(h ^ tail ^ (static_cast<std::uint64_t>(left) << 56));
  h = mix64(h ^ bytes.size());
  return h == 0 ? 1 : h;
}

}  // namespace sitegraph
