// Crawl limits (issue: hardened against hostile input): each has a flag, and when it cuts
// something off the report says so in crawl.limits (and the text summary), never silently.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "run_program.hpp"

namespace fs = std::filesystem;
using namespace sitegraph::testing;

namespace {

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// A site built to hit every limit a little: a page with 30 links, an href of 300 characters,
// a chain of 5 redirects, a sitemap index three levels deep, a sitemap of 6 URLs.
fs::path hostile_site() {
  const fs::path root = temp_dir() / "limits-site";
  fs::remove_all(root);
  std::string links;
  for (int i = 0; i < 30; ++i) links += "<a href=\"/p" + std::to_string(i) + ".html\">page " + std::to_string(i) + "</a>\n";
  write(root / "index.html", "<html><body>" + links + "<a href=\"/" + std::string(300, 'x') +
                                 "\">long</a><a href=\"/r1\">chain</a></body></html>");
  for (int i = 0; i < 30; ++i) write(root / ("p" + std::to_string(i) + ".html"), "<html><body>p</body></html>");
  write(root / "_redirects", "/r1 /r2 301\n/r2 /r3 301\n/r3 /r4 301\n/r4 /r5 301\n/r5 /p0.html 301\n");
  write(root / "robots.txt", "User-agent: *\nAllow: /\nSitemap: https://limits.test/index1.xml\n");
  const auto index = [](const std::string& child) {
    return "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>"
           "https://limits.test/" + child + "</loc></sitemap></sitemapindex>";
  };
  write(root / "index1.xml", index("index2.xml"));
  write(root / "index2.xml", index("index3.xml"));
  write(root / "index3.xml", index("pages.xml"));
  std::string urls;
  for (int i = 0; i < 6; ++i) urls += "<url><loc>https://limits.test/p" + std::to_string(i) + ".html</loc></url>";
  write(root / "pages.xml", "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" + urls +
                                "</urlset>");
  return root;
}

nlohmann::json audit_json(const fs::path& site, const std::string& flags) {
  const Run r = run_sitegraph("-q audit '" + site.string() + "' --base-url https://limits.test/ -f json " + flags);
  REQUIRE(r.code == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("crawl limits: the defaults cut nothing on an ordinary site", "[cli][limits]") {
  const auto report = audit_json(hostile_site(), "");
  const auto& limits = report["crawl"]["limits"];
  // Every counter of report.md's crawl.limits is there: a loop over an empty object checks nothing.
  std::set<std::string> names;
  for (const auto& [name, value] : limits.items()) names.insert(name);
  CHECK(names == std::set<std::string>{"urls_too_long", "pages_links_cut", "links_dropped", "redirects_cut",
                                       "sitemap_files_skipped", "sitemaps_cut", "sitemap_indexes_too_deep",
                                       "robots_truncated_at_line"});
  for (const auto& [name, value] : limits.items()) {
    INFO(name);
    CHECK(value == 0);
  }
}

TEST_CASE("crawl limits: each flag cuts and is counted in crawl.limits", "[cli][limits]") {
  const fs::path site = hostile_site();
  const auto report = audit_json(site, "--max-links-per-page 10 --max-url-length 200 --max-redirects 2 --max-sitemap-depth 1");
  const auto& limits = report["crawl"]["limits"];
  CHECK(limits["pages_links_cut"] == 1);
  CHECK(limits["links_dropped"] == 22);  // 32 links on the page, the first 10 kept
  CHECK(limits["sitemap_indexes_too_deep"] == 1);  // index1 -> index2 read; index3 not

  // The long href, with the other links allowed, is reported and never fetched.
  const auto long_href = audit_json(site, "--max-url-length 200 --max-redirects 2");
  CHECK(long_href["crawl"]["limits"]["urls_too_long"] == 1);
  bool reported = false;
  for (const auto& f : long_href["findings"]) {
    reported |= f["rule"] == "invalid-url" && f["message"].get<std::string>().find("--max-url-length") != std::string::npos;
  }
  CHECK(reported);
  // Every URL but the long one: the start page, its 30 pages and the chain's /r1 to /r4.
  REQUIRE(long_href["pages"].size() == 35);
  for (const auto& p : long_href["pages"]) CHECK(p["url"].get<std::string>().size() <= 200);
  CHECK(long_href["crawl"]["limits"]["redirects_cut"] == 1);
  // A chain cut at --max-redirects reaches no page: an error, not the warning of a long chain.
  const auto chain_finding = [](const nlohmann::json& report) {
    for (const auto& f : report["findings"]) {
      if (f["rule"] == "redirect-chain") return f;
    }
    return nlohmann::json();
  };
  const auto cut = chain_finding(long_href);
  CHECK(cut["severity"] == "error");
  CHECK_THAT(cut["message"].get<std::string>(), Catch::Contains("3 redirects without reaching a page") &&
                                                    Catch::Contains("https://limits.test/r4 (--max-redirects)"));
  const auto followed = chain_finding(audit_json(site, ""));
  CHECK(followed["severity"] == "warning");
  CHECK(followed["message"] == "5 redirects before https://limits.test/p0.html");
  // When it is the start URL's chain, the run fails naming the URL the user gave.
  const Run start = run_sitegraph("-q audit '" + site.string() + "' --base-url https://limits.test/ --start r1 --max-redirects 2");
  CHECK(start.code == 3);
  CHECK_THAT(start.err, Catch::Contains("the start URL https://limits.test/r1 redirects more than --max-redirects times"));

  const auto sitemap = audit_json(site, "--max-sitemap-urls 4");
  CHECK(sitemap["crawl"]["limits"]["sitemaps_cut"] == 1);
  const auto files = audit_json(site, "--max-sitemap-files 2");
  CHECK(files["crawl"]["limits"]["sitemap_files_skipped"] == 1);

  const Run text = run_sitegraph("-q audit '" + site.string() + "' --base-url https://limits.test/ --max-links-per-page 10");
  CHECK_THAT(text.out, Catch::Contains("limits hit         1 pages over --max-links-per-page (22 links dropped)"));
  // A body over --max-body-size is not parsed: the summary says so (its links are missing).
  const fs::path big = temp_dir() / "big-page-site";
  write(big / "index.html", "<html><body><a href=/big.html>big</a> <a href=/small.html>small</a></body></html>");
  write(big / "big.html", "<html><body><a href=/small.html>s</a>" + std::string(4096, ' ') + "</body></html>");
  write(big / "small.html", "<html><body>small</body></html>");
  const Run body = run_sitegraph("-q audit '" + big.string() + "' --base-url https://big.test/ --max-body-size 2K");
  CHECK(body.code == 0);
  CHECK_THAT(body.out, Catch::Contains("limits hit         1 pages over --max-body-size (not parsed)"));
  CHECK(text.out.find("--max-body-size") == std::string::npos);
  CHECK(run_sitegraph("-q audit '" + site.string() + "' --max-url-length 10").code == 2);  // below the floor of 64
}
