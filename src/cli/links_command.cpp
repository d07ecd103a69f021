#include "cli/links_command.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "cli/common.hpp"
#include "sitegraph/error.hpp"
#include "crawl/parse_pool.hpp"
#include "crawl/seeds.hpp"
#include "sitegraph/extract.hpp"
#include "sitegraph/fetch.hpp"
#include "sitegraph/report.hpp"
#include "sitegraph/robots.hpp"
#include "sitegraph/url.hpp"
#include "sitegraph/version.hpp"

namespace sitegraph::cli {
namespace {

struct Loaded {
  std::string url;
  std::string html;
  std::string charset;
};

Loaded load(const LinksArgs& args, const std::string& agent) {
  const bool is_url = args.source.rfind("http://", 0) == 0 || args.source.rfind("https://", 0) == 0;
  if (!is_url) {
    Loaded out;
    // The crawl's page size limit applies to a file too (FetchOptions::max_body_bytes).
    out.html = read_file_prefix(args.source, FetchOptions{}.max_body_bytes);
    const std::string base = args.base_url.empty() ? "http://localhost/" : args.base_url;
    const auto url = normalize_url(base);
    if (!url) throw UsageError("--base-url '" + base + "' is not a valid http(s) URL");
    out.url = *url;
    return out;
  }
  const auto url = normalize_url(args.source);
  if (!url) throw UsageError("'" + args.source + "' is not a valid http(s) URL");
  FetchOptions options;
  options.user_agent = agent;
  auto fetcher = make_http_fetcher(options);
  FetchRequest request{*url, 0};
  request.credentials = true;
  const FetchResponse r = fetch_following(*fetcher, std::move(request), 5, nullptr);
  if (r.outcome != FetchOutcome::kResponse) throw RunError("cannot fetch " + *url + ": " + std::string(outcome_name(r.outcome)));
  if (r.status / 100 != 2) throw RunError(*url + " answered HTTP " + std::to_string(r.status));
  if (!r.is_html()) throw RunError(*url + " is " + (r.content_type.empty() ? "not HTML" : r.content_type) + ", not HTML");
  return {r.url, r.body, r.charset};
}

}  // namespace

CLI::App* add_links_command(CLI::App& app, LinksArgs& args) {
  CLI::App* cmd = app.add_subcommand("links", "Print every link of one page as sitegraph sees it (kind, rel, placement, anchor, line)");
  cmd->footer(
      "Examples:\n"
      "  sitegraph links https://www.example.com/blog/\n"
      "  sitegraph links public/index.html --base-url https://www.example.com/ --format json\n\n"
      "--format json prints one object per link, in document order: href (as written), url (resolved;\n"
      "null when the href is not a valid URL), kind, rel, placement, anchor, line. Links to\n"
      "javascript:, mailto:, tel: and data: URLs and bare #fragments are listed with url null.\n"
      "Exit codes: 0 done, 2 usage error, 3 the page could not be read.");
  cmd->add_option("source", args.source, "A page URL (fetched, redirects followed), or an HTML file")->required();
  cmd->add_option("--base-url", args.base_url, "For a file: the URL it is served at (default http://localhost/)");
  cmd->add_option("-f,--format", args.format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_option("--user-agent", args.user_agent, "User-Agent, and the crawler name meta/X-Robots-Tag directives are read for");
  return cmd;
}

int run_links(const LinksArgs& args) {
  const std::string agent = user_agent_or_default(args.user_agent);
  Loaded page;
  page = load(args, agent);
  std::string token = robots_product_token(agent);
  for (char& c : token) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const ParsedPage parsed = parse_page({0, page.url, std::move(page.html), page.charset, token});
  const ExtractedPage& x = parsed.extracted;
  if (args.format == "text") {
    std::cout << page.url << "  \"" << terminal_safe(x.title) << "\"" << (x.noindex ? "  [noindex]" : "") << (x.nofollow ? "  [nofollow]" : "")
              << "  " << x.links.size() << " links\n";
    std::cout << "line  kind        placement  rel        url  |  anchor\n";
  }
  for (std::size_t i = 0; i < x.links.size(); ++i) {
    const RawLink& l = x.links[i];
    const ResolvedHref& r = parsed.resolved[i];
    if (args.format == "json") {
      nlohmann::json j = {{"href", l.href},
                          {"url", r.skip == HrefSkip::kNone ? nlohmann::json(r.url) : nlohmann::json(nullptr)},
                          {"kind", link_kind_name(l.kind)},
                          {"rel", rel_names(l.rel)},
                          {"placement", placement_name(l.placement)},
                          {"anchor", l.anchor},
                          {"line", l.line}};
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      continue;
    }
    const std::string shown =
        r.skip == HrefSkip::kNone ? r.url : (r.skip == HrefSkip::kInvalid ? "INVALID " : "(not a page) ") + terminal_safe(l.href);
    std::cout << std::left << std::setw(6) << l.line << std::setw(12) << link_kind_name(l.kind) << std::setw(11)
              << placement_name(l.placement) << std::setw(11) << (l.rel ? rel_names(l.rel) : "-") << shown << "  |  "
              << terminal_safe(l.anchor, 80) << "\n";
  }
  return kExitClean;
}

}  // namespace sitegraph::cli
