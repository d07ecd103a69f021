// Google Benchmark of the extract stage against a bare gumbo parse, on a corpus of HTML files.
//
//   SITEGRAPH_BENCH_CORPUS=/usr/share/cppreference/doc/html build/extract_bench
//
// Each iteration handles the next document of the corpus (each thread walks it from its own
// offset); bytes_per_second is the figure to compare:
//   BM_BareParse  gumbo_parse (default allocator) + walk collecting <a href> + gumbo_destroy_output
//   BM_Extract    sitegraph's parse_page: arena parse, every link kind with placement, anchor, rel,
//                 line, and every URL resolved against the page
#include <benchmark/benchmark.h>
#include <gumbo.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bare_gumbo.hpp"
#include "crawl/parse_pool.hpp"

namespace {

struct Doc {
  std::string url;
  std::string html;
};

const std::vector<Doc>& corpus() {
  static const std::vector<Doc> docs = [] {
    std::vector<Doc> out;
    const char* dir = std::getenv("SITEGRAPH_BENCH_CORPUS");
    if (!dir) return out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (entry.path().extension() != ".html") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      out.push_back({"https://bench.test/" + std::filesystem::relative(entry.path(), dir).generic_string(),
                     std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())});
    }
    return out;
  }();
  return docs;
}

template <typename Work>
void over_corpus(benchmark::State& state, Work work) {
  const auto& docs = corpus();
  if (docs.empty()) {
    state.SkipWithError("set SITEGRAPH_BENCH_CORPUS to a folder of HTML files");
    return;
  }
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * docs.size() / static_cast<std::size_t>(state.threads());
  std::int64_t bytes = 0;
  for (auto _ : state) {
    const Doc& d = docs[i++ % docs.size()];
    benchmark::DoNotOptimize(work(d));
    bytes += static_cast<std::int64_t>(d.html.size());
  }
  state.SetBytesProcessed(bytes);
  state.SetItemsProcessed(state.iterations());
}

void BM_BareParse(benchmark::State& state) {
  over_corpus(state, [](const Doc& d) { return bare_gumbo_links(d.html); });
}

void BM_Extract(benchmark::State& state) {
  over_corpus(state, [](const Doc& d) { return sitegraph::parse_page({0, d.url, d.html, "", ""}).resolved.size(); });
}

BENCHMARK(BM_BareParse)->Threads(1)->Threads(2)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_Extract)->Threads(1)->Threads(2)->UseRealTime()->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
