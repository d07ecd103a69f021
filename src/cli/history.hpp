#pragma once
// --history DIR: each run's crawl kept as a timestamped snapshot, pruned to the last N, so a
// cron job can say what changed since the previous run.

#include <filesystem>
#include <optional>

#include "sitegraph/crawl.hpp"

namespace sitegraph::cli {

/// The newest snapshot in the history directory, if any.
std::optional<std::filesystem::path> latest_in_history(const std::filesystem::path& dir);

/// Saves `crawl` as DIR/crawl-YYYYMMDDTHHMMSS.mmmZ.jsonl.gz (UTC), then deletes the oldest
/// snapshots beyond `keep`; returns the file written. Throws SnapshotError or
/// std::filesystem::filesystem_error.
std::filesystem::path save_in_history(const std::filesystem::path& dir, const CrawlResult& crawl, std::size_t keep);

}  // namespace sitegraph::cli
