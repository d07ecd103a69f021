#include "cli/budget.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sitegraph/analyze.hpp"
#include "sitegraph/error.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph::cli {
namespace {

using Metric = Budget::Metric;
using Op = Budget::Op;

std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

struct MetricName {
  std::string_view name;
  Metric metric;
  bool share;          // a share of the site's (equity, pagerank): 0.2 or 20%
  bool segment_only;   // a count of a segment's
};
constexpr MetricName kMetrics[] = {
    {"equity", Metric::kEquity, true, false},     {"pagerank", Metric::kPagerank, true, false},
    {"depth", Metric::kDepth, false, false},      {"orphans", Metric::kOrphans, false, true},
    {"pages", Metric::kPages, false, true},       {"broken-links", Metric::kBrokenLinks, false, true},
    {"gini", Metric::kGini, false, true},
};

const MetricName& metric_info(Metric m) {
  for (const MetricName& info : kMetrics) {
    if (info.metric == m) return info;
  }
  return kMetrics[0];
}

[[noreturn]] void bad(const std::string& item, const std::string& why) {
  throw std::invalid_argument("--fail-on '" + item + "': " + why +
                              " (write METRIC(SUBJECT) OP VALUE, e.g. 'equity(segment:money) < 0.20' or "
                              "'pagerank(/pricing.html) drops 15%'; docs/cli.md, Budgets)");
}

// A number, with '%' allowed (and then divided by 100 when `percent_is_share`).
double number_of(const std::string& item, std::string text, bool percent_is_share, bool percent_required) {
  text = trimmed(text);
  const bool percent = !text.empty() && text.back() == '%';
  if (percent) text = trimmed(text.substr(0, text.size() - 1));
  if (percent_required && !percent) bad(item, "drops and rises take a percentage, such as 10%");
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0) {
    bad(item, "'" + text + "' is not a number of 0 or more");
  }
  if (percent && !percent_is_share && !percent_required) bad(item, "only equity and pagerank take a percentage");
  if (!percent && percent_is_share && value > 1) bad(item, "a share is 0 to 1: write " + text + "% for a percentage");
  return percent && percent_is_share ? value / 100.0 : value;
}

std::string share_text(double x) { return fmt::format("{:.2f} %", x * 100); }

std::string value_text(Metric m, double x) {
  if (std::isinf(x)) return "unreachable";
  if (m == Metric::kGini) return fmt::format("{:.3f}", x);
  return metric_info(m).share ? share_text(x) : fmt::format("{:.0f}", x);
}

std::string op_text(Op op) {
  switch (op) {
    case Op::kLess: return "<";
    case Op::kLessEqual: return "<=";
    case Op::kMore: return ">";
    case Op::kMoreEqual: return ">=";
    case Op::kDrops: return "drops";
    case Op::kRises: return "rises";
  }
  return "?";
}

// The page a budget names: the URL as given or normalized, or a path of the start URL's site.
UrlId find_page(const CrawlResult& crawl, const std::string& given) {
  const SiteGraph& graph = crawl.graph;
  UrlId id = graph.find(given);
  if (id == kNoUrl) {
    if (const auto url = normalize_url(given)) id = graph.find(*url);
  }
  if (id == kNoUrl && crawl.start < graph.size()) {
    const ResolvedHref resolved = resolve_href(graph.url(crawl.start), given);
    if (!resolved.url.empty()) id = graph.find(resolved.url);
  }
  return id == kNoUrl ? kNoUrl : graph.final_target(id);
}

double figure(const RunView::SegmentFigures& f, Metric m) {
  switch (m) {
    case Metric::kEquity: return f.equity;
    case Metric::kPagerank: return f.pagerank;
    case Metric::kDepth: return f.max_depth;
    case Metric::kOrphans: return f.orphans;
    case Metric::kPages: return f.pages;
    case Metric::kBrokenLinks: return f.broken_links;
    case Metric::kGini: return f.gini;
  }
  return 0;
}

}  // namespace

std::optional<Budget> parse_budget(const std::string& item) {
  const std::size_t open = item.find('(');
  if (open == std::string::npos || item.find_first_of(" \t") < open) return std::nullopt;
  Budget b;
  b.text = item;
  const std::string name = trimmed(item.substr(0, open));
  const MetricName* metric = nullptr;
  for (const MetricName& m : kMetrics) {
    if (m.name == name) metric = &m;
  }
  if (!metric) bad(item, "unknown metric '" + name + "'; the metrics are equity, pagerank, depth, orphans, pages, broken-links, gini");
  b.metric = metric->metric;
  const std::size_t close = item.rfind(')');
  if (close == std::string::npos || close < open) bad(item, "no ')' after the subject");
  const std::string subject = trimmed(item.substr(open + 1, close - open - 1));
  if (subject == "site") {
    b.site = true;
  } else if (subject.starts_with("segment:")) {
    b.segment = trimmed(subject.substr(8));
    if (b.segment.empty()) bad(item, "segment: needs a segment's name");
  } else if (subject.find("://") != std::string::npos || subject.starts_with('/')) {
    if (metric->segment_only) bad(item, std::string(metric->name) + " is a segment's or the site's figure: write " + std::string(metric->name) + "(segment:NAME) or " + std::string(metric->name) + "(site)");
    b.page = subject;
  } else {
    bad(item, "the subject '" + subject + "' is neither segment:NAME, site, nor a page's URL or /path");
  }
  const std::string rest = trimmed(item.substr(close + 1));
  for (const auto& [word, op] : {std::pair{"drops", Op::kDrops}, std::pair{"rises", Op::kRises}}) {
    if (rest.starts_with(word)) {
      b.op = op;
      b.value = number_of(item, rest.substr(std::string_view(word).size()), false, true);
      return b;
    }
  }
  for (const auto& [text, op] : {std::pair{"<=", Op::kLessEqual}, std::pair{">=", Op::kMoreEqual}, std::pair{"<", Op::kLess},
                                 std::pair{">", Op::kMore}}) {
    if (rest.starts_with(text)) {
      b.op = op;
      b.value = number_of(item, rest.substr(std::string_view(text).size()), metric->share, false);
      return b;
    }
  }
  bad(item, rest.empty() ? "no condition after the subject" : "'" + rest + "' is not < <= > >= VALUE, drops N% or rises N%");
}

