// The phrases of a link plan: each source page fetched again (over HTTP, from the folder or
// from the WARC archive), then searched for the words that name the link's target.

#include "cli/plan_phrases.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <map>
#include <memory>

#include "extract/charset.hpp"
#include "sitegraph/error.hpp"
#include "sitegraph/extract.hpp"
#include "sitegraph/inputs.hpp"
#include "sitegraph/url.hpp"
#include "sitegraph/fetch.hpp"
#include "sitegraph/warc.hpp"

namespace sitegraph::cli {
namespace {

// A phrase must hold at least this share of a name's weight: "vector" names "std::vector"
// (the word "std" weighs little on a C++ reference); "error" alone does not name "Errors and
// Exceptions" (at 0.5 it did, in sentences such as "returns without an error", which no
// editor would link), nor "data" "Data Classes".
constexpr double kMinCover = 0.6;

std::unique_ptr<Fetcher> page_fetcher(const AuditPlan& plan) {
  if (const auto* folder = std::get_if<SiteFolder>(&plan.target)) return make_folder_fetcher(folder->folder, folder->base_url, plan.fetch);
  if (std::holds_alternative<LiveSite>(plan.target)) return make_http_fetcher(plan.fetch);
  if (const auto* warc = std::get_if<WarcFiles>(&plan.target)) {
    auto archive = std::make_shared<WarcArchive>();
    for (const auto& file : warc->files) archive->read(file);
    return make_warc_fetcher(archive, plan.fetch);
  }
  return nullptr;  // a snapshot or an edge list: no page text
}

// The HTML of each URL, UTF-8; a page that cannot be read is left out with its reason.
std::map<std::string, std::string> read_pages(Fetcher& fetcher, const std::vector<std::string>& urls,
                                              std::map<std::string, std::string>& failed) {
  std::map<std::string, std::string> pages;
  // Pages of the crawl, in its scope: sent with the user's headers, cookies and login as the crawl sent them.
  for (std::size_t i = 0; i < urls.size(); ++i) fetcher.submit({.url = urls[i], .tag = i, .credentials = true});
  while (fetcher.pending() > 0) {
    for (FetchResponse& r : fetcher.poll(std::chrono::milliseconds(200))) {
      if (r.outcome != FetchOutcome::kResponse || r.status < 200 || r.status > 299 || !r.is_html()) {
        failed[r.url] = r.outcome == FetchOutcome::kResponse ? "the page now answers " + std::to_string(r.status) : r.error;
        continue;
      }
      const std::string charset = sniff_html_charset(r.body, r.charset);
      pages[r.url] = charset == "utf-8" ? std::move(r.body) : to_utf8(r.body, charset);
    }
  }
  return pages;
}

// The keywords given for pages: a `keyword` column of the --priority and --plan-target files.
std::map<UrlId, std::string> page_keywords(const AuditArgs& args, const SiteGraph& graph) {
  std::vector<std::string> files;
  if (!args.priority.empty()) files.push_back(args.priority);
  for (const std::string& target : args.plan_targets) {
    std::error_code error;
    if (target.find("://") == std::string::npos && std::filesystem::is_regular_file(target, error)) files.push_back(target);
  }
  std::map<UrlId, std::string> out;
  for (const std::string& file : files) {
    try {
      for (const auto& [url, keyword] : read_url_keywords(file)) {
        UrlId id = graph.find(url);
        if (id == kNoUrl) {
          if (const auto normal = normalize_url(url)) id = graph.find(*normal);
        }
        if (id != kNoUrl) out.emplace(id, keyword);
      }
    } catch (const InputError&) {
      // The file was read as a URL list already; a keyword column is optional.
    }
  }
  return out;
}

}  // namespace

void add_plan_phrases(const AuditPlan& plan, const AuditArgs& args, const CrawlResult& crawl, Audit& audit) {
  if (audit.plan.links.empty()) return;
  const SiteGraph& graph = crawl.graph;
  const std::map<UrlId, std::string> keywords = page_keywords(args, graph);
  for (PlannedLink& link : audit.plan.links) {
    const PageText& text = graph.text(link.target);
    const auto keyword = keywords.find(link.target);
    link.anchor = keyword != keywords.end() ? keyword->second : !text.heading.empty() ? text.heading : text.title;
  }
  std::unique_ptr<Fetcher> fetcher = page_fetcher(plan);
  if (!fetcher) {
    for (PlannedLink& link : audit.plan.links) link.phrase_note = std::string("no page text in a ") + target_mode(plan.target);
    return;
  }
  std::vector<std::string> urls;
  for (const PlannedLink& link : audit.plan.links) {
    const std::string url(graph.url(link.source));
    if (std::find(urls.begin(), urls.end(), url) == urls.end()) urls.push_back(url);
  }
  std::map<std::string, std::string> failed;
  const std::map<std::string, std::string> pages = read_pages(*fetcher, urls, failed);
  const TermWeights weights(graph);
  const auto weight = [&weights](std::uint32_t term) { return weights.idf(term); };
  for (PlannedLink& link : audit.plan.links) {
    const std::string source(graph.url(link.source));
    const auto page = pages.find(source);
    if (page == pages.end()) {
      const auto why = failed.find(source);
      link.phrase_note = "the source page could not be read again: " + (why == failed.end() ? std::string("no answer") : why->second);
      continue;
    }
    const PageText& text = graph.text(link.target);
    std::optional<PhraseMatch> match;
    // A keyword must be there whole; else the heading's or title's words that name the page.
    if (const auto keyword = keywords.find(link.target); keyword != keywords.end()) {
      match = find_phrase(page->second, {keyword->second}, weight, 1.0 - 1e-9);
    }
    if (!match) {
      std::vector<std::string> names;
      if (!text.heading.empty()) names.push_back(text.heading);
      if (!text.title.empty()) names.push_back(text.title);
      match = find_phrase(page->second, names, weight, kMinCover);
    }
    if (!match) {
      link.phrase_note = "no sentence of the source names the target";
      continue;
    }
    link.phrase = match->phrase;
    link.sentence = match->sentence;
    link.line = match->line;
    link.anchor = match->phrase;
  }
  spdlog::debug("--plan: {} source pages read again for phrases", pages.size());
}

}  // namespace sitegraph::cli
