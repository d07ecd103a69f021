// Google Benchmark of the analyze stage on a site-sized graph: 1,000,000 pages and 15,000,000
// links held as a crawl would hold them (interned URLs, placements, anchors, a few nofollow
// links and broken pages), 1,000 sections of 1,000 pages.
//
//   build/analyze_bench [--benchmark_filter=...]
//
// Measures the classic PageRank and the weighted equity model on the SiteGraph, and
// audit_site with every analyzer (depth, both models, facts, clusters, all rules), with and
// without backlinks, priority pages and link opportunities. Prints the peak RSS at the end.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <sys/resource.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>

#include <spdlog/spdlog.h>

#include "analyze/power_iteration.hpp"
#include "sitegraph/analyze.hpp"

namespace {

using namespace sitegraph;

constexpr std::uint32_t kPages = 1'000'000;
constexpr std::size_t kLinks = 15'000'000;
constexpr std::uint32_t kSection = 1'000;

const CrawlResult& site() {
  static const CrawlResult crawl = [] {
    CrawlResult c;
    SiteGraph& g = c.graph;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (std::uint32_t i = 0; i < kPages; ++i) {
      const std::uint32_t section = i / kSection;
      const std::string url = i % kSection == 0 ? "https://big.test/s" + std::to_string(section) + "/"
                                                : "https://big.test/s" + std::to_string(section) + "/p" + std::to_string(i) + ".html";
      Page& p = g.page(g.add_url(url));
      p.internal = true;
      p.outcome = FetchOutcome::kResponse;
      p.status = unit(rng) < 0.005 ? 404 : 200;
      p.fetched_html = p.status == 200;
      p.in_sitemap = true;
      p.noindex = unit(rng) < 0.01;
    }
    std::vector<std::uint32_t> anchors;
    for (int a = 0; a < 5000; ++a) anchors.push_back(g.intern_anchor("topic " + std::to_string(a)));
    anchors.push_back(g.intern_anchor("read more"));
    std::uniform_int_distribution<std::uint32_t> any(0, kPages - 1);
    std::uniform_int_distribution<int> near(-500, 500);
    for (std::size_t l = 0; l < kLinks; ++l) {
      const std::uint32_t u = static_cast<std::uint32_t>(l / (kLinks / kPages));
      std::uint32_t v;
      const double r = unit(rng);
      Placement where = Placement::kContent;
      if (r < 0.2) {  // navigation to section hubs
        v = static_cast<std::uint32_t>(std::pow(unit(rng), 2.0) * (kPages / kSection)) * kSection;
        where = Placement::kNav;
      } else if (r < 0.3) {
        v = static_cast<std::uint32_t>(std::pow(unit(rng), 3.0) * kPages);
        where = Placement::kFooter;
      } else {
        v = static_cast<std::uint32_t>((static_cast<std::int64_t>(u) + near(rng) + kPages) % kPages);
      }
      if (u == v) continue;
      Link link;
      link.source = u;
      link.target = v;
      link.anchor = anchors[v % anchors.size()];
      link.placement = where;
      link.rel = unit(rng) < 0.005 ? kRelNofollow : kRelNone;
      link.line = 1;
      g.add_link(link);
    }
    c.start = 0;
    return c;
  }();
  return crawl;
}

void BM_ClassicPageRank(benchmark::State& state) {
  const CrawlResult& c = site();
  int iterations = 0;
  for (auto _ : state) {
    const PageRankResult r = site_pagerank(c.graph);
    iterations = r.iterations;
    benchmark::DoNotOptimize(r.rank.data());
  }
  state.counters["iterations"] = iterations;
  state.counters["links"] = static_cast<double>(c.graph.links().size());
}

// The weighted model as audit_site runs it: matrix built from the graph, iteration started
// from the classic PageRank (computed before the timing).
void BM_WeightedEquity(benchmark::State& state) {
  const CrawlResult& c = site();
  const PageRankResult classic = site_pagerank(c.graph);
  int iterations = 0;
  for (auto _ : state) {
    const EquityModel model = equity_model(c.graph, {}, {});
    const PageRankResult r = power_iterate(model.matrix, {}, equity_start(model, classic, 0.85));
    iterations = r.iterations;
    benchmark::DoNotOptimize(r.rank.data());
  }
  state.counters["iterations"] = iterations;
}

// The same from the uniform vector.
void BM_WeightedEquityColdStart(benchmark::State& state) {
  const CrawlResult& c = site();
  int iterations = 0;
  for (auto _ : state) {
    const PageRankResult r = site_equity(c.graph);
    iterations = r.iterations;
    benchmark::DoNotOptimize(r.rank.data());
  }
  state.counters["iterations"] = iterations;
}

void BM_AuditAllAnalyzers(benchmark::State& state) {
  const CrawlResult& c = site();
  std::size_t findings = 0;
  for (auto _ : state) {
    const Audit a = audit_site(c);
    findings = a.findings.size();
    benchmark::DoNotOptimize(a.findings.data());
  }
  state.counters["findings"] = static_cast<double>(findings);
}

// Backlinks on 1% of the pages, 100 priority pages and 3 link opportunities per weak page.
void BM_AuditWithBacklinksAndSuggestions(benchmark::State& state) {
  const CrawlResult& c = site();
  AuditOptions options;
  options.authority.assign(c.graph.size(), 0.0);
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<std::uint32_t> any(0, kPages - 1);
  for (int i = 0; i < 10'000; ++i) options.authority[any(rng)] += 1.0;
  for (int i = 0; i < 100; ++i) options.priority.push_back(any(rng));
  options.suggest_links = static_cast<std::uint32_t>(state.range(0));
  std::size_t suggestions = 0;
  for (auto _ : state) {
    const Audit a = audit_site(c, options);
    suggestions = a.opportunities.size();
    benchmark::DoNotOptimize(a.findings.data());
  }
  state.counters["suggestions"] = static_cast<double>(suggestions);
}

BENCHMARK(BM_ClassicPageRank)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_WeightedEquity)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_WeightedEquityColdStart)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_AuditAllAnalyzers)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);
BENCHMARK(BM_AuditWithBacklinksAndSuggestions)->Arg(0)->Arg(3)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

int main(int argc, char** argv) {
  if (std::getenv("SITEGRAPH_VERBOSE")) spdlog::set_level(spdlog::level::debug);  // per-analyzer times
  if (std::getenv("SITEGRAPH_NO_MMAP")) {
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, -1);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak RSS %.0f MiB (graph of %u pages, %zu links included)\n", static_cast<double>(usage.ru_maxrss) / 1024.0, kPages,
              site().graph.links().size());
  return 0;
}
