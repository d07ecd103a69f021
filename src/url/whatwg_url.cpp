#include "sitegraph/whatwg_url.hpp"

#include "url/whatwg_host.hpp"
#include "url/whatwg_text.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace sitegraph {
namespace {

using namespace whatwg;  // NOLINT(google-build-using-namespace): the parser's own helpers


// ---------------------------------------------------------------------------------------------
// Schemes, paths and dot segments (WHATWG URL §4.1, §4.2).

struct SpecialScheme {
  std::string_view name;
  std::optional<int> default_port;
};

constexpr std::array<SpecialScheme, 6> kSpecialSchemes{{
    {"ftp", 21}, {"file", std::nullopt}, {"http", 80}, {"https", 443}, {"ws", 80}, {"wss", 443}}};

const SpecialScheme* find_special_scheme(std::string_view scheme) {
  for (const SpecialScheme& special : kSpecialSchemes) {
    if (special.name == scheme) return &special;
  }
  return nullptr;
}

std::optional<int> default_port(std::string_view scheme) {
  const SpecialScheme* special = find_special_scheme(scheme);
  return special ? special->default_port : std::nullopt;
}

bool is_single_dot_segment(std::string_view s) { return s == "." || equals_ignoring_ascii_case(s, "%2e"); }

bool is_double_dot_segment(std::string_view s) {
  return s == ".." || equals_ignoring_ascii_case(s, ".%2e") || equals_ignoring_ascii_case(s, "%2e.") ||
         equals_ignoring_ascii_case(s, "%2e%2e");
}

bool is_windows_drive_letter(std::string_view s) {
  return s.size() == 2 && is_ascii_alpha(s[0]) && (s[1] == ':' || s[1] == '|');
}

bool is_normalized_windows_drive_letter(std::string_view s) {
  return is_windows_drive_letter(s) && s[1] == ':';
}

bool starts_with_windows_drive_letter(std::string_view s) {
  if (s.size() < 2 || !is_windows_drive_letter(s.substr(0, 2))) return false;
  return s.size() == 2 || s[2] == '/' || s[2] == '\\' || s[2] == '?' || s[2] == '#';
}

/// A list path back from its serialization "/a/b/" -> {"a", "b", ""}.
std::vector<std::string> split_list_path(std::string_view path) {
  std::vector<std::string> segments;
  if (path.empty()) return segments;
  for (const std::string_view segment : strictly_split(path.substr(1), '/')) segments.emplace_back(segment);
  return segments;
}

std::string serialize_list_path(const std::vector<std::string>& segments) {
  std::string out;
  for (const std::string& segment : segments) {
    out.push_back('/');
    out += segment;
  }
  return out;
}

/// Strips leading and trailing C0 controls and spaces, then every ASCII tab and newline
/// (§4.4 basic URL parser steps 1-3).
std::string clean_input(std::string_view input) {
  const auto is_c0_or_space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!input.empty() && is_c0_or_space(input.front())) input.remove_prefix(1);
  while (!input.empty() && is_c0_or_space(input.back())) input.remove_suffix(1);
  std::string out;
  out.reserve(input.size());
  for (const char c : input) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return replace_malformed_utf8(out);
}

// ---------------------------------------------------------------------------------------------
// The basic URL parser's state machine (WHATWG URL §4.4), without state override.

class BasicUrlParser {
 public:
  BasicUrlParser(std::string input, const WhatwgUrl* base);
  std::optional<WhatwgUrl> parse();

 private:
  enum class State {
    kSchemeStart, kScheme, kNoScheme, kSpecialRelativeOrAuthority, kPathOrAuthority, kRelative,
    kRelativeSlash, kSpecialAuthoritySlashes, kSpecialAuthorityIgnoreSlashes, kAuthority, kHost,
    kPort, kFile, kFileSlash, kFileHost, kPathStart, kPath, kOpaquePath, kQuery, kFragment,
  };

  bool run_state(int c);
  // Scheme and relative-reference states.
  void scheme_start_state(int c);
  void scheme_state(int c);
  bool no_scheme_state(int c);
  void special_relative_or_authority_state(int c);
  void path_or_authority_state(int c);
  void relative_state(int c);
  void relative_slash_state(int c);
  void special_authority_slashes_state(int c);
  void special_authority_ignore_slashes_state(int c);
  // Authority states.
  bool authority_state(int c);
  void append_userinfo();
  bool host_state(int c);
  bool port_state(int c);
  // file: states.
  void file_state(int c);
  void file_slash_state(int c);
  bool file_host_state(int c);
  // Path, query and fragment states.
  void path_start_state(int c);
  void path_state(int c);
  void end_path_segment(int c);
  void opaque_path_state(int c);
  void query_state(int c);
  void fragment_state(int c);

