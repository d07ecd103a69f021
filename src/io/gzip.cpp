// The one place sitegraph calls zlib (see gzip.hpp).
#define ZLIB_CONST
#include "io/gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <limits>
#include <string>

namespace sitegraph::gzip {
namespace {

// windowBits for inflateInit2/deflateInit2 (zlib manual): a 32 KiB window (15), plus 16 for a
// gzip wrapper only, or plus 32 to accept a gzip or a zlib wrapper by its header.
constexpr int kGzipWindowBits = 16 + MAX_WBITS;
constexpr int kGzipOrZlibWindowBits = 32 + MAX_WBITS;

constexpr std::size_t kInflateChunk = 64 * 1024;
constexpr std::size_t kDeflateChunk = 256 * 1024;

using InflatePtr = std::unique_ptr<z_stream, InflateEnder>;
using DeflatePtr = std::unique_ptr<z_stream, DeflateEnder>;

// A z_stream set up for inflating with `window_bits`; null when zlib cannot set it up.
InflatePtr make_inflater(int window_bits) {
  auto stream = std::make_unique<z_stream>();
  if (inflateInit2(stream.get(), window_bits) != Z_OK) return nullptr;
  return InflatePtr(stream.release());
}

// Hands zlib the next slice of `data` when it has consumed the previous one (avail_in is
// 32-bit, the data may not be).
void refill_input(z_stream& stream, std::string_view data, std::size_t& fed) {
  if (stream.avail_in != 0 || fed >= data.size()) return;
  const std::size_t slice = std::min<std::size_t>(data.size() - fed, std::numeric_limits<uInt>::max());
  stream.next_in = reinterpret_cast<const Bytef*>(data.data() + fed);
  stream.avail_in = static_cast<uInt>(slice);
  fed += slice;
}

bool at_next_gzip_member(const z_stream& stream) {
  return stream.avail_in >= 2 && stream.next_in[0] == 0x1f && stream.next_in[1] == 0x8b;
}

}  // namespace

void FileCloser::operator()(gzFile_s* file) const { gzclose(file); }
void InflateEnder::operator()(z_stream_s* stream) const {
  inflateEnd(stream);
  delete stream;
}
void DeflateEnder::operator()(z_stream_s* stream) const {
  deflateEnd(stream);
  delete stream;
}

// --- Files -------------------------------------------------------------------------------

FileReader::FileReader(const std::filesystem::path& path, unsigned buffer_bytes) : file_(gzopen(path.c_str(), "rb")) {
  if (file_ && buffer_bytes != 0) gzbuffer(file_.get(), buffer_bytes);
}

std::ptrdiff_t FileReader::read(char* data, std::size_t size) {
  const auto wanted = static_cast<unsigned>(std::min<std::size_t>(size, std::numeric_limits<int>::max()));
  return gzread(file_.get(), data, wanted);
}

std::string read_head(const std::filesystem::path& path, std::size_t max_bytes) {
  FileReader in(path);
  if (!in) return {};
  std::string head(max_bytes, '\0');
  const std::ptrdiff_t n = in.read(head.data(), head.size());
  head.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return head;
}

FileWriter::FileWriter(const std::filesystem::path& path, int level)
    : file_(gzopen(path.c_str(), ("wb" + std::to_string(std::clamp(level, 0, 9))).c_str())) {}

bool FileWriter::write(std::string_view data) {
  while (!data.empty()) {
    const auto n = static_cast<unsigned>(std::min<std::size_t>(data.size(), std::numeric_limits<int>::max()));
    if (gzwrite(file_.get(), data.data(), n) != static_cast<int>(n)) return false;
    data.remove_prefix(n);
  }
  return true;
}

// gzflush(Z_FINISH) ends the member; zlib starts a new one at the next write.
bool FileWriter::end_member() { return gzflush(file_.get(), Z_FINISH) == Z_OK; }

bool FileWriter::close() { return gzclose(file_.release()) == Z_OK; }

// --- Memory ------------------------------------------------------------------------------

std::string inflate_members(std::string_view data, std::size_t max_bytes, std::string& error) {
  error.clear();
  const InflatePtr inflater = make_inflater(kGzipWindowBits);
  if (!inflater) {
    error = "gzip: cannot initialise zlib";
    return {};
  }
  z_stream& stream = *inflater;
  std::string out;
  std::array<Bytef, kInflateChunk> buffer{};
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

bool inflate_http_body(std::string_view in, std::string& out, std::uint64_t limit) {
  const InflatePtr inflater = make_inflater(kGzipOrZlibWindowBits);
  if (!inflater) return false;
  z_stream& z = *inflater;
  std::size_t fed = 0;
  std::array<char, kInflateChunk> buffer{};
  int rc = Z_OK;
  while (rc == Z_OK && out.size() < limit) {
    refill_input(z, in, fed);
    z.next_out = reinterpret_cast<Bytef*>(buffer.data());
    z.avail_out = static_cast<uInt>(buffer.size());
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buffer.data(), buffer.size() - z.avail_out);
    if (rc == Z_BUF_ERROR && z.avail_in == 0 && fed >= in.size()) break;  // cut short: keep what came
  }
  return rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR;
}

void deflate_member(std::string_view text, int level, const std::function<void(std::string_view)>& sink) {
  auto owned = std::make_unique<z_stream>();
  if (deflateInit2(owned.get(), level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw Error("zlib init failed");
  }
  const DeflatePtr deflater(owned.release());  // ended on every way out, a throwing sink too
  z_stream& z = *deflater;
  std::array<char, kDeflateChunk> chunk{};
  std::size_t fed = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    refill_input(z, text, fed);
    z.next_out = reinterpret_cast<Bytef*>(chunk.data());
    z.avail_out = static_cast<uInt>(chunk.size());
    rc = deflate(&z, fed >= text.size() ? Z_FINISH : Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) throw Error("compression failed");
    const std::size_t size = chunk.size() - z.avail_out;
    if (size != 0) sink(std::string_view(chunk.data(), size));
  }
}

MemberInflater::MemberInflater() : stream_(make_inflater(kGzipWindowBits)) {
  if (!stream_) throw Error("zlib init failed");
}

MemberInflater::Result MemberInflater::inflate(std::string_view& input, std::string& out) {
  z_stream& z = *stream_;
  std::array<char, kInflateChunk> output{};
  while (!input.empty()) {
    // Fed at most 4 GiB at a time (avail_in is 32-bit); the rest waits for the next call.
    const auto slice = static_cast<uInt>(std::min<std::size_t>(input.size(), std::numeric_limits<uInt>::max()));
    z.next_in = reinterpret_cast<const Bytef*>(input.data());
    z.avail_in = slice;
    z.next_out = reinterpret_cast<Bytef*>(output.data());
    z.avail_out = static_cast<uInt>(output.size());
    const int rc = ::inflate(&z, Z_NO_FLUSH);
    out.append(output.data(), output.size() - z.avail_out);
    input.remove_prefix(slice - z.avail_in);
    if (rc == Z_STREAM_END) {
      inflateReset(&z);
      return Result::kMemberEnd;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) return Result::kCorrupt;
  }
  return Result::kNeedInput;
}

}  // namespace sitegraph::gzip
