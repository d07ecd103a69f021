#include "cli/history.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

#include "sitegraph/snapshot.hpp"

namespace fs = std::filesystem;

namespace sitegraph::cli {
namespace {

constexpr std::string_view kPrefix = "crawl-";
constexpr std::string_view kSuffix = ".jsonl.gz";

// The history's snapshots, oldest first (their names sort by time).
std::vector<fs::path> history_files(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file(ec) && name.starts_with(kPrefix) && name.ends_with(kSuffix)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::optional<fs::path> latest_in_history(const fs::path& dir) {
  const auto files = history_files(dir);
  if (files.empty()) return std::nullopt;
  return files.back();
}

fs::path save_in_history(const fs::path& dir, const CrawlResult& crawl, std::size_t keep) {
  fs::create_directories(dir);
  // Names sort by time: UTC to the millisecond; a name taken already moves a millisecond on.
  auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  fs::path file;
  do {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[40];
    const std::size_t n = std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &utc);
    std::snprintf(stamp + n, sizeof stamp - n, ".%03dZ", static_cast<int>(now.time_since_epoch().count() % 1000));
    file = dir / (std::string(kPrefix) + stamp + std::string(kSuffix));
    now += std::chrono::milliseconds(1);
  } while (fs::exists(file));
  write_snapshot(file, crawl);
  auto files = history_files(dir);
  while (keep > 0 && files.size() > keep) {
    fs::remove(files.front());
    files.erase(files.begin());
  }
  return file;
}

}  // namespace sitegraph::cli
