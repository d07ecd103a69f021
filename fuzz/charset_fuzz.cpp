// libFuzzer: charset sniffing and conversion to UTF-8; the result must be valid UTF-8 for
// the single-byte encodings.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/charset.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const std::string charset = sitegraph::sniff_html_charset(body, "");
  const std::string utf8 = sitegraph::to_utf8(body, charset);
  if (charset == "windows-1252" && !sitegraph::valid_utf8(utf8)) __builtin_trap();
  (void)sitegraph::to_utf8(body, "shift_jis");
  return 0;
}
