#include "crawl/scope.hpp"

#include "sitegraph/url.hpp"

namespace sitegraph {

Scope::Scope(std::string_view start_url) { add(start_url); }

bool Scope::parse(std::string_view url, Origin& origin) {
  const auto parts = split_url(url);
  if (!parts) return false;
  origin.host = parts->host;
  origin.port = parts->port;
  origin.default_port = (parts->scheme == "http" && parts->port == 80) ||
                        (parts->scheme == "https" && parts->port == 443);
  return true;
}

void Scope::add(std::string_view url) {
  Origin origin;
  if (parse(url, origin) && !contains(url)) origins_.push_back(std::move(origin));
}

bool Scope::contains(std::string_view url) const {
  Origin origin;
  if (!parse(url, origin)) return false;
  for (const Origin& o : origins_) {
    if (o.host != origin.host) continue;
    if (o.port == origin.port || (o.default_port && origin.default_port)) return true;
  }
  return false;
}

}  // namespace sitegraph
