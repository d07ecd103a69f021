// CSV inputs: the reader, edge-list and Screaming Frog imports, backlinks layouts, URL lists.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdlib>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "sitegraph/analyze.hpp"
#include "sitegraph/inputs.hpp"

using namespace sitegraph;

namespace {

// A file of this test process's own, removed when the process exits.
std::string temp_file(const std::string& name, const std::string& bytes) {
  static std::vector<std::filesystem::path> created;
  if (created.empty()) {
    std::atexit([] {
      std::error_code ec;
      for (const auto& p : created) std::filesystem::remove(p, ec);
    });
  }
  const auto path = std::filesystem::temp_directory_path() / ("sitegraph-inputs-" + std::to_string(getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  created.push_back(path);
  return path.string();
}

double rank_of(const CrawlResult& crawl, const PageRankResult& r, std::string_view name) {
  return r.rank[crawl.graph.find(name)];
}

}  // namespace

TEST_CASE("CSV: quoted fields hold delimiters, quotes and line breaks", "[inputs][csv]") {
  const CsvTable t = parse_csv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\nplain,,last\n");
  REQUIRE(t.header == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0] == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
  CHECK(t.rows[1] == std::vector<std::string>{"plain", "", "last"});
}

TEST_CASE("CSV: tab and semicolon delimiters are sniffed from the header", "[inputs][csv]") {
  CHECK(parse_csv("a\tb\n1,5\t2\n").rows[0] == std::vector<std::string>{"1,5", "2"});
  CHECK(parse_csv("a;b\n1,5;2\n").rows[0] == std::vector<std::string>{"1,5", "2"});
}

TEST_CASE("CSV: UTF-16 LE with a BOM (Ahrefs) and a UTF-8 BOM are read as UTF-8", "[inputs][csv]") {
  const std::string text = "Target URL\tAnchor\nhttps://a.test/\tcaf\xC3\xA9\n";
  std::string utf16 = "\xFF\xFE";
  // é is U+00E9: one UTF-16 unit; the rest is ASCII.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\xC3\xA9") == 0) {
      utf16 += std::string("\xE9\x00", 2);
      ++i;
    } else {
      utf16 += text[i];
      utf16 += '\0';
    }
  }
  const CsvTable t = parse_csv(utf16);
  CHECK(t.header == std::vector<std::string>{"Target URL", "Anchor"});
  CHECK(t.rows.at(0).at(1) == "caf\xC3\xA9");
  CHECK(parse_csv("\xEF\xBB\xBFsource,target\n").header[0] == "source");
}

TEST_CASE("CSV: column lookup ignores case, spaces and underscores", "[inputs][csv]") {
  const CsvTable t = parse_csv("Link Position,status_code\n");
  CHECK(t.column({"link position"}) == 0);
  CHECK(t.column({"Status Code"}) == 1);
  CHECK(t.column({"missing"}) == -1);
}

TEST_CASE("edge list: any node names, one row per link, nodes without links", "[inputs][edges]") {
  const CrawlResult crawl = import_edge_list(parse_csv("source,target\nA,B\nB,A\nA,C\nD,\n"));
  REQUIRE(crawl.graph.size() == 4);
  CHECK(crawl.graph.url(crawl.start) == "A");
  CHECK(crawl.graph.links().size() == 3);
  CHECK(crawl.graph.link_weights().empty());
  for (UrlId id = 0; id < crawl.graph.size(); ++id) {
    CHECK(crawl.graph.page(id).internal);
    CHECK(crawl.graph.page(id).status == 200);
  }
}

TEST_CASE("edge list: with a weight column repeated rows add up in PageRank", "[inputs][edges]") {
  // A links to B twice and to C once: B gets twice C's share, as networkx does for multigraphs.
  const CrawlResult crawl = import_edge_list(parse_csv("source,target,weight\nA,B,1\nA,B,1\nA,C,1\nB,A,1\nC,A,1\n"));
  const PageRankResult r = site_pagerank(crawl.graph);
  const double teleport = 0.15 / 3;
  CHECK(rank_of(crawl, r, "B") - teleport == Approx(2 * (rank_of(crawl, r, "C") - teleport)).epsilon(1e-9));
  // Without weights the duplicate counts once.
  const CrawlResult plain = import_edge_list(parse_csv("source,target\nA,B\nA,B\nA,C\nB,A\nC,A\n"));
  const PageRankResult p = site_pagerank(plain.graph);
  CHECK(rank_of(plain, p, "B") == Approx(rank_of(plain, p, "C")).epsilon(1e-12));
}

