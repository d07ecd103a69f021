// robots.txt parsing and matching (RFC 9309).
#include "sitegraph/robots.hpp"

#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sitegraph {
namespace {

// Crawlers must parse at least the first 500 KiB (RFC 9309 §2.5); we parse exactly that.
constexpr std::size_t kMaxRobotsBytes = 500 * 1024;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// The robots.txt URI is implicitly allowed (RFC 9309 §2.2.2).
constexpr std::string_view kRobotsTxtPath = "/robots.txt";
constexpr std::string_view kHexDigits = "0123456789ABCDEF";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }
bool is_line_break(char c) { return c == '\n' || c == '\r'; }
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_product_token_char(char c) { return is_ascii_alpha(c) || c == '_' || c == '-'; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view leading_product_token(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && is_product_token_char(s[n])) ++n;
  return s.substr(0, n);
}

// Skips a UTF-8 byte order mark, also a truncated one (as google/robotstxt does).
std::string_view skip_bom(std::string_view body) {
  std::size_t n = 0;
  while (n < kUtf8Bom.size() && n < body.size() && body[n] == kUtf8Bom[n]) ++n;
  return body.substr(n);
}

// Keeps the first 500 KiB (RFC 9309 §2.5) and drops a line cut in half by the limit, so a
// truncated pattern never becomes a shorter, broader rule.
std::string_view cut_to_limit(std::string_view body) {
  if (body.size() <= kMaxRobotsBytes) return body;
  if (is_line_break(body[kMaxRobotsBytes])) return body.substr(0, kMaxRobotsBytes);
  std::string_view head = body.substr(0, kMaxRobotsBytes);
  std::size_t last_break = head.find_last_of("\r\n");
  return last_break == std::string_view::npos ? std::string_view{} : head.substr(0, last_break + 1);
}

// Splits text into lines ending in LF, CR or CRLF, numbering them from 1.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  bool next(std::string_view& line, int& number) {
    if (pos_ >= text_.size()) return false;
    std::size_t end = pos_;
    while (end < text_.size() && !is_line_break(text_[end])) ++end;
    line = text_.substr(pos_, end - pos_);
    number = ++line_number_;
    pos_ = end;
    if (pos_ < text_.size()) {
      const bool carriage_return = text_[pos_] == '\r';
      ++pos_;
      if (carriage_return && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;  // CRLF
    }
    return true;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int line_number_ = 0;
};

enum class RobotsKey { kUserAgent, kAllow, kDisallow, kSitemap, kCrawlDelay, kUnknown };

struct RobotsLine {
  RobotsKey key = RobotsKey::kUnknown;
  std::string_view value;
};

RobotsKey classify_key(std::string_view key) {
  // Keys are case-insensitive (RFC 9309 §2.2).
  if (iequals(key, "user-agent")) return RobotsKey::kUserAgent;
  if (iequals(key, "allow")) return RobotsKey::kAllow;
  if (iequals(key, "disallow")) return RobotsKey::kDisallow;
  if (iequals(key, "sitemap")) return RobotsKey::kSitemap;
  if (iequals(key, "crawl-delay")) return RobotsKey::kCrawlDelay;
  return RobotsKey::kUnknown;
}

// Reads "key: value", dropping a `#` comment (RFC 9309 §2.2.3). A missing colon is
// tolerated for the known keys ("disallow /x"), as major crawlers do.
RobotsLine parse_line(std::string_view line) {
  std::size_t hash = line.find('#');
  if (hash != std::string_view::npos) line = line.substr(0, hash);
  line = trim(line);
  std::size_t colon = line.find(':');
  std::size_t value_start = colon + 1;
  if (colon == std::string_view::npos) {
    colon = line.find_first_of(" \t");
    if (colon == std::string_view::npos) return {};
    value_start = colon;
  }
  return {classify_key(trim(line.substr(0, colon))), trim(line.substr(value_start))};
}

// "User-agent: *" names the global group (RFC 9309 §2.2.1).
bool is_global_agent(std::string_view value) {
  return !value.empty() && value.front() == '*' && (value.size() == 1 || is_blank(value[1]));
}

// Builds the rule set for one product token while reading the lines in order
// (groups and their merging: RFC 9309 §2.2.1).
class GroupCollector {
 public:
  explicit GroupCollector(std::string_view token) : token_(token) {}

  void on_user_agent(std::string_view value) {
    if (!collecting_agents_) {
      collecting_agents_ = true;
      in_specific_ = false;
      in_global_ = false;
    }
    in_group_ = true;
    if (is_global_agent(value)) {
      in_global_ = true;
    } else if (!token_.empty() && iequals(leading_product_token(value), token_)) {
      in_specific_ = true;
      seen_specific_ = true;
    }
  }

  void on_rule(bool allow, std::string_view pattern, int line) {
    collecting_agents_ = false;
    // Rules outside any group, and empty patterns, match nothing (RFC 9309 §2.2.2).
    if (!in_group_ || pattern.empty()) return;
    RobotsRule rule{allow, std::string(pattern), line};
    if (in_specific_) specific_rules_.push_back(rule);
    if (in_global_) global_rules_.push_back(std::move(rule));
  }

