#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sitegraph {

/// Which URLs are internal: same host as the start URL (case-insensitive), any of http
/// and https, same port unless both ports are their scheme's default. Grows when the
/// start URL redirects to another host (http://example.com -> https://www.example.com).
class Scope {
 public:
  explicit Scope(std::string_view start_url);
  /// Adds the host (and port) of `url` to the scope.
  void add(std::string_view url);
  [[nodiscard]] bool contains(std::string_view url) const;

 private:
  struct Origin {
    std::string host;
    int port = 0;
    bool default_port = true;
  };
  static bool parse(std::string_view url, Origin& origin);
  std::vector<Origin> origins_;
};

}  // namespace sitegraph