  int code_point_at(std::ptrdiff_t index) const;
  bool remaining_starts_with(char c) const { return code_point_at(pointer_ + 1) == c; }
  std::string_view rest_from_pointer() const;
  bool is_special() const { return special_; }
  bool ends_authority(int c) const;
  void set_scheme(std::string scheme);
  void copy_base_authority();
  void start_query();
  void start_fragment();
  void shorten_path();

  std::string input_;
  const WhatwgUrl* base_;
  std::vector<std::string> base_path_;
  WhatwgUrl url_;
  std::vector<std::string> path_;
  bool special_ = false;
  State state_ = State::kSchemeStart;
  std::string buffer_;
  std::ptrdiff_t pointer_ = 0;
  bool at_sign_seen_ = false;
  bool inside_brackets_ = false;
  bool password_token_seen_ = false;
};

BasicUrlParser::BasicUrlParser(std::string input, const WhatwgUrl* base)
    : input_(std::move(input)), base_(base) {
  if (base_ && !base_->has_opaque_path) base_path_ = split_list_path(base_->path);
}

std::optional<WhatwgUrl> BasicUrlParser::parse() {
  const auto size = static_cast<std::ptrdiff_t>(input_.size());
  for (;;) {
    if (!run_state(code_point_at(pointer_))) return std::nullopt;
    if (pointer_ >= size) break;
    ++pointer_;
  }
  if (!url_.has_opaque_path) url_.path = serialize_list_path(path_);
  return std::move(url_);
}

int BasicUrlParser::code_point_at(std::ptrdiff_t index) const {
  if (index < 0 || index >= static_cast<std::ptrdiff_t>(input_.size())) return kEof;
  return static_cast<unsigned char>(input_[static_cast<std::size_t>(index)]);
}

std::string_view BasicUrlParser::rest_from_pointer() const {
  return std::string_view(input_).substr(static_cast<std::size_t>(pointer_));
}

/// EOF, '/', '?', '#', and '\' for special URLs end the authority, host and port (§4.4).
bool BasicUrlParser::ends_authority(int c) const {
  return c == kEof || c == '/' || c == '?' || c == '#' || (is_special() && c == '\\');
}

void BasicUrlParser::set_scheme(std::string scheme) {
  url_.scheme = std::move(scheme);
  special_ = find_special_scheme(url_.scheme) != nullptr;
}

void BasicUrlParser::copy_base_authority() {
  url_.username = base_->username;
  url_.password = base_->password;
  url_.host = base_->host;
  url_.has_host = base_->has_host;
  url_.port = base_->port;
}

void BasicUrlParser::start_query() {
  url_.query.clear();
  url_.has_query = true;
  state_ = State::kQuery;
}

void BasicUrlParser::start_fragment() {
  url_.fragment.clear();
  url_.has_fragment = true;
  state_ = State::kFragment;
}

/// Shorten a URL's path (§4.2): drop the last segment, except a file: URL's drive letter.
void BasicUrlParser::shorten_path() {
  if (url_.scheme == "file" && path_.size() == 1 && is_normalized_windows_drive_letter(path_[0])) return;
  if (!path_.empty()) path_.pop_back();
}

bool BasicUrlParser::run_state(int c) {
  switch (state_) {
    case State::kSchemeStart: scheme_start_state(c); return true;
    case State::kScheme: scheme_state(c); return true;
    case State::kNoScheme: return no_scheme_state(c);
    case State::kSpecialRelativeOrAuthority: special_relative_or_authority_state(c); return true;
    case State::kPathOrAuthority: path_or_authority_state(c); return true;
    case State::kRelative: relative_state(c); return true;
    case State::kRelativeSlash: relative_slash_state(c); return true;
    case State::kSpecialAuthoritySlashes: special_authority_slashes_state(c); return true;
    case State::kSpecialAuthorityIgnoreSlashes: special_authority_ignore_slashes_state(c); return true;
    case State::kAuthority: return authority_state(c);
    case State::kHost: return host_state(c);
    case State::kPort: return port_state(c);
    case State::kFile: file_state(c); return true;
    case State::kFileSlash: file_slash_state(c); return true;
    case State::kFileHost: return file_host_state(c);
    case State::kPathStart: path_start_state(c); return true;
    case State::kPath: path_state(c); return true;
    case State::kOpaquePath: opaque_path_state(c); return true;
    case State::kQuery: query_state(c); return true;
    case State::kFragment: fragment_state(c); return true;
  }
  return false;
}

