#pragma once
// WARC input (ISO 28500, WARC/1.0 and 1.1): archives written by wget --warc-file, Heritrix,
// StormCrawler or Common Crawl are read into an index of the HTTP responses they hold, and a
// Fetcher answers the crawl from it, so an archive is audited exactly like a live site.

#include "sitegraph/error.hpp"
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "sitegraph/fetch.hpp"

namespace sitegraph {

class WarcError : public Error {
 public:
  explicit WarcError(const std::string& message, ErrorKind kind = ErrorKind::kUsage) : Error(kind, message) {}
};

/// One archived HTTP response, its body kept in the archive's spill file.
struct WarcResponse {
  int status = 0;
  std::string content_type;   ///< the full Content-Type value
  std::string location;       ///< as sent (resolved by the fetcher)
  std::string link_header;
  std::string x_robots_tag;
  std::string etag;
  std::string last_modified;
  bool truncated_length = false;  ///< WARC-Truncated: length: the body stopped at a size limit
  std::uint64_t body_offset = 0;
  std::uint64_t body_size = 0;
};

struct WarcStats {
  std::size_t records = 0;
  std::size_t responses = 0;   ///< response and resource records indexed
  std::size_t revisits = 0;    ///< revisit records resolved to an earlier payload
  std::size_t skipped = 0;     ///< request, metadata, warcinfo, unresolved revisits, unparsable blocks, blocks over 256 MiB
  std::string first_url;       ///< the first page response (not robots.txt): the default start URL
};

/// The responses of one or more WARC files, by normalised URL (the last record of a URL
/// wins). Bodies are de-chunked and decompressed (gzip, deflate) on reading and written to
/// an anonymous temporary file, so memory holds the index only.
class WarcArchive {
 public:
  WarcArchive();
  ~WarcArchive();
  WarcArchive(const WarcArchive&) = delete;
  WarcArchive& operator=(const WarcArchive&) = delete;

  /// Reads a WARC file, gzip-compressed per record (.warc.gz) or not (.warc); throws
  /// WarcError when it is not a WARC file, is cut inside a record, or a record header is
  /// malformed (no numeric Content-Length, or over 1 MiB of fields).
  void read(const std::filesystem::path& file);

  [[nodiscard]] const WarcResponse* find(const std::string& normalized_url) const;
  /// The body of `response`, at most `max_bytes`.
  [[nodiscard]] std::string body(const WarcResponse& response, std::uint64_t max_bytes) const;
  [[nodiscard]] const WarcStats& stats() const { return stats_; }

 private:
  void add(const std::string& url, WarcResponse response, const std::string& payload_digest);
  std::uint64_t spill(const std::string& body);

  std::unordered_map<std::string, WarcResponse> responses_;
  std::unordered_map<std::string, WarcResponse> by_digest_;  ///< for revisit records
  std::FILE* spill_ = nullptr;
  std::uint64_t spill_size_ = 0;
  WarcStats stats_;
  friend class WarcReader;
};

/// True when `file` (gzip or not) starts with a WARC record.
bool is_warc(const std::filesystem::path& file);

/// Answers requests from `archive`: an archived response as it was (redirects not followed,
/// so chains show), a URL the archive lacks as not fetched ("not in the archive").
std::unique_ptr<Fetcher> make_warc_fetcher(std::shared_ptr<const WarcArchive> archive, const FetchOptions& options);

/// A Fetcher that passes requests to another and records every HTTP response it returns as
/// WARC, in `out`.part until finish() gives the archive its name.
class WarcRecorder : public Fetcher {
 public:
  /// Closes the archive and renames it to its final name. Throws WarcError (a run failure:
  /// ErrorKind::kRun) when any write failed; the .part file is then left as it is. A recorder
  /// destroyed without finish() (a crawl that threw) leaves only the .part file.
  virtual void finish() = 0;
};

/// Records every HTTP response of `inner` in `out` (a .warc.gz, one gzip member per record).
/// The HTTP block is rebuilt from what the crawl kept (status, the headers sitegraph reads, the
/// decoded body), which `sitegraph import` replays as the same crawl; a body the crawl did not
/// keep is written empty and marked `WARC-Truncated: unspecified`, a body over the size limit
/// `WARC-Truncated: length` (replayed as too-large). Throws WarcError if `out` cannot be created.
std::unique_ptr<WarcRecorder> make_warc_recorder(std::unique_ptr<Fetcher> inner, const std::filesystem::path& out);

}  // namespace sitegraph
