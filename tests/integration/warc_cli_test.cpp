// `sitegraph import` and `sitegraph audit FILE.warc(.gz)`: archives replayed through the CLI,
// several files read as one archive, and the errors a user sees for files that are not WARC.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

#include "../gzip_member.hpp"
#include "../warc_records.hpp"
#include "run_program.hpp"

using namespace sitegraph::testing;

namespace {

fs::path write_file(const std::string& name, const std::string& bytes) {
  const fs::path path = temp_dir() / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace

TEST_CASE("import: two archives are read as one, the report says warc and what was missing", "[cli][warc]") {
  // The home page and /a in the first (gzip per record), /b in the second (plain); /gone in neither.
  const fs::path first = write_file(
      "part1.warc.gz",
      gzip_member(html_response("https://w.test/", "<a href=/a>A</a> <a href=/b>B</a> <a href=/gone>gone</a>")) +
          gzip_member(html_response("https://w.test/a", "<a href=/>home</a>")));
  const fs::path second = write_file("part2.warc", html_response("https://w.test/b", "<a href=/a>A</a>"));
  const fs::path report = temp_dir() / "warc-report.json";

  const Run r = run_sitegraph("-q import '" + first.string() + "' '" + second.string() + "' -f json -o '" +
                              report.string() + "' --fail-on broken-link");
  CHECK(r.code == 0);  // a URL the archive lacks is not fetched, not broken
  const nlohmann::json j = nlohmann::json::parse(slurp(report));
  CHECK(j["crawl"]["mode"] == "warc");
  CHECK(j["crawl"]["start_url"] == "https://w.test/");
  CHECK(j["summary"]["html_pages"] == 3);
  CHECK(j["summary"]["not_fetched"] == 1);

  // The same first archive through `audit`, the default start being its first page.
  const Run audit = run_sitegraph("audit '" + first.string() + "' -f json");
  CHECK(audit.code == 0);
  CHECK(nlohmann::json::parse(audit.out)["summary"]["html_pages"] == 2);
}

TEST_CASE("import: a file that is not WARC, or is cut short, is a usage error with the file named", "[cli][warc]") {
  const fs::path html = write_file("not-warc.warc", "<html></html>");
  const Run not_warc = run_sitegraph("import '" + html.string() + "'");
  CHECK(not_warc.code == 2);
  CHECK(not_warc.err.find("not-warc.warc") != std::string::npos);
  CHECK(not_warc.err.find("WARC file") != std::string::npos);

  const std::string record = html_response("https://w.test/", "<a href=/a>A</a>");
  const fs::path cut = write_file("cut.warc", record.substr(0, record.size() - 8));
  const Run cut_short = run_sitegraph("import '" + cut.string() + "'");
  CHECK(cut_short.code == 2);
  CHECK(cut_short.err.find("cut.warc") != std::string::npos);
  CHECK(cut_short.err.find("cut short") != std::string::npos);
}

TEST_CASE("audit --warc records the crawl, and import replays it as the same audit", "[cli][warc]") {
  const std::string site = std::string(SITEGRAPH_EXAMPLES) + "/site";
  const fs::path archive = temp_dir() / "recorded.warc.gz";
  const fs::path live = temp_dir() / "live.json";
  const fs::path replay = temp_dir() / "replay.json";
  REQUIRE(run_sitegraph("-q audit '" + site + "' --base-url https://coffee.example/ --warc '" + archive.string() +
                        "' -f json -o '" + live.string() + "'")
              .code == 0);
  REQUIRE(run_sitegraph("-q import '" + archive.string() + "' --start https://coffee.example/ -f json -o '" +
                        replay.string() + "'")
              .code == 0);
  const nlohmann::json a = nlohmann::json::parse(slurp(live));
  const nlohmann::json b = nlohmann::json::parse(slurp(replay));
  CHECK(b["crawl"]["mode"] == "warc");
  for (const char* field : {"internal_urls", "html_pages", "redirects", "error_pages", "links", "findings"}) {
    INFO(field);
    CHECK(b["summary"][field] == a["summary"][field]);
  }
  REQUIRE(b["pages"].size() == a["pages"].size());
  for (std::size_t i = 0; i < a["pages"].size(); ++i) {
    INFO(a["pages"][i]["url"]);
    CHECK(b["pages"][i]["url"] == a["pages"][i]["url"]);
    CHECK(b["pages"][i]["status"] == a["pages"][i]["status"]);
    CHECK(b["pages"][i]["inlinks"] == a["pages"][i]["inlinks"]);
  }
  // A target that is not crawled has nothing to record.
  const Run snapshot = run_sitegraph("audit '" + archive.string() + "' --warc '" + (temp_dir() / "again.warc.gz").string() + "'");
  CHECK(snapshot.code == 2);
  CHECK(snapshot.err.find("--warc records a crawl") != std::string::npos);
  const Run since = run_sitegraph("-q audit '" + site + "' --base-url https://coffee.example/ --since '" +
                                  archive.string() + "' --warc '" + (temp_dir() / "since.warc.gz").string() + "'");
  CHECK(since.code == 2);
  CHECK(since.err.find("--since") != std::string::npos);
}