TEST_CASE("edge list: rel, placement and anchor columns", "[inputs][edges]") {
  const CrawlResult crawl = import_edge_list(
      parse_csv("source,target,rel,placement,anchor\nA,B,nofollow,footer,Foo\nA,C,,nav,\"Bar, baz\"\n"));
  const auto& links = crawl.graph.links();
  REQUIRE(links.size() == 2);
  CHECK(links[0].rel == kRelNofollow);
  CHECK(links[0].placement == Placement::kFooter);
  CHECK(crawl.graph.anchor(links[0].anchor) == "Foo");
  CHECK(links[1].placement == Placement::kNav);
  CHECK(crawl.graph.anchor(links[1].anchor) == "Bar, baz");
}

TEST_CASE("edge list: bad rows are errors that name the line", "[inputs][edges]") {
  CHECK_THROWS_WITH(import_edge_list(parse_csv("from,to,weight\nA,B,heavy\n")), Catch::Contains("line 2") && Catch::Contains("heavy"));
  CHECK_THROWS_WITH(import_edge_list(parse_csv("source,target,placement\nA,B,sideways\n")), Catch::Contains("sideways"));
  CHECK_THROWS_WITH(import_edge_list(parse_csv("page,link\nA,B\n")), Catch::Contains("'source' and 'target'"));
  CHECK_THROWS_WITH(import_edge_list(parse_csv("source,target\n")), Catch::Contains("no rows"));
  // Found by fuzz/csv_fuzz.cpp: a row shorter than the header, its weight cell missing.
  CHECK_THROWS_WITH(import_edge_list(parse_csv("source,target,rel,weight\nA,B\n")), Catch::Contains("line 2"));
  CHECK_THROWS_WITH(import_edge_list(parse_csv("source,target\nA,B\n"), "Z"), Catch::Contains("--start"));
}

TEST_CASE("Screaming Frog All Inlinks: types, follow, positions and status codes", "[inputs][edges]") {
  const std::string csv =
      "\"All Inlinks\"\n"
      "\"Type\",\"Source\",\"Destination\",\"Size (Bytes)\",\"Alt Text\",\"Anchor\",\"Status Code\",\"Status\","
      "\"Follow\",\"Target\",\"Rel\",\"Path Type\",\"Link Path\",\"Link Position\",\"Link Origin\"\n"
      "\"Hyperlink\",\"https://s.test/\",\"https://s.test/a\",\"1\",\"\",\"A page\",\"200\",\"OK\",\"true\",\"\",\"\",\"Absolute\",\"\",\"Navigation\",\"HTML\"\n"
      "\"Hyperlink\",\"https://s.test/a\",\"https://s.test/gone\",\"1\",\"\",\"Gone\",\"404\",\"Not Found\",\"false\",\"\",\"\",\"Absolute\",\"\",\"Content\",\"HTML\"\n"
      "\"Image\",\"https://s.test/a\",\"https://s.test/i.png\",\"1\",\"Logo\",\"\",\"200\",\"OK\",\"true\",\"\",\"\",\"Absolute\",\"\",\"Footer\",\"HTML\"\n"
      "\"Hyperlink\",\"https://s.test/a\",\"https://other.test/\",\"1\",\"\",\"Out\",\"200\",\"OK\",\"true\",\"\",\"\",\"Absolute\",\"\",\"Sidebar\",\"HTML\"\n"
      "\"Hyperlink\",\"https://s.test/\",\"https://s.test/old\",\"1\",\"\",\"Old\",\"301\",\"Moved\",\"true\",\"\",\"\",\"Absolute\",\"\",\"Custom area\",\"HTML\"\n"
      "\"HTTP Redirect\",\"https://s.test/old\",\"https://s.test/a\",\"0\",\"\",\"\",\"200\",\"OK\",\"true\",\"\",\"\",\"Absolute\",\"\",\"\",\"HTTP\"\n";
  const CrawlResult crawl = import_edge_list(parse_csv(csv));
  const SiteGraph& g = crawl.graph;
  CHECK(g.url(crawl.start) == "https://s.test/");
  CHECK(g.page(g.find("https://s.test/gone")).status == 404);
  CHECK_FALSE(g.page(g.find("https://s.test/gone")).fetched_html);
  CHECK_FALSE(g.page(g.find("https://other.test/")).internal);
  CHECK_FALSE(g.page(g.find("https://s.test/i.png")).fetched_html);
  CHECK(g.page(g.find("https://s.test/old")).redirect_to == g.find("https://s.test/a"));
  CHECK(g.page(g.find("https://s.test/old")).status == 301);
  REQUIRE(g.links().size() == 6);
  CHECK(g.links()[0].placement == Placement::kNav);
  CHECK(g.links()[1].rel == kRelNofollow);
  CHECK(g.links()[2].kind == LinkKind::kImage);
  CHECK(g.anchor(g.links()[2].anchor) == "Logo");
  CHECK(g.links()[3].placement == Placement::kAside);
  CHECK(g.links()[4].placement == Placement::kContent);
  CHECK(g.links()[5].kind == LinkKind::kRedirect);
}

