// The report writers: escaping, every format's content, baselines and diffs; XML formats read
// back with expat.
#include <catch2/catch.hpp>
#include <expat.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <sstream>

#include "graph_builder.hpp"
#include "sitegraph/diff.hpp"
#include "sitegraph/inputs.hpp"
#include "sitegraph/report.hpp"
#include "report/report_text.hpp"
#include "report/summary.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;

namespace {

// Element names in document order, the text of every attribute, and whether expat accepted it.
struct XmlRead {
  bool well_formed = false;
  std::vector<std::string> elements;
  std::vector<std::string> attribute_values;
  std::string text;
};

XmlRead read_xml(const std::string& document) {
  XmlRead read;
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &read);
  XML_SetElementHandler(
      parser,
      [](void* data, const XML_Char* name, const XML_Char** attributes) {
        auto* r = static_cast<XmlRead*>(data);
        r->elements.emplace_back(name);
        for (int i = 0; attributes[i]; i += 2) r->attribute_values.emplace_back(attributes[i + 1]);
      },
      [](void*, const XML_Char*) {});
  XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* s, int len) {
    static_cast<XmlRead*>(data)->text.append(s, static_cast<std::size_t>(len));
  });
  read.well_formed = XML_Parse(parser, document.data(), static_cast<int>(document.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(parser);
  return read;
}

std::size_t count(const std::vector<std::string>& items, std::string_view item) {
  return static_cast<std::size_t>(std::count(items.begin(), items.end(), item));
}

// A site whose URLs and anchors are hostile: markup, quotes, ampersands, a control character.
struct HostileSite {
  GraphBuilder b;
  UrlId home, evil, gone;
  Audit audit;
  RunInfo run{"https://site.test/", "http", nlohmann::json::object()};
  HostileSite() {
    home = b.page("/");
    evil = b.page("/a&b?q=\"<script>alert(1)</script>\"");
    gone = b.page("/gone'\x01.html", 404);
    SiteGraph& g = b.result().graph;
    g.add_link({home, evil, g.intern_anchor("<script>x</script> & \"quoted\", with comma"), 3, LinkKind::kAnchor, kRelNone,
                Placement::kContent});
    g.add_link({evil, gone, g.intern_anchor("=cmd|' /C calc'!A0"), 7, LinkKind::kAnchor, kRelNone, Placement::kContent});
    g.add_link({evil, home, g.intern_anchor("home"), 8, LinkKind::kAnchor, kRelNone, Placement::kContent});
    b.result().start = home;
    b.result().complete = true;
    audit = audit_site(b.result());
  }
  ReportContext context(const BaselineComparison* baseline = nullptr) {
    return {run, b.result(), audit, baseline, 0, 10, 50, std::string()};
  }
};

template <typename Writer>
std::string written(Writer writer, const ReportContext& report) {
  std::ostringstream out;
  writer(out, report);
  return out.str();
}

}  // namespace

