#pragma once
// Text helpers the report writers share (escape.cpp, finding_text.cpp): escaping for XML,
// CSV and Markdown, a finding's one-line detail, and the file behind a page in folder mode.
// Private to the report stage.

#include <string>
#include <string_view>

#include "sitegraph/report.hpp"

namespace sitegraph {

/// The file of the audited folder that serves page `url` ("public/blog/index.html"), or
/// empty (an HTTP crawl, a URL outside the folder, a file that does not exist).
std::string source_file(const ReportContext& report, UrlId url);

/// Escaping shared by the XML-like writers: & < > " ' as entities; characters XML 1.0 cannot
/// hold (controls other than tab, newline, CR; invalid UTF-8) replaced by U+FFFD.
std::string xml_escape(std::string_view text);

/// A Markdown table cell: | \ ` * _ [ ] < > escaped, line breaks as spaces.
std::string markdown_cell(std::string_view text);

/// A finding's target as reports and baselines key it: its URL, with "#fragment" for
/// broken-fragment (two missing ids of one page are two findings); empty when none.
std::string finding_target(const SiteGraph& graph, const Finding& finding);

/// A finding in one line for the CI formats: its message, then the target it is about
/// ("links to a URL that answers 404: https://example.com/gone"), the anchor, the line.
std::string finding_detail(const SiteGraph& graph, const Finding& finding);

/// A CSV field for a program to read (the edges export): quoted when it holds a delimiter,
/// quote or line break, nothing else changed.
std::string csv_quote(std::string_view text);

/// A CSV field for a spreadsheet: quoted when it holds a delimiter, quote or line break; a leading = + - @
/// gets a ' so a spreadsheet does not run it as a formula.
std::string csv_field(std::string_view text);

}  // namespace sitegraph
