#pragma once
// Every gzip member sitegraph reads or writes goes through here, so zlib is called from this
// file's .cpp only. gzip is RFC 1952: a file is one or more members back to back (§2.2), each
// a header, deflate data (RFC 1951) and a CRC-32 and size trailer.
//
// Internal to the library (src/). Resources are owned by unique_ptrs with deleters: every
// stream is ended and every file closed on every way out, exceptions included.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

struct gzFile_s;    // zlib's gzFile
struct z_stream_s;  // zlib's z_stream

namespace sitegraph::gzip {

/// zlib could not be set up, or compression failed. Callers say which file it was.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FileCloser {
  void operator()(gzFile_s* file) const;
};
struct InflateEnder {
  void operator()(z_stream_s* stream) const;
};
struct DeflateEnder {
  void operator()(z_stream_s* stream) const;
};

/// Reads a file as one stream: the members of a gzip file one after another (RFC 1952 §2.2:
/// a .warc.gz holds one per record), or a file that is not gzip as it is (zlib's transparent
/// reading, which lets a plain .warc through).
class FileReader {
 public:
  /// Opens `path` for reading; `buffer_bytes` (0: zlib's default) sizes zlib's input buffer.
  /// Test with operator bool: a file that cannot be opened is not an exception here.
  explicit FileReader(const std::filesystem::path& path, unsigned buffer_bytes = 0);
  explicit operator bool() const { return file_ != nullptr; }

  /// Up to `size` bytes of the uncompressed stream into `data`: how many (fewer only at the
  /// end), 0 at the end, -1 on corrupt or truncated compressed data or a read error.
  std::ptrdiff_t read(char* data, std::size_t size);

 private:
  std::unique_ptr<gzFile_s, FileCloser> file_;
};

/// Up to `max_bytes` from the start of the file's uncompressed stream (as FileReader reads
/// it); empty when it cannot be opened or read.
std::string read_head(const std::filesystem::path& path, std::size_t max_bytes);

/// Writes a gzip file (RFC 1952) as a stream: bytes written go into the current member;
/// end_member() closes it, and the next write opens another (one member per WARC record).
/// The file is created or truncated; a device or FIFO is written through.
class FileWriter {
 public:
  /// Opens `path` for writing at compression `level` (0 stored .. 1 fastest .. 9 smallest). Test with
  /// operator bool.
  FileWriter(const std::filesystem::path& path, int level);
  explicit operator bool() const { return file_ != nullptr; }

  /// Compresses `data` into the current member; false on a write error.
  bool write(std::string_view data);
  /// Ends the current member (deflate's final block, the CRC-32 and size trailer); false on a
  /// write error.
  bool end_member();
  /// Ends the last member and closes the file; false when anything could not be written.
  /// A writer destroyed without close() closes the file and ignores the result.
  bool close();

 private:
  std::unique_ptr<gzFile_s, FileCloser> file_;
};

/// Inflates gzip data held in memory: every member (RFC 1952 §2.2), as long as the bytes
/// after a member start with the gzip magic (1f 8b); anything else after a member is
/// ignored. Past `max_bytes` of output it stops and returns nothing, with `error` set; on
/// truncated or corrupt data it returns what inflated before, with `error` set. `error` is
/// cleared when the data is whole.
std::string inflate_members(std::string_view data, std::size_t max_bytes, std::string& error);

/// Inflates an HTTP body sent with Content-Encoding gzip (RFC 1952) or deflate (zlib's
/// RFC 1950 wrapper): either header is accepted, one stream. Appends to `out` until the stream
/// ends, or `limit` bytes of output have been reached (checked every 64 KiB: `out` may end up
/// to 64 KiB past it), or the input runs out (a truncated body keeps what came). False when
/// the data is corrupt (`out` then holds what came before).
bool inflate_http_body(std::string_view in, std::string& out, std::uint64_t limit);

/// Compresses `text` as one whole gzip member (RFC 1952, no file name or time: the header's
/// MTIME is 0) at compression `level`, handing the compressed bytes to `sink` as deflate
/// produces them, in pieces of at most 256 KiB. Throws Error when zlib fails; whatever
/// `sink` throws goes through (the stream is ended either way).
void deflate_member(std::string_view text, int level, const std::function<void(std::string_view)>& sink);

/// Inflates gzip members (RFC 1952) fed in pieces (a file read in chunks), and says where
/// each one ends, so a reader can use whole members only (the crawl journal: a member torn by
/// a crash is left out).
class MemberInflater {
 public:
  /// Throws Error when zlib cannot be set up.
  MemberInflater();

  enum class Result {
    kNeedInput,  ///< `input` is used up inside a member (or between members): feed more
    kMemberEnd,  ///< a member ended: `input` now starts after it, ready for the next member
    kCorrupt,    ///< not gzip data (or a bad CRC): nothing after this point is a member
  };

  /// Inflates from the front of `input`, appending the output to `out`, until `input` is
  /// used up, a member ends, or the data is corrupt. `input` is advanced past what was read.
  Result inflate(std::string_view& input, std::string& out);

 private:
  std::unique_ptr<z_stream_s, InflateEnder> stream_;
};

}  // namespace sitegraph::gzip