TEST_CASE("is_edge_list reads only the header", "[inputs][edges]") {
  CHECK(is_edge_list(temp_file("e1.csv", "Source,Target,Weight\nA,B,2\n")));
  CHECK(is_edge_list(temp_file("e2.csv", "\"All Inlinks\"\n\"Type\",\"Source\",\"Destination\"\n")));
  CHECK_FALSE(is_edge_list(temp_file("e3.csv", "url,clicks\n/a,3\n")));
}

TEST_CASE("backlinks: layouts are recognised by their headers", "[inputs][backlinks]") {
  const CrawlResult crawl = import_edge_list(parse_csv("source,target\nhttps://s.test/,https://s.test/a\nhttps://s.test/a,https://s.test/\n"));
  const auto authority = [&](const std::string& csv, std::string_view layout) {
    const Backlinks b = read_backlinks(parse_csv(csv), crawl.graph);
    CHECK(b.layout == layout);
    return std::pair{b.authority[crawl.graph.find("https://s.test/")], b.authority[crawl.graph.find("https://s.test/a")]};
  };
  CHECK(authority("Target page,Incoming links,Linking sites\nhttps://s.test/a,\"1,240\",12\n", "search-console") ==
        std::pair{0.0, 12.0});
  CHECK(authority("Referring page URL\tDomain rating\tTarget URL\nhttps://x.test/p\t40\thttps://s.test/\n"
                  "https://y.test/q\t10\thttps://S.TEST/a\n",
                  "ahrefs") == std::pair{40.0, 10.0});
  CHECK(authority("Page ascore,Source title,Source url,Target url,Anchor\n30,T,https://x.test/,https://s.test/a,go\n", "semrush") ==
        std::pair{0.0, 30.0});
  CHECK(authority("target,source\nhttps://s.test/,x.test\nhttps://s.test/,y.test\nhttps://elsewhere.test/,z.test\n", "plain") ==
        std::pair{2.0, 0.0});
  CHECK_THROWS_AS(read_backlinks(parse_csv("a,b\n1,2\n"), crawl.graph), InputError);
  // Nofollow, ugc and sponsored backlinks pass nothing.
  CHECK(authority("Referring page URL,Domain rating,Target URL,Nofollow,UGC\nhttps://x.test/,40,https://s.test/,true,false\n"
                  "https://y.test/,10,https://s.test/,false,false\nhttps://z.test/,30,https://s.test/a,FALSE,TRUE\n",
                  "ahrefs") == std::pair{10.0, 0.0});
  CHECK(authority("target,source,rel\nhttps://s.test/,x.test,nofollow noopener\nhttps://s.test/a,y.test,\n", "plain") ==
        std::pair{0.0, 1.0});
}

