// libFuzzer: href resolution, and a differential check: the resolver's fast path must give
// exactly what the full libcurl path gives.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sitegraph/url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view href(reinterpret_cast<const char*>(data), size);
  for (const char* base : {"https://fuzz.test/a/b.html?q=1", "http://127.0.0.1:8080/"}) {
    const sitegraph::ResolvedHref slow = sitegraph::resolve_href(base, href);
    const sitegraph::ResolvedHref fast = sitegraph::UrlResolver(base).resolve(href);
    if (slow.skip != fast.skip || slow.url != fast.url) __builtin_trap();
    if (slow.skip == sitegraph::HrefSkip::kNone && !sitegraph::normalize_url(slow.url)) __builtin_trap();
  }
  return 0;
}
