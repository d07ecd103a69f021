#pragma once
// Snapshots: the whole crawl (pages, links, crawl facts) in a file, so a later run can
// re-analyse it without crawling (`sitegraph audit SNAPSHOT`) or revalidate against it
// (`--since SNAPSHOT`). Format: gzip-compressed JSON Lines, written and read as a stream;
// documented in docs/snapshot.md.

#include "sitegraph/error.hpp"
#include <filesystem>
#include <stdexcept>
#include <string>

#include "sitegraph/crawl.hpp"

namespace sitegraph {

inline constexpr int kSnapshotVersion = 1;

/// A snapshot file that cannot be read: missing, not a sitegraph snapshot, a newer
/// version, or cut short.
class SnapshotError : public Error {
 public:
  explicit SnapshotError(const std::string& message, ErrorKind kind = ErrorKind::kUsage) : Error(kind, message) {}
};

/// Writes `crawl` to `path` through a temporary file and a rename, so a failure never leaves
/// a truncated snapshot over a good one. Throws SnapshotError on an I/O error.
void write_snapshot(const std::filesystem::path& path, const CrawlResult& crawl);

/// Reads a snapshot written by write_snapshot. Throws SnapshotError.
CrawlResult read_snapshot(const std::filesystem::path& path);

/// True when the file starts like a snapshot (gzip magic and the snapshot header).
bool is_snapshot(const std::filesystem::path& path);

}  // namespace sitegraph
