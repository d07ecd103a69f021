// The CI and cron workflow through the built program: several formats in one run, a baseline
// adopted and then broken (a new orphan fails --fail-on new), ignores, sitegraph.toml and
// its precedence, `diff`, `export` and --history.
#include <catch2/catch.hpp>
#include <expat.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "run_program.hpp"
#include "sitegraph/inputs.hpp"

namespace fs = std::filesystem;
using namespace sitegraph::testing;

namespace {

const std::string kExamples = std::string(SITEGRAPH_EXAMPLES) + "/site";
const std::string kAudit = "-q audit '" + kExamples + "' --base-url https://coffee.example/";

// A fresh copy of the example site to change.
fs::path site_copy(const std::string& name) {
  const fs::path dir = temp_dir() / name;
  fs::remove_all(dir);
  fs::copy(kExamples, dir, fs::copy_options::recursive);
  return dir;
}

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = slurp(file);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

bool well_formed_xml(const std::string& document) {
  XML_Parser parser = XML_ParserCreate("UTF-8");
  const bool ok = XML_Parse(parser, document.data(), static_cast<int>(document.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(parser);
  return ok;
}

}  // namespace

TEST_CASE("every format in one run, into one directory, each readable by its parser", "[cli][formats]") {
  const fs::path out = temp_dir() / "all-formats";
  fs::remove_all(out);
  const Run r = run_sitegraph(kAudit + " -f text,json,csv,junit,markdown,github,sarif,html,dot,graphml,gexf,edges -o '" +
                              out.string() + "'");
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(slurp(out / "report.json"));
  const std::size_t findings = report["findings"].size();
  REQUIRE(findings > 0);
  CHECK(nlohmann::json::parse(slurp(out / "report.sarif"))["runs"][0]["results"].size() == findings);
  for (const char* xml : {"report.junit.xml", "graph.graphml", "graph.gexf"}) {
    INFO(xml);
    CHECK(well_formed_xml(slurp(out / xml)));
  }
  const sitegraph::CsvTable csv = sitegraph::parse_csv(slurp(out / "csv" / "findings.csv"));
  CHECK(csv.rows.size() == findings);
  CHECK(sitegraph::parse_csv(slurp(out / "csv" / "pages.csv")).rows.size() == report["pages"].size());
  CHECK_THAT(slurp(out / "report.md"), Catch::Contains("## sitegraph audit of"));
  CHECK_THAT(slurp(out / "graph.dot"), Catch::StartsWith("digraph sitegraph {"));
  CHECK_THAT(slurp(out / "report.txt"), Catch::Contains("Summary"));
  CHECK(slurp(out / "report.txt").find("\033[") == std::string::npos);  // no colour in a file
  // Folder mode: annotations point at the HTML file and line of each broken link.
  CHECK(std::regex_search(slurp(out / "github-annotations.txt"),
                          std::regex(R"(::error file=[^,]*/beans/kenya-nyeri\.html,line=\d+,title=sitegraph broken-link::)")));
  CHECK_THAT(slurp(out / "report.html"), Catch::Contains("data-metric=\"orphan_pages\""));
}

TEST_CASE("several formats without a directory, or csv on stdout, are usage errors", "[cli][formats]") {
  CHECK(run_sitegraph(kAudit + " -f json,text").code == 2);
  const Run csv = run_sitegraph(kAudit + " -f csv");
  CHECK(csv.code == 2);
  CHECK_THAT(csv.err, Catch::Contains("-o DIR"));
  CHECK(run_sitegraph(kAudit + " -f json -o a.json -o b.json -o c.json").code == 2);
  CHECK(run_sitegraph(kAudit + " -f pdf").code == 2);
}

TEST_CASE("the same site gives the same pages in the same order, whatever order the crawl found them in", "[cli][formats]") {
  // The crawl numbers URLs as parse workers finish; reports list pages and links in URL order.
  std::vector<nlohmann::json> pages;
  std::vector<std::string> links_csv;
  for (const char* name : {"order-1", "order-2", "order-3"}) {
    const fs::path out = temp_dir() / name;
    REQUIRE(run_sitegraph(kAudit + " -f json,csv -o '" + out.string() + "/'").code == 0);
    pages.push_back(nlohmann::json::parse(slurp(out / "report.json"))["pages"]);
    links_csv.push_back(slurp(out / "csv" / "links.csv"));
  }
  std::vector<std::string> urls;
  for (const auto& page : pages[0]) urls.push_back(page["url"]);
  CHECK(std::is_sorted(urls.begin(), urls.end()));
  CHECK(urls.size() > 30);
  CHECK(pages[1] == pages[0]);
  CHECK(pages[2] == pages[0]);
  CHECK(links_csv[1] == links_csv[0]);
  CHECK(links_csv[2] == links_csv[0]);
}

TEST_CASE("a report or snapshot path in a missing folder is a usage error before the crawl", "[cli][formats]") {
  const Run report = run_sitegraph(kAudit + " -f json -o /nonexistent-sitegraph-dir/r.json");
  CHECK(report.code == 2);
  CHECK_THAT(report.err, Catch::Contains("/nonexistent-sitegraph-dir does not exist"));
  // A directory output (csv) whose path is a file is refused up front too.
  const fs::path file = temp_dir() / "a-file";
  std::ofstream(file) << "x";
  const Run csv = run_sitegraph(kAudit + " -f csv -o '" + file.string() + "'");
  CHECK(csv.code == 2);
  CHECK_THAT(csv.err, Catch::Contains("is a file, not a folder"));
  const Run snapshot = run_sitegraph(kAudit + " --save-snapshot /nonexistent-sitegraph-dir/s.jsonl.gz");
  CHECK(snapshot.code == 2);
  CHECK_THAT(snapshot.err, Catch::Contains("--save-snapshot"));
}

TEST_CASE("colour: --color always colours, NO_COLOR and files never do", "[cli][formats]") {
  CHECK_THAT(run_sitegraph(kAudit + " --color always").out, Catch::Contains("\033[1m"));
  CHECK(run_sitegraph(kAudit).out.find("\033[") == std::string::npos);  // stdout is a file here
  CHECK(run_sitegraph("--color never " + kAudit).code == 2);             // an audit flag, not a global one
}

TEST_CASE("a baseline: the same site twice passes, a page losing its only link is a new orphan", "[cli][baseline]") {
  const fs::path site = site_copy("baseline-site");
  const std::string audit = "-q audit '" + site.string() + "' --base-url https://coffee.example/";
  const fs::path baseline = temp_dir() / "baseline.json";
  REQUIRE(run_sitegraph(audit + " -f json -o '" + baseline.string() + "'").code == 0);

  const Run same = run_sitegraph(audit + " --baseline '" + baseline.string() + "' --fail-on new -f json");
  CHECK(same.code == 0);
  const auto same_report = nlohmann::json::parse(same.out);
  CHECK(same_report["baseline"]["new"] == 0);
  CHECK(same_report["baseline"]["fixed"] == 0);

  // /menu/pastries.html is linked only from /menu/; it stays in the sitemap.
  replace_in(site / "menu" / "index.html", "<a href=\"pastries.html\">pastries</a>", "pastries");
  const Run broken = run_sitegraph(audit + " --baseline '" + baseline.string() + "' --fail-on new -f json");
  CHECK(broken.code == 1);
  const auto report = nlohmann::json::parse(broken.out);
  bool new_orphan = false;
  for (const auto& f : report["findings"]) {
    new_orphan |= f["rule"] == "orphan-page" && f["url"] == "https://coffee.example/menu/pastries.html" && f["baseline"] == "new";
  }
  CHECK(new_orphan);
  CHECK(report["baseline"]["new"] == 1);
  // new:RULE narrows it; an old rule's findings do not fail it.
  CHECK(run_sitegraph(audit + " --baseline '" + baseline.string() + "' --fail-on new:broken-link").code == 0);
  CHECK(run_sitegraph(audit + " --baseline '" + baseline.string() + "' --fail-on new:orphan-page").code == 1);
  // Ignoring the page makes the change acceptable.
  CHECK(run_sitegraph(audit + " --baseline '" + baseline.string() + "' --fail-on new --ignore 'orphan-page:/menu/*'").code == 0);
  // The text report marks it.
  CHECK_THAT(run_sitegraph(audit + " --baseline '" + baseline.string() + "'").out, Catch::Contains("NEW https://coffee.example/menu/pastries.html"));
  // --fail-on new without a baseline is a mistake, said before crawling.
  const Run no_baseline = run_sitegraph(audit + " --fail-on new");
  CHECK(no_baseline.code == 2);
  CHECK_THAT(no_baseline.err, Catch::Contains("--baseline"));
  const Run bad = run_sitegraph(audit + " --baseline '" + (site / "index.html").string() + "'");
  CHECK(bad.code == 2);
}

TEST_CASE("sitegraph.toml sets flags, the command line wins, config --dump shows the result", "[cli][config]") {
  const fs::path dir = temp_dir() / "config";
  fs::create_directories(dir);
  std::ofstream(dir / "sitegraph.toml") << "[audit]\nbase-url = \"https://coffee.example/\"\nfail-on = [\"broken-link\"]\n"
                                           "format = [\"json\"]\n";
  const std::string in_dir = "cd '" + dir.string() + "' && '" + SITEGRAPH_BINARY + "' ";
  const auto run_in_dir = [&](const std::string& args) {
    const int status = std::system((in_dir + args + " >'" + (dir / "out").string() + "' 2>/dev/null").c_str());
    return std::pair{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir / "out")};
  };
  const auto [code, out] = run_in_dir("-q audit '" + kExamples + "'");
  CHECK(code == 1);  // fail-on broken-link from the file; the example site has two
  CHECK(nlohmann::json::parse(out)["crawl"]["start_url"] == "https://coffee.example/");  // format and base-url too
  const auto [text_code, text] = run_in_dir("-q audit '" + kExamples + "' -f text --fail-on \"orphan-page>5\"");
  CHECK(text_code == 0);  // the command line replaced the file's --fail-on
  CHECK_THAT(text, Catch::StartsWith("sitegraph"));
  const auto [dump_code, dump] = run_in_dir("config --dump");
  CHECK(dump_code == 0);
  CHECK_THAT(dump, Catch::Contains("audit.base-url=\"https://coffee.example/\""));
  CHECK_THAT(dump, Catch::Contains("audit.max-pages=0"));
  // The dump reads back as a config file.
  std::ofstream(dir / "dumped.toml") << dump;
  fs::remove(dir / "sitegraph.toml");
  CHECK(run_in_dir("--config dumped.toml -q audit '" + kExamples + "'").first == 1);
  CHECK(run_in_dir("--config missing.toml config --dump").first == 2);
  std::ofstream(dir / "typo.toml") << "[audit]\nmax-pagez = 7\n";  // a misspelt key is an error, not silence
  CHECK(run_in_dir("--config typo.toml -q audit '" + kExamples + "'").first == 2);
}

TEST_CASE("diff of two reports, export of a snapshot, --history says what changed", "[cli][history]") {
  const fs::path site = site_copy("history-site");
  const fs::path history = temp_dir() / "history";
  fs::remove_all(history);
  const std::string audit = "-q audit '" + site.string() + "' --base-url https://coffee.example/ --history '" +
                            history.string() + "' --history-keep 2";
  const fs::path first = temp_dir() / "first.json";
  REQUIRE(run_sitegraph(audit + " -f json -o '" + first.string() + "'").code == 0);
  CHECK(nlohmann::json::parse(slurp(first)).count("since_previous") == 0);
  replace_in(site / "menu" / "index.html", "<a href=\"pastries.html\">pastries</a>", "pastries");
  const fs::path second = temp_dir() / "second.json";
  REQUIRE(run_sitegraph(audit + " -f json -o '" + second.string() + "'").code == 0);
  const auto since = nlohmann::json::parse(slurp(second))["since_previous"];
  CHECK(since["findings"]["new"] == 1);
  CHECK(since["new_findings"][0]["rule"] == "orphan-page");
  CHECK_THAT(run_sitegraph(audit).out, Catch::Contains("Since the previous run"));
  std::size_t kept = 0;
  fs::path snapshot;
  for (const auto& entry : fs::directory_iterator(history)) {
    ++kept;
    snapshot = entry.path();
  }
  CHECK(kept == 2);  // three runs, --history-keep 2

  const Run diff = run_sitegraph("diff '" + first.string() + "' '" + second.string() + "' -f json");
  REQUIRE(diff.code == 0);
  const auto d = nlohmann::json::parse(diff.out);
  CHECK(d["findings"]["new"] == 1);
  CHECK(d["new_findings"][0]["url"] == "https://coffee.example/menu/pastries.html");
  CHECK_THAT(run_sitegraph("diff '" + first.string() + "' '" + second.string() + "'").out, Catch::Contains("New findings (1)"));
  CHECK(run_sitegraph("diff '" + first.string() + "' '" + snapshot.string() + "'").code == 0);  // a snapshot works too
  CHECK(run_sitegraph("diff '" + first.string() + "' /no/such/file.json").code == 2);

  const fs::path graphml = temp_dir() / "site.graphml";
  REQUIRE(run_sitegraph("-q export '" + snapshot.string() + "' -f graphml -o '" + graphml.string() + "'").code == 0);
  CHECK(well_formed_xml(slurp(graphml)));
  CHECK_THAT(slurp(graphml), Catch::Contains("https://coffee.example/menu/pastries.html"));
}

TEST_CASE("the edge-list export reads back as the same link graph", "[cli][export]") {
  const fs::path edges = temp_dir() / "edges.csv";
  REQUIRE(run_sitegraph(kAudit + " -f edges -o '" + edges.string() + "'").code == 0);
  const Run original = run_sitegraph(kAudit + " -f json");
  const Run again = run_sitegraph("-q audit '" + edges.string() + "' -f json");
  REQUIRE(again.code == 0);
  const auto a = nlohmann::json::parse(original.out);
  const auto b = nlohmann::json::parse(again.out);
  // The same pages are ranked with the same PageRank.
  std::map<std::string, double> rank_a;
  std::map<std::string, double> rank_b;
  for (const auto& p : a["pages"]) {
    if (p["pagerank"].is_number()) rank_a[p["url"]] = p["pagerank"];
  }
  for (const auto& p : b["pages"]) {
    if (p["pagerank"].is_number()) rank_b[p["url"]] = p["pagerank"];
  }
  REQUIRE(rank_b.size() == rank_a.size());
  for (const auto& [url, rank] : rank_a) {
    INFO(url);
    CHECK(rank_b[url] == Approx(rank).epsilon(1e-6));
  }
}

TEST_CASE("webgraph and graphframes exports hold the GraphML export's nodes and edges", "[cli][export]") {
  const fs::path out = temp_dir() / "handoff";
  REQUIRE(run_sitegraph(kAudit + " -f graphml,webgraph,graphframes -o '" + out.string() + "/'").code == 0);
  std::vector<std::string> names;
  {
    std::istringstream lines(slurp(out / "webgraph" / "graph.nodes"));
    for (std::string line; std::getline(lines, line);) names.push_back(line);
  }
  std::vector<std::pair<long, long>> arcs;
  {
    std::istringstream lines(slurp(out / "webgraph" / "graph.arcs"));
    for (std::string line; std::getline(lines, line);) {
      const auto tab = line.find('\t');
      REQUIRE(tab != std::string::npos);
      arcs.emplace_back(std::stol(line.substr(0, tab)), std::stol(line.substr(tab + 1)));
    }
  }
  const std::string graphml = slurp(out / "graph.graphml");
  std::size_t graphml_nodes = 0;
  std::size_t graphml_edges = 0;
  for (std::size_t at = 0; (at = graphml.find("<node ", at)) != std::string::npos; ++at) ++graphml_nodes;
  for (std::size_t at = 0; (at = graphml.find("<edge ", at)) != std::string::npos; ++at) ++graphml_edges;
  CHECK(names.size() == graphml_nodes);
  CHECK(arcs.size() == graphml_edges);
  CHECK(std::is_sorted(arcs.begin(), arcs.end()));
  CHECK(std::adjacent_find(arcs.begin(), arcs.end()) == arcs.end());  // folded: each pair once
  for (const auto& [source, target] : arcs) {
    CHECK(source != target);
    CHECK(static_cast<std::size_t>(std::max(source, target)) < names.size());
  }
  CHECK(std::find(names.begin(), names.end(), "https://coffee.example/beans/") != names.end());

  const sitegraph::CsvTable vertices = sitegraph::parse_csv(slurp(out / "graphframes" / "vertices.csv"));
  const sitegraph::CsvTable edges = sitegraph::parse_csv(slurp(out / "graphframes" / "edges.csv"));
  REQUIRE(vertices.column({"id"}) == 0);
  REQUIRE(vertices.column({"url"}) == 1);
  REQUIRE(edges.column({"src"}) == 0);
  REQUIRE(edges.column({"dst"}) == 1);
  REQUIRE(vertices.rows.size() == names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    CHECK(vertices.rows[i][0] == std::to_string(i));
    CHECK(vertices.rows[i][1] == names[i]);
    CHECK(vertices.rows[i].size() == vertices.header.size());
  }
  REQUIRE(edges.rows.size() == arcs.size());
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    CHECK(edges.rows[i][0] == std::to_string(arcs[i].first));
    CHECK(edges.rows[i][1] == std::to_string(arcs[i].second));
  }
  CHECK(run_sitegraph(kAudit + " -f webgraph").code == 2);  // two files cannot go to stdout
}

