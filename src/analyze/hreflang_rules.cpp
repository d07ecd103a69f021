// hreflang as search engines read it: each page names its language versions (and itself), each
// version names it back, with codes they understand, and every version is an indexable page.

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "analyze/make_finding.hpp"
#include "analyze/passes.hpp"
#include "analyze/union_find.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

// ISO 639-1 language codes (two letters), sorted.
constexpr std::array<std::string_view, 184> kLanguages = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh", "bi", "bm", "bn", "bo", "br",
    "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu",
    "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy",
    "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn",
    "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml",
    "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os",
    "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn",
    "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw",
    "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu"};

// ISO 3166-1 alpha-2 country codes, sorted.
constexpr std::array<std::string_view, 249> kRegions = {
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD", "BE", "BF",
    "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG",
    "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC",
    "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL",
    "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN",
    "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA",
    "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN",
    "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP",
    "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO",
    "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV",
    "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG",
    "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool all_of_class(std::string_view s, int (*is)(int)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [is](char c) { return is(static_cast<unsigned char>(c)) != 0; });
}

// Well-known mistakes, named in the message with what was meant.
// `text` in double quotes, then `rest`: built by appending (GCC 12 warns wrongly on
// "\"" + std::string + ... chains under -O3).
std::string quoted(std::string_view text, std::string_view rest) {
  std::string out;
  out.reserve(text.size() + rest.size() + 2);
  out += '"';
  out += text;
  out += '"';
  out += rest;
  return out;
}

std::string_view region_hint(std::string_view region) {
  if (region == "UK") return " (the United Kingdom is GB)";
  if (region == "EU") return " (the EU is no country: name one, or leave the region out)";
  return "";
}

struct Alternate {
  UrlId source;
  UrlId target;
  std::string_view code;
  std::uint32_t line;
};


Finding link_finding(std::string_view rule, const Alternate& a, std::string message) {
  Finding f = make_finding(rule, a.source, 0, std::move(message));
  f.target = a.target;
  f.line = a.line;
  f.href = std::string(a.code);
  return f;
}

}  // namespace

std::string hreflang_code_problem(std::string_view code) {
  if (lower(code) == "x-default") return {};
  std::vector<std::string_view> parts;
  for (std::size_t at = 0;;) {
    const std::size_t dash = code.find_first_of("-_", at);
    parts.push_back(code.substr(at, dash == std::string_view::npos ? std::string_view::npos : dash - at));
    if (dash == std::string_view::npos) break;
    at = dash + 1;
  }
  const std::string language = lower(parts[0]);
  if (!std::binary_search(kLanguages.begin(), kLanguages.end(), language)) {
    return quoted(parts[0], " is not an ISO 639-1 language code (two letters: en, de, pt)");
  }
  std::size_t i = 1;
  if (i < parts.size() && parts[i].size() == 4 && all_of_class(parts[i], &isalpha)) ++i;  // an ISO 15924 script: zh-Hant
  if (i < parts.size()) {
    const std::string region = upper(parts[i]);
    const bool numeric = region.size() == 3 && all_of_class(region, &isdigit);  // UN M.49: es-419
    if (!numeric && !std::binary_search(kRegions.begin(), kRegions.end(), region)) {
      std::string why = quoted(parts[i], " is not an ISO 3166-1 region code");
      why += region_hint(region);
      return why;
    }
    ++i;
  }
  if (i < parts.size()) return quoted(code, " has more than a language, a script and a region");
  if (code.find('_') != std::string_view::npos) return quoted(code, " separates with '_': search engines read '-' (en-GB)");
  return {};
}

std::vector<Finding> find_hreflang_problems(const SiteGraph& g, std::vector<HreflangSet>& sets) {
  std::vector<Finding> out;
  std::vector<Alternate> alternates;
  for (const Link& link : g.links()) {
    if (link.kind == LinkKind::kAlternate && g.page(link.source).internal) {
      alternates.push_back({link.source, link.target, g.anchor(link.anchor), link.line});
    }
  }
  if (alternates.empty()) return out;
  std::stable_sort(alternates.begin(), alternates.end(), [](const Alternate& a, const Alternate& b) { return a.source < b.source; });
  // Who names whom, for the return links: (source, target) pairs, sorted.
  std::set<std::pair<UrlId, UrlId>> names;
  for (const Alternate& a : alternates) names.emplace(a.source, g.final_target(a.target) == kNoUrl ? a.target : g.final_target(a.target));
  UnionFind linked(g.size());
  for (std::size_t from = 0; from < alternates.size();) {
    const UrlId page = alternates[from].source;
    std::size_t to = from;
    while (to < alternates.size() && alternates[to].source == page) ++to;
    bool self = false;
    std::map<std::string, std::vector<const Alternate*>> by_code;
    for (std::size_t i = from; i < to; ++i) {
      const Alternate& a = alternates[i];
      by_code[lower(a.code)].push_back(&a);
      if (a.target == page || g.final_target(a.target) == page) self = true;
      if (std::string why = hreflang_code_problem(a.code); !why.empty()) {
        out.push_back(link_finding("hreflang-invalid", a, why));
      }
      const Page& t = g.page(a.target);
      if (a.target == page || !t.internal) continue;
      linked.unite(page, a.target);
      if (!was_requested(t)) continue;
      if (std::string why = not_indexable_because(g, a.target); !why.empty()) {
        Finding f = link_finding("hreflang-target-not-indexable", a, "the " + std::string(a.code) + " version is not an indexable page (" + why + ")");
        f.status = why;
        out.push_back(std::move(f));
      } else if (g.was_parsed(a.target) && !names.count({a.target, page})) {
        out.push_back(link_finding("hreflang-no-return", a, "the " + std::string(a.code) + " version does not name this page back"));
      }
    }
    for (const auto& [code, named] : by_code) {
      std::set<UrlId> targets;
      for (const Alternate* a : named) targets.insert(a->target);
      if (targets.size() < 2) continue;
      Finding f = link_finding("hreflang-conflict", *named.front(),
                               quoted(named.front()->code, " names " + std::to_string(targets.size()) + " different URLs"));
      f.target = *targets.begin() == named.front()->target ? *std::next(targets.begin()) : *targets.begin();
      f.count = static_cast<std::uint32_t>(targets.size());
      out.push_back(std::move(f));
    }
    if (!self) {
      out.push_back(make_finding("hreflang-no-self", page, static_cast<std::uint32_t>(to - from),
                                 "names " + std::to_string(to - from) + " language versions but not itself"));
    }
    from = to;
  }
  // The sets: pages of the site joined by alternates either way.
  std::map<UrlId, HreflangSet> by_root;
  for (const Alternate& a : alternates) {
    for (const UrlId id : {a.source, a.target}) {
      if (!g.page(id).internal) continue;
      HreflangSet& set = by_root[linked.find(id)];
      if (std::find(set.pages.begin(), set.pages.end(), id) == set.pages.end()) set.pages.push_back(id);
    }
    if (lower(a.code) == "x-default" && g.page(a.target).internal) by_root[linked.find(a.source)].x_default = a.target;
  }
  for (auto& [root, set] : by_root) {
    if (set.pages.size() < 2) continue;
    std::sort(set.pages.begin(), set.pages.end());
    if (set.x_default == kNoUrl) {
      out.push_back(make_finding("hreflang-no-x-default", set.pages.front(), static_cast<std::uint32_t>(set.pages.size()),
                                 "a set of " + std::to_string(set.pages.size()) + " language versions names no x-default page"));
    }
    sets.push_back(std::move(set));
  }
  return out;
}

}  // namespace sitegraph
