// Parse throughput on a folder of HTML files, all loaded in memory first:
//   bare     gumbo_parse (default allocator) + a walk collecting <a href>, then gumbo_destroy_output
//   extract  sitegraph's extract stage: arena parse, links with placement/anchor/rel, resolved URLs
// Usage: parse_rate DIR [THREADS] [MODE...]   (default: both modes, one thread per core)
#include <gumbo.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "bare_gumbo.hpp"
#include "crawl/parse_pool.hpp"

namespace fs = std::filesystem;

namespace {

struct Doc {
  std::string url;
  std::string html;
};

void run(const std::vector<Doc>& docs, unsigned threads, const std::string& mode, double mb) {
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> links{0};
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i; (i = next++) < docs.size();) {
        if (mode == "bare") {
          links += bare_gumbo_links(docs[i].html);
        } else {
          links += sitegraph::parse_page({0, docs[i].url, docs[i].html, ""}).resolved.size();
        }
      }
    });
  }
  for (auto& t : pool) t.join();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%-8s %u threads: %6.2f s  %7.0f pages/s  %6.1f MB/s  %zu links\n", mode.c_str(), threads, s,
              static_cast<double>(docs.size()) / s, mb / s, links.load());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: parse_rate DIR [THREADS] [bare|extract ...]\n");
    return 2;
  }
  const unsigned threads = argc > 2 ? static_cast<unsigned>(std::stoul(argv[2])) : std::thread::hardware_concurrency();
  std::vector<std::string> modes;
  for (int i = 3; i < argc; ++i) modes.emplace_back(argv[i]);
  if (modes.empty()) modes = {"bare", "extract", "bare", "extract"};
  std::vector<Doc> docs;
  std::size_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(argv[1])) {
    const auto ext = entry.path().extension();
    if (ext != ".html" && ext != ".htm") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    Doc d{"https://bench.test/" + fs::relative(entry.path(), argv[1]).generic_string(), {}};
    d.html.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    bytes += d.html.size();
    docs.push_back(std::move(d));
  }
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("%zu pages, %.1f MB\n", docs.size(), mb);
  for (const std::string& mode : modes) run(docs, threads, mode, mb);
}
