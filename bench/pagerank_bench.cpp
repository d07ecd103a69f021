// Google Benchmark of classic PageRank (to an L1 change below 1e-10) on a generated graph of
// 1,000,000 pages and 15,000,000 links, the size of a large site. Run it beside python-igraph
// on the same graph with bench/pagerank_vs_igraph.sh.
//
//   build/pagerank_bench [--benchmark_filter=...]       SITEGRAPH_EDGES_OUT=FILE writes the graph
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "analyze/power_iteration.hpp"
#include "sitegraph/analyze.hpp"

namespace {

constexpr std::uint32_t kPages = 1'000'000;
constexpr std::size_t kLinks = 15'000'000;

// A site-like graph: each page links to pages near it (its section) and to popular pages
// (a Zipf-like choice), duplicates and self links removed, a few pages left without links.
const sitegraph::Csr& site_like_graph() {
  static const sitegraph::Csr csr = [] {
    std::mt19937_64 rng(42);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    edges.reserve(kLinks + kLinks / 10);
    std::uniform_int_distribution<std::uint32_t> any(0, kPages - 1);
    std::uniform_int_distribution<int> near(-500, 500);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    while (edges.size() < kLinks + kLinks / 20) {
      const std::uint32_t u = any(rng);
      std::uint32_t v;
      if (unit(rng) < 0.7) {
        v = static_cast<std::uint32_t>((static_cast<std::int64_t>(u) + near(rng) + kPages) % kPages);
      } else {
        v = static_cast<std::uint32_t>(std::pow(unit(rng), 3.0) * kPages);  // popular pages first
      }
      if (u != v) edges.emplace_back(u, v);
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    edges.resize(std::min(edges.size(), kLinks));
    if (const char* out = std::getenv("SITEGRAPH_EDGES_OUT")) {
      if (std::FILE* f = std::fopen(out, "w")) {
        for (const auto& [u, v] : edges) std::fprintf(f, "%u %u\n", u, v);
        std::fclose(f);
      }
    }
    return sitegraph::build_csr(kPages, edges);
  }();
  return csr;
}

void BM_ClassicPageRank(benchmark::State& state) {
  const sitegraph::Csr& g = site_like_graph();
  int iterations = 0;
  for (auto _ : state) {
    const sitegraph::PageRankResult r = sitegraph::pagerank(g, {0.85, 1e-10, 1000});
    iterations = r.iterations;
    benchmark::DoNotOptimize(r.rank.data());
  }
  state.counters["iterations"] = iterations;
  state.counters["edges"] = static_cast<double>(g.targets.size());
}

BENCHMARK(BM_ClassicPageRank)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
