// Terms (src/text/terms.hpp), term sketches (src/extract/term_sketch.cpp) and phrases
// (src/extract/phrases.cpp).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sitegraph/extract.hpp"
#include "text/terms.hpp"

using namespace sitegraph;

namespace {

std::vector<std::string> words_of(std::string_view text, bool keep_stop = false) {
  std::vector<std::string> out;
  for_each_word(text, [&](const TermWord& w) {
    if (keep_stop || !w.stop) out.emplace_back(text.substr(w.begin, w.end - w.begin));
  });
  return out;
}

}  // namespace

TEST_CASE("terms: words, stop words, numbers, identifiers and case folding", "[extract][terms]") {
  CHECK(words_of("The std::vector of the C++ library, in 2024!") == std::vector<std::string>{"std", "vector", "library"});
  CHECK(words_of("make_unique and shared_ptr") == std::vector<std::string>{"make_unique", "shared_ptr"});
  CHECK(words_of("Ünïcode—dash “quoted” café") == std::vector<std::string>{"Ünïcode", "dash", "quoted", "café"});
  CHECK(term_hash("Café") == term_hash("CAFÉ"));
  CHECK(term_hash("Привет") == term_hash("привет"));
  CHECK(term_hash("Vector") == term_hash("vector"));
  CHECK(term_hash("vector") == term_hash("vectors"));     // light stemming
  CHECK(term_hash("sort") == term_hash("sorting"));
  CHECK(term_hash("sort") == term_hash("sorted"));
  CHECK(term_hash("library") == term_hash("Libraries"));
  CHECK(term_hash("class") == term_hash("classes"));
  CHECK(term_hash("string") != term_hash("str"));         // too short a stem to cut
  CHECK(term_hash("status") != term_hash("statu"));
  CHECK(term_hash("shared_ptrs") != term_hash("shared_ptr"));  // identifiers stay whole
  CHECK(words_of("a b 42 x", true).size() == 4);
}

TEST_CASE("term sketch: the page's frequent terms, title and heading counted more, sorted", "[extract][terms]") {
  const ExtractedPage page = extract_links(
      "<title>Burr grinders</title><nav>menu menu menu menu menu</nav><h1>Choosing a grinder</h1>"
      "<p>A burr grinder crushes coffee beans evenly. Blade grinders chop coffee.</p>");
  CHECK(page.heading == "Choosing a grinder");
  const TermSketch& s = page.terms;
  REQUIRE(s.size() > 3);
  for (std::size_t i = 1; i < s.size(); ++i) CHECK(s.term[i - 1] < s.term[i]);
  const auto count = [&](std::string_view w) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s.term[i] == term_hash(w)) return static_cast<int>(s.count[i]);
    }
    return 0;
  };
  CHECK(count("burr") == 3 + 1);          // the title, and once in the text
  CHECK(count("grinders") == count("grinder"));  // one term
  CHECK(count("grinder") == 3 + 3 + 1 + 1 + 1);  // title, heading, the heading's own text, "grinder" and "grinders" in the text
  CHECK(count("coffee") == 2);
  CHECK(count("menu") == 0);              // navigation is not what the page is about
  CHECK(count("a") == 0);
}

TEST_CASE("term sketch: a long page keeps its 24 most frequent terms", "[extract][terms]") {
  std::string html = "<p>";
  for (int i = 0; i < 40; ++i) {
    for (int k = 0; k <= i; ++k) html += "word" + std::string(1, static_cast<char>('a' + i % 26)) + std::string(1, static_cast<char>('a' + i / 26)) + " ";
  }
  const TermSketch s = extract_links(html + "</p>").terms;
  CHECK(s.size() == TermSketch::kTerms);
  for (std::size_t i = 0; i < s.size(); ++i) CHECK(s.count[i] >= 40 - 24 + 1);
}

TEST_CASE("phrase: the page's own words naming the target, not in links, code or navigation", "[extract][plan]") {
  const std::string html =
      "<html><body>\n"
      "<nav>Burr grinders</nav>\n"
      "<p>Our shop sells <a href=/g>burr grinders</a> too.</p>\n"
      "<p>Coffee tastes of its beans. The <code>burr</code> matters.\n"
      "Choose one of the burr grinders we tested. Then brew.</p>\n"
      "</body></html>";
  const auto weight = [](std::uint32_t) { return 1.0; };
  const auto match = find_phrase(html, {"Burr grinders", "Choosing a burr grinder"}, weight, 0.6);
  REQUIRE(match);
  CHECK(match->phrase == "burr grinders");
  CHECK(match->sentence == "Choose one of the burr grinders we tested.");
  CHECK(match->line == 5);
  CHECK(match->cover == Approx(1.0));
  // A word that weighs nothing (the site's name in every title) names nothing by itself.
  const auto site_name = [](std::uint32_t h) { return h == term_hash("shop") ? 0.0 : 1.0; };
  CHECK_FALSE(find_phrase(html, {"Shop"}, site_name, 0.6));
  CHECK_FALSE(find_phrase(html, {"Espresso machines"}, weight, 0.6));
  // An identifier in code names its page when no sentence does in prose.
  const auto in_code = find_phrase("<p>Call <code>make_unique</code> here for the pointer.</p>", {"std::make_unique"}, weight, 0.5);
  REQUIRE(in_code);
  CHECK(in_code->phrase == "make_unique");
  // A link holding blocks (a card) is a link all through: its text is never the phrase.
  const auto card = find_phrase("<a href=/g><div><p>Burr grinders for every espresso bar.</p></div></a>"
                                "<p>We sell burr grinders of every size here.</p>",
                                {"Burr grinders"}, weight, 0.5);
  REQUIRE(card);
  CHECK(card->sentence == "We sell burr grinders of every size here.");
  // Not prose: a signature, a heading-like list of names.
  CHECK_FALSE(find_phrase("<dl><dt>list.sort(*, key=None, reverse=False)</dt></dl>", {"Sorting"}, weight, 0.5));
}

TEST_CASE("phrase: entities decoded, whitespace collapsed, sentences split at their ends", "[extract][plan]") {
  const std::string html = "<p>Tea&nbsp;is good.   Green\n   tea &amp; jasmine tea are <em>Green tea</em> kinds. Done.</p>";
  const auto match = find_phrase(html, {"Green tea"}, [](std::uint32_t) { return 1.0; }, 0.6);
  REQUIRE(match);
  CHECK(match->phrase == "Green tea");
  CHECK(match->sentence == "Green tea & jasmine tea are Green tea kinds.");
}