  // Crawl-delay is not in RFC 9309; read as most crawlers do: seconds, per group.
  // Like other lines outside RFC 9309, it does not end a run of user-agent lines.
  void on_crawl_delay(std::string_view value) {
    if (!in_group_) return;
    const std::string text(value);
    char* end = nullptr;
    const double seconds = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || !(seconds >= 0) || seconds > 86400) return;
    if (in_specific_) specific_delay_ = seconds;
    if (in_global_) global_delay_ = seconds;
  }

  [[nodiscard]] std::optional<double> take_delay() const { return seen_specific_ ? specific_delay_ : global_delay_; }

  // A group naming the agent wins even when it holds no rule; else the `*` group.
  std::vector<RobotsRule> take_rules() {
    return seen_specific_ ? std::move(specific_rules_) : std::move(global_rules_);
  }

 private:
  std::string_view token_;
  bool collecting_agents_ = false;
  bool in_group_ = false;
  bool in_specific_ = false;
  bool in_global_ = false;
  bool seen_specific_ = false;
  std::vector<RobotsRule> specific_rules_;
  std::vector<RobotsRule> global_rules_;
  std::optional<double> specific_delay_;
  std::optional<double> global_delay_;
};

int hex_value(char c) {
  if (is_ascii_digit(c)) return c - '0';
  char lower = ascii_lower(c);
  if (lower >= 'a' && lower <= 'f') return lower - 'a' + 10;
  return -1;
}

void append_percent_encoded(std::string& out, unsigned char c) {
  out += '%';
  out += kHexDigits[c >> 4];
  out += kHexDigits[c & 0x0F];
}

// Brings a pattern to the spelling of a crawler's percent-encoded URL (RFC 9309 §2.2.2):
// non-ASCII octets percent-encoded, existing %xx uppercased. %XX of unreserved characters
// is not decoded, and the URL path is compared as given, as Google's reference parser
// does: "/%62az" matches only "/%62az", and a raw non-ASCII path matches no encoded rule.
std::string normalise_percent_encoding(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      auto decoded = static_cast<unsigned char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      append_percent_encoded(out, decoded);
      i += 2;
    } else if (c >= 0x80) {
      append_percent_encoded(out, c);
    } else {
      out += s[i];
    }
  }
  return out;
}

// Matches a normalised pattern against a normalised path: `*` is any run of characters,
// a final `$` anchors at the end, otherwise the pattern is a prefix (RFC 9309 §2.2.3).
// Leftmost-first segment search is exact for `*`-only globs and runs in
// O(|path| * |pattern|) at worst, with no backtracking.
bool pattern_matches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  std::size_t star = pattern.find('*');
  if (star == std::string_view::npos) return anchored ? path == pattern : path.starts_with(pattern);
  if (!path.starts_with(pattern.substr(0, star))) return false;
  std::size_t pos = star;
  std::string_view rest = pattern.substr(star + 1);
  for (star = rest.find('*'); star != std::string_view::npos; star = rest.find('*')) {
    std::size_t found = path.find(rest.substr(0, star), pos);
    if (found == std::string_view::npos) return false;
    pos = found + star;
    rest = rest.substr(star + 1);
  }
  if (!anchored) return path.find(rest, pos) != std::string_view::npos;
  return path.size() - pos >= rest.size() && path.ends_with(rest);
}

}  // namespace

std::string robots_product_token(std::string_view user_agent) {
  return std::string(leading_product_token(user_agent));
}

RobotsPolicy RobotsPolicy::parse(std::string_view body, std::string_view agent) {
  RobotsPolicy policy;
  const std::string token = robots_product_token(agent);
  GroupCollector groups(token);
  const std::string_view whole = skip_bom(body);
  const std::string_view kept = cut_to_limit(whole);
  LineReader lines(kept);
  std::string_view text;
  int number = 0;
  while (lines.next(text, number)) {
    RobotsLine line = parse_line(text);
    switch (line.key) {
      case RobotsKey::kUserAgent: groups.on_user_agent(line.value); break;
      case RobotsKey::kAllow: groups.on_rule(true, line.value, number); break;
      case RobotsKey::kDisallow: groups.on_rule(false, line.value, number); break;
      case RobotsKey::kSitemap:
        // Sitemap lines belong to no group (RFC 9309 §2.2.4).
        if (!line.value.empty()) policy.sitemaps_.emplace_back(line.value);
        break;
      case RobotsKey::kCrawlDelay: groups.on_crawl_delay(line.value); break;
      case RobotsKey::kUnknown: break;
    }
  }
  policy.crawl_delay_ = groups.take_delay();
  policy.rules_ = groups.take_rules();
  if (kept.size() < whole.size()) policy.truncated_at_line_ = number + 1;
  return policy;
}

RobotsPolicy RobotsPolicy::allow_all() { return RobotsPolicy{}; }

RobotsPolicy RobotsPolicy::disallow_all() {
  RobotsPolicy policy;
  policy.disallow_all_ = true;
  return policy;
}

RobotsVerdict RobotsPolicy::check(std::string_view path_and_query) const {
  if (path_and_query.empty()) path_and_query = "/";
  if (path_and_query == kRobotsTxtPath) return {};
  if (disallow_all_) return {false, std::nullopt};
  const std::string_view path = path_and_query;
  const RobotsRule* best = nullptr;
  std::size_t best_length = 0;
  for (const RobotsRule& rule : rules_) {
    const std::string pattern = normalise_percent_encoding(rule.pattern);
    if (!pattern_matches(pattern, path)) continue;
    // The most specific (longest) match wins; Allow wins a tie (RFC 9309 §2.2.2).
    bool better = best == nullptr || pattern.size() > best_length ||
                  (pattern.size() == best_length && rule.allow && !best->allow);
    if (better) {
      best = &rule;
      best_length = pattern.size();
    }
  }
  if (best == nullptr) return {};
  return {best->allow, *best};
}

}  // namespace sitegraph
