#include <catch2/catch.hpp>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/inputs.hpp"
#include "sitegraph/snapshot.hpp"

namespace fs = std::filesystem;
using namespace sitegraph;
using sitegraph::testing::GraphBuilder;

namespace {
fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() / ("sitegraph-snapshot-test-" + std::to_string(getpid()) + "-" + name);
}
}  // namespace

TEST_CASE("snapshot: a crawl written and read back is the same crawl", "[snapshot]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId a = g.page("/a");
  const UrlId old = g.page("/old", 301);
  const UrlId ext = g.external("https://other.test/x \"quoted\" <b>");
  g.redirect(old, a);
  g.link(home, a, kRelNofollow);
  g.link(home, ext);
  g.result().graph.text(a).title = "A page — with “unicode”";
  g.result().graph.text(a).etag = "\"abc\"";
  g.result().graph.text(a).last_modified = "Tue, 14 Nov 2023 22:13:20 GMT";
  g.at(a).noindex = true;
  g.at(a).revalidated = true;  // a 304 to --since: kept by the snapshot as by the journal
  g.at(a).in_sitemap = true;
  g.at(a).listed = true;
  g.at(home).seen_before = true;
  g.at(home).canonical = a;
  g.at(ext).outcome = FetchOutcome::kRobotsBlocked;
  CrawlResult& crawl = g.result();
  crawl.start = home;
  crawl.complete = false;
  crawl.stop_reason = "max-pages";
  crawl.robots = {"https://site.test/robots.txt", "200", {"https://site.test/sitemap.xml"}};
  crawl.sitemaps.push_back({"https://site.test/sitemap.xml", "200", 3, ""});
  const fs::path file = temp_file("roundtrip.jsonl.gz");
  write_snapshot(file, crawl);
  CHECK(is_snapshot(file));
  const CrawlResult back = read_snapshot(file);
  REQUIRE(back.graph.size() == crawl.graph.size());
  for (UrlId id = 0; id < crawl.graph.size(); ++id) {
    const Page& x = crawl.graph.page(id);
    const Page& y = back.graph.page(id);
    CHECK(back.graph.url(id) == crawl.graph.url(id));
    const PageText& tx = crawl.graph.text(id);
    const PageText& ty = back.graph.text(id);
    CHECK(std::tie(x.internal, x.in_sitemap, x.listed, x.seen_before, x.fetched_html, x.noindex, x.nofollow, x.revalidated,
                   x.outcome, x.status, x.redirect_to, x.canonical, tx.title, tx.etag, tx.last_modified) ==
          std::tie(y.internal, y.in_sitemap, y.listed, y.seen_before, y.fetched_html, y.noindex, y.nofollow, y.revalidated,
                   y.outcome, y.status, y.redirect_to, y.canonical, ty.title, ty.etag, ty.last_modified));
  }
  REQUIRE(back.graph.links().size() == crawl.graph.links().size());
  for (std::size_t i = 0; i < crawl.graph.links().size(); ++i) {
    const Link& x = crawl.graph.links()[i];
    const Link& y = back.graph.links()[i];
    CHECK(std::tie(x.source, x.target, x.kind, x.rel, x.placement, x.line) ==
          std::tie(y.source, y.target, y.kind, y.rel, y.placement, y.line));
  }
  CHECK(back.start == home);
  CHECK_FALSE(back.complete);
  CHECK(back.stop_reason == "max-pages");
  CHECK(back.robots.sitemaps == crawl.robots.sitemaps);
  REQUIRE(back.sitemaps.size() == 1);
  CHECK(back.sitemaps[0].urls == 3);
  fs::remove(file);
}