// --- Scheme and relative-reference states ----------------------------------------------------

void BasicUrlParser::scheme_start_state(int c) {
  if (is_ascii_alpha(c)) {
    buffer_.push_back(ascii_lower(static_cast<char>(c)));
    state_ = State::kScheme;
  } else {
    state_ = State::kNoScheme;
    --pointer_;
  }
}

void BasicUrlParser::scheme_state(int c) {
  if (is_ascii_alphanumeric(c) || c == '+' || c == '-' || c == '.') {
    buffer_.push_back(ascii_lower(static_cast<char>(c)));
    return;
  }
  if (c != ':') {
    // Not a scheme after all: start over as a relative reference.
    buffer_.clear();
    state_ = State::kNoScheme;
    pointer_ = -1;
    return;
  }
  set_scheme(std::move(buffer_));
  buffer_.clear();
  if (url_.scheme == "file") {
    state_ = State::kFile;
  } else if (is_special() && base_ && base_->scheme == url_.scheme) {
    state_ = State::kSpecialRelativeOrAuthority;
  } else if (is_special()) {
    state_ = State::kSpecialAuthoritySlashes;
  } else if (remaining_starts_with('/')) {
    state_ = State::kPathOrAuthority;
    ++pointer_;
  } else {
    url_.has_opaque_path = true;
    url_.path.clear();
    state_ = State::kOpaquePath;
  }
}

bool BasicUrlParser::no_scheme_state(int c) {
  if (!base_ || (base_->has_opaque_path && c != '#')) return false;  // missing-scheme-non-relative-URL
  if (base_->has_opaque_path) {
    set_scheme(base_->scheme);
    url_.path = base_->path;
    url_.has_opaque_path = true;
    url_.query = base_->query;
    url_.has_query = base_->has_query;
    start_fragment();
    return true;
  }
  state_ = base_->scheme == "file" ? State::kFile : State::kRelative;
  --pointer_;
  return true;
}

void BasicUrlParser::special_relative_or_authority_state(int c) {
  if (c == '/' && remaining_starts_with('/')) {
    state_ = State::kSpecialAuthorityIgnoreSlashes;
    ++pointer_;
  } else {
    state_ = State::kRelative;
    --pointer_;
  }
}

void BasicUrlParser::path_or_authority_state(int c) {
  if (c == '/') {
    state_ = State::kAuthority;
  } else {
    state_ = State::kPath;
    --pointer_;
  }
}

void BasicUrlParser::relative_state(int c) {
  set_scheme(base_->scheme);
  if (c == '/' || (is_special() && c == '\\')) {
    state_ = State::kRelativeSlash;
    return;
  }
  copy_base_authority();
  path_ = base_path_;
  url_.query = base_->query;
  url_.has_query = base_->has_query;
  if (c == '?') {
    start_query();
  } else if (c == '#') {
    start_fragment();
  } else if (c != kEof) {
    url_.query.clear();
    url_.has_query = false;
    shorten_path();
    state_ = State::kPath;
    --pointer_;
  }
}

void BasicUrlParser::relative_slash_state(int c) {
  if (is_special() && (c == '/' || c == '\\')) {
    state_ = State::kSpecialAuthorityIgnoreSlashes;
  } else if (c == '/') {
    state_ = State::kAuthority;
  } else {
    copy_base_authority();
    state_ = State::kPath;
    --pointer_;
  }
}

void BasicUrlParser::special_authority_slashes_state(int c) {
  state_ = State::kSpecialAuthorityIgnoreSlashes;
  if (c == '/' && remaining_starts_with('/')) {
    ++pointer_;
  } else {
    --pointer_;  // special-scheme-missing-following-solidus: "http:example.com" still has a host
  }
}

