#include "extract/charset.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "text/utf8.hpp"

namespace sitegraph {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

// WHATWG Encoding: these labels all mean windows-1252 in a browser.
std::string canonical_label(std::string label) {
  label = lower(label);
  while (!label.empty() && (label.back() == ' ' || label.back() == '"' || label.back() == '\'')) label.pop_back();
  while (!label.empty() && (label.front() == ' ' || label.front() == '"' || label.front() == '\'')) label.erase(0, 1);
  for (const char* latin : {"iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "x-cp1252",
                            "iso_8859-1", "windows-1252"}) {
    if (label == latin) return "windows-1252";
  }
  if (label == "utf8" || label == "unicode-1-1-utf-8") return "utf-8";
  if (label == "shift-jis" || label == "sjis" || label == "ms_kanji" || label == "x-sjis") return "shift_jis";
  return label;
}

// The value of charset= in a <meta> tag found in the first 1024 bytes.
std::string meta_charset(std::string_view body) {
  const std::string head = lower(body.substr(0, 1024));
  for (std::size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    const std::size_t end = head.find('>', at);
    const std::string tag = head.substr(at, end == std::string::npos ? std::string::npos : end - at);
    const std::size_t cs = tag.find("charset");
    if (cs == std::string::npos) continue;
    std::size_t v = tag.find_first_not_of(" \t\n\r", cs + 7);
    if (v == std::string::npos || tag[v] != '=') continue;
    v = tag.find_first_not_of(" \t\n\r\"'", v + 1);
    if (v == std::string::npos) continue;
    const std::size_t stop = tag.find_first_of(" \t\n\r\"';/>", v);
    return tag.substr(v, stop == std::string::npos ? std::string::npos : stop - v);
  }
  return {};
}

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};

}  // namespace

bool valid_utf8(std::string_view s) { return is_valid_utf8(s); }

std::string sniff_html_charset(std::string_view body, std::string_view header_charset) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  if (body.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  if (body.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (!header_charset.empty()) return canonical_label(std::string(header_charset));
  if (std::string meta = meta_charset(body); !meta.empty()) return canonical_label(meta);
  return valid_utf8(body) ? "utf-8" : "windows-1252";
}

std::string to_utf8(std::string_view body, std::string_view charset) {
  std::string label = canonical_label(std::string(charset));
  if (label == "utf-8") return std::string(body.substr(0, 3) == "\xEF\xBB\xBF" ? body.substr(3) : body);
  if (label == "utf-16be" || label == "utf-16le") body.remove_prefix(std::min<std::size_t>(2, body.size()));
  const iconv_t raw = iconv_open("UTF-8", label.c_str());
  if (raw == reinterpret_cast<iconv_t>(-1)) return std::string(body);
  const std::unique_ptr<void, IconvCloser> cd(raw);
  std::string out;
  out.reserve(body.size() + body.size() / 2);
  char buffer[16384];
  char* in = const_cast<char*>(body.data());  // iconv's interface; the input is not modified
  std::size_t in_left = body.size();
  while (in_left > 0) {
    char* dst = buffer;
    std::size_t dst_left = sizeof buffer;
    const std::size_t rc = iconv(raw, &in, &in_left, &dst, &dst_left);
    out.append(buffer, static_cast<std::size_t>(dst - buffer));
    if (rc == static_cast<std::size_t>(-1) && errno != E2BIG) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte the encoding does not define
      ++in;
      --in_left;
    }
  }
  return out;
}

}  // namespace sitegraph
