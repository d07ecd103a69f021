// --what-if files (src/inputs/what_if.cpp): read with or without a header, applied all or none.
#include <catch2/catch.hpp>

#include "graph_builder.hpp"
#include "sitegraph/inputs.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;

namespace {

struct Site {
  GraphBuilder b;
  UrlId home, a, c;
  Site() {
    home = b.page("/");
    a = b.page("/a.html");
    c = b.page("/c.html");
    b.link(home, a);
    b.link(a, home);
    b.result().start = home;
  }
};

}  // namespace

TEST_CASE("what-if: rows with or without a header, placements, and rows named in errors", "[inputs][what-if]") {
  const auto plain = read_graph_changes(parse_csv("add,https://site.test/,https://site.test/c.html,footer,Contact\nremove-page,/a.html\n"));
  REQUIRE(plain.size() == 2);
  CHECK(plain[0].action == GraphChange::Action::kAdd);
  CHECK(plain[0].placement == Placement::kFooter);
  CHECK(plain[0].anchor == "Contact");
  CHECK(plain[1].action == GraphChange::Action::kRemovePage);
  CHECK(plain[1].row == 2);
  const auto named = read_graph_changes(parse_csv("action,source,target,placement,anchor,phrase\nadd,/,/c.html,content,see c,see c\n"));
  REQUIRE(named.size() == 1);
  CHECK(named[0].row == 2);
  CHECK(named[0].anchor == "see c");
  CHECK_THROWS_WITH(read_graph_changes(parse_csv("add,/,/c.html\nmove,/,/a.html\n")), Catch::Contains("row 2: unknown action 'move'"));
  CHECK_THROWS_WITH(read_graph_changes(parse_csv("add,/,/c.html,sidebarx\n")), Catch::Contains("row 1: unknown placement"));
  CHECK_THROWS_WITH(read_graph_changes(parse_csv("redirect,/a.html\n")), Catch::Contains("row 1: redirect needs a target URL"));
}

TEST_CASE("what-if: a bad row leaves the graph as it was, a later row sees the earlier ones' changes", "[inputs][what-if]") {
  Site s;
  const std::size_t links = s.b.graph().links().size();
  const auto bad = read_graph_changes(parse_csv("add,/,/c.html\nadd,/c.html,/nowhere.html\n"));
  CHECK_THROWS_WITH(apply_graph_changes(s.b.result(), bad), Catch::Contains("row 2: /nowhere.html is not a URL of this crawl"));
  CHECK(s.b.graph().links().size() == links);  // the first row was not applied either
  CHECK_THROWS_WITH(apply_graph_changes(s.b.result(), read_graph_changes(parse_csv("add,/a.html,/a.html\n"))),
                    Catch::Contains("would link to itself"));

  const auto changes = read_graph_changes(parse_csv("remove-page,/c.html\nadd,/c.html,/\nremove,/,/c.html\nredirect,/a.html,/\n"));
  const ChangesApplied applied = apply_graph_changes(s.b.result(), changes);
  CHECK(applied.applied == 2);  // remove-page, redirect
  REQUIRE(applied.warnings.size() == 2);
  CHECK_THAT(applied.warnings[0], Catch::Contains("row 2") && Catch::Contains("no HTML page any more"));
  CHECK_THAT(applied.warnings[1], Catch::Contains("row 3") && Catch::Contains("has no link to"));
  const Page& a = s.b.graph().page(s.a);
  CHECK(a.status == 301);
  CHECK(a.redirect_to == s.home);
  CHECK(s.b.graph().page(s.c).status == 404);
  std::size_t from_a = 0;
  for (const Link& l : s.b.graph().links()) from_a += l.source == s.a && l.kind == LinkKind::kAnchor;
  CHECK(from_a == 0);  // a redirect has no links of its own
}
