// WARC input (ISO 28500): archives written here record by record, read back into the index,
// and replayed through the crawl as `sitegraph audit FILE.warc.gz` does.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <zlib.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "../gzip_member.hpp"
#include "../warc_records.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/warc.hpp"

using namespace sitegraph;
using sitegraph::testing::gzip_member;
using sitegraph::testing::http_block;
using sitegraph::testing::warc_record;
namespace fs = std::filesystem;

namespace {

// Transfer-Encoding: chunked, in two chunks.
std::string chunked(const std::string& body) {
  const std::size_t half = body.size() / 2;
  const auto chunk = [](const std::string& part) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx", part.size());
    return std::string(size) + "\r\n" + part + "\r\n";
  };
  return chunk(body.substr(0, half)) + chunk(body.substr(half)) + "0\r\n\r\n";
}

const std::string kHome = "<html><body><a href=/a>A</a> <a href=/b>B</a> <a href=/c>C</a> <a href=/old>old</a> "
                          "<a href=/missing>missing</a></body></html>";
const std::string kPageA = "<html><head><title>A page</title></head><body><a href=/>home</a> <a href=/b>B</a></body></html>";

// The records of a small site at https://shop.test/: warcinfo and request records (skipped),
// a plain page, a page both gzip-encoded and chunked, a 301, a resource record and a revisit
// of page A's payload. /missing is linked but not archived.
std::vector<std::string> site_records() {
  return {
      warc_record("warcinfo", "", "software: hand-written\r\n"),
      warc_record("request", "https://shop.test/", "GET / HTTP/1.1\r\nHost: shop.test\r\n\r\n"),
      warc_record("response", "https://shop.test/", http_block("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8", kHome)),
      warc_record("response", "<https://shop.test/a>",  // WARC/1.0 wrote the URI in angle brackets
                  http_block("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
                             "Transfer-Encoding: chunked\r\nETag: \"v1\"",
                             chunked(gzip_member(kPageA))),
                  "WARC-Payload-Digest: sha1:AAAA\r\n"),
      warc_record("response", "https://shop.test/old", http_block("HTTP/1.1 301 Moved Permanently\r\nLocation: /a", "")),
      warc_record("resource", "https://shop.test/b", "<html><body><a href=/a>A again</a></body></html>",
                  "Content-Type: text/html\r\n"),
      warc_record("revisit", "https://shop.test/c", http_block("HTTP/1.1 200 OK\r\nContent-Type: text/html", ""),
                  "WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest\r\n"
                  "WARC-Payload-Digest: sha1:AAAA\r\n"),
  };
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("sitegraph-warc-test-" + std::to_string(getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  fs::path write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path / name, std::ios::binary) << bytes;
    return path / name;
  }
};

std::string concatenated(const std::vector<std::string>& records, bool gzip_each) {
  std::string out;
  for (const std::string& record : records) out += gzip_each ? gzip_member(record) : record;
  return out;
}

}  // namespace

TEST_CASE("warc: plain and per-record gzip archives index the same responses", "[warc]") {
  const TempDir dir;
  for (const bool gzipped : {false, true}) {
    const fs::path file = dir.write(gzipped ? "site.warc.gz" : "site.warc", concatenated(site_records(), gzipped));
    INFO((gzipped ? "site.warc.gz" : "site.warc"));
    CHECK(is_warc(file));
    WarcArchive archive;
    archive.read(file);
    const WarcStats& stats = archive.stats();
    CHECK(stats.records == 7);
    CHECK(stats.responses == 4);  // /, /a, /old and the resource /b
    CHECK(stats.revisits == 1);
    CHECK(stats.skipped == 2);    // warcinfo, request
    CHECK(stats.first_url == "https://shop.test/");

    const WarcResponse* a = archive.find("https://shop.test/a");
    REQUIRE(a != nullptr);
    CHECK(a->status == 200);
    CHECK(a->etag == "\"v1\"");
    CHECK(archive.body(*a, 1 << 20) == kPageA);  // de-chunked, then gunzipped
    CHECK(archive.body(*a, 10) == kPageA.substr(0, 10));

    const WarcResponse* old = archive.find("https://shop.test/old");
    REQUIRE(old != nullptr);
    CHECK(old->status == 301);
    CHECK(old->location == "/a");

    const WarcResponse* b = archive.find("https://shop.test/b");
    REQUIRE(b != nullptr);
    CHECK(b->status == 200);
    CHECK(b->content_type == "text/html");

    const WarcResponse* c = archive.find("https://shop.test/c");
    REQUIRE(c != nullptr);
    CHECK(c->status == 200);
    CHECK(archive.body(*c, 1 << 20) == kPageA);  // the revisit's payload is /a's
    CHECK(archive.find("https://shop.test/missing") == nullptr);
  }
}

