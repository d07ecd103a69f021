// Serves a built static site from a folder the way a static web server would, so that a
// site can be audited before it is deployed.

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "fetch/queue_fetcher.hpp"
#include "sitegraph/fetch.hpp"
#include "sitegraph/url.hpp"

namespace fs = std::filesystem;

namespace sitegraph {
namespace {

std::string content_type_for(const fs::path& file) {
  static const std::map<std::string, std::string, std::less<>> kTypes = {
      {".html", "text/html"}, {".htm", "text/html"}, {".xhtml", "application/xhtml+xml"},
      {".xml", "application/xml"}, {".txt", "text/plain"}, {".gz", "application/gzip"},
      {".css", "text/css"}, {".js", "text/javascript"}, {".json", "application/json"},
      {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"},
      {".gif", "image/gif"}, {".svg", "image/svg+xml"}, {".webp", "image/webp"},
      {".pdf", "application/pdf"}, {".ico", "image/x-icon"}};
  const auto it = kTypes.find(file.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

struct Redirect {
  std::string to;
  int status = 301;
};

// Netlify-style `_redirects`: "FROM TO [STATUS]" per line, '#' comments, exact paths.
std::map<std::string, Redirect, std::less<>> read_redirects(const fs::path& file) {
  std::map<std::string, Redirect, std::less<>> redirects;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream fields(line);
    std::string from;
    Redirect r;
    if (!(fields >> from >> r.to)) continue;
    std::string status;
    if (fields >> status) {
      // "301!" (forced) reads as 301; 200 rewrites are not redirects.
      r.status = std::atoi(status.c_str());
      if (r.status < 300 || r.status > 399) continue;
    }
    redirects.emplace(std::move(from), std::move(r));
  }
  return redirects;
}

class FolderFetcher final : public QueueFetcher {
 public:
  FolderFetcher(const fs::path& root, std::string_view base_url, const FetchOptions& options)
      : QueueFetcher(options.max_in_flight), root_(fs::weakly_canonical(root)), options_(options) {
    const auto parts = split_url(base_url);
    base_path_ = parts ? parts->path_and_query : "/";
    if (parts) {
      scheme_ = parts->scheme;
      host_ = parts->host;
      port_ = parts->port;
      default_port_ = default_port(*parts);
    }
    if (base_path_.empty() || base_path_.back() != '/') base_path_ += '/';
    origin_ = std::string(base_url.substr(0, base_url.find('/', base_url.find("//") + 2)));
    redirects_ = read_redirects(root_ / "_redirects");
  }

 private:
  // Where a URL of the site leads in the folder: a file, a redirect, nothing (404), or
  // something the folder cannot answer for (another site, above the base path, a symlink out).
  struct Located {
    enum Kind { kFile, kRedirect, kMissing, kNotFetched } kind = kMissing;
    fs::path file;          ///< kFile: the file's real path inside the folder
    std::string location;   ///< kRedirect
    int status = 0;         ///< kRedirect
    std::string why;        ///< kNotFetched
  };

  [[nodiscard]] Located locate(const std::string& url) const {
    Located at;
    const auto parts = split_url(url);
    // The site's own host, over http or https alike; anything else is not in the folder.
    const bool same_port = parts && (parts->port == port_ || (default_port(*parts) && default_port_));
    if (!parts || parts->host != host_ || !same_port) {
      // Another site: the folder cannot say whether it exists, so it is not fetched, never a 404.
      return not_fetched("another site: not in the folder");
    }
    if (parts->scheme != scheme_) {
      // One folder is one site: an http:// link on an https site (or the reverse) is not a second
      // copy of every page. It answers as the deployed site would, with a redirect to the
      // folder's scheme, so the page is crawled once and the link shows as a link to a redirect.
      return redirect_to(origin_ + parts->path_and_query, 301);
    }
    if (parts->path_and_query.rfind(base_path_, 0) != 0) {
      // Above the --base-url path (/3.11/ served from the folder, a link to /dev/): the folder
      // cannot say whether the server has it, so it is not fetched, never a 404.
      return not_fetched("outside the folder (above " + base_path_ + ")");
    }
    const std::string path = parts->path_and_query.substr(0, parts->path_and_query.find('?'));
    if (const auto it = redirects_.find(std::string_view(path).substr(base_path_.size() - 1)); it != redirects_.end()) {
      const ResolvedHref target = resolve_href(origin_ + base_path_, it->second.to);
      if (target.skip == HrefSkip::kNone) return redirect_to(target.url, it->second.status);
    }
    const std::string relative = percent_decode(path.substr(base_path_.size()));
    if (relative.find('\0') != std::string::npos) return at;
    return locate_file(relative, path);
  }

  // Maps the decoded path below the base to a file inside root_, never outside it. Dot segments
  // that climb out are a 404; a symlink that leads out (Debian's doc packages link jquery.js to
  // /usr/share/javascript) is served by a web server but not read here: not fetched, never a 404.
  [[nodiscard]] Located locate_file(const std::string& relative, const std::string& url_path) const {
    Located at;
    std::error_code ec;
    const fs::path lexical = (root_ / fs::path(relative)).lexically_normal();
    if (!inside_root(lexical) && lexical != root_) return at;
    fs::path file = fs::weakly_canonical(lexical, ec);
    if (ec) return at;
    if (!inside_root(file) && file != root_) return symlink_outside(file);
    if (fs::is_directory(file, ec)) {
      if (!url_path.ends_with('/')) return redirect_to(origin_ + url_path + "/", 301);  // as a server answers a folder without its slash
      file /= "index.html";
    } else if (!fs::exists(file, ec) && fs::is_regular_file(file.string() + ".html", ec)) {
      file += ".html";
    }
    if (!fs::is_regular_file(file, ec)) return at;
    const fs::path real = fs::weakly_canonical(file, ec);
    if (ec) return at;
    if (!inside_root(real)) return symlink_outside(real);
    at.kind = Located::kFile;
    at.file = real;
    return at;
  }

  FetchResponse serve(const FetchRequest& request) override {
    FetchResponse r;
    r.url = request.url;
    r.tag = request.tag;
    r.outcome = FetchOutcome::kResponse;
    r.status = 404;
    const Located at = locate(request.url);
    switch (at.kind) {
      case Located::kMissing: break;
      case Located::kNotFetched:
        r.outcome = FetchOutcome::kNotFetched;
        r.status = 0;
        r.error = at.why;
        break;
      case Located::kRedirect:
        r.status = at.status;
        r.location = at.location;
        break;
      case Located::kFile: read_file(at.file, r, request); break;
    }
    return r;
  }

  std::string document_key(const std::string& url) const override {
    const Located at = locate(url);
    return at.kind == Located::kFile ? at.file.string() : std::string();
  }

  std::vector<std::string> list_pages() const override {
    std::vector<std::string> urls;
    std::error_code ec;
    // Symlinked folders are not followed (a loop, or a copy of another tree); hidden folders
    // (.git) are no part of the site.
    fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
      const fs::path& path = it->path();
      const std::string name = path.filename().string();
      if (name.starts_with('.')) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(ec) || !is_listed_page(name)) continue;
      std::string relative = path.lexically_relative(root_).generic_string();
      if (name == "index.html") relative.resize(relative.size() - name.size());  // served as its folder
      // Spelt as a link to the file is: the URL parser percent-encodes the rest.
      std::string href = "./";
      for (const char c : relative) href += c == '%' ? "%25" : c == '?' ? "%3F" : c == '#' ? "%23" : std::string(1, c);
      if (const ResolvedHref r = resolve_href(origin_ + base_path_, href); r.skip == HrefSkip::kNone) urls.push_back(r.url);
    }
    return urls;
  }

  // An HTML file a site's pages are expected to link to: error pages (404.html) and search
  // engines' ownership files (google0123abcd.html) are reached another way.
  static bool is_listed_page(const std::string& name) {
    const auto dot = name.rfind('.');
    if (dot == std::string::npos) return false;
    const std::string ext = name.substr(dot);
    if (ext != ".html" && ext != ".htm" && ext != ".xhtml") return false;
    const std::string stem = name.substr(0, dot);
    if (stem == "404" || stem == "403" || stem == "410" || stem == "500" || stem == "50x") return false;
    const bool google_verification = stem.starts_with("google") && stem.size() > 6 &&
                                     std::all_of(stem.begin() + 6, stem.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
    return !google_verification;
  }

  void read_file(const fs::path& file, FetchResponse& r, const FetchRequest& request) const {
    std::error_code ec;
    r.status = 200;
    r.content_type = content_type_for(file);
    r.bytes = static_cast<std::uint64_t>(fs::file_size(file, ec));
    const bool keep = request.body == BodyPolicy::kAny || r.is_html();
    if (!keep) return;
    const std::uint64_t limit = request.max_bytes ? request.max_bytes : options_.max_body_bytes;
    if (r.bytes > limit && !request.truncate) {
      r.outcome = FetchOutcome::kTooLarge;
      return;
    }
    std::ifstream in(file, std::ios::binary);
    r.body.resize(std::min(r.bytes, limit));
    in.read(r.body.data(), static_cast<std::streamsize>(r.body.size()));
    r.body.resize(static_cast<std::size_t>(in.gcount()));
    if (r.bytes > limit) r.bytes = r.body.size();
  }

  static Located redirect_to(std::string location, int status) {
    Located at;
    at.kind = Located::kRedirect;
    at.location = std::move(location);
    at.status = status;
    return at;
  }

  static Located not_fetched(std::string why) {
    Located at;
    at.kind = Located::kNotFetched;
    at.why = std::move(why);
    return at;
  }

  static Located symlink_outside(const fs::path& target) {
    return not_fetched("a symlink to " + target.string() + ", outside the folder: not read");
  }

  [[nodiscard]] bool inside_root(const fs::path& file) const {
    const auto rel = file.lexically_relative(root_);
    return !rel.empty() && *rel.begin() != "..";
  }

  static bool default_port(const UrlParts& p) {
    return (p.scheme == "http" && p.port == 80) || (p.scheme == "https" && p.port == 443);
  }

  fs::path root_;
  FetchOptions options_;
  std::string scheme_;
  std::string host_;
  int port_ = 0;
  bool default_port_ = true;
  std::string base_path_;
  std::string origin_;
  std::map<std::string, Redirect, std::less<>> redirects_;
};

}  // namespace

std::unique_ptr<Fetcher> make_folder_fetcher(const fs::path& root, std::string_view base_url,
                                             const FetchOptions& options) {
  return std::make_unique<FolderFetcher>(root, base_url, options);
}

}  // namespace sitegraph
