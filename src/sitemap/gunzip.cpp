// gzip decompression for sitemap files (RFC 1952), bounded by an output limit.
#define ZLIB_CONST
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include "sitegraph/sitemap.hpp"

namespace sitegraph {
namespace {

constexpr std::size_t kOutputChunk = 64 * 1024;
// inflateInit2 windowBits: 15-bit window plus 16 to accept only a gzip wrapper (zlib manual).
constexpr int kGzipWindowBits = 16 + MAX_WBITS;

// Owns an initialised z_stream and ends it on every path out.
class Inflater {
 public:
  Inflater() { ok_ = inflateInit2(&stream_, kGzipWindowBits) == Z_OK; }
  ~Inflater() {
    if (ok_) inflateEnd(&stream_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  [[nodiscard]] bool ok() const { return ok_; }
  z_stream& stream() { return stream_; }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

// Hands zlib the next slice of input when it has consumed the previous one
// (avail_in is 32-bit, the input may not be).
void refill_input(z_stream& stream, std::string_view data, std::size_t& fed) {
  if (stream.avail_in != 0 || fed >= data.size()) return;
  const std::size_t slice =
      std::min<std::size_t>(data.size() - fed, std::numeric_limits<uInt>::max());
  stream.next_in = reinterpret_cast<const Bytef*>(data.data() + fed);
  stream.avail_in = static_cast<uInt>(slice);
  fed += slice;
}

bool at_next_gzip_member(const z_stream& stream) {
  return stream.avail_in >= 2 && stream.next_in[0] == 0x1f && stream.next_in[1] == 0x8b;
}

}  // namespace

std::string gunzip(std::string_view data, std::size_t max_bytes, std::string& error) {
  error.clear();
  Inflater inflater;
  if (!inflater.ok()) {
    error = "gzip: cannot initialise zlib";
    return {};
  }
  z_stream& stream = inflater.stream();
  std::string out;
  std::array<Bytef, kOutputChunk> buffer{};
  std::size_t fed = 0;
  while (true) {
    refill_input(stream, data, fed);
    stream.next_out = buffer.data();
    stream.avail_out = static_cast<uInt>(buffer.size());
    const int rc = inflate(&stream, Z_NO_FLUSH);
    out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - stream.avail_out);
    if (out.size() > max_bytes) {
      error = "gzip: inflated size exceeds " + std::to_string(max_bytes) + " bytes";
      return {};
    }
    if (rc == Z_STREAM_END) {
      // A gzip file may hold several members back to back (RFC 1952 §2.2).
      if (!at_next_gzip_member(stream) || inflateReset(&stream) != Z_OK) return out;
      continue;
    }
    if (rc == Z_BUF_ERROR && stream.avail_in == 0 && fed >= data.size()) {
      error = "gzip: data is truncated";
      return out;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      error = std::string("gzip: ") + (stream.msg != nullptr ? stream.msg : "corrupt data");
      return out;
    }
  }
}

}  // namespace sitegraph
