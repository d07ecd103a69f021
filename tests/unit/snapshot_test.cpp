#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "graph_builder.hpp"
#include "io/gzip.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/inputs.hpp"
#include "sitegraph/extract.hpp"
#include "sitegraph/snapshot.hpp"

namespace fs = std::filesystem;
using namespace sitegraph;
using sitegraph::testing::GraphBuilder;

namespace {
fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() / ("sitegraph-snapshot-test-" + std::to_string(getpid()) + "-" + name);
}

// Every field of a page, and of a link, as one line: a failed comparison shows which field.
std::string describe_page(const SiteGraph& g, UrlId id) {
  const Page& p = g.page(id);
  const PageText& t = g.text(id);
  std::ostringstream out;
  out << "internal=" << p.internal << " in_sitemap=" << p.in_sitemap << " listed=" << p.listed << " seen_before=" << p.seen_before
      << " fetched_html=" << p.fetched_html << " noindex=" << p.noindex << " nofollow=" << p.nofollow
      << " revalidated=" << p.revalidated << " same_body=" << p.same_body << " outcome=" << outcome_name(p.outcome) << " status=" << p.status
      << " redirect_to=" << p.redirect_to << " canonical=" << p.canonical << " bytes=" << p.bytes << " seconds=" << std::setprecision(9) << p.seconds
      << " first_byte_seconds=" << p.first_byte_seconds
      << " content_type=" << t.content_type << " title=" << t.title << " etag=" << t.etag << " last_modified=" << t.last_modified
      << " body_hash=" << t.body_hash;
  return out.str();
}

std::string describe_link(const SiteGraph& g, const Link& l) {
  std::ostringstream out;
  out << l.source << "->" << l.target << " kind=" << static_cast<int>(l.kind) << " rel=" << static_cast<int>(l.rel)
      << " placement=" << static_cast<int>(l.placement) << " code=" << l.code << " line=" << l.line
      << " anchor=" << g.anchor(l.anchor);
  return out.str();
}
}  // namespace

