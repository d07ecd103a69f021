// --what-if: a file of changes to the link graph (add or remove a link, redirect a page,
// remove a page), read and applied all or none.

#include <algorithm>
#include <cctype>

#include "sitegraph/inputs.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {
namespace {

std::string trimmed(std::string s) {
  s.erase(0, std::min(s.size(), s.find_first_not_of(" \t")));
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string row_name(std::size_t row) { return "row " + std::to_string(row); }

// The page of `written` in the graph: as written, normalised, or a path of the start page's site.
UrlId page_of(const CrawlResult& crawl, const std::string& written) {
  const SiteGraph& g = crawl.graph;
  UrlId id = g.find(written);
  if (id == kNoUrl) {
    if (const auto url = normalize_url(written)) id = g.find(*url);
  }
  if (id == kNoUrl && !written.empty() && written.front() == '/' && crawl.start < g.size()) {
    const ResolvedHref resolved = resolve_href(g.url(crawl.start), written);
    if (!resolved.url.empty()) id = g.find(resolved.url);
  }
  return id;
}

// The page answers `status` (a redirect to `to`, or an error) with no content: its links,
// canonical and directives go with the content it had.
void answer_without_content(SiteGraph& g, UrlId page, int status, UrlId to) {
  g.remove_links([&](const Link& l) { return l.source == page; });
  Page& p = g.page(page);
  p.outcome = FetchOutcome::kResponse;
  p.status = status;
  p.fetched_html = false;
  p.noindex = false;
  p.canonical = kNoUrl;
  p.soft_404 = false;
  p.redirect_to = to;
}

}  // namespace

std::vector<GraphChange> read_graph_changes(const CsvTable& table) {
  // With a header naming the columns (a plan.csv), or rows from the first line on.
  const bool named = !table.header.empty() && lower(trimmed(table.header[0])) == "action";
  int action = 0, source = 1, target = 2, placement = 3, anchor = 4;
  std::vector<std::vector<std::string>> rows;
  std::size_t first_row = 1;
  if (named) {
    action = table.column({"action"});
    source = table.column({"source", "from", "url"});
    target = table.column({"target", "to"});
    placement = table.column({"placement"});
    anchor = table.column({"anchor"});
    first_row = 2;
    if (source < 0) throw InputError("the header names no source column");
  } else {
    rows.push_back(table.header);
  }
  rows.insert(rows.end(), table.rows.begin(), table.rows.end());
  std::vector<GraphChange> changes;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::vector<std::string>& row = rows[r];
    const auto cell = [&](int c) { return c >= 0 && static_cast<std::size_t>(c) < row.size() ? trimmed(row[static_cast<std::size_t>(c)]) : std::string(); };
    const std::size_t at = first_row + r;
    const std::string name = lower(cell(action));
    if (name.empty() && cell(source).empty()) continue;  // a blank row
    GraphChange change;
    change.row = at;
    change.source = cell(source);
    change.target = cell(target);
    if (name == "add") change.action = GraphChange::Action::kAdd;
    else if (name == "remove") change.action = GraphChange::Action::kRemove;
    else if (name == "redirect") change.action = GraphChange::Action::kRedirect;
    else if (name == "remove-page") change.action = GraphChange::Action::kRemovePage;
    else throw InputError(row_name(at) + ": unknown action '" + name + "' (add, remove, redirect, remove-page)");
    if (change.source.empty()) throw InputError(row_name(at) + ": " + name + " needs a URL in the source column");
    if (change.action != GraphChange::Action::kRemovePage && change.target.empty()) {
      throw InputError(row_name(at) + ": " + name + " needs a target URL");
    }
    if (change.action == GraphChange::Action::kAdd) {
      const auto p = placement_named(cell(placement));
      if (!p) throw InputError(row_name(at) + ": unknown placement '" + cell(placement) + "' (content, header, nav, footer, aside, template)");
      change.placement = *p;
      change.anchor = cell(anchor);
    }
    changes.push_back(std::move(change));
  }
  if (changes.empty()) throw InputError("no changes in it");
  return changes;
}

ChangesApplied apply_graph_changes(CrawlResult& crawl, const std::vector<GraphChange>& changes) {
  SiteGraph& g = crawl.graph;
  using Action = GraphChange::Action;
  // Every change checked first: a bad row leaves the graph as crawled.
  std::vector<std::pair<UrlId, UrlId>> ids;
  ChangesApplied out;
  for (const GraphChange& c : changes) {
    const UrlId source = page_of(crawl, c.source);
    const UrlId target = c.action == Action::kRemovePage ? kNoUrl : page_of(crawl, c.target);
    const std::string at = row_name(c.row) + ": ";
    if (c.action == Action::kAdd || c.action == Action::kRedirect) {
      if (source == kNoUrl) throw InputError(at + c.source + " is not a URL of this crawl");
      if (target == kNoUrl) throw InputError(at + c.target + " is not a URL of this crawl (only pages the crawl found can be linked)");
      if (c.action == Action::kAdd && !is_ranked(g.page(source))) {
        throw InputError(at + c.source + " is not an HTML page of this crawl: a link added there would carry nothing");
      }
      if (source == target) throw InputError(at + c.source + " would link to itself, which passes nothing");
    }
    ids.emplace_back(source, target);
  }
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const GraphChange& c = changes[i];
    const auto [source, target] = ids[i];
    const std::string at = row_name(c.row) + ": ";
    const auto clicked = [](const Link& l) { return l.kind == LinkKind::kAnchor || l.kind == LinkKind::kArea; };
    switch (c.action) {
      case Action::kAdd: {
        if (!is_ranked(g.page(source))) {  // an earlier row removed or redirected it
          out.warnings.push_back(at + "add: " + c.source + " is no HTML page any more (an earlier row changed it); nothing added");
          break;
        }
        const Link link{source, target, g.intern_anchor(c.anchor), 0, LinkKind::kAnchor, kRelNone, c.placement, false};
        if (g.link_weights().empty()) g.add_link(link);
        else g.add_weighted_link(link, 1.0F);
        ++out.applied;
        break;
      }
      case Action::kRemove: {
        if (source == kNoUrl || target == kNoUrl) {
          out.warnings.push_back(at + "remove " + c.source + " -> " + c.target + ": not a URL of this crawl; nothing removed");
          break;
        }
        const std::size_t n = g.remove_links([&](const Link& l) { return l.source == source && l.target == target && clicked(l); });
        if (n == 0) out.warnings.push_back(at + c.source + " has no link to " + c.target + "; nothing removed");
        else ++out.applied;
        break;
      }
      case Action::kRedirect: {
        // The page answers a 301 to `target` now: its own links are gone with its content.
        answer_without_content(g, source, 301, target);
        const Link redirect{source, target, g.intern_anchor(""), 0, LinkKind::kRedirect, kRelNone, Placement::kContent, false};
        if (g.link_weights().empty()) g.add_link(redirect);
        else g.add_weighted_link(redirect, 1.0F);
        ++out.applied;
        break;
      }
      case Action::kRemovePage: {
        if (source == kNoUrl) {
          out.warnings.push_back(at + "remove-page " + c.source + ": not a URL of this crawl; nothing removed");
          break;
        }
        // Gone: it answers 404, and links to it are broken.
        answer_without_content(g, source, 404, kNoUrl);
        ++out.applied;
        break;
      }
    }
  }
  return out;
}

}  // namespace sitegraph