TEST_CASE("warc: a replayed archive crawls like the live site, missing URLs are not fetched", "[warc][crawl]") {
  const TempDir dir;
  auto archive = std::make_shared<WarcArchive>();
  archive->read(dir.write("site.warc.gz", concatenated(site_records(), true)));
  FetchOptions fetch;
  fetch.max_in_flight = 8;
  const std::unique_ptr<Fetcher> fetcher = make_warc_fetcher(archive, fetch);
  CrawlOptions options;
  options.start_url = "https://shop.test/";
  options.user_agent = "sitegraph-test";
  const CrawlResult crawl = crawl_site(*fetcher, options);
  const SiteGraph& graph = crawl.graph;
  const auto page = [&](const std::string& url) -> const Page& {
    const UrlId id = graph.find(url);
    REQUIRE(id != kNoUrl);
    return graph.page(id);
  };
  CHECK(crawl.complete);
  for (const char* url : {"https://shop.test/", "https://shop.test/a", "https://shop.test/b", "https://shop.test/c"}) {
    INFO(url);
    CHECK(page(url).outcome == FetchOutcome::kResponse);
    CHECK(page(url).status == 200);
    CHECK(page(url).fetched_html);
  }
  CHECK(page("https://shop.test/old").status == 301);
  CHECK(page("https://shop.test/old").redirect_to == graph.find("https://shop.test/a"));
  CHECK(page("https://shop.test/missing").outcome == FetchOutcome::kNotFetched);
  CHECK(graph.text(graph.find("https://shop.test/a")).title == "A page");
}

TEST_CASE("warc: files that are not WARC, cut short or with lying headers are refused, never trusted", "[warc][limits]") {
  const TempDir dir;
  const fs::path html = dir.write("page.html", "<html></html>");
  CHECK_FALSE(is_warc(html));
  WarcArchive archive;
  CHECK_THROWS_WITH(archive.read(html), Catch::Contains("not a WARC file"));
  CHECK_THROWS_AS(archive.read(dir.path / "nonexistent.warc"), WarcError);

  const std::string record = warc_record("resource", "https://shop.test/x", "<p>hello</p>");
  CHECK_THROWS_WITH(archive.read(dir.write("cut.warc", record.substr(0, record.size() - 10))), Catch::Contains("cut short"));
  CHECK_THROWS_WITH(archive.read(dir.write("nolength.warc", "WARC/1.1\r\nWARC-Type: resource\r\n\r\nxyz")),
                    Catch::Contains("without Content-Length"));
  CHECK_THROWS_WITH(archive.read(dir.write("badlength.warc", "WARC/1.1\r\nContent-Length: 12abc\r\n\r\nxyz")),
                    Catch::Contains("not a number"));
  CHECK_THROWS_WITH(archive.read(dir.write("negative.warc", "WARC/1.1\r\nContent-Length: -1\r\n\r\nxyz")),
                    Catch::Contains("not a number"));
  // A terabyte promised, three bytes there: refused without allocating the terabyte.
  CHECK_THROWS_WITH(archive.read(dir.write("huge.warc", "WARC/1.1\r\nContent-Length: 1000000000000\r\n\r\nxyz")),
                    Catch::Contains("cut short"));
  std::string endless_header = "WARC/1.1\r\n";
  while (endless_header.size() < (2u << 20)) endless_header += "X-Filler: " + std::string(100, 'f') + "\r\n";
  CHECK_THROWS_WITH(archive.read(dir.write("header.warc", endless_header)), Catch::Contains("over 1 MiB"));
  CHECK_THROWS_WITH(archive.read(dir.write("garbage.warc", record + "not a record\r\n")),
                    Catch::Contains("does not start with a WARC/ version line"));
}