TEST_CASE("examples/ci/budgets as written: the baseline run passes, a change draining the money pages fails", "[cli][budget][config]") {
  // The recipe's two files at the root of a site's repository, the site built into site/.
  const fs::path repo = temp_dir() / "budget-repo";
  fs::remove_all(repo);
  fs::create_directories(repo);
  for (const char* file : {"sitegraph.toml", "segments.csv"}) {
    fs::copy_file(fs::path(SITEGRAPH_EXAMPLES) / "ci" / "budgets" / file, repo / file);
  }
  fs::copy(kExamples, repo / "site", fs::copy_options::recursive);
  const std::string main_json = (repo / "main.json").string();
  const Run baseline = run_sitegraph_in(repo, "-q audit site --fail-on '' -f json -o '" + main_json + "'");
  REQUIRE(baseline.code == 0);
  CHECK(run_sitegraph_in(repo, "-q audit site --baseline '" + main_json + "' -o /dev/null").code == 0);
  // The header's Beans link dropped from every page, as a template change would.
  for (const auto& entry : fs::recursive_directory_iterator(repo / "site")) {
    if (entry.path().extension() != ".html") continue;
    std::string text = slurp(entry.path());
    for (std::size_t at; (at = text.find("<a href=\"/beans/\">Beans</a>")) != std::string::npos;) {
      text.replace(at, std::string("<a href=\"/beans/\">Beans</a>").size(), "Beans");
    }
    std::ofstream(entry.path(), std::ios::binary | std::ios::trunc) << text;
  }
  const Run change = run_sitegraph_in(repo, "audit site --baseline '" + main_json + "'");
  CHECK(change.code == 1);
  CHECK_THAT(change.out, Catch::Contains("budget             OVER  equity(segment:money) drops 10%"));
  CHECK_THAT(change.err, Catch::Contains("--fail-on equity(segment:money) drops 10%: segment money: equity"));
}
