#include "sitegraph/url.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace sitegraph {
namespace {

struct CurluDeleter {
  void operator()(CURLU* handle) const { curl_url_cleanup(handle); }
};
using CurluPtr = std::unique_ptr<CURLU, CurluDeleter>;

struct CurlStringDeleter {
  void operator()(char* s) const { curl_free(s); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

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

bool needs_percent_encoding(unsigned char c) {
  // WHATWG path/query percent-encode sets, less the delimiters the parser must still see.
  return c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '`' || c == '{' ||
         c == '}' || c == '|' || c == '^';
}

// Percent-encodes what may not appear raw in a URL, and reads '\' as '/' before the query
// (WHATWG: backslash is a path separator in special schemes).
std::string encode_for_parse(std::string_view href) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(href.size());
  bool in_query = false;
  for (const char ch : href) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '?' || c == '#') in_query = true;
    if (c == '\\' && !in_query) {
      out.push_back('/');
    } else if (needs_percent_encoding(c)) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::string get_part(CURLU* handle, CURLUPart part, unsigned flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(handle, part, &raw, flags) != CURLUE_OK || raw == nullptr) return {};
  const CurlString owned(raw);
  return std::string(raw);
}

// Rebuilds the URL from its parts: lowercase scheme and host, no default port, no
// userinfo, no fragment.
std::optional<std::string> serialize(CURLU* handle) {
  const std::string scheme = lowercase(get_part(handle, CURLUPART_SCHEME));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string host = lowercase(get_part(handle, CURLUPART_HOST));
  if (host.empty()) return std::nullopt;
  const std::string port = get_part(handle, CURLUPART_PORT, CURLU_NO_DEFAULT_PORT);
  std::string path = get_part(handle, CURLUPART_PATH);
  if (path.empty()) path.push_back('/');
  const std::string query = get_part(handle, CURLUPART_QUERY);
  // append() rather than operator+: g++ 12 raises a false -Wrestrict on the latter.
  std::string out;
  out.reserve(scheme.size() + host.size() + port.size() + path.size() + query.size() + 5);
  out.append(scheme).append("://").append(host);
  if (!port.empty()) out.append(":").append(port);
  out.append(path);
  if (!query.empty()) out.append("?").append(query);
  return out;
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

std::optional<std::string> normalize_url(std::string_view url) {
  const std::string cleaned = encode_for_parse(clean_href(url));
  const std::string scheme = scheme_of(cleaned);
  if (scheme != "http" && scheme != "https") return std::nullopt;
  CurluPtr handle(curl_url());
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, cleaned.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  return serialize(handle.get());
}

ResolvedHref resolve_href(std::string_view base, std::string_view href) {
  const std::string cleaned = clean_href(href);
  if (cleaned.empty()) return {{}, HrefSkip::kEmpty};
  if (cleaned.front() == '#') return {{}, HrefSkip::kFragmentOnly};
  const std::string scheme = scheme_of(cleaned);
  if (!scheme.empty() && scheme != "http" && scheme != "https") return {{}, HrefSkip::kOtherScheme};

  const std::string base_str(base);
  CurluPtr handle(curl_url());
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, base_str.c_str(), 0) != CURLUE_OK) {
    return {{}, HrefSkip::kInvalid};
  }
  const std::string encoded = encode_for_parse(cleaned);
  if (curl_url_set(handle.get(), CURLUPART_URL, encoded.c_str(), 0) != CURLUE_OK) {
    return {{}, HrefSkip::kInvalid};
  }
  auto url = serialize(handle.get());
  if (!url) return {{}, HrefSkip::kInvalid};
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

bool plain_host(std::string_view host) {
  if (host.empty()) return false;
  for (const char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
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
  const std::string url_str(url);
  CurluPtr handle(curl_url());
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url_str.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  UrlParts parts;
  parts.scheme = lowercase(get_part(handle.get(), CURLUPART_SCHEME));
  if (parts.scheme != "http" && parts.scheme != "https") return std::nullopt;
  parts.host = lowercase(get_part(handle.get(), CURLUPART_HOST));
  const std::string port = get_part(handle.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  parts.port = port.empty() ? 0 : std::stoi(port);
  parts.path_and_query = get_part(handle.get(), CURLUPART_PATH);
  if (parts.path_and_query.empty()) parts.path_and_query.push_back('/');
  const std::string query = get_part(handle.get(), CURLUPART_QUERY);
  if (!query.empty()) parts.path_and_query.append("?").append(query);
  return parts;
}

}  // namespace sitegraph
