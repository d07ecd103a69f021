// The crawl journal (--resume): pages round-trip, only whole checkpoints count, a torn one is
// cut off and the journal goes on after it, and a journal of another crawl is refused.

#include <unistd.h>
#include <zlib.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sitegraph/journal.hpp"

namespace fs = std::filesystem;
using sitegraph::CrawlJournal;
using sitegraph::JournalPage;

namespace {

// Under a directory of this process's own, removed when it exits.
fs::path fresh_dir(const std::string& name) {
  static const fs::path root = [] {
    fs::path r = fs::temp_directory_path() / ("sitegraph-journal-test-" + std::to_string(getpid()));
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(fs::temp_directory_path() / ("sitegraph-journal-test-" + std::to_string(getpid())), ec);
    });
    return r;
  }();
  const fs::path dir = root / name;
  fs::remove_all(dir);
  return dir;
}

JournalPage page(const std::string& url) {
  JournalPage p;
  p.url = url;
  p.page.outcome = sitegraph::FetchOutcome::kResponse;
  p.page.status = 200;
  p.page.fetched_html = true;
  return p;
}

std::vector<JournalPage> read_all(const fs::path& dir, const std::string& start) {
  CrawlJournal journal(dir, start, std::chrono::hours(1));
  std::vector<JournalPage> pages;
  journal.resume([&](JournalPage&& p) { pages.push_back(std::move(p)); });
  return pages;
}

constexpr const char* kStart = "https://s.test/";

}  // namespace

TEST_CASE("journal pages round-trip with their facts, links and invalid hrefs", "[journal]") {
  const fs::path dir = fresh_dir("roundtrip");
  {
    CrawlJournal journal(dir, kStart, std::chrono::hours(1));
    CHECK(journal.resume([](JournalPage&&) { FAIL("a new journal has no pages"); }) == 0);
    JournalPage p = page("https://s.test/a?q=\"1\"");
    p.page.noindex = true;
    p.page.bytes = 1234;
    p.page.seconds = 0.25f;
    p.text.title = "Caf\xC3\xA9 \"quoted\" \\ tab\there";
    p.text.etag = "\"abc\"";
    p.text.body_hash = 0x8000000000000001ULL;
    p.page.same_body = true;
    p.text.content_type = "text/html";
    p.depth = 3;
    p.redirect_hops = 2;
    p.links_dropped = 7;
    p.links.push_back({"https://s.test/b", "bad \xFF byte\nnewline", 12, sitegraph::LinkKind::kAnchor, sitegraph::kRelNofollow,
                       sitegraph::Placement::kFooter, true});
    p.links.push_back({"https://s.test/c", "", 0, sitegraph::LinkKind::kCanonical, 0, sitegraph::Placement::kHeader});
    p.invalid.push_back({"http://[bad", 9, false});
    journal.add(p);
    JournalPage check = page("https://other.test/");
    check.checked_only = true;
    journal.add(check);
    std::string error;
    CHECK(journal.finish(error));
  }
  const std::vector<JournalPage> pages = read_all(dir, kStart);
  REQUIRE(pages.size() == 2);
  const JournalPage& p = pages[0];
  CHECK(p.url == "https://s.test/a?q=\"1\"");
  CHECK(p.page.status == 200);
  CHECK(p.page.fetched_html);
  CHECK(p.page.noindex);
  CHECK_FALSE(p.page.nofollow);
  CHECK(p.page.bytes == 1234);
  CHECK(p.page.seconds == 0.25f);
  CHECK(p.text.title == "Caf\xC3\xA9 \"quoted\" \\ tab\there");
  CHECK(p.text.etag == "\"abc\"");
  CHECK(p.text.body_hash == 0x8000000000000001ULL);
  CHECK(p.page.same_body);
  CHECK(p.depth == 3);
  CHECK(p.redirect_hops == 2);
  CHECK(p.links_dropped == 7);
  REQUIRE(p.links.size() == 2);
  CHECK(p.links[0].target == "https://s.test/b");
  CHECK(p.links[0].anchor == "bad \xEF\xBF\xBD byte\nnewline");  // malformed UTF-8 replaced, as in snapshots
  CHECK(p.links[0].line == 12);
  CHECK(p.links[0].rel == sitegraph::kRelNofollow);
  CHECK(p.links[0].placement == sitegraph::Placement::kFooter);
  CHECK(p.links[0].code);
  CHECK_FALSE(p.links[1].code);
  CHECK(p.links[1].kind == sitegraph::LinkKind::kCanonical);
  REQUIRE(p.invalid.size() == 1);
  CHECK(p.invalid[0].href == "http://[bad");
  CHECK(p.invalid[0].line == 9);
  CHECK(pages[1].checked_only);
}