std::vector<BudgetCheck> check_budgets(const std::vector<Budget>& budgets, const CrawlResult& crawl, const Audit& audit,
                                       const RunView* baseline) {
  std::vector<BudgetCheck> out;
  const bool partial = !crawl.complete || crawl.scope.active();
  const SiteGraph& graph = crawl.graph;
  for (const Budget& b : budgets) {
    BudgetCheck check;
    check.condition = b.text;
    check.inconclusive = partial;
    double now = 0;
    double before = std::nan("");
    std::string subject;
    if (b.site) {
      subject = "the site";
      now = figure(site_figures(audit), b.metric);
      if (baseline && baseline->site) before = figure(*baseline->site, b.metric);
    } else if (!b.segment.empty()) {
      const SegmentStats* s = nullptr;
      for (const SegmentStats& x : audit.segments.segments) {
        if (x.name == b.segment) s = &x;
      }
      if (!s) {
        std::string names;
        for (const SegmentStats& x : audit.segments.segments) names += (names.empty() ? "" : ", ") + x.name;
        throw UsageError("--fail-on '" + b.text + "': this run has no segment '" + b.segment + "' (its segments, from " +
                         (audit.segments.source == "segments" ? "--segments" : "the clusters") + ": " + names + ")");
      }
      subject = "segment " + s->name;
      now = figure(segment_figures(*s), b.metric);
      if (baseline) {
        if (const auto it = baseline->segments.find(s->name); it != baseline->segments.end()) before = figure(it->second, b.metric);
      }
    } else {
      const UrlId id = find_page(crawl, b.page);
      const bool ranked = id != kNoUrl && is_ranked(graph.page(id));
      subject = ranked ? std::string(graph.url(id)) : b.page;
      if (!ranked) {
        check.violated = true;
        check.detail = b.page + " is not a page of this crawl (not found, or not a 2xx HTML page)";
        out.push_back(std::move(check));
        continue;
      }
      const std::uint32_t depth = audit.depth[id];
      switch (b.metric) {
        case Metric::kEquity: now = audit.equity.rank[id]; break;
        case Metric::kPagerank: now = audit.pagerank.rank[id]; break;
        default: now = depth == kUnreachable ? std::numeric_limits<double>::infinity() : static_cast<double>(depth); break;
      }
      if (baseline) {
        if (const auto it = baseline->pages.find(std::string(graph.url(id))); it != baseline->pages.end()) {
          const RunView::PageFigures& f = it->second;
          before = b.metric == Metric::kEquity ? f.equity : b.metric == Metric::kPagerank ? f.pagerank
                   : f.depth < 0 ? std::numeric_limits<double>::infinity() : static_cast<double>(f.depth);
        }
      }
    }
    const std::string name(metric_info(b.metric).name);
    if (b.against_baseline()) {
      if (std::isnan(before)) {
        check.detail = subject + ": not in the baseline, not judged";
        spdlog::warn("--fail-on '{}': {} is not in the baseline; not judged", b.text, subject);
        out.push_back(std::move(check));
        continue;
      }
      // From 0, or to unreachable, any rise is beyond every percentage (and any fall from
      // unreachable beyond every drop).
      double change = 0;
      if (std::isfinite(before) && std::isfinite(now)) {
        change = before > 0 ? (now - before) / before * 100.0 : now > before ? HUGE_VAL : 0.0;
      } else if (std::isinf(now) != std::isinf(before)) {
        change = std::isinf(now) ? HUGE_VAL : -HUGE_VAL;
      }
      check.violated = b.op == Op::kDrops ? -change > b.value : change > b.value;
      check.detail = fmt::format("{}: {} {} (was {}, {:+.1f} %; budget: {} {:g} % at most)", subject, name, value_text(b.metric, now),
                                 value_text(b.metric, before), change, b.op == Op::kDrops ? "drops" : "rises", b.value);
    } else {
      switch (b.op) {
        case Op::kLess: check.violated = now < b.value; break;
        case Op::kLessEqual: check.violated = now <= b.value; break;
        case Op::kMore: check.violated = now > b.value; break;
        case Op::kMoreEqual: check.violated = now >= b.value; break;
        default: break;
      }
      check.detail = fmt::format("{}: {} {} (fails when {} {})", subject, name, value_text(b.metric, now), op_text(b.op),
                                 value_text(b.metric, b.value));
    }
    out.push_back(std::move(check));
  }
  return out;
}

}  // namespace sitegraph::cli
