#pragma once
// One gzip member (RFC 1952) of `data`, for tests that write .gz files or gzip bodies.

#include <zlib.h>

#include <array>
#include <stdexcept>
#include <string>

namespace sitegraph::testing {

inline std::string gzip_member(const std::string& data) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  std::array<Bytef, 16384> buffer{};
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = buffer.data();
    stream.avail_out = static_cast<uInt>(buffer.size());
    rc = deflate(&stream, Z_FINISH);
    out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - stream.avail_out);
  }
  deflateEnd(&stream);
  return out;
}

}  // namespace sitegraph::testing