void BasicUrlParser::special_authority_ignore_slashes_state(int c) {
  if (c != '/' && c != '\\') {
    state_ = State::kAuthority;
    --pointer_;
  }
}

// --- Authority states ------------------------------------------------------------------------

bool BasicUrlParser::authority_state(int c) {
  if (c == '@') {
    // Everything before the last '@' is userinfo; earlier '@'s become "%40" (invalid-credentials).
    if (at_sign_seen_) buffer_.insert(0, "%40");
    at_sign_seen_ = true;
    append_userinfo();
    buffer_.clear();
  } else if (ends_authority(c)) {
    if (at_sign_seen_ && buffer_.empty()) return false;  // host-missing: "http://user@/"
    pointer_ -= static_cast<std::ptrdiff_t>(buffer_.size()) + 1;
    buffer_.clear();
    state_ = State::kHost;
  } else {
    buffer_.push_back(static_cast<char>(c));
  }
  return true;
}

void BasicUrlParser::append_userinfo() {
  for (const char c : buffer_) {
    if (c == ':' && !password_token_seen_) {
      password_token_seen_ = true;
      continue;
    }
    std::string& target = password_token_seen_ ? url_.password : url_.username;
    append_percent_encoded(target, static_cast<unsigned char>(c), EncodeSet::kUserinfo);
  }
}

bool BasicUrlParser::host_state(int c) {
  const bool port_follows = c == ':' && !inside_brackets_;
  if (port_follows || ends_authority(c)) {
    if (!port_follows) --pointer_;
    // host-missing: special URLs need a host, and nobody may have a port without one.
    if (buffer_.empty() && (port_follows || is_special())) return false;
    const auto host = parse_host(buffer_, !is_special());
    if (!host) return false;
    url_.host = *host;
    url_.has_host = true;
    buffer_.clear();
    state_ = port_follows ? State::kPort : State::kPathStart;
    return true;
  }
  if (c == '[') inside_brackets_ = true;
  if (c == ']') inside_brackets_ = false;
  buffer_.push_back(static_cast<char>(c));
  return true;
}

bool BasicUrlParser::port_state(int c) {
  if (is_ascii_digit(c)) {
    buffer_.push_back(static_cast<char>(c));
    return true;
  }
  if (!ends_authority(c)) return false;  // port-invalid
  if (!buffer_.empty()) {
    long port = 0;
    for (const char digit : buffer_) port = std::min(port * 10 + (digit - '0'), 65536L);
    if (port > 65535) return false;  // port-out-of-range
    url_.port = static_cast<int>(port);
    if (url_.port == default_port(url_.scheme)) url_.port.reset();
    buffer_.clear();
  }
  state_ = State::kPathStart;
  --pointer_;
  return true;
}

// --- file: states ----------------------------------------------------------------------------

void BasicUrlParser::file_state(int c) {
  set_scheme("file");
  url_.host.clear();
  url_.has_host = true;
  if (c == '/' || c == '\\') {
    state_ = State::kFileSlash;
    return;
  }
  state_ = State::kPath;
  if (!base_ || base_->scheme != "file") {
    --pointer_;
    return;
  }
  url_.host = base_->host;
  path_ = base_path_;
  url_.query = base_->query;
  url_.has_query = base_->has_query;
  if (c == '?') {
    start_query();
  } else if (c == '#') {
    start_fragment();
  } else if (c != kEof) {
    url_.query.clear();
    url_.has_query = false;
    // Windows drive letter quirk: "C:" replaces the base path rather than joining it.
    if (starts_with_windows_drive_letter(rest_from_pointer())) {
      path_.clear();
    } else {
      shorten_path();
    }
    --pointer_;
  }
}

void BasicUrlParser::file_slash_state(int c) {
  if (c == '/' || c == '\\') {
    state_ = State::kFileHost;
    return;
  }
  if (base_ && base_->scheme == "file") {
    url_.host = base_->host;
    // Windows drive letter quirk: keep the base's drive for "/path".
    if (!starts_with_windows_drive_letter(rest_from_pointer()) && !base_path_.empty() &&
        is_normalized_windows_drive_letter(base_path_[0])) {
      path_.push_back(base_path_[0]);
    }
  }
  state_ = State::kPath;
  --pointer_;
}

