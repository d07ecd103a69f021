#include "sitegraph/url.hpp"

#include "sitegraph/whatwg_url.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

namespace sitegraph {

std::string_view href_fragment(std::string_view href) {
  const std::size_t hash = href.find('#');
  if (hash == std::string_view::npos) return {};
  std::string_view fragment = href.substr(hash + 1);
  fragment = fragment.substr(0, fragment.find(":~:"));  // the fragment directive is no element name
  while (!fragment.empty() && static_cast<unsigned char>(fragment.back()) <= 0x20) fragment.remove_suffix(1);
  return fragment;
}

namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

// The scheme of `href` ("" when it has none): RFC 3986 §3.1 ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
std::string scheme_of(std::string_view href) {
  if (href.empty() || !std::isalpha(static_cast<unsigned char>(href[0]))) return {};
  for (std::size_t i = 1; i < href.size(); ++i) {
    const char c = href[i];
    if (c == ':') return lowercase(href.substr(0, i));
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return {};
  }
  return {};
}

}  // namespace

std::string clean_href(std::string_view href) {
  auto is_c0_or_space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!href.empty() && is_c0_or_space(href.front())) href.remove_prefix(1);
  while (!href.empty() && is_c0_or_space(href.back())) href.remove_suffix(1);
  std::string out;
  out.reserve(href.size());
  for (const char c : href) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

namespace {

// The graph's spelling of a parsed http(s) URL: the WHATWG serialization without userinfo
// and fragment (scheme and host already lowercase, default port dropped, dot segments gone).
std::optional<std::string> graph_url(WhatwgUrl url) {
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  url.username.clear();
  url.password.clear();
  url.has_fragment = false;
  url.fragment.clear();
  return url.href();
}

}  // namespace

std::optional<std::string> normalize_url(std::string_view url) {
  auto parsed = parse_whatwg_url(url, nullptr);
  if (!parsed) return std::nullopt;
  return graph_url(std::move(*parsed));
}

ResolvedHref resolve_href(std::string_view base, std::string_view href) {
  const std::string cleaned = clean_href(href);
  if (cleaned.empty()) return {{}, HrefSkip::kEmpty};
  if (cleaned.front() == '#') return {{}, HrefSkip::kFragmentOnly};
  const std::string scheme = scheme_of(cleaned);
  if (!scheme.empty() && scheme != "http" && scheme != "https") return {{}, HrefSkip::kOtherScheme};
  const auto parsed_base = parse_whatwg_url(base, nullptr);
  if (!parsed_base) return {{}, HrefSkip::kInvalid};
  auto parsed = parse_whatwg_url(cleaned, &*parsed_base);
  if (!parsed) return {{}, HrefSkip::kInvalid};
  auto url = graph_url(std::move(*parsed));
  if (!url) return {{}, HrefSkip::kOtherScheme};
  return {std::move(*url), HrefSkip::kNone};
}

namespace {

// True when `path` (a path plus optional query, fragment removed) can be appended as it is:
// only characters that need no encoding, no dot segments, no backslash, no '%' (escape case
// is left to the slow path), no empty segment from a doubled slash.
bool plain_path(std::string_view path) {
  bool in_query = false;
  char previous = '/';
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '?') in_query = true;
    const bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '~' || c == '/' ||
                      c == '?' || c == '=' || c == '&' || c == '+' || c == ',' || c == ';' || c == ':' || c == '@' ||
                      c == '!' || c == '$' || c == '(' || c == ')' || c == '*' || c == '.';
    if (!safe) return false;
    if (!in_query && c == '.' && previous == '/') {
      // "." or ".." segment
      const std::size_t end = path.find_first_of("/?", i);
      const std::string_view segment = path.substr(i, end == std::string_view::npos ? path.size() - i : end - i);
      if (segment == "." || segment == "..") return false;
    }
    if (!in_query && c == '/' && previous == '/' && i > 0) return false;
    previous = c;
  }
  return true;
}

