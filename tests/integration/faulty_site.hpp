#pragma once
// A site on 127.0.0.1 that misbehaves on purpose, for the fault test in the suite and for the
// soak run (bench/soak.sh): N pages linked as a tree with cross links, all in its sitemap;
// answers delayed at random, first attempts dropped right after the headers or cut half way,
// bursts of 503, and a share of
// pages with malformed HTML (unclosed tags, NUL bytes, invalid UTF-8, deep nesting). Every
// fault is transient, so a crawl with --retries 2 must account for every page as 200.
// Decisions hash (seed, path, attempt): the same seed gives the same faults.

#include <httplib.h>

#include "local_server.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

namespace sitegraph::testing {

class FaultySite {
 public:
  struct Options {
    std::size_t pages = 200;
    std::uint64_t seed = 1;
    int delay_percent = 5;     ///< answers delayed by up to max_delay_ms
    int max_delay_ms = 100;
    int reset_percent = 3;     ///< first attempts closed right after the headers, no body
    int truncate_percent = 3;  ///< first attempts cut after half the body (Content-Length promised the whole)
    int burst_percent = 5;     ///< URLs whose first two attempts answer 503
    int malformed_percent = 10;
  };

  explicit FaultySite(Options options) : options_(options) {
    server_.http().Get(".*", [this](const httplib::Request& req, httplib::Response& res) { serve(req, res); });
    server_.http().set_keep_alive_max_count(1000);
    server_.start();
  }
  ~FaultySite() { server_.stop(); }
  FaultySite(const FaultySite&) = delete;
  FaultySite& operator=(const FaultySite&) = delete;

  [[nodiscard]] int port() const { return server_.port(); }
  [[nodiscard]] std::string origin() const { return server_.origin(); }
  [[nodiscard]] std::size_t requests() const { return requests_.load(); }
  [[nodiscard]] std::size_t faults() const { return faults_.load(); }
  static std::string page_path(std::size_t i) { return "/p/" + std::to_string(i) + ".html"; }

 private:
  // splitmix64 over (seed, path, salt): a stable pseudo-random number per decision.
  [[nodiscard]] std::uint64_t roll(const std::string& path, std::uint64_t salt) const {
    std::uint64_t h = options_.seed ^ (salt * 0x9E3779B97F4A7C15ull);
    for (const char c : path) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    h += 0x9E3779B97F4A7C15ull;
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
    return h ^ (h >> 31);
  }
  [[nodiscard]] bool chance(const std::string& path, std::uint64_t salt, int percent) const {
    return static_cast<int>(roll(path, salt) % 100) < percent;
  }

  int attempt(const std::string& path) {
    const std::lock_guard<std::mutex> lock(mutex_);
    return ++attempts_[path];
  }

  [[nodiscard]] std::string page(std::size_t i, bool malformed) const {
    const std::size_t n = options_.pages;
    std::string links;
    for (const std::size_t child : {2 * i + 1, 2 * i + 2, (i * 7919 + 13) % n, std::size_t{0}}) {
      if (child < n && child != i) links += "<li><a href=\"" + page_path(child) + "\">page " + std::to_string(child) + "</a>\n";
    }
    if (!malformed) {
      return "<!DOCTYPE html><html><head><title>Page " + std::to_string(i) + "</title></head><body><ul>\n" + links +
             "</ul></body></html>\n";
    }
    // Browsers still find these links; so must the crawler.
    std::string html = "<html><head><title>Broken " + std::to_string(i) + "<body><div><p>unclosed <b><i>";
    html += std::string("\0\xFF\xFE bad bytes \xC3\x28 ", 18);
    for (int d = 0; d < 2000; ++d) html += "<div>";
    html += "<a href=\"" + page_path(i) + "\" rel=\"\" <<>> x=y>self</a>";
    html += links;
    html += "<table><tr><td><a href=\"javascript:void(0)\">js</a><a href=\"mailto:x@y\">m</a><a href=\"\">empty</a>";
    return html;  // never closed
  }

  void serve(const httplib::Request& req, httplib::Response& res) {
    ++requests_;
    const std::string& path = req.path;
    if (path == "/robots.txt") {
      res.set_content("User-agent: *\nAllow: /\nSitemap: " + origin() + "/sitemap.xml\n", "text/plain");
      return;
    }
    if (path == "/sitemap.xml") {
      std::string xml = "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
      for (std::size_t i = 0; i < options_.pages; ++i) xml += "<url><loc>" + origin() + page_path(i) + "</loc></url>";
      res.set_content(xml + "</urlset>", "application/xml");
      return;
    }
    std::size_t index = options_.pages;
    if (path.rfind("/p/", 0) == 0 && path.size() > 8 && path.ends_with(".html")) {
      index = static_cast<std::size_t>(std::strtoull(path.c_str() + 3, nullptr, 10));
    } else if (path == "/") {
      index = 0;
    }
    if (index >= options_.pages) {
      res.status = 404;
      res.set_content("not here", "text/plain");
      return;
    }
    const int n = attempt(path);
    if (chance(path, 1, options_.delay_percent)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1 + static_cast<int>(roll(path, 2 + static_cast<std::uint64_t>(n)) %
                                                                                 static_cast<std::uint64_t>(options_.max_delay_ms))));
    }
    if (n <= 2 && chance(path, 3, options_.burst_percent)) {
      ++faults_;
      res.status = 503;
      res.set_header("Retry-After", "0");
      res.set_content("busy", "text/plain");
      return;
    }
    std::string body = page(index, chance(path, 4, options_.malformed_percent));
    if (n == 1 && chance(path, 5, options_.reset_percent)) {
      ++faults_;  // closed right after the headers
      res.set_content_provider(body.size(), "text/html", [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
      return;
    }
    if (n == 1 && chance(path, 6, options_.truncate_percent)) {
      ++faults_;  // half the promised body, then the connection drops
      auto shared = std::make_shared<std::string>(std::move(body));
      res.set_content_provider(shared->size(), "text/html", [shared](std::size_t offset, std::size_t, httplib::DataSink& sink) {
        if (offset >= shared->size() / 2) return false;
        sink.write(shared->data(), shared->size() / 2);
        return true;
      });
      return;
    }
    res.set_content(body, "text/html; charset=utf-8");
  }

  Options options_;
  LocalServer server_;
  std::mutex mutex_;
  std::unordered_map<std::string, int> attempts_;
  std::atomic<std::size_t> requests_{0};
  std::atomic<std::size_t> faults_{0};
};

}  // namespace sitegraph::testing
