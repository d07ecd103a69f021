#pragma once
// robots.txt parsing and matching (RFC 9309, "Robots Exclusion Protocol").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sitegraph {

/// One Allow or Disallow line of the group that applies to a crawler.
struct RobotsRule {
  bool allow = false;
  std::string pattern;  ///< path pattern as written, may hold `*` and a trailing `$`
  int line = 0;         ///< 1-based line number in the robots.txt body
};

/// The verdict for one URL, with the rule that decided it (none: allowed by default).
struct RobotsVerdict {
  bool allowed = true;
  std::optional<RobotsRule> rule;
};

/// A parsed robots.txt, reduced to the group that applies to one user agent.
class RobotsPolicy {
 public:
  /// Parses body (RFC 9309 §2.2) and keeps the rules of the group whose user-agent
  /// product token matches `agent` case-insensitively (RFC 9309 §2.2.1), else the `*`
  /// group, else none. Several consecutive user-agent lines share one group; rules of
  /// every group naming the agent are merged. Only the first 500 KiB are read (§2.5).
  static RobotsPolicy parse(std::string_view body, std::string_view agent);

  /// A policy that allows everything (robots.txt 4xx, RFC 9309 §2.3.1.3).
  static RobotsPolicy allow_all();
  /// A policy that disallows everything (robots.txt 5xx or unreachable, RFC 9309 §2.3.1.4).
  static RobotsPolicy disallow_all();

  /// Decides path_and_query (the URL's path plus `?query`, percent-encoded, starting
  /// with `/`) by the longest matching rule; on a tie Allow wins (RFC 9309 §2.2.2).
  /// `/robots.txt` itself is always allowed.
  [[nodiscard]] RobotsVerdict check(std::string_view path_and_query) const;
  [[nodiscard]] bool allowed(std::string_view path_and_query) const {
    return check(path_and_query).allowed;
  }

  /// Absolute URLs from `Sitemap:` lines, in order (they apply to every agent).
  [[nodiscard]] const std::vector<std::string>& sitemaps() const { return sitemaps_; }
  [[nodiscard]] const std::vector<RobotsRule>& rules() const { return rules_; }
  /// True for disallow_all(): robots.txt answered 5xx or could not be reached.
  [[nodiscard]] bool disallows_everything() const { return disallow_all_; }
  /// The body was over the 500 KiB that are read (RFC 9309 §2.5): the number of the first line
  /// not read (a line cut by the limit is dropped whole); 0 when the whole body was read.
  [[nodiscard]] int truncated_at_line() const { return truncated_at_line_; }
  /// `Crawl-delay:` seconds of the applying group (not in RFC 9309; a common extension).
  [[nodiscard]] std::optional<double> crawl_delay() const { return crawl_delay_; }

 private:
  std::vector<RobotsRule> rules_;
  std::optional<double> crawl_delay_;
  std::vector<std::string> sitemaps_;
  bool disallow_all_ = false;
  int truncated_at_line_ = 0;
};

/// The product token of a User-Agent string: its leading run of [A-Za-z_-]
/// ("sitegraph/0.1 (+https://x)" -> "sitegraph").
std::string robots_product_token(std::string_view user_agent);

}  // namespace sitegraph
