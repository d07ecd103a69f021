#pragma once
// A real HTTP server on 127.0.0.1 for integration tests: serves a fixture folder the way
// a static web server does (index.html, 301 for a folder without its slash, the
// `_redirects` file, headers from the `_headers` file, a 200 with `_not_found.html` for
// missing paths when the folder has one: a soft 404), writes the server's own origin into robots.txt and sitemap.xml in
// place of http://fixture.test, and answers a few hostile pages. Stopped by its destructor.

#include <httplib.h>

#include "local_server.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <atomic>
#include <functional>
#include <thread>
#include <utility>
#include <vector>

namespace sitegraph::testing {

class FixtureServer {
 public:
  explicit FixtureServer(std::filesystem::path root) : root_(std::move(root)) {
    read_redirects();
    read_headers();
    add_hostile_pages();
    server_.http().Get(".*", [this](const httplib::Request& req, httplib::Response& res) { serve(req, res); });
    server_.start();
  }
  ~FixtureServer() { server_.stop(); }
  FixtureServer(const FixtureServer&) = delete;
  FixtureServer& operator=(const FixtureServer&) = delete;

  [[nodiscard]] int port() const { return server_.port(); }
  [[nodiscard]] std::string origin() const { return server_.origin(); }

 private:
  void read_redirects() {
    std::ifstream in(root_ / "_redirects");
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string from;
      std::string to;
      if (line.empty() || line[0] == '#' || !(fields >> from >> to)) continue;
      redirects_[from] = to;
    }
  }

  // `path Header-Name: value` lines: the header is added to that path's responses.
  void read_headers() {
    std::ifstream in(root_ / "_headers");
    std::string line;
    while (std::getline(in, line)) {
      const std::size_t space = line.find(' ');
      const std::size_t colon = line.find(": ", space == std::string::npos ? 0 : space);
      if (line.empty() || line[0] == '#' || space == std::string::npos || colon == std::string::npos) continue;
      headers_[line.substr(0, space)].emplace_back(line.substr(space + 1, colon - space - 1), line.substr(colon + 2));
    }
  }

  void add_hostile_pages() {
    server_.http().Get("/hostile/big.html", [](const httplib::Request&, httplib::Response& res) {
      std::string body = "<html><body><a href=/never-seen>x</a>";
      body.resize(30u << 20, 'x');  // 30 MB
      res.set_content(body, "text/html");
    });
    server_.http().Get("/hostile/binary.html", [](const httplib::Request&, httplib::Response& res) {
      std::string body(65536, '\0');
      for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>((i * 7919) % 251);
      res.set_content(body, "text/html");
    });
    server_.http().Get("/hostile/empty.html", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("", "text/html");
    });
    server_.http().Get("/hostile/broken.html", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<html><body><div><a href='/hostile/empty.html'>unclosed <b><i><a href=\"", "text/html");
    });
  }

  static std::string content_type(const std::filesystem::path& file) {
    const std::string ext = file.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".xml") return "application/xml";
    if (ext == ".png") return "image/png";
    return "text/plain";
  }

  void serve(const httplib::Request& req, httplib::Response& res) {
    if (const auto it = redirects_.find(req.path); it != redirects_.end()) {
      res.set_redirect(it->second, 301);
      return;
    }
    std::filesystem::path file = root_ / req.path.substr(1);
    if (std::filesystem::is_directory(file)) {
      if (req.path.back() != '/') {
        res.set_redirect(req.path + "/", 301);
        return;
      }
      file /= "index.html";
    }
    std::ifstream in(file, std::ios::binary);
    if (!in && req.path.find("..") == std::string::npos && std::filesystem::exists(root_ / "_not_found.html")) {
      std::ifstream page(root_ / "_not_found.html", std::ios::binary);
      res.set_content(std::string((std::istreambuf_iterator<char>(page)), std::istreambuf_iterator<char>()), "text/html");
      return;
    }
    if (req.path.find("..") != std::string::npos || !in) {
      res.status = 404;
      res.set_content("<html><body>not found</body></html>", "text/html");
      return;
    }
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (file.filename() == "robots.txt" || file.filename() == "sitemap.xml") {
      for (std::size_t at; (at = body.find("http://fixture.test")) != std::string::npos;) {
        body.replace(at, 19, origin());
      }
    }
    // Validators, as static servers send them: a 304 when the client has this version.
    const std::string etag = "\"" + std::to_string(std::hash<std::string>{}(body)) + "\"";
    if (send_validators_) res.set_header("ETag", etag);
    if (send_validators_ && req.get_header_value("If-None-Match") == etag) {
      ++not_modified_;
      res.status = 304;
      return;
    }
    ++full_responses_;
    if (const auto it = headers_.find(req.path); it != headers_.end()) {
      for (const auto& [name, value] : it->second) res.set_header(name, value);
    }
    res.set_content(body, content_type(file).c_str());
  }

 public:
  std::atomic<int> not_modified_{0};
  std::atomic<int> full_responses_{0};
  /// false: no ETag and never a 304, as many application servers answer.
  std::atomic<bool> send_validators_{true};

 private:

  std::filesystem::path root_;
  LocalServer server_;
  std::map<std::string, std::string> redirects_;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> headers_;
};

}  // namespace sitegraph::testing