TEST_CASE("backlinks personalise PageRank: networkx's K4 case", "[inputs][backlinks][pagerank]") {
  // networkx test_personalization: the complete graph on 4 nodes, personalisation {0:1,1:1,2:4,3:4}.
  std::string csv = "source,target\n";
  for (int u = 0; u < 4; ++u) {
    for (int v = 0; v < 4; ++v) {
      if (u != v) csv += std::to_string(u) + "," + std::to_string(v) + "\n";
    }
  }
  const CrawlResult crawl = import_edge_list(parse_csv(csv));
  const Backlinks b = read_backlinks(parse_csv("target,source,weight\n0,x,1\n1,x,1\n2,x,4\n3,x,4\n"), crawl.graph);
  const PageRankResult r = site_pagerank(crawl.graph, {}, b.authority);
  CHECK(rank_of(crawl, r, "0") == Approx(0.23246732615667579).margin(1e-6));
  CHECK(rank_of(crawl, r, "3") == Approx(0.2675326738433241).margin(1e-6));
}

TEST_CASE("URL lists: one per line with comments, or a CSV's URL column", "[inputs][urls]") {
  CHECK(read_url_list(temp_file("u1.txt", "# known pages\nhttps://s.test/a,b\n\n  https://s.test/c \n")) ==
        std::vector<std::string>{"https://s.test/a,b", "https://s.test/c"});
  CHECK(read_url_list(temp_file("u2.csv", "Clicks,Top pages,Impressions\n3,https://s.test/x,10\n")) ==
        std::vector<std::string>{"https://s.test/x"});
}

TEST_CASE("backlinks to a redirecting URL count for where it redirects", "[inputs][backlinks]") {
  const CrawlResult crawl = import_edge_list(parse_csv(
      "Type,Source,Destination,Status Code,Follow\nHyperlink,https://s.test/,https://s.test/old,301,true\n"
      "HTTP Redirect,https://s.test/old,https://s.test/new,200,true\nHyperlink,https://s.test/new,https://s.test/,200,true\n"));
  const Backlinks b = read_backlinks(parse_csv("target,source\nhttps://s.test/old,x.test\n"), crawl.graph);
  CHECK(b.matched == 1);
  CHECK(b.authority[crawl.graph.find("https://s.test/new")] == 1.0);
  CHECK(b.authority[crawl.graph.find("https://s.test/old")] == 0.0);
}

TEST_CASE("backlinks to a URL that is no page are counted apart: they reach no page of the graph", "[inputs][backlinks]") {
  const CrawlResult crawl = import_edge_list(parse_csv(
      "Type,Source,Destination,Status Code,Follow\nHyperlink,https://s.test/,https://s.test/gone,404,true\n"
      "Hyperlink,https://s.test/gone-too,https://s.test/,200,true\n"));
  const Backlinks b = read_backlinks(parse_csv("target,source,weight\nhttps://s.test/gone,x.test,80\nhttps://s.test/,y.test,1\n"),
                                     crawl.graph);
  CHECK(b.matched == 1);    // the home page
  CHECK(b.not_pages == 1);  // the 404, reported by the broken-backlink rule
  CHECK(b.total == 1.0);
  CHECK(b.authority[crawl.graph.find("https://s.test/gone")] == 80.0);
}

TEST_CASE("CSV: an unterminated quote or a binary file is an error, not rows of garbage", "[inputs][csv]") {
  // The quote opened on line 3 never closes: RFC 4180 would read the rest of the file as one cell.
  CHECK_THROWS_WITH(parse_csv("source,target\nhttp://a.test/,http://a.test/b\n\"unterminated,http://a.test/c\nx,y\n"),
                    Catch::Contains("line 3") && Catch::Contains("never closed"));
  CHECK(parse_csv("a,b\n\"two\nlines\",c\n").rows.at(0).at(0) == "two\nlines");  // a closed quote may span lines
  CHECK_THROWS_WITH(parse_csv(std::string("PNG\0\x01\x02,x\n", 9)), Catch::Contains("not a text file"));
  const std::string binary = temp_file("binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  CHECK_THROWS_WITH(read_url_list(binary), Catch::Contains(binary) && Catch::Contains("not a text file"));
  CHECK_THROWS_WITH(read_csv_file(temp_file("quote.csv", "target,weight\n\"http://a.test/,3\n")),
                    Catch::Contains("quote.csv: line 2"));
  CHECK_THROWS_WITH(read_csv_file("/no/such/file.csv"), Catch::Contains("no such file"));
}