TEST_CASE("xml_escape leaves no markup and no characters XML cannot hold", "[report][escape]") {
  CHECK(xml_escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  CHECK(xml_escape("ok\x01\x7F") == "ok\xEF\xBF\xBD\x7F");
  CHECK(xml_escape("caf\xC3\xA9") == "caf\xC3\xA9");          // valid UTF-8 kept
  CHECK(xml_escape("bad\xC3(") == "bad\xEF\xBF\xBD(");          // a cut sequence replaced
  CHECK(xml_escape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a UTF-16 surrogate is not UTF-8
  CHECK(read_xml("<r a=\"" + xml_escape("\"<>&'\x02") + "\">" + xml_escape("</r><x>") + "</r>").well_formed);
}

TEST_CASE("csv_field quotes what needs it and defuses spreadsheet formulas", "[report][escape]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("line\nbreak") == "\"line\nbreak\"");
  CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
}

TEST_CASE("markdown_cell keeps a table cell one cell", "[report][escape]") {
  CHECK(markdown_cell("a|b") == "a\\|b");
  CHECK(markdown_cell("<script>") == "\\<script\\>");
  CHECK(markdown_cell("two\nlines") == "two lines");
}

TEST_CASE("text from the web cannot drive a terminal: control characters are replaced", "[report][security]") {
  CHECK(terminal_safe("ok \x1b[31mred\r\n") == "ok ?[31mred??");
  CHECK(terminal_safe(std::string(300, 'a'), 10) == "aaaaaaaaaa...");
  CHECK(terminal_safe("caf\xC3\xA9") == "caf\xC3\xA9");  // UTF-8 is kept
}

TEST_CASE("hostile URLs and anchors come out as text in every XML format", "[report][escape]") {
  HostileSite site;
  const ReportContext report = site.context();
  for (const auto& [name, document] :
       {std::pair{"junit", written(write_junit_report, report)}, std::pair{"graphml", written(write_graphml, report)},
        std::pair{"gexf", written(write_gexf, report)}}) {
    INFO(name);
    const XmlRead read = read_xml(document);
    REQUIRE(read.well_formed);
    CHECK(count(read.elements, "script") == 0);
    bool url_survives = false;
    for (const std::string& v : read.attribute_values) url_survives |= v.find("<script>alert(1)</script>") != std::string::npos;
    url_survives |= read.text.find("<script>alert(1)</script>") != std::string::npos;
    CHECK(url_survives);  // read back as the text it was
  }
  const std::string html = written(write_html_report, report);
  CHECK(html.find("<script>alert(1)") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  const std::string markdown = written(write_markdown_report, report);
  CHECK(markdown.find("<script>") == std::string::npos);
  // The URL an autolink cannot hold is plain text with its markup escaped, not dropped.
  CHECK_THAT(markdown, Catch::Contains("| https://site.test/a&b?q=\"\\<script\\>alert(1)\\</script\\>\" |"));
  // DOT: every quote inside a string is escaped, so the file has an even number of bare quotes.
  const std::string dot = written(write_dot, report);
  std::size_t bare_quotes = 0;
  for (std::size_t i = 0; i < dot.size(); ++i) bare_quotes += dot[i] == '"' && (i == 0 || dot[i - 1] != '\\') ? 1u : 0u;
  CHECK(bare_quotes % 2 == 0);
  CHECK(dot.find("\\\"<script>alert(1)</script>\\\"") != std::string::npos);
  // GitHub annotations: one line per finding plus the summary; no line break smuggled in.
  const std::string annotations = written(write_github_annotations, report);
  CHECK(static_cast<std::size_t>(std::count(annotations.begin(), annotations.end(), '\n')) == site.audit.findings.size() + 1);
}

TEST_CASE("Markdown: the counts, a row per rule and per finding, each cell kept one cell", "[report][markdown]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId pipe = b.page("/a|b");
  const UrlId gone = b.page("/gone", 404);
  b.link(home, pipe);
  b.link(pipe, gone);
  b.link(pipe, home);
  b.result().invalid_hrefs.push_back({home, "http://exa mple.com/|*x*", 12, false});
  b.result().start = home;
  b.result().complete = true;
  const Audit audit = audit_site(b.result());
  const RunInfo run{"https://site.test/", "http", nlohmann::json::object()};
  const std::string md = written(write_markdown_report, ReportContext{run, b.result(), audit, nullptr, 0, 10, 50, std::string()});
  using Catch::Contains;
  CHECK_THAT(md, Catch::StartsWith("## sitegraph audit of https://site.test/\n\n| | |\n|---|---:|\n| HTML pages | 2 |\n"));
  CHECK_THAT(md, Contains("| broken links | 1 |\n"));
  CHECK_THAT(md, Contains("| findings | " + std::to_string(audit.findings.size()) + " |\n"));
  CHECK_THAT(md, Contains("### Findings by rule\n\n| rule | severity | findings |\n|---|---|---:|\n"));
  CHECK_THAT(md, Contains("| `broken-link` Broken links | error | 1 |\n"));
  CHECK_THAT(md, Contains("| `invalid-url` Hrefs that are not valid URLs | warning | 1 |\n"));
  CHECK_THAT(md, Contains("| rule | page | detail |\n|---|---|---|\n"));
  // The page as an autolink whose '|' is escaped (GitHub splits cells before it reads links).
  CHECK_THAT(md, Contains("| `broken-link` | <https://site.test/a\\|b> | links to a URL that answers 404: https://site.test/gone"));
  // The href in the detail cell: '|' and '*' escaped, so the row keeps three cells and no emphasis.
  CHECK_THAT(md, Contains("| `invalid-url` | <https://site.test/> | an href that is not a valid URL (href \"http://exa mple.com/\\|\\*x\\*\") (line 12) |\n"));
  CHECK_THAT(md, Contains("### Top pages by PageRank\n"));
}

TEST_CASE("JUnit: one testsuite per rule, a failure per finding, a passing case per clean rule", "[report][junit]") {
  HostileSite site;
  const XmlRead read = read_xml(written(write_junit_report, site.context()));
  REQUIRE(read.well_formed);
  CHECK(count(read.elements, "testsuite") == rule_catalogue().size());
  CHECK(count(read.elements, "failure") == site.audit.findings.size());
  CHECK(count(read.elements, "testcase") == site.audit.findings.size() + rule_catalogue().size() -
                                                  [&] {
                                                    std::set<std::string> rules;
                                                    for (const Finding& f : site.audit.findings) rules.insert(std::string(f.rule));
                                                    return rules.size();
                                                  }());
}

TEST_CASE("CSV tables read back with quotes, commas and line breaks intact", "[report][csv]") {
  HostileSite site;
  const ReportContext report = site.context();
  const CsvTable links = parse_csv(written(write_links_csv, report));
  REQUIRE(links.rows.size() == site.b.graph().links().size());
  const int anchor = links.column({"anchor"});
  REQUIRE(anchor >= 0);
  CHECK(links.rows[0][static_cast<std::size_t>(anchor)] == "<script>x</script> & \"quoted\", with comma");
  CHECK(links.rows[1][static_cast<std::size_t>(anchor)] == "'=cmd|' /C calc'!A0");  // a formula defused
  const CsvTable findings = parse_csv(written(write_findings_csv, report));
  CHECK(findings.rows.size() == site.audit.findings.size());
  const CsvTable pages = parse_csv(written(write_pages_csv, report));
  CHECK(pages.rows.size() == site.b.graph().size());
}

TEST_CASE("SARIF: version 2.1.0, every finding a result with a known rule index", "[report][sarif]") {
  HostileSite site;
  const nlohmann::json sarif = sarif_report(site.context());
  CHECK(sarif["version"] == "2.1.0");
  const auto& run = sarif["runs"][0];
  REQUIRE(run["results"].size() == site.audit.findings.size());
  for (const auto& result : run["results"]) {
    const auto index = result["ruleIndex"].get<std::size_t>();
    CHECK(run["tool"]["driver"]["rules"][index]["id"] == result["ruleId"]);
    CHECK(result["partialFingerprints"]["sitegraphFinding/v1"].get<std::string>().size() == 16);
  }
}

TEST_CASE("a baseline: findings matched by rule, url and target, new, unchanged and fixed", "[report][baseline]") {
  GraphBuilder before;
  const UrlId home = before.page("/");
  const UrlId a = before.page("/a");
  before.page("/gone", 404);
  before.link(home, a);
  before.link(a, 2);  // a broken link to /gone
  before.result().start = home;
  before.result().complete = true;
  const Audit old_audit = audit_site(before.result());
  const RunView view = view_of_audit(before.result(), old_audit);

  GraphBuilder after;
  const UrlId home2 = after.page("/");
  const UrlId a2 = after.page("/a");
  const UrlId b2 = after.page("/b");
  const UrlId missing = after.page("/missing", 404);
  after.link(home2, a2);
  after.link(a2, missing);  // a new broken link; the one to /gone is fixed
  after.link(home2, b2);
  after.result().start = home2;
  after.result().complete = true;
  const Audit audit = audit_site(after.result());
  const BaselineComparison cmp = compare_with_baseline(after.result(), audit, view, "old.json");
  std::vector<std::string> new_rules;
  for (std::size_t i = 0; i < audit.findings.size(); ++i) {
    if (cmp.is_new[i]) new_rules.push_back(std::string(audit.findings[i].rule) + " " + std::string(after.graph().url(audit.findings[i].target == kNoUrl ? audit.findings[i].url : audit.findings[i].target)));
  }
  CHECK(std::find(new_rules.begin(), new_rules.end(), "broken-link https://site.test/missing") != new_rules.end());
  bool gone_fixed = false;
  for (const PastFinding& f : cmp.fixed) gone_fixed |= f.rule == "broken-link" && f.target == "https://site.test/gone";
  CHECK(gone_fixed);
  CHECK(cmp.new_findings + cmp.unchanged == audit.findings.size());

  // The same run against itself: nothing new, nothing fixed.
  const BaselineComparison same = compare_with_baseline(after.result(), audit, view_of_audit(after.result(), audit), "x");
  CHECK(same.new_findings == 0);
  CHECK(same.fixed.empty());

  // A JSON report is as good a baseline as the audit it came from.
  const RunInfo run{"https://site.test/", "http", nlohmann::json::object()};
  const nlohmann::json old_report = json_report({run, before.result(), old_audit, nullptr, 0, 10, 50, ""});
  const RunView from_json = view_of_report(nlohmann::json::parse(old_report.dump()));
  const BaselineComparison via_json = compare_with_baseline(after.result(), audit, from_json, "old.json");
  CHECK(via_json.is_new == cmp.is_new);
  CHECK(via_json.fixed.size() == cmp.fixed.size());

  const RunDiff diff = diff_runs(view, view_of_audit(after.result(), audit), 10);
  CHECK(diff.pages_added == std::vector<std::string>{"https://site.test/b"});
  CHECK(diff.new_findings.size() == cmp.new_findings);
  CHECK(diff.fixed_findings.size() == cmp.fixed.size());
  CHECK_THROWS_AS(view_of_report(nlohmann::json{{"pages", 1}}), InputError);
}

TEST_CASE("the streamed JSON report is laid out as nlohmann's dump(2) across its rendering blocks", "[report][json]") {
  // 7,000 pages: four blocks of 2,048, the last one partial and rendered by the second thread;
  // with a baseline, so each finding's "baseline" field is computed on both threads.
  GraphBuilder b;
  const UrlId home = b.page("/");
  UrlId previous = home;
  for (int i = 0; i < 7000; ++i) {
    const UrlId page = b.page("/p" + std::to_string(i) + ".html", i % 7 == 0 ? 404 : 200);
    b.link(previous, page);
    if (i % 7 != 0) previous = page;
  }
  b.result().start = home;
  b.result().complete = true;
  const Audit audit = audit_site(b.result());
  REQUIRE(audit.findings.size() > 4096);
  const RunInfo run{"https://site.test/", "http", nlohmann::json::object()};
  BaselineComparison baseline = compare_with_baseline(b.result(), audit, view_of_audit(b.result(), audit), "old.json");
  REQUIRE(baseline.is_new.size() == audit.findings.size());
  for (std::size_t i = 0; i < baseline.is_new.size(); i += 3) baseline.is_new[i] = true;
  const ReportContext context{run, b.result(), audit, &baseline, 0, 10, 50, std::string()};
  const std::string streamed = written([](std::ostream& out, const ReportContext& r) { write_json_report(out, r, nullptr); }, context);
  const nlohmann::json parsed = nlohmann::json::parse(streamed);
  REQUIRE(parsed.at("pages").size() == b.graph().size());
  // Page order and content come from one pass each; the layout must be dump(2)'s exactly.
  CHECK(streamed == parsed.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  // And every element in its place: the findings in the audit's order, the pages in URL order.
  const nlohmann::json& findings = parsed.at("findings");
  REQUIRE(findings.size() == audit.findings.size());
  std::size_t misplaced = 0;
  for (std::size_t i = 0; i < audit.findings.size(); ++i) {
    misplaced += findings[i].at("rule") != audit.findings[i].rule || findings[i].at("url") != b.graph().url(audit.findings[i].url) ||
                 findings[i].at("baseline") != (i % 3 == 0 ? "new" : "unchanged");
  }
  CHECK(misplaced == 0);
  std::vector<std::string> urls;
  for (const nlohmann::json& page : parsed.at("pages")) urls.push_back(page.at("url").get<std::string>());
  CHECK(std::is_sorted(urls.begin(), urls.end()));
  CHECK(std::set<std::string>(urls.begin(), urls.end()).size() == urls.size());
}

TEST_CASE("report summary: depth figures count 2xx HTML pages, not redirects, errors or downloads", "[report][summary]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId a = b.page("/a");
  const UrlId moved = b.page("/moved", 301);
  const UrlId deep = b.page("/deep");
  const UrlId gone = b.page("/gone", 404);
  const UrlId pdf = b.page("/file.pdf");
  b.at(pdf).fetched_html = false;  // a 200 download, not a page
  b.link(home, a);
  b.link(a, moved);
  b.redirect(moved, deep);
  b.link(deep, gone);
  b.link(deep, pdf);
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  REQUIRE(audit.depth[gone] == 3);  // the JSON report keeps every URL's own depth
  const ReportSummary s = summarize(b.result(), audit, 10);
  CHECK(s.max_depth == 2);  // /deep, two clicks away (the redirect hop costs none)
  CHECK(s.reachable == 3);  // /, /a, /deep
  REQUIRE_FALSE(s.deepest.empty());
  CHECK(s.deepest.front() == deep);
  CHECK(std::find(s.deepest.begin(), s.deepest.end(), gone) == s.deepest.end());
  CHECK(std::find(s.deepest.begin(), s.deepest.end(), moved) == s.deepest.end());
  CHECK(std::find(s.deepest.begin(), s.deepest.end(), pdf) == s.deepest.end());
}

TEST_CASE("HTML report: findings severity first, at most 200 rows of one rule, every rule kept", "[report][html]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  b.result().start = home;
  b.result().complete = true;
  std::vector<UrlId> pages;
  for (int i = 0; i < 3000; ++i) pages.push_back(b.page("/p" + std::to_string(i)));
  Audit audit = audit_site(b.result());  // after the pages: the audit's arrays cover them all
  audit.findings.clear();
  // 3,000 info findings of one rule sort before the warning by rule name ("a..." < "b...").
  for (int i = 0; i < 3000; ++i) {
    const UrlId page = pages[static_cast<std::size_t>(i)];
    Finding f;
    f.rule = "anchor-conflict";
    f.severity = Severity::kInfo;
    f.url = page;
    f.message = "info " + std::to_string(i);
    audit.findings.push_back(std::move(f));
  }
  Finding warning_finding;
  warning_finding.rule = "broken-link";
  warning_finding.url = home;
  warning_finding.message = "the warning";
  audit.findings.push_back(std::move(warning_finding));
  RunInfo run{"https://site.test/", "http", nlohmann::json::object()};
  const ReportContext report{run, b.result(), audit, nullptr, 0, 10, 50, std::string()};
  const std::string html = written(write_html_report, report);
  const auto warning = html.find("the warning");
  REQUIRE(warning != std::string::npos);
  CHECK(warning < html.find(">info 0<"));  // the warning leads, though its rule sorts after
  CHECK(html.find(">info 199<") != std::string::npos);
  CHECK(html.find(">info 200<") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("anchor-conflict: 2800 more in the JSON report"));
  // The findings card splits the total by severity.
  CHECK_THAT(html, Catch::Contains("<div class=\"value\">3001</div><div class=\"label\">findings: 0 errors, 1 warning, 3000 info</div>"));
}

TEST_CASE("text summary: pages unchanged since --since are counted by how they were revalidated, and not mentioned without them", "[report][summary]") {
  HostileSite site;
  const auto text = [&] {
    std::ostringstream out;
    write_text_report(out, site.context());
    return out.str();
  };
  CHECK(text().find("unchanged since --since") == std::string::npos);
  site.b.at(site.home).revalidated = true;
  site.b.at(site.evil).revalidated = true;
  CHECK(summarize(site.b.result(), site.audit, 10).revalidated == 2);
  CHECK_THAT(text(), Catch::Contains("(2 unchanged since --since: 2 304 Not Modified)"));
  site.b.at(site.evil).same_body = true;
  CHECK(summarize(site.b.result(), site.audit, 10).revalidated_by_hash == 1);
  CHECK_THAT(text(), Catch::Contains("(2 unchanged since --since: 1 304 Not Modified, 1 the same body)"));
  site.b.at(site.home).same_body = true;
  CHECK_THAT(text(), Catch::Contains("(2 unchanged since --since: 2 the same body)"));
}

namespace {

// Seven pages link to one missing page, one of them also to a gone page.
struct BrokenTargetsSite {
  GraphBuilder b;
  Audit audit;
  RunInfo run{"https://site.test/", "http", nlohmann::json::object()};
  BrokenTargetsSite() {
    const UrlId home = b.page("/");
    const UrlId missing = b.page("/missing", 404);
    const UrlId gone = b.page("/gone", 410);
    for (int i = 1; i <= 7; ++i) {
      const UrlId p = b.page("/p" + std::to_string(i));
      b.link(home, p);
      b.link(p, missing);
      if (i == 3) b.link(p, gone);
    }
    b.result().start = home;
    b.result().complete = true;
    audit = audit_site(b.result());
  }
  ReportContext context(std::size_t rows = 50, std::size_t sources = 5) {
    return {run, b.result(), audit, nullptr, 0, 10, rows, std::string(), sources};
  }
};

std::size_t occurrences(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the text report lists a broken target once, with the pages linking to it", "[report][text][broken]") {
  BrokenTargetsSite site;
  const std::string text = written([](std::ostream& o, const ReportContext& r) { write_text_report(o, r); }, site.context());
  INFO(text);
  CHECK(occurrences(text, "https://site.test/missing") == 1);
  CHECK(text.find("404  https://site.test/missing  linked from 7 pages\n") != std::string::npos);
  CHECK(text.find("      <- https://site.test/p1  (line 1)\n      <- https://site.test/p2") != std::string::npos);
  CHECK(text.find("      ... and 2 more pages") != std::string::npos);
  CHECK(text.find("<- https://site.test/p6") == std::string::npos);
  CHECK(text.find("410  https://site.test/gone  linked from 1 page\n      <- https://site.test/p3") != std::string::npos);
  CHECK(text.find("/missing  linked from") < text.find("/gone  linked from"));  // most linked first

  SECTION("--all lists every linking page") {
    const std::string all =
        written([](std::ostream& o, const ReportContext& r) { write_text_report(o, r); }, site.context(SIZE_MAX, SIZE_MAX));
    CHECK(all.find("<- https://site.test/p7") != std::string::npos);
    CHECK(all.find("more pages") == std::string::npos);
  }
  SECTION("a cap on targets says how many more there are") {
    const std::string capped = written([](std::ostream& o, const ReportContext& r) { write_text_report(o, r); }, site.context(1));
    CHECK(capped.find("/gone  linked from") == std::string::npos);
    CHECK(capped.find("  ... and 1 more targets") != std::string::npos);
  }
}

TEST_CASE("JSON and HTML reports group broken links by target", "[report][json][html][broken]") {
  BrokenTargetsSite site;
  const nlohmann::json report = json_report(site.context());
  const nlohmann::json& groups = report.at("broken_targets");
  REQUIRE(groups.size() == 2);
  CHECK(groups[0]["target"] == "https://site.test/missing");
  CHECK(groups[0]["status"] == 404);
  CHECK(groups[0]["rule"] == "broken-link");
  CHECK(groups[0]["linked_from"] == 7);
  CHECK(groups[0]["sources"].size() == 7);
  CHECK(groups[0]["sources"][6] == "https://site.test/p7");
  CHECK(groups[1]["target"] == "https://site.test/gone");
  CHECK(groups[1]["sources"] == nlohmann::json::array({"https://site.test/p3"}));

  const std::string html = written(write_html_report, site.context());
  const std::size_t section = html.find("<section id=\"broken-section\">");
  REQUIRE(section != std::string::npos);
  CHECK(html.find("Broken links by target <span class=\"count\">2</span>", section) != std::string::npos);
  CHECK(html.find("<td class=\"num\" data-sort=\"7\">7</td>", section) != std::string::npos);
}

TEST_CASE("text and Markdown summaries: orphans not looked for are not reported as 0", "[report][summary]") {
  HostileSite site;
  const auto text = [&] {
    std::ostringstream out;
    write_text_report(out, site.context());
    return out.str();
  };
  CHECK_THAT(text(), Catch::Contains("orphan pages       not looked for: no sitemap, --urls or --since"));
  CHECK_THAT(written(write_markdown_report, site.context()), Catch::Contains("| orphan pages | not looked for"));
  site.b.at(site.evil).in_sitemap = true;  // now a page is known apart from links
  CHECK_THAT(text(), Catch::Contains("orphan pages       0\n"));
}

TEST_CASE("text report: deep pages are listed deepest first, not in URL order", "[report][text]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  UrlId previous = home;
  for (const char* path : {"/a1", "/b2", "/c3", "/d4", "/e5"}) {  // URL order is shallowest first
    const UrlId id = b.page(path);
    b.link(previous, id);
    previous = id;
  }
  b.result().start = home;
  b.result().complete = true;
  const Audit audit = audit_site(b.result());
  RunInfo run{"https://site.test/", "http", nlohmann::json::object()};
  std::ostringstream out;
  write_text_report(out, {run, b.result(), audit, nullptr, 0, 10, 50, std::string()});
  const std::string text = out.str();
  const auto section = text.find("[deep-page,");
  REQUIRE(section != std::string::npos);
  const auto e5 = text.find("https://site.test/e5", section);
  const auto d4 = text.find("https://site.test/d4", section);
  REQUIRE(e5 != std::string::npos);
  REQUIRE(d4 != std::string::npos);
  CHECK(e5 < d4);
  // A count says what it counts.
  CHECK_THAT(text, Catch::Contains("https://site.test/e5  (5 clicks from the start)"));
}

TEST_CASE("text summary: external URLs say how many were checked, from the crawl itself", "[report][summary]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId out = b.result().graph.add_url("https://other.test/");
  b.result().graph.page(out).internal = false;  // recorded, not fetched
  b.link(home, out);
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  RunInfo run{"https://site.test/", "http", nlohmann::json{{"check_external", true}}};  // flags alone prove nothing
  const auto text = [&] {
    std::ostringstream o;
    write_text_report(o, {run, b.result(), audit, nullptr, 0, 10, 50, std::string()});
    return o.str();
  };
  CHECK_THAT(text(), Catch::Contains("external URLs      1 (recorded, not checked: --check-external)"));
  b.at(out).outcome = FetchOutcome::kResponse;
  b.at(out).status = 200;
  CHECK_THAT(text(), Catch::Contains("external URLs      1 (1 checked)"));
}

namespace {

// Doxygen output: member-list pages with one inlink each, a page of icon links without text,
// a chain of deep archive pages, and two lone findings that share nothing.
struct GroupedSite {
  GraphBuilder b;
  Audit audit;
  GroupedSite() {
    const UrlId home = b.page("/");
    b.result().start = home;
    b.result().complete = true;
    const UrlId icons = b.page("/icons.html");
    std::vector<UrlId> members;
    for (const char* name : {"classa", "classb", "classc", "classd", "classe", "classf"}) {
      members.push_back(b.page(std::string("/api/") + name + "-members.html"));
    }
    const UrlId lone = b.page("/api/lone.html");
    std::vector<UrlId> archive;
    for (int i = 0; i < 5; ++i) archive.push_back(b.page("/archive/" + std::to_string(i) + ".html"));
    audit = audit_site(b.result());
    audit.findings.clear();
    const auto add = [&](std::string_view rule, UrlId url, UrlId target, std::uint32_t count) {
      Finding f;
      f.rule = rule;
      f.severity = Severity::kInfo;
      f.url = url;
      f.target = target;
      f.count = count;
      f.message = std::string(rule) + " finding";
      audit.findings.push_back(std::move(f));
    };
    for (std::uint32_t i = 0; i < 7; ++i) add("empty-anchor", icons, members[i % members.size()] + 0 * i, 0);
    add("empty-anchor", home, icons, 0);
    for (const UrlId m : members) add("single-inlink", m, kNoUrl, 1);
    add("single-inlink", lone, kNoUrl, 1);
    for (std::uint32_t i = 0; i < 5; ++i) add("deep-page", archive[i], kNoUrl, 4 + i);
  }
};

}  // namespace

TEST_CASE("finding groups: links on one page, pages of one URL shape, nothing below five", "[report][groups]") {
  GroupedSite site;
  const SiteGraph& g = site.b.result().graph;
  const std::vector<FindingGroup> groups = group_findings(g, site.audit.findings);
  REQUIRE(groups.size() == 3);
  std::vector<std::tuple<std::string, std::string, std::string, std::size_t>> got;
  for (const FindingGroup& x : groups) got.emplace_back(x.rule, x.cause, x.pattern, x.members.size());
  CHECK(got == std::vector<std::tuple<std::string, std::string, std::string, std::size_t>>{
                   {"deep-page", "pattern", "https://site.test/archive/*", 5},
                   {"empty-anchor", "page", "https://site.test/icons.html", 7},
                   {"single-inlink", "pattern", "https://site.test/api/*-members.html", 6}});
  // Deep pages deepest first inside their group.
  CHECK(g.url(site.audit.findings[groups[0].members.front()].url) == "https://site.test/archive/4.html");
  const std::vector<std::uint32_t> of = group_of_finding(groups, site.audit.findings.size());
  CHECK(of[7] == kNoGroup);   // the home page's one empty anchor
  CHECK(of[14] == kNoGroup);  // /api/lone.html
}

TEST_CASE("finding groups in the reports: one entry in text, Markdown and SARIF, every finding in JSON with its group", "[report][groups]") {
  GroupedSite site;
  RunInfo run{"https://site.test/", "http", nlohmann::json::object()};
  const ReportContext report{run, site.b.result(), site.audit, nullptr, 0, 10, 50, std::string()};
  std::ostringstream text;
  write_text_report(text, report);
  CHECK_THAT(text.str(), Catch::Contains("  https://site.test/api/*-members.html  6 pages like this, e.g.\n"
                                         "      https://site.test/api/classa-members.html  (1 linking page)\n"));
  CHECK_THAT(text.str(), Catch::Contains("  https://site.test/icons.html  7 findings on this page, e.g.\n"));
  CHECK_THAT(text.str(), Catch::Contains("  https://site.test/api/lone.html  (1 linking page)\n"));
  const std::string section = text.str().substr(text.str().find("[single-inlink"));
  CHECK(section.find("classd-members") == std::string::npos);  // past the three examples
  const nlohmann::json j = json_report(report);
  REQUIRE(j["finding_groups"].size() == 3);
  CHECK(j["finding_groups"][2]["pattern"] == "https://site.test/api/*-members.html");
  CHECK(j["finding_groups"][2]["count"] == 6);
  CHECK(j["findings"].size() == site.audit.findings.size());
  std::size_t in_groups = 0;
  for (const auto& f : j["findings"]) in_groups += f["group"].is_null() ? 0 : 1;
  CHECK(in_groups == 18);
  const std::string md = written(write_markdown_report, report);
  CHECK_THAT(md, Catch::Contains("| `single-inlink` | `https://site.test/api/*-members.html` | 6 pages like this, e.g. "));
  const nlohmann::json sarif = sarif_report(report);
  const auto& results = sarif["runs"][0]["results"];
  CHECK(results.size() == 5);  // three groups, two lone findings
  std::size_t grouped = 0;
  for (const auto& r : results) grouped += r["properties"].contains("pattern") ? 1 : 0;
  CHECK(grouped == 3);
}

TEST_CASE("finding groups: a folder is one group whether its pages' names have a suffix or not", "[report][groups]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  b.result().start = home;
  std::vector<Finding> findings;
  for (const char* name : {"append", "assign", "begin", "root_directory", "replace_extension", "is_absrel", "c_str"}) {
    Finding f;
    f.rule = "deep-page";
    f.url = b.page(std::string("/fs/path/") + name + ".html");
    f.count = 4;
    findings.push_back(std::move(f));
  }
  const std::vector<FindingGroup> groups = group_findings(b.result().graph, findings);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].pattern == "https://site.test/fs/path/*");
  CHECK(groups[0].members == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6});
}

TEST_CASE("text report: an anchor-conflict entry leads with the anchor, then each target with a page holding the link", "[report][text]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId tag = b.page("/blog/tags/brewing.html");
  const UrlId brewing = b.page("/brewing/");
  const UrlId post = b.page("/brewing/pour-over.html");
  b.link(home, brewing);
  b.link(home, post);
  b.link(post, tag);
  b.result().start = home;
  b.result().complete = true;
  Audit audit = audit_site(b.result());
  audit.findings.clear();
  Finding f;
  f.rule = "anchor-conflict";
  f.url = tag;
  f.target = brewing;
  f.href = "brewing";
  f.count = 2;
  f.message = "the anchor 'brewing' links to 2 different pages: https://site.test/blog/tags/brewing.html (from "
              "https://site.test/brewing/pour-over.html line 29), https://site.test/brewing/ (from https://site.test/ line 15)";
  audit.findings.push_back(f);
  RunInfo run{"https://site.test/", "http", nlohmann::json::object()};
  std::ostringstream out;
  write_text_report(out, {run, b.result(), audit, nullptr, 0, 10, 50, std::string()});
  CHECK_THAT(out.str(), Catch::Contains("  \"brewing\"  links to 2 different pages\n"
                                        "      https://site.test/blog/tags/brewing.html (from https://site.test/brewing/pour-over.html line 29)\n"
                                        "      https://site.test/brewing/ (from https://site.test/ line 15)\n"));
  // Past kAnchorLabelTargets pages the words are a label, and the entry says so.
  audit.findings.front().count = static_cast<std::uint32_t>(kAnchorLabelTargets + 1);
  std::ostringstream label;
  write_text_report(label, {run, b.result(), audit, nullptr, 0, 10, 50, std::string()});
  CHECK_THAT(label.str(), Catch::Contains("  \"brewing\"  is a label on links to 65 different pages, naming none of them\n"));
}

TEST_CASE("text and Markdown reports: rule sections go errors first, then warnings, then info", "[report][text]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId a = b.page("/a");
  b.link(home, a);
  b.result().start = home;
  b.result().complete = true;
  Audit audit = audit_site(b.result());
  audit.findings.clear();
  // single-inlink (info) comes before anchor-conflict (warning) in the catalogue.
  Finding info;
  info.rule = "single-inlink";
  info.severity = Severity::kInfo;
  info.url = a;
  info.message = "one followable internal link reaches this page";
  audit.findings.push_back(info);
  Finding warning;
  warning.rule = "anchor-conflict";
  warning.severity = Severity::kWarning;
  warning.url = home;
  warning.target = a;
  warning.href = "coffee";
  warning.count = 2;
  warning.message = "the anchor 'coffee' links to 2 different pages";
  audit.findings.push_back(warning);
  RunInfo run{"https://site.test/", "http", nlohmann::json::object()};
  const ReportContext report{run, b.result(), audit, nullptr, 0, 10, 50, std::string()};
  std::ostringstream text;
  write_text_report(text, report);
  const std::string t = text.str();
  REQUIRE(t.find("[anchor-conflict, warning]") != std::string::npos);
  CHECK(t.find("[anchor-conflict, warning]") < t.find("[single-inlink, info]"));
  std::ostringstream md;
  write_markdown_report(md, report);
  const std::string m = md.str();
  REQUIRE(m.find("| `anchor-conflict`") != std::string::npos);
  CHECK(m.find("| `anchor-conflict`") < m.find("| `single-inlink`"));
}

TEST_CASE("HTML cards: broken resources and external links have cards of their own when there are any", "[report][html][broken]") {
  BrokenTargetsSite site;
  CHECK(written(write_html_report, site.context()).find("data-metric=\"broken_resources\"") == std::string::npos);
  const SiteGraph& g = site.b.result().graph;
  Finding f;
  f.rule = "broken-resource";
  f.url = g.find("https://site.test/p1");
  f.target = g.find("https://site.test/gone");
  f.status = "410";
  site.audit.findings.push_back(f);
  const std::string html = written(write_html_report, site.context());
  CHECK_THAT(html, Catch::Contains("data-metric=\"broken_resources\"><div class=\"value\">1</div><div class=\"label\">broken resources</div>"));
  CHECK(html.find("data-metric=\"broken_external_links\"") == std::string::npos);
}

TEST_CASE("finding groups: broken fragments are never grouped, each missing id is its own typo", "[report][groups]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  b.result().start = home;
  std::vector<Finding> findings;
  for (int i = 0; i < 7; ++i) {
    Finding f;
    f.rule = "broken-fragment";
    f.url = b.page("/c/language/p" + std::to_string(i) + ".html");
    f.href = "Section_" + std::to_string(i);
    findings.push_back(std::move(f));
  }
  CHECK(group_findings(b.result().graph, findings).empty());
}