bool BasicUrlParser::file_host_state(int c) {
  if (c != kEof && c != '/' && c != '\\' && c != '?' && c != '#') {
    buffer_.push_back(static_cast<char>(c));
    return true;
  }
  --pointer_;
  if (is_windows_drive_letter(buffer_)) {
    state_ = State::kPath;  // "file://C:/x": the drive is the first path segment, buffer kept
    return true;
  }
  if (!buffer_.empty()) {
    auto host = parse_host(buffer_, false);
    if (!host) return false;
    url_.host = *host == "localhost" ? std::string() : *host;
    buffer_.clear();
  } else {
    url_.host.clear();
  }
  url_.has_host = true;
  state_ = State::kPathStart;
  return true;
}

// --- Path, query and fragment states ---------------------------------------------------------

void BasicUrlParser::path_start_state(int c) {
  if (is_special()) {
    state_ = State::kPath;
    if (c != '/' && c != '\\') --pointer_;
  } else if (c == '?') {
    start_query();
  } else if (c == '#') {
    start_fragment();
  } else if (c != kEof) {
    state_ = State::kPath;
    if (c != '/') --pointer_;
  }
}

void BasicUrlParser::path_state(int c) {
  if (c == kEof || c == '/' || (is_special() && c == '\\') || c == '?' || c == '#') {
    end_path_segment(c);
    if (c == '?') start_query();
    if (c == '#') start_fragment();
  } else {
    append_percent_encoded(buffer_, static_cast<unsigned char>(c), EncodeSet::kPath);
  }
}

/// Appends the buffered segment, resolving "." and ".." (and %2e forms) as it goes (§4.4 path state).
void BasicUrlParser::end_path_segment(int c) {
  const bool slash = c == '/' || (is_special() && c == '\\');
  if (is_double_dot_segment(buffer_)) {
    shorten_path();
    if (!slash) path_.emplace_back();  // "/usr/.." is "/", not an empty path
  } else if (is_single_dot_segment(buffer_)) {
    if (!slash) path_.emplace_back();
  } else {
    if (url_.scheme == "file" && path_.empty() && is_windows_drive_letter(buffer_)) buffer_[1] = ':';
    path_.push_back(buffer_);
  }
  buffer_.clear();
}

void BasicUrlParser::opaque_path_state(int c) {
  if (c == '?') {
    start_query();
  } else if (c == '#') {
    start_fragment();
  } else if (c == ' ') {
    // A space right before '?' or '#' is encoded, so that it survives a reparse.
    const int next = code_point_at(pointer_ + 1);
    url_.path += (next == '?' || next == '#') ? "%20" : " ";
  } else if (c != kEof) {
    append_percent_encoded(url_.path, static_cast<unsigned char>(c), EncodeSet::kC0Control);
  }
}

void BasicUrlParser::query_state(int c) {
  if (c == '#') {
    start_fragment();
  } else if (c != kEof) {
    // UTF-8 is the only encoding here, so encoding byte by byte equals encoding the buffer.
    const EncodeSet set = is_special() ? EncodeSet::kSpecialQuery : EncodeSet::kQuery;
    append_percent_encoded(url_.query, static_cast<unsigned char>(c), set);
  }
}

void BasicUrlParser::fragment_state(int c) {
  if (c != kEof) append_percent_encoded(url_.fragment, static_cast<unsigned char>(c), EncodeSet::kFragment);
}

}  // namespace

std::string WhatwgUrl::href() const {
  std::string out = scheme + ":";
  if (has_host) {
    out += "//";
    if (!username.empty() || !password.empty()) {
      out += username;
      if (!password.empty()) out.append(":").append(password);
      out.push_back('@');
    }
    out += host;
    if (port) out.append(":").append(std::to_string(*port));
  } else if (!has_opaque_path && path.size() > 1 && path[0] == '/' && path[1] == '/') {
    out += "/.";  // keeps "web+demo:/.//not-a-host/" from reparsing with a host (§4.5 step 3)
  }
  out += path;
  if (has_query) out += "?" + query;
  if (has_fragment) out += "#" + fragment;
  return out;
}

bool WhatwgUrl::is_special() const { return find_special_scheme(scheme) != nullptr; }

std::optional<WhatwgUrl> parse_whatwg_url(std::string_view input, const WhatwgUrl* base) {
  if (base && base->scheme.empty()) base = nullptr;
  return BasicUrlParser(clean_input(input), base).parse();
}

}  // namespace sitegraph