// A lowercase ASCII domain the WHATWG host parser returns unchanged. Not plain: a host
// whose last label is numeric or 0x-prefixed (it "ends in a number", so the IPv4 parser
// decides: "h.1" fails, "127.1" becomes "127.0.0.1"), a trailing dot, an empty label.
bool plain_host(std::string_view host) {
  if (host.empty() || host.back() == '.' || host.front() == '.' || host.find("..") != std::string_view::npos) return false;
  for (const char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) return false;
  }
  const std::string_view last = host.substr(host.rfind('.') + 1);
  const bool numeric = last.find_first_not_of("0123456789") == std::string_view::npos;
  return !numeric && last.rfind("0x", 0) != 0;
}

std::string_view strip_fragment(std::string_view href) { return href.substr(0, href.find('#')); }

}  // namespace

UrlResolver::UrlResolver(std::string_view base) : base_(base) {
  const std::size_t scheme_end = base_.find("://");
  const std::size_t path_start = scheme_end == std::string::npos ? std::string::npos : base_.find('/', scheme_end + 3);
  origin_ = base_.substr(0, path_start);
  const std::string without_query = base_.substr(0, base_.find('?'));
  directory_ = without_query.substr(0, without_query.rfind('/') + 1);
  if (path_start == std::string::npos) directory_ = origin_ + "/";
}

ResolvedHref UrlResolver::resolve(std::string_view href) const {
  const std::string_view h = strip_fragment(href);
  if (!h.empty() && !origin_.empty()) {
    if (h[0] == '/' && (h.size() == 1 || h[1] != '/') && plain_path(h)) return {origin_ + std::string(h), HrefSkip::kNone};
    for (const std::string_view scheme : {"http://", "https://"}) {
      if (h.substr(0, scheme.size()) != scheme) continue;
      const std::string_view rest = h.substr(scheme.size());
      const std::size_t slash = rest.find('/');
      if (slash == std::string_view::npos || !plain_host(rest.substr(0, slash)) || !plain_path(rest.substr(slash))) break;
      return {std::string(h), HrefSkip::kNone};
    }
    const bool relative = std::isalnum(static_cast<unsigned char>(h[0])) && scheme_of(h).empty();
    if (relative && plain_path(h)) return {directory_ + std::string(h), HrefSkip::kNone};
  }
  return resolve_href(base_, href);
}

std::vector<std::string> default_tracking_params() { return {"utm_*", "gclid", "fbclid", "msclkid"}; }

std::string apply_identity(std::string url, const UrlIdentity& identity) {
  const std::size_t q = url.find('?');
  if (!identity.active() || q == std::string::npos) return url;
  std::vector<std::string_view> params;
  const std::string_view query = std::string_view(url).substr(q + 1);
  for (std::size_t start = 0; start <= query.size();) {
    const std::size_t amp = std::min(query.find('&', start), query.size());
    const std::string_view param = query.substr(start, amp - start);
    const std::string_view name = param.substr(0, param.find('='));
    const bool dropped = std::any_of(identity.strip_params.begin(), identity.strip_params.end(), [&](const std::string& p) {
      return (!p.empty() && p.back() == '*') ? name.substr(0, p.size() - 1) == std::string_view(p).substr(0, p.size() - 1)
                                             : name == p;
    });
    if (!param.empty() && !dropped) params.push_back(param);
    start = amp + 1;
  }
  if (identity.sort_query) {
    std::stable_sort(params.begin(), params.end(), [](std::string_view a, std::string_view b) {
      return a.substr(0, a.find('=')) < b.substr(0, b.find('='));
    });
  }
  std::string out = url.substr(0, q);
  for (std::size_t i = 0; i < params.size(); ++i) out.append(i == 0 ? "?" : "&").append(params[i]);
  return out;
}

std::optional<UrlParts> split_url(std::string_view url) {
  const auto parsed = parse_whatwg_url(url, nullptr);
  if (!parsed || (parsed->scheme != "http" && parsed->scheme != "https")) return std::nullopt;
  UrlParts parts;
  parts.scheme = parsed->scheme;
  parts.host = parsed->host;
  parts.port = parsed->port.value_or(parts.scheme == "https" ? 443 : 80);
  parts.path_and_query = parsed->path.empty() ? "/" : parsed->path;
  if (parsed->has_query) parts.path_and_query.append("?").append(parsed->query);
  return parts;
}

}  // namespace sitegraph
