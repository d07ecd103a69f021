#include "cli/robots_command.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/common.hpp"
#include "sitegraph/error.hpp"
#include "crawl/seeds.hpp"
#include "sitegraph/fetch.hpp"
#include "sitegraph/robots.hpp"
#include "sitegraph/url.hpp"
#include "sitegraph/version.hpp"

namespace sitegraph::cli {
namespace {

// The path and query of a URL exactly as written (robots.txt rules are matched against
// it, RFC 9309 §2.2.2): "http://h/a/b?q#f" -> "/a/b?q"; a bare path is taken as it is.
std::string path_of(const std::string& url) {
  std::string rest = url;
  if (const auto scheme = rest.find("://"); scheme != std::string::npos) {
    const auto path = rest.find_first_of("/?#", scheme + 3);
    rest = path == std::string::npos ? "" : rest.substr(path);
  }
  rest = rest.substr(0, rest.find('#'));
  if (rest.empty() || rest.front() != '/') rest.insert(0, "/");
  return rest;
}

std::string directive(const RobotsRule& rule) { return std::string(rule.allow ? "Allow: " : "Disallow: ") + rule.pattern; }

struct Loaded {
  std::string body;
  std::string where;
  std::string status;  // HTTP status or outcome when fetched
  std::optional<RobotsPolicy> fixed;  // 4xx/5xx/unreachable decided without a body
};

Loaded load(const RobotsArgs& args, const std::string& agent) {
  Loaded out;
  const bool is_url = args.source.rfind("http://", 0) == 0 || args.source.rfind("https://", 0) == 0;
  if (!is_url) {
    // Like a fetched robots.txt, only the first 500 KiB count (RFC 9309 §2.5).
    out.body = read_file_prefix(args.source, kRobotsMaxBytes);
    out.where = args.source;
    return out;
  }
  const auto parts = split_url(args.source);
  if (!parts) throw UsageError("'" + args.source + "' is not a valid http(s) URL");
  const bool default_port = (parts->scheme == "http" && parts->port == 80) || (parts->scheme == "https" && parts->port == 443);
  const std::string origin =
      parts->scheme + "://" + parts->host + (default_port ? "" : ":" + std::to_string(parts->port));
  FetchOptions options;
  options.user_agent = agent;
  auto fetcher = make_http_fetcher(options);
  RobotsFetch fetched = fetch_robots(*fetcher, origin, agent, nullptr);
  out.where = fetched.info.url;
  out.status = fetched.info.status;
  if (fetched.unreachable) throw RunError("cannot fetch " + out.where + ": " + out.status);
  const FetchResponse& r = fetched.response;
  if (r.outcome == FetchOutcome::kResponse && r.status / 100 == 2) {
    out.body = r.body;
  } else {
    out.fixed = std::move(fetched.policy);
  }
  return out;
}

}  // namespace

CLI::App* add_robots_command(CLI::App& app, RobotsArgs& args) {
  CLI::App* cmd = app.add_subcommand("robots", "Test URLs against a robots.txt (RFC 9309): allowed or not, and the rule that decided");
  cmd->footer(
      "Examples:\n"
      "  sitegraph robots robots.txt https://example.com/private/x /public/page\n"
      "  sitegraph robots https://example.com/ https://example.com/search?q=1 --user-agent Googlebot --format json\n\n"
      "A site URL fetches its /robots.txt: 4xx allows everything, 5xx or no answer disallows everything\n"
      "(RFC 9309 §2.3.1). URLs are matched as written; give them percent-encoded as a crawler would.\n"
      "--format json prints one object per URL: url, allowed, line (null when no rule matched), rule.\n"
      "Only the first 500 KiB are read (RFC 9309 §2.5); a line cut by the limit is dropped whole and\n"
      "a warning names the first line not read.\n"
      "Exit codes: 0 done, 2 usage error, 3 robots.txt could not be read.");
  cmd->add_option("source", args.source, "A robots.txt file, or a site URL whose /robots.txt is fetched")->required();
  cmd->add_option("urls", args.urls, "URLs or paths to test")->required();
  cmd->add_option("--user-agent", args.user_agent, "The crawler to test for (its product token picks the group; default sitegraph)");
  cmd->add_option("-f,--format", args.format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  return cmd;
}

int run_robots(const RobotsArgs& args) {
  const std::string agent = user_agent_or_default(args.user_agent);
  Loaded loaded;
  loaded = load(args, agent);
  const RobotsPolicy policy = loaded.fixed ? *loaded.fixed : RobotsPolicy::parse(loaded.body, agent);
  if (args.format == "text") {
    std::cout << "robots.txt: " << loaded.where << (loaded.status.empty() ? "" : " (" + loaded.status + ")")
              << ", agent " << robots_product_token(agent) << "\n";
  }
  if (const int line = policy.truncated_at_line(); line > 0) {
    // On stderr, so that --format json stays one object per URL.
    spdlog::warn("{} is over 500 KiB: only lines 1-{} are read (RFC 9309 §2.5); line {} and after are ignored",
                 loaded.where, line - 1, line);
  }
  for (const std::string& url : args.urls) {
    const RobotsVerdict v = policy.check(path_of(url));
    if (args.format == "json") {
      nlohmann::json j = {{"url", url},
                          {"allowed", v.allowed},
                          {"line", v.rule ? nlohmann::json(v.rule->line) : nlohmann::json(nullptr)},
                          {"rule", v.rule ? nlohmann::json(directive(*v.rule)) : nlohmann::json(nullptr)}};
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      continue;
    }
    std::cout << (v.allowed ? "allowed     " : "DISALLOWED  ") << url;
    if (v.rule) {
      std::cout << "   (line " << v.rule->line << ": " << directive(*v.rule) << ")";
    } else {
      std::cout << (v.allowed ? "   (no rule matches)" : "   (the whole site is disallowed: robots.txt " + loaded.status + ")");
    }
    std::cout << "\n";
  }
  return kExitClean;
}

}  // namespace sitegraph::cli
