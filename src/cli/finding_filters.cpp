#include "cli/finding_filters.hpp"

#include <stdexcept>

#include "sitegraph/url.hpp"

namespace sitegraph::cli {
namespace {

void check_rule(const std::string& rule, const std::string& item, const char* flag) {
  if (rule == "*" || find_rule(rule)) return;
  throw std::invalid_argument(std::string(flag) + " '" + item + "': no rule '" + rule + "' (docs/rules.md lists them)");
}

bool url_matches(std::string_view glob, std::string_view url) {
  if (glob.empty()) return true;
  if (glob.front() != '/') return glob_match(glob, url);
  const auto parts = split_url(url);
  return glob_match(glob, parts ? std::string_view(parts->path_and_query) : url);
}

}  // namespace

std::vector<IgnoreRule> parse_ignores(const std::vector<std::string>& items) {
  std::vector<IgnoreRule> rules;
  for (const std::string& item : items) {
    const auto colon = item.find(':');
    IgnoreRule rule{item.substr(0, colon), colon == std::string::npos ? std::string() : item.substr(colon + 1)};
    if (rule.rule.empty()) throw std::invalid_argument("--ignore '" + item + "': give RULE:URL-GLOB (RULE may be *)");
    check_rule(rule.rule, item, "--ignore");
    if (colon != std::string::npos && rule.glob.empty()) {
      throw std::invalid_argument("--ignore '" + item + "': the URL glob after ':' is empty");
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::vector<SeverityOverride> parse_severities(const std::vector<std::string>& items) {
  std::vector<SeverityOverride> overrides;
  for (const std::string& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) throw std::invalid_argument("--severity '" + item + "': give RULE=LEVEL");
    const std::string rule = item.substr(0, eq);
    const std::string level = item.substr(eq + 1);
    check_rule(rule, item, "--severity");
    SeverityOverride o{rule, std::nullopt};
    if (level == "info") o.severity = Severity::kInfo;
    else if (level == "warning") o.severity = Severity::kWarning;
    else if (level == "error") o.severity = Severity::kError;
    else if (level != "off") throw std::invalid_argument("--severity '" + item + "': LEVEL is info, warning, error or off");
    overrides.push_back(o);
  }
  return overrides;
}

std::size_t apply_finding_filters(const SiteGraph& graph, std::vector<Finding>& findings,
                                  const std::vector<IgnoreRule>& ignores, const std::vector<SeverityOverride>& severities) {
  std::vector<std::uint8_t> off(findings.size(), 0);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Finding& f = findings[i];
    for (const SeverityOverride& o : severities) {  // the last one given for a rule wins
      if (o.rule != "*" && o.rule != f.rule) continue;
      off[i] = o.severity ? 0 : 1;
      if (o.severity) f.severity = *o.severity;
    }
  }
  std::size_t ignored = 0;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Finding& f = findings[i];
    if (off[i]) continue;
    bool drop = false;
    for (const IgnoreRule& rule : ignores) {
      if (rule.rule != "*" && rule.rule != f.rule) continue;
      if (url_matches(rule.glob, graph.url(f.url)) || (f.target != kNoUrl && url_matches(rule.glob, graph.url(f.target)))) {
        drop = true;
        break;
      }
    }
    if (drop) {
      ++ignored;
      continue;
    }
    if (kept != i) findings[kept] = std::move(f);
    ++kept;
  }
  findings.resize(kept);
  return ignored;
}

}  // namespace sitegraph::cli
