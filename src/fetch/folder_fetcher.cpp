// Serves a built static site from a folder the way a static web server would, so that a
// site can be audited before it is deployed.

#include <algorithm>
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
      host_ = parts->host;
      port_ = parts->port;
      default_port_ = default_port(*parts);
    }
    if (base_path_.empty() || base_path_.back() != '/') base_path_ += '/';
    origin_ = std::string(base_url.substr(0, base_url.find('/', base_url.find("//") + 2)));
    redirects_ = read_redirects(root_ / "_redirects");
  }

 private:
  FetchResponse serve(const FetchRequest& request) override {
    FetchResponse r;
    r.url = request.url;
    r.tag = request.tag;
    r.outcome = FetchOutcome::kResponse;
    r.status = 404;
    const auto parts = split_url(request.url);
    // The site's own host, over http or https alike (an absolute http:// link on an https
    // site still points into the folder); anything else is not in the folder.
    const bool same_port = parts && (parts->port == port_ || (default_port(*parts) && default_port_));
    if (!parts || parts->host != host_ || !same_port) {
      // Another site: the folder cannot say whether it exists, so it is not fetched, never a 404.
      r.outcome = FetchOutcome::kNotFetched;
      r.status = 0;
      r.error = "another site: not in the folder";
      return r;
    }
    if (parts->path_and_query.rfind(base_path_, 0) != 0) {
      // Above the --base-url path (/3.11/ served from the folder, a link to /dev/): the folder
      // cannot say whether the server has it, so it is not fetched, never a 404.
      r.outcome = FetchOutcome::kNotFetched;
      r.status = 0;
      r.error = "outside the folder (above " + base_path_ + ")";
      return r;
    }
    std::string path = parts->path_and_query.substr(0, parts->path_and_query.find('?'));
    if (redirect(path, r)) return r;
    const std::string relative = percent_decode(path.substr(base_path_.size()));
    if (relative.find('\0') != std::string::npos) return r;
    serve_file(relative, path, r, request);
    return r;
  }

  bool redirect(std::string_view path, FetchResponse& r) const {
    const auto it = redirects_.find(path.substr(base_path_.size() - 1));
    if (it == redirects_.end()) return false;
    const std::string base = origin_ + base_path_;
    const ResolvedHref target = resolve_href(base, it->second.to);
    if (target.skip != HrefSkip::kNone) return false;
    r.status = it->second.status;
    r.location = target.url;
    return true;
  }

  // Maps the decoded path below the base to a file inside root_, never outside it. Dot segments
  // that climb out are a 404; a symlink that leads out (Debian's doc packages link jquery.js to
  // /usr/share/javascript) is served by a web server but not read here: not fetched, never a 404.
  void serve_file(const std::string& relative, const std::string& url_path, FetchResponse& r,
                  const FetchRequest& request) const {
    std::error_code ec;
    const fs::path lexical = (root_ / fs::path(relative)).lexically_normal();
    if (!inside_root(lexical) && lexical != root_) return;
    fs::path file = fs::weakly_canonical(lexical, ec);
    if (ec) return;
    if (!inside_root(file) && file != root_) return symlink_outside(r, file);
    if (fs::is_directory(file, ec)) {
      if (!url_path.ends_with('/')) {  // a server answers a folder without its slash with 301
        r.status = 301;
        r.location = origin_ + url_path + "/";
        return;
      }
      file /= "index.html";
    } else if (!fs::exists(file, ec) && fs::is_regular_file(file.string() + ".html", ec)) {
      file += ".html";
    }
    if (!fs::is_regular_file(file, ec)) return;
    if (const fs::path real = fs::weakly_canonical(file, ec); !inside_root(real)) return symlink_outside(r, real);
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

  static void symlink_outside(FetchResponse& r, const fs::path& target) {
    r.outcome = FetchOutcome::kNotFetched;
    r.status = 0;
    r.error = "a symlink to " + target.string() + ", outside the folder: not read";
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