TEST_CASE("warc: a crawl recorded with the recorder replays as the same crawl", "[warc][crawl]") {
  const TempDir dir;
  const fs::path archive_path = dir.path / "recorded.warc.gz";
  CrawlOptions options;
  options.start_url = "https://fixture.test/";
  options.user_agent = "sitegraph-test";
  options.check_resources = true;  // logo.png is requested, its body not kept
  CrawlResult live;
  {
    FetchOptions fetch;
    const std::unique_ptr<WarcRecorder> recorder =
        make_warc_recorder(make_folder_fetcher(fs::path(SITEGRAPH_FIXTURES) / "site", options.start_url, fetch), archive_path);
    live = crawl_site(*recorder, options);
    CHECK_FALSE(fs::exists(archive_path));  // written as .part until the recorder is done
    CHECK_NOTHROW(recorder->finish());  // every write succeeded: no WarcError
  }
  REQUIRE(fs::exists(archive_path));
  auto archive = std::make_shared<WarcArchive>();
  archive->read(archive_path);
  CHECK(archive->stats().skipped == 1);  // the warcinfo record
  const std::unique_ptr<Fetcher> replay = make_warc_fetcher(archive, FetchOptions{});
  const CrawlResult replayed = crawl_site(*replay, options);

  REQUIRE(replayed.graph.size() == live.graph.size());
  CHECK(replayed.graph.links().size() == live.graph.links().size());
  std::size_t compared = 0;
  for (UrlId id = 0; id < live.graph.size(); ++id) {
    const Page& before = live.graph.page(id);
    if (!before.internal || before.outcome != FetchOutcome::kResponse) continue;
    const UrlId same = replayed.graph.find(live.graph.url(id));
    REQUIRE(same != kNoUrl);
    const Page& after = replayed.graph.page(same);
    INFO(live.graph.url(id));
    CHECK(after.status == before.status);
    CHECK(after.fetched_html == before.fetched_html);
    CHECK(after.noindex == before.noindex);
    CHECK((after.redirect_to == kNoUrl) == (before.redirect_to == kNoUrl));
    ++compared;
  }
  CHECK(compared > 10);
  // The image's body was not kept by the crawl: its record says so.
  std::string text;
  {
    gzFile in = gzopen(archive_path.c_str(), "rb");
    std::array<char, 65536> buffer{};
    for (int n; (n = gzread(in, buffer.data(), buffer.size())) > 0;) text.append(buffer.data(), static_cast<std::size_t>(n));
    gzclose(in);
  }
  CHECK(text.rfind("WARC/1.1\r\nWARC-Type: warcinfo", 0) == 0);
  const std::size_t logo = text.find("WARC-Target-URI: https://fixture.test/logo.png");
  REQUIRE(logo != std::string::npos);
  const std::size_t header_end = text.find("\r\n\r\n", logo);
  CHECK(text.find("WARC-Truncated: unspecified", logo) < header_end);
  const std::size_t home = text.find("WARC-Target-URI: https://fixture.test/\r\n");
  REQUIRE(home != std::string::npos);
  CHECK(text.find("WARC-Truncated", home) > text.find("\r\n\r\n", home));  // an HTML body is whole
}

TEST_CASE("warc: pages over the size limit replay as too-large, an unfinished recording keeps its .part name", "[warc][crawl]") {
  const TempDir dir;
  CrawlOptions options;
  options.start_url = "https://fixture.test/";
  options.user_agent = "sitegraph-test";
  FetchOptions small;
  small.max_body_bytes = 400;  // several fixture pages are larger
  const fs::path archive_path = dir.path / "limited.warc.gz";
  CrawlResult live;
  {
    const std::unique_ptr<WarcRecorder> recorder =
        make_warc_recorder(make_folder_fetcher(fs::path(SITEGRAPH_FIXTURES) / "site", options.start_url, small), archive_path);
    live = crawl_site(*recorder, options);
    REQUIRE_NOTHROW(recorder->finish());
  }
  auto archive = std::make_shared<WarcArchive>();
  archive->read(archive_path);
  const CrawlResult replayed = crawl_site(*make_warc_fetcher(archive, FetchOptions{}), options);
  std::size_t too_large = 0;
  for (UrlId id = 0; id < live.graph.size(); ++id) {
    if (!live.graph.page(id).internal) continue;
    const UrlId same = replayed.graph.find(live.graph.url(id));
    REQUIRE(same != kNoUrl);
    INFO(live.graph.url(id));
    CHECK(replayed.graph.page(same).outcome == live.graph.page(id).outcome);
    too_large += live.graph.page(id).outcome == FetchOutcome::kTooLarge ? 1u : 0u;
  }
  CHECK(too_large > 0);

  const fs::path abandoned = dir.path / "abandoned.warc.gz";
  {
    const std::unique_ptr<WarcRecorder> recorder =
        make_warc_recorder(make_folder_fetcher(fs::path(SITEGRAPH_FIXTURES) / "site", options.start_url, small), abandoned);
    (void)crawl_site(*recorder, options);
  }  // destroyed without finish(), as when the crawl throws
  CHECK_FALSE(fs::exists(abandoned));
  CHECK(fs::exists(dir.path / "abandoned.warc.gz.part"));
}