TEST_CASE("only whole checkpoints are read back: a torn one is cut off and the journal goes on", "[journal]") {
  const fs::path dir = fresh_dir("torn");
  {
    CrawlJournal journal(dir, kStart, std::chrono::hours(1));
    journal.resume([](JournalPage&&) {});
    journal.add(page("https://s.test/1"));
    journal.checkpoint();
    journal.add(page("https://s.test/2"));
    std::string error;
    CHECK(journal.finish(error));
  }
  const fs::path file = dir / "crawl.journal";
  const auto whole = fs::file_size(file);
  REQUIRE(read_all(dir, kStart).size() == 2);
  // A crash in the middle of the third checkpoint: half a gzip member at the end.
  {
    CrawlJournal journal(dir, kStart, std::chrono::hours(1));
    journal.resume([](JournalPage&&) {});
    journal.add(page("https://s.test/3"));
    std::string error;
    CHECK(journal.finish(error));
  }
  const auto with_third = fs::file_size(file);
  REQUIRE(with_third > whole);
  fs::resize_file(file, whole + (with_third - whole) / 2);
  std::vector<JournalPage> pages = read_all(dir, kStart);
  REQUIRE(pages.size() == 2);  // the torn checkpoint's page is not taken
  CHECK(fs::file_size(file) == whole);  // ...and cut off, so what follows is readable
  {
    CrawlJournal journal(dir, kStart, std::chrono::hours(1));
    CHECK(journal.resume([](JournalPage&&) {}) == 2);
    journal.add(page("https://s.test/4"));
  }  // the destructor writes the last checkpoint
  pages = read_all(dir, kStart);
  REQUIRE(pages.size() == 3);
  CHECK(pages[2].url == "https://s.test/4");
  // Garbage appended (a file system that kept the size but not the data) is cut off the same way.
  const auto good = fs::file_size(file);
  std::ofstream(file, std::ios::app) << std::string(100, '\0');
  CHECK(read_all(dir, kStart).size() == 3);
  CHECK(fs::file_size(file) == good);
}

TEST_CASE("a journal of another start URL, of a newer version or without a header is refused", "[journal]") {
  const fs::path dir = fresh_dir("other");
  {
    CrawlJournal journal(dir, kStart, std::chrono::hours(1));
    journal.resume([](JournalPage&&) {});
    journal.add(page("https://s.test/1"));
  }
  CHECK_THROWS_AS(CrawlJournal(dir, "https://elsewhere.test/", std::chrono::hours(1)), sitegraph::JournalError);
  CHECK(read_all(dir, kStart).size() == 1);

  const fs::path newer = fresh_dir("newer");
  fs::create_directories(newer);
  gzFile out = gzopen((newer / "crawl.journal").c_str(), "wb");
  REQUIRE(out != nullptr);
  gzputs(out, "{\"format\":\"sitegraph-journal\",\"version\":99,\"start_url\":\"https://s.test/\"}\n");
  gzclose(out);
  CHECK_THROWS_WITH(read_all(newer, kStart), Catch::Contains("newer than this sitegraph reads"));

  const fs::path foreign = fresh_dir("foreign");
  fs::create_directories(foreign);
  out = gzopen((foreign / "crawl.journal").c_str(), "wb");
  gzputs(out, "{\"u\":\"https://s.test/\"}\n");
  gzclose(out);
  CHECK_THROWS_WITH(read_all(foreign, kStart), Catch::Contains("not a sitegraph crawl journal"));
}
