// Where URLs stand in a site's tree (src/analyze/url_path): the folder a page names, its
// parts, and versions of one page, as the anchor and cluster rules read them.

#include <catch2/catch.hpp>

#include "analyze/url_path.hpp"

using namespace sitegraph;

TEST_CASE("page_folder: a page names the folder of its stem, an index file its own folder, the root none", "[url]") {
  CHECK(page_folder("https://x.test/a/deque.html") == "https://x.test/a/deque");
  CHECK(page_folder("https://x.test/a/deque/") == "https://x.test/a/deque");
  CHECK(page_folder("https://x.test/a/deque.html?lang=en") == "https://x.test/a/deque");
  CHECK(page_folder("https://x.test/docs/api/index.html") == "https://x.test/docs/api");
  CHECK(page_folder("https://x.test/cpp/keyword/default.html") == "https://x.test/cpp/keyword/default");  // a page named default
  CHECK(page_folder("https://x.test/indexes.html") == "https://x.test/indexes");
  CHECK(page_folder("https://x.test/").empty());
  CHECK(page_folder("https://x.test/index.html").empty());
  CHECK(page_folder("not a url").empty());
}

TEST_CASE("in_page_folder: a page's parts, directly or at any depth, a query aside", "[url]") {
  CHECK(in_page_folder("https://x.test/a/deque/swap.html", "https://x.test/a/deque.html", true));
  CHECK(in_page_folder("https://x.test/a/deque/swap.html?r=a/b", "https://x.test/a/deque.html", true));
  CHECK(in_page_folder("https://x.test/a/deque/sub/", "https://x.test/a/deque.html", true));
  CHECK_FALSE(in_page_folder("https://x.test/a/deque/sub/x.html", "https://x.test/a/deque.html", true));
  CHECK(in_page_folder("https://x.test/a/deque/sub/x.html", "https://x.test/a/deque.html", false));
  CHECK(in_page_folder("https://x.test/docs/api/foo.html", "https://x.test/docs/api/index.html", true));
  CHECK_FALSE(in_page_folder("https://x.test/a/dequeue.html", "https://x.test/a/deque.html", false));
  CHECK_FALSE(in_page_folder("https://x.test/a/deque.html", "https://x.test/a/deque.html", false));
  CHECK_FALSE(in_page_folder("https://x.test/about.html", "https://x.test/", false));  // the root is no page's whole
}

TEST_CASE("version_folder: one page name in folders that differ at one level", "[url]") {
  CHECK(version_folder("https://x.test/en/c/error.html", "https://x.test/en/cpp/error.html") == std::string("https://x.test/en/c/").size());
  CHECK(version_folder("https://x.test/en/cpp/error.html", "https://x.test/en/c/error.html") == std::string("https://x.test/en/cpp/").size());
  CHECK(version_folder("https://x.test/en/c/keyword.html", "https://x.test/en/cpp/keywords.html") != 0);
  CHECK(version_folder("https://x.test/de/about/", "https://x.test/en/about/") == std::string("https://x.test/de/").size());
  // Sibling folders are different pages, not versions of one.
  CHECK(version_folder("https://x.test/blog/post-a/", "https://x.test/blog/post-b/") == 0);
  CHECK(version_folder("https://x.test/beans/arabica/", "https://x.test/beans/robusta/") == 0);
  // "3.11.html" is named 3.11, not 3.
  CHECK(version_folder("https://x.test/3.11/whatsnew/3.11.html", "https://x.test/3.12/whatsnew/3.12.html") == 0);
  CHECK(version_folder("https://x.test/3.11/library/os.html", "https://x.test/3.12/library/os.html") != 0);
  // Two levels apart, another depth, another host, the same URL: not versions.
  CHECK(version_folder("https://x.test/en/c/error.html", "https://x.test/de/cpp/error.html") == 0);
  CHECK(version_folder("https://x.test/en/c/error.html", "https://x.test/en/error.html") == 0);
  CHECK(version_folder("https://x.test/en/c/error.html", "https://y.test/en/cpp/error.html") == 0);
  CHECK(version_folder("https://x.test/en/c/error.html", "https://x.test/en/c/error.html") == 0);
  CHECK(version_folder("https://x.test/error.html", "https://x.test/errors.html") == 0);
}