TEST_CASE("snapshot: a truncated, foreign or newer file is refused with a reason", "[snapshot]") {
  GraphBuilder g;
  g.result().start = g.page("/");
  g.link(g.page("/"), g.page("/a"));
  const fs::path file = temp_file("cut.jsonl.gz");
  write_snapshot(file, g.result());
  // Cut the last line off: re-compress all but the end.
  std::string text;
  {
    gzFile in = gzopen(file.c_str(), "rb");
    char buf[4096];
    for (int n; (n = gzread(in, buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
    gzclose(in);
  }
  const auto write_gz = [&](const std::string& content) {
    gzFile out = gzopen(file.c_str(), "wb");
    gzwrite(out, content.data(), static_cast<unsigned>(content.size()));
    gzclose(out);
  };
  write_gz(text.substr(0, text.rfind('\n', text.size() - 2)));
  CHECK_THROWS_AS(read_snapshot(file), SnapshotError);
  write_gz("{\"format\":\"something-else\"}\n");
  CHECK_THROWS_WITH(read_snapshot(file), Catch::Contains("not a sitegraph snapshot"));
  write_gz("{\"format\":\"sitegraph-snapshot\",\"version\":99}\n");
  CHECK_THROWS_WITH(read_snapshot(file), Catch::Contains("newer"));
  std::ofstream(file) << "plain text";
  CHECK_FALSE(is_snapshot(file));
  CHECK_THROWS_AS(read_snapshot(temp_file("missing")), SnapshotError);
  fs::remove(file);
}

#include <sys/stat.h>

#include "io/atomic_file.hpp"

TEST_CASE("outputs replace only plain files atomically: devices, FIFOs and symlinks are written in place", "[output][security]") {
  CHECK_FALSE(replace_atomically("/dev/null"));  // renaming over it as root would destroy the device
  const fs::path file = temp_file("plain.txt");
  CHECK(replace_atomically(file));  // does not exist yet
  std::ofstream(file) << "x";
  CHECK(replace_atomically(file));
  const fs::path link = temp_file("link.txt");
  fs::create_symlink(file, link);
  CHECK_FALSE(replace_atomically(link));
  const fs::path fifo = temp_file("fifo");
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_FALSE(replace_atomically(fifo));
  for (const fs::path& p : {file, link, fifo}) fs::remove(p);
}

TEST_CASE("an atomic file is written beside its target and renamed over it; a symlink is written through", "[output]") {
  const fs::path target = temp_file("atomic.txt");
  std::ofstream(target) << "old";
  AtomicFile file(target);
  CHECK(file.path() == fs::path(target.string() + ".tmp"));
  std::ofstream(file.path()) << "new";
  const auto text_of = [](const fs::path& p) { return (std::stringstream() << std::ifstream(p).rdbuf()).str(); };
  CHECK(text_of(target) == "old");  // untouched until the rename
  std::error_code ec;
  REQUIRE(file.commit(ec));
  CHECK_FALSE(fs::exists(target.string() + ".tmp"));
  CHECK(text_of(target) == "new");

  const fs::path link = temp_file("atomic-link.txt");
  fs::create_symlink(target, link);
  AtomicFile through(link);
  CHECK(through.in_place());
  CHECK(through.path() == link);
  AtomicFile part(link, ".part", AtomicFile::Special::kReplace);  // the WARC writer's way
  CHECK_FALSE(part.in_place());
  CHECK(part.path() == fs::path(link.string() + ".part"));

  AtomicFile failed(temp_file("atomic-failed.txt"));
  std::ofstream(failed.path()) << "half";
  failed.discard();
  CHECK_FALSE(fs::exists(failed.path()));
  for (const fs::path& p : {target, link}) fs::remove(p);
}

TEST_CASE("snapshot: an imported graph keeps its link weights", "[snapshot]") {
  CrawlResult crawl = import_edge_list(parse_csv("source,target,weight\nA,B,2.5\nB,A,1\nA,B,0.5\n"));
  const fs::path file = temp_file("weights.jsonl.gz");
  write_snapshot(file, crawl);
  const CrawlResult back = read_snapshot(file);
  CHECK(back.graph.link_weights() == crawl.graph.link_weights());
  CHECK(site_pagerank(back.graph).rank == site_pagerank(crawl.graph).rank);
  fs::remove(file);
}