// Every field a snapshot carries is set away from its default on some page or link and
// compared after the round trip: a field the writer or the reader forgets fails here.
TEST_CASE("snapshot: a crawl written and read back is the same crawl", "[snapshot]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId a = g.page("/a");
  const UrlId old = g.page("/old", 301);
  const UrlId ext = g.external("https://other.test/x \"quoted\" <b>");
  g.redirect(old, a);
  g.link(home, a, kRelNofollow);
  g.link(home, ext);
  SiteGraph& graph = g.result().graph;
  // Links with every kind, rel bit, placement and a line; anchors that need escaping.
  graph.add_link({a, home, graph.intern_anchor("Caf\xC3\xA9 \"quoted\" \\ tab\there\nline"), 42, LinkKind::kImage,
                  kRelUgc | kRelSponsored, Placement::kFooter});
  graph.add_link({a, ext, graph.intern_anchor("en-GB"), 7, LinkKind::kAlternate, kRelNone, Placement::kTemplate, true});
  graph.add_link({home, a, graph.intern_anchor("Caf\xC3\xA9 \"quoted\" \\ tab\there\nline"), 0, kLastLinkKind, kRelNofollow,
                  Placement::kAside});
  graph.text(a).title = "A page — with “unicode”";
  graph.text(a).etag = "\"abc\"";
  graph.text(a).last_modified = "Tue, 14 Nov 2023 22:13:20 GMT";
  graph.text(a).content_type = "text/html";
  graph.text(ext).content_type = "application/pdf";
  g.at(a).noindex = true;
  g.at(a).revalidated = true;  // the same body to --since: kept by the snapshot as by the journal
  g.at(a).same_body = true;
  graph.text(a).body_hash = 0xfedcba9876543210ULL;  // every bit: a JSON number would lose the low ones
  graph.text(home).body_hash = 1;
  g.at(a).in_sitemap = true;
  g.at(a).listed = true;
  g.at(a).bytes = 123456;
  g.at(a).seconds = 0.375f;
  g.at(a).first_byte_seconds = 0.25f;
  g.at(old).bytes = 17;
  g.at(old).seconds = 1.0f / 3.0f;  // not exact in decimal: read back to the same float
  g.at(home).seen_before = true;
  g.at(home).nofollow = true;
  g.at(home).canonical = a;
  g.at(ext).outcome = FetchOutcome::kRobotsBlocked;
  CrawlResult& crawl = g.result();
  crawl.start = home;
  crawl.complete = false;
  crawl.stop_reason = "max-pages";
  crawl.requests = 41;
  crawl.seconds = 2.5;
  crawl.robots = {"https://site.test/robots.txt", "200", {"https://site.test/sitemap.xml"}};
  crawl.sitemaps.push_back({"https://site.test/sitemap.xml", "200", 3, "cut short"});
  crawl.invalid_hrefs.push_back({a, "http://[bad", 9, false});
  crawl.invalid_hrefs.push_back({home, std::string(50, 'x'), 3, true});
  crawl.limits.links_dropped = 5;
  crawl.limits.pages_links_cut = 1;
  crawl.scope = {{"/docs/*"}, {"/docs/old/*", "*.pdf"}, "/docs/"};
  g.at(old).outcome = FetchOutcome::kExcluded;
  // Folder crawls fold directory URLs into their index pages: a long list, which once came
  // before "format" in the header and hid the file from is_snapshot.
  for (int i = 0; i < 50; ++i) crawl.folded.push_back({"https://site.test/docs/section-" + std::to_string(i) + "/", a});
  const TermSketch sketch = extract_links("<title>Burr grinders</title><h1>Grinders</h1><p>Espresso grinders, burrs</p>").terms;
  crawl.graph.set_terms(a, sketch);
  crawl.graph.text(a).heading = "Grinders";
  const fs::path file = temp_file("roundtrip.jsonl.gz");
  write_snapshot(file, crawl);
  CHECK(is_snapshot(file));
  const CrawlResult back = read_snapshot(file);
  REQUIRE(back.graph.size() == crawl.graph.size());
  CHECK(back.graph.terms(a) == sketch);  // the link planner re-audits a snapshot without a recrawl
  CHECK(back.graph.text(a).heading == "Grinders");
  CHECK(back.graph.terms(home).count[0] == 0);
  for (UrlId id = 0; id < crawl.graph.size(); ++id) {
    CHECK(back.graph.url(id) == crawl.graph.url(id));
    CHECK(describe_page(back.graph, id) == describe_page(crawl.graph, id));
  }
  REQUIRE(back.graph.links().size() == crawl.graph.links().size());
  for (std::size_t i = 0; i < crawl.graph.links().size(); ++i) {
    CHECK(describe_link(back.graph, back.graph.links()[i]) == describe_link(crawl.graph, crawl.graph.links()[i]));
  }
  CHECK(back.graph.anchor_count() == crawl.graph.anchor_count());  // one anchor written once is interned once
  CHECK(back.start == home);
  CHECK_FALSE(back.complete);
  CHECK(back.stop_reason == "max-pages");
  CHECK(back.requests == 41);
  CHECK(back.seconds == 2.5);
  CHECK(back.robots.url == crawl.robots.url);
  CHECK(back.robots.status == crawl.robots.status);
  CHECK(back.robots.sitemaps == crawl.robots.sitemaps);
  REQUIRE(back.sitemaps.size() == 1);
  CHECK(std::tie(back.sitemaps[0].url, back.sitemaps[0].status, back.sitemaps[0].urls, back.sitemaps[0].error) ==
        std::tie(crawl.sitemaps[0].url, crawl.sitemaps[0].status, crawl.sitemaps[0].urls, crawl.sitemaps[0].error));
  REQUIRE(back.invalid_hrefs.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    const InvalidHref& x = crawl.invalid_hrefs[i];
    const InvalidHref& y = back.invalid_hrefs[i];
    CHECK(std::tie(x.page, x.href, x.line, x.too_long) == std::tie(y.page, y.href, y.line, y.too_long));
  }
  CHECK(back.limits.links_dropped == 5);
  CHECK(back.limits.pages_links_cut == 1);
  CHECK(back.scope.include == crawl.scope.include);
  CHECK(back.scope.exclude == crawl.scope.exclude);
  CHECK(back.scope.parent == "/docs/");
  CHECK(back.graph.page(old).outcome == FetchOutcome::kExcluded);
  CHECK(back.graph.link_weights().empty());
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
    gzip::FileReader in(file);
    char buf[4096];
    for (std::ptrdiff_t n; (n = in.read(buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  }
  const auto write_gz = [&](const std::string& content) {
    gzip::FileWriter out(file, 6);
    REQUIRE(out.write(content));
    REQUIRE(out.close());
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
  // A body hash that is not hex is named, not read as another hash.
  const std::string good = "\"bh\":\"0000000000000abc\"";
  g.result().graph.text(g.page("/")).body_hash = 0xabc;
  write_snapshot(file, g.result());
  {
    gzip::FileReader in(file);
    text.clear();
    char buf[4096];
    for (std::ptrdiff_t n; (n = in.read(buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  }
  REQUIRE(text.find(good) != std::string::npos);
  write_gz(text.replace(text.find(good), good.size(), "\"bh\":\"00000000000zzabc\""));
  CHECK_THROWS_WITH(read_snapshot(file), Catch::Contains("bad body hash"));
  fs::remove(file);
}

TEST_CASE("snapshot: a page line of the wrong shape is refused by key, a newer writer's keys are read past", "[snapshot]") {
  GraphBuilder g;
  g.result().start = g.page("/");
  g.link(g.page("/"), g.page("/a"));
  g.result().graph.text(g.page("/")).title = "Home";
  const fs::path file = temp_file("shape.jsonl.gz");
  write_snapshot(file, g.result());
  std::string text;
  {
    gzip::FileReader in(file);
    char buf[4096];
    for (std::ptrdiff_t n; (n = in.read(buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  }
  const std::string title = "\"ti\":\"Home\"";
  REQUIRE(text.find(title) != std::string::npos);
  const auto with = [&](const std::string& replacement) {
    std::string changed = text;
    changed.replace(changed.find(title), title.size(), replacement);
    gzip::FileWriter out(file, 6);
    REQUIRE(out.write(changed));
    REQUIRE(out.close());
  };
  with("\"ti\":7");
  CHECK_THROWS_WITH(read_snapshot(file), Catch::Contains("line 2") && Catch::Contains("\"ti\" is a number"));
  with("\"ti\":\"Home\",\"s\":\"200\"");
  CHECK_THROWS_WITH(read_snapshot(file), Catch::Contains("\"s\" is a string"));
  with("\"ti\":\"Home\",\"r\":-1");
  CHECK_THROWS_WITH(read_snapshot(file), Catch::Contains("\"r\" is a negative number"));
  with("\"ti\":\"Home\",\"fl\":[[1,2,3]]");
  CHECK_THROWS_WITH(read_snapshot(file), Catch::Contains("\"fl\" is not [target, name, line]"));
  with("\"ti\":\"Home\",\"fp\":[1,2,3]");
  CHECK_THROWS_WITH(read_snapshot(file), Catch::Contains("content fingerprint"));
  with("\"ti\":\"Home\",\"ts\":[5,1,4,1]");
  CHECK_THROWS_WITH(read_snapshot(file), Catch::Contains("term sketch"));
  with("\"ti\":\"Home\",\"o\":\"teleported\"");
  CHECK_THROWS_WITH(read_snapshot(file), Catch::Contains("unknown outcome 'teleported'"));
  with("\"ti\":\"Home\"");  // unchanged, then broken JSON: nlohmann's message, with the line
  with("\"ti\":\"Home\",");
  CHECK_THROWS_WITH(read_snapshot(file), Catch::Contains("line 2") && Catch::Contains("cut short or damaged"));
  // Keys this reader does not know, of any shape, are read past.
  with("\"ti\":\"Home\",\"zz\":{\"a\":[1,{\"b\":null}],\"ti\":\"not this\"},\"zy\":[[true],\"x\"],\"zx\":1.5,\"zw\":null,\"zv\":-1,\"zu\":[-2]");
  const CrawlResult read = read_snapshot(file);
  CHECK(read.graph.text(read.graph.find(std::string(g.result().graph.url(g.page("/"))))).title == "Home");
  fs::remove(file);
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

// broken-fragment on a re-audit: the ids of each page and the links with a fragment are in
// the snapshot; a page written without ids (a snapshot from before they were kept) has none
// known, and its fragments are not judged.
TEST_CASE("snapshot: page ids and fragment links survive, pages without ids stay unjudged", "[snapshot][fragment]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId doc = g.page("/doc");
  const UrlId empty = g.page("/empty");
  const UrlId old = g.page("/old");
  SiteGraph& graph = g.result().graph;
  graph.set_fragment_ids(doc, {fragment_hash("usage"), fragment_hash("caf\xC3\xA9")});
  graph.set_fragment_ids(empty, {});
  for (const UrlId target : {doc, empty, old}) {
    graph.add_fragment_link({home, target, graph.intern_fragment("gone \"quoted\""), 4});
    graph.add_fragment_link({home, target, graph.intern_fragment("usage"), 5});
  }
  graph.add_fragment_link({doc, doc, graph.intern_fragment("caf%C3%A9"), 9});
  g.result().start = home;
  const fs::path file = temp_file("fragments.jsonl.gz");
  write_snapshot(file, g.result());
  const CrawlResult back = read_snapshot(file);
  fs::remove(file);
  for (const UrlId id : {home, doc, empty, old}) {
    CHECK(back.graph.has_fragment_ids(id) == graph.has_fragment_ids(id));
    const auto a = back.graph.fragment_id_hashes(id);
    const auto b = graph.fragment_id_hashes(id);
    CHECK(std::vector<std::uint32_t>(a.begin(), a.end()) == std::vector<std::uint32_t>(b.begin(), b.end()));
  }
  REQUIRE(back.graph.fragment_links().size() == graph.fragment_links().size());
  auto describe = [](const SiteGraph& s) {
    std::vector<std::string> out;
    for (const FragmentLink& l : s.fragment_links()) {
      out.push_back(std::to_string(l.source) + "->" + std::to_string(l.target) + "#" + std::string(s.fragment(l.fragment)) +
                    " line " + std::to_string(l.line));
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(describe(back.graph) == describe(graph));
  const Audit audit = audit_site(back);
  std::vector<std::string> broken;
  for (const Finding& f : audit.findings) {
    if (f.rule == "broken-fragment") broken.push_back(std::string(back.graph.url(f.url)) + "#" + f.href);
  }
  CHECK(broken == std::vector<std::string>{"https://site.test/doc#gone \"quoted\"", "https://site.test/empty#gone \"quoted\"",
                                           "https://site.test/empty#usage"});
}

TEST_CASE("snapshot: one written before first-byte times loads with none, its total times kept", "[snapshot]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  g.result().start = home;
  g.at(home).seconds = 0.5f;
  g.at(home).first_byte_seconds = 0.125f;
  const fs::path file = temp_file("old.jsonl.gz");
  write_snapshot(file, g.result());
  std::string text;
  {
    gzip::FileReader in(file);
    char buf[4096];
    for (std::ptrdiff_t n; (n = in.read(buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  }
  const std::size_t key = text.find(",\"tf\":");
  REQUIRE(key != std::string::npos);
  text.erase(key, text.find_first_of(",}", key + 1) - key);  // the page line as an older sitegraph wrote it
  REQUIRE(text.find("\"tf\"") == std::string::npos);
  {
    gzip::FileWriter out(file, 6);
    REQUIRE(out.write(text));
    REQUIRE(out.close());
  }
  const CrawlResult back = read_snapshot(file);
  const UrlId id = back.graph.find("https://site.test/");
  REQUIRE(id != kNoUrl);
  CHECK(back.graph.page(id).seconds == 0.5f);
  CHECK(back.graph.page(id).first_byte_seconds == 0.0f);
}

TEST_CASE("snapshot: content fingerprints survive, so a re-audit finds the same duplicates", "[snapshot][duplicate]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId a = g.page("/a");
  const UrlId b = g.page("/b");
  SiteGraph& graph = g.result().graph;
  g.link(home, a);
  g.link(home, b);
  const ContentFingerprint fp{0xFFFFFFFFFFFFFFFFULL, 0x8000000000000001ULL, 42, 300, 120};
  graph.set_content(a, fp);
  graph.set_content(b, fp);
  g.result().start = home;
  const fs::path file = temp_file("fingerprints.jsonl.gz");
  write_snapshot(file, g.result());
  const CrawlResult back = read_snapshot(file);
  fs::remove(file);
  CHECK(back.graph.content(a) == fp);
  CHECK(back.graph.content(b) == fp);
  CHECK(back.graph.content(home) == ContentFingerprint{});
  const Audit audit = audit_site(back);
  REQUIRE(audit.duplicate_sets.size() == 1);
  CHECK(audit.duplicate_sets[0].pages.size() == 2);
}

TEST_CASE("snapshot: soft-404 probes and the pages they marked survive", "[snapshot][soft-404]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId gone = g.page("/gone");
  g.link(home, gone);
  g.at(gone).soft_404 = true;
  SoftNotFoundProbe probe{"https://site.test/sitegraph-soft-404-probe-1", FetchOutcome::kResponse, 200, "Not found",
                          {1, 2, 0, 30, 30}, 1};
  g.result().soft_404_probes.push_back(probe);
  g.result().start = home;
  const fs::path file = temp_file("soft404.jsonl.gz");
  write_snapshot(file, g.result());
  const CrawlResult back = read_snapshot(file);
  fs::remove(file);
  REQUIRE(back.soft_404_probes.size() == 1);
  CHECK(back.soft_404_probes[0].url == probe.url);
  CHECK(back.soft_404_probes[0].title == "Not found");
  CHECK(back.soft_404_probes[0].content == probe.content);
  CHECK(back.soft_404_probes[0].pages == 1);
  CHECK(back.graph.page(gone).soft_404);
  CHECK_FALSE(back.graph.page(home).soft_404);
}
