#pragma once
// Inputs besides a crawl: CSV tables (edge lists, other tools' exports, backlinks, URL
// lists, cluster rules) read into the graph and the analyzers' options.

#include "sitegraph/error.hpp"
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"

namespace sitegraph {

/// A file that cannot be used as the input it was given as; the message says why.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message, ErrorKind kind = ErrorKind::kUsage) : Error(kind, message) {}
};

/// A CSV table: RFC 4180 quoting (quoted fields may hold delimiters, quotes as "" and line
/// breaks), the delimiter sniffed from the header line (comma, tab or semicolon), UTF-8 with
/// or without a BOM, or UTF-16 with a BOM (Ahrefs' exports), converted to UTF-8.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  /// The index of the first header named like one of `names` (case-insensitive, spaces and
  /// underscores alike), or -1.
  [[nodiscard]] int column(std::initializer_list<std::string_view> names) const;
};
CsvTable parse_csv(std::string_view bytes);

/// The whole file's bytes; throws InputError when it cannot be read.
std::string read_input_file(const std::string& path);

/// Why `path` cannot be read as an input file ("no such file", "a folder, not a file", "not a
/// regular file"), or "" when it is a regular file.
std::string input_file_problem(const std::string& path);

/// The whole file as a CSV table; throws InputError when it cannot be read or is empty.
CsvTable read_csv_file(const std::string& path);

/// True when the file's first line names an edge list's columns: `source` and `target`, or
/// Screaming Frog's `Source` and `Destination`.
bool is_edge_list(const std::string& path);

/// An edge list as a crawl: every node a page answered 200 with HTML (Screaming Frog's
/// Status Code column, when present, gives the destinations' statuses), each row a link.
/// `start` names the page crawl depth counts from; empty = the site's root URL when the
/// nodes are URLs, else the first source. Throws InputError.
CrawlResult import_edge_list(const CsvTable& table, const std::string& start = {});

/// External authority per page from a backlinks export: Google Search Console (Top linked
/// pages), Ahrefs and Semrush backlinks exports, or a plain CSV with a target column and a
/// source (URL or domain) column and an optional weight. A row adds its weight (default 1)
/// to its target page's authority, unless it is nofollow, ugc or sponsored (a `rel` column, or
/// Ahrefs' and Semrush's Nofollow / UGC / Sponsored columns). Targets are matched to graph URLs
/// as written or normalised; a target that redirects counts for its final target.
struct Backlinks {
  std::vector<double> authority;  ///< per UrlId
  std::vector<BacklinkPage> pages;  ///< the pages with backlinks, by UrlId
  std::string layout;             ///< "search-console", "ahrefs", "semrush", "plain"
  std::size_t rows = 0;
  std::size_t nofollow = 0;       ///< rows that pass nothing (nofollow, ugc, sponsored)
  std::size_t matched = 0;        ///< rows whose target is a ranked page (2xx HTML) of the graph
  std::size_t not_pages = 0;      ///< rows whose target is a URL of the graph that is no ranked page (broken-backlink)
  double total = 0;               ///< authority of the matched rows
};
Backlinks read_backlinks(const CsvTable& table, const SiteGraph& graph);

/// A link placement as people write it in a CSV: content (body, main, empty), header (head),
/// nav (navigation, menu), footer, aside (sidebar), template (boilerplate); case-insensitive.
std::optional<Placement> placement_named(std::string_view text);

/// One change of a --what-if file (docs/cli.md, "What if").
struct GraphChange {
  enum class Action : std::uint8_t { kAdd, kRemove, kRedirect, kRemovePage };
  Action action = Action::kAdd;
  std::string source;  ///< add, remove: the linking page; redirect: the page that redirects; remove-page: the page
  std::string target;  ///< add, remove: the linked page; redirect: where it redirects
  Placement placement = Placement::kContent;  ///< add
  std::string anchor;                         ///< add
  std::size_t row = 0;                        ///< the row of the file, the first row 1
};

/// The changes of a --what-if CSV: rows `action,source,target[,placement,anchor]` with actions
/// add, remove, redirect (source redirects to target) and remove-page (source alone), with or
/// without a header row (a header starting with `action` names the columns: a plan.csv reads
/// as is). Throws InputError naming the row for an unknown action, a missing URL or an
/// unknown placement; nothing is returned half-read.
std::vector<GraphChange> read_graph_changes(const CsvTable& table);

/// What applying changes did: each change that could not take effect is a warning.
struct ChangesApplied {
  std::size_t applied = 0;
  std::vector<std::string> warnings;
};

/// Applies the changes to the crawl's graph, in order, all or none: every change is checked
/// before any is made, and an `add` or `redirect` naming a URL that is not in the graph (or
/// an `add` from a page that is not an HTML page of the crawl) throws InputError naming the
/// row; a `remove` or `remove-page` of something not there is a warning.
ChangesApplied apply_graph_changes(CrawlResult& crawl, const std::vector<GraphChange>& changes);

/// URLs listed one per line (blank lines and '#' comments skipped), or in the first column
/// of a CSV whose header names a URL column (Search Console, analytics exports).
std::vector<std::string> read_url_list(const std::string& path);

/// The (URL, keyword) rows of a CSV with a URL column and a `keyword` (or `query`) column: the
/// words a page should be linked with (--priority, --plan-target files); empty otherwise.
std::vector<std::pair<std::string, std::string>> read_url_keywords(const std::string& path);

}  // namespace sitegraph
