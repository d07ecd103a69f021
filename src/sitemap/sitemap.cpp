// Sitemap parsing (sitemaps.org protocol 0.9): XML urlset / sitemapindex read with expat,
// plain-text sitemaps, gzip bodies.
#include "sitegraph/sitemap.hpp"

#include <expat.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "io/gzip.hpp"

namespace sitegraph {
namespace {

constexpr std::size_t kParseChunk = 64 * 1024;  // expat takes an int length
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Whitespace trimmed around <loc> text and text-sitemap lines: ASCII whitespace plus the
// UTF-8 forms of U+0085, U+00A0, U+1680, U+2000..U+200B, U+2028, U+2029, U+202F,
// U+205F, U+3000 and U+FEFF (editors and CMSs leave them around URLs).
constexpr std::array<std::string_view, 21> kUnicodeSpaces = {
    "\xC2\x85",     "\xC2\xA0",     "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82",
    "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88",
    "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\x8B", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF",
    "\xE2\x81\x9F", "\xE3\x80\x80", "\xEF\xBB\xBF"};

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Byte length of the whitespace character that s starts (at_end: ends) with, 0 if none.
std::size_t space_length(std::string_view s, bool at_end) {
  if (s.empty()) return 0;
  if (is_ascii_space(at_end ? s.back() : s.front())) return 1;
  for (std::string_view space : kUnicodeSpaces) {
    if (at_end ? s.ends_with(space) : s.starts_with(space)) return space.size();
  }
  return 0;
}

std::string_view trim_unicode(std::string_view s) {
  for (std::size_t n = space_length(s, false); n != 0; n = space_length(s, false)) s.remove_prefix(n);
  for (std::size_t n = space_length(s, true); n != 0; n = space_length(s, true)) s.remove_suffix(n);
  return s;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// A text sitemap line holds one absolute http(s) URL and nothing else (sitemaps.org, "Text file").
bool is_http_url(std::string_view line) {
  std::size_t scheme = istarts_with(line, "http://") ? 7 : istarts_with(line, "https://") ? 8 : 0;
  if (scheme == 0 || line.size() == scheme) return false;
  for (char c : line) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
  }
  return true;
}

std::string too_many_urls(std::size_t max_urls) {
  return "more than " + std::to_string(max_urls) + " URLs; kept the first " + std::to_string(max_urls);
}

SitemapParse parse_text_sitemap(std::string_view body, const SitemapLimits& limits) {
  SitemapParse result;
  result.kind = SitemapKind::kText;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t end = body.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = trim_unicode(body.substr(pos, end - pos));
    pos = end + 1;
    if (!is_http_url(line)) continue;
    if (result.urls.size() >= limits.max_urls) {
      result.error = too_many_urls(limits.max_urls);
      break;
    }
    result.urls.emplace_back(line);
  }
  if (result.urls.empty() && result.error.empty()) {
    result.kind = SitemapKind::kInvalid;
    result.error = "not XML, and no line is an absolute http(s) URL";
  }
  return result;
}

// The element name without a namespace prefix ("sm:loc" -> "loc"): the parser runs
// without namespace processing so any prefix, or a wrong namespace URI, is accepted.
std::string_view local_name(const XML_Char* name) {
  std::string_view qualified(name);
  std::size_t colon = qualified.rfind(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

struct ParserDeleter {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};
using ParserPtr = std::unique_ptr<XML_ParserStruct, ParserDeleter>;

// Streams one XML sitemap through expat and collects the <loc> children of
// <urlset>/<url> or <sitemapindex>/<sitemap> (sitemaps.org, "XML tag definitions").
class SitemapXmlReader {
 public:
  explicit SitemapXmlReader(const SitemapLimits& limits) : limits_(limits) {}

  SitemapParse read(std::string_view xml) {
    ParserPtr parser(XML_ParserCreate(nullptr));
    if (!parser) return {SitemapKind::kInvalid, {}, "cannot create the XML parser", {}};
    parser_ = parser.get();
    install_handlers();
    while (true) {
      const std::size_t size = std::min(xml.size(), kParseChunk);
      const bool last = size == xml.size();
      if (XML_Parse(parser_, xml.data(), static_cast<int>(size), last ? XML_TRUE : XML_FALSE) ==
          XML_STATUS_ERROR) {
        record_parse_error();
        break;
      }
      if (last) break;
      xml.remove_prefix(size);
    }
    parser_ = nullptr;
    return std::move(result_);
  }

 private:
  void install_handlers() {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &SitemapXmlReader::on_start, &SitemapXmlReader::on_end);
    XML_SetCharacterDataHandler(parser_, &SitemapXmlReader::on_text);
    // No DTD entities at all: no XXE, no "billion laughs" expansion. External entities
    // and the external DTD subset are never loaded either.
    XML_SetEntityDeclHandler(parser_, &SitemapXmlReader::on_entity_decl);
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
  }

  static void XMLCALL on_start(void* self, const XML_Char* name, const XML_Char** attributes) {
    auto* reader = static_cast<SitemapXmlReader*>(self);
    reader->start_element(local_name(name));
    if (reader->depth_ == 3 && reader->in_entry_ && reader->result_.kind == SitemapKind::kUrlSet && local_name(name) == "link") {
      reader->add_alternate(attributes);
    }
  }
  static void XMLCALL on_end(void* self, const XML_Char* /*name*/) {
    static_cast<SitemapXmlReader*>(self)->end_element();
  }
  static void XMLCALL on_text(void* self, const XML_Char* text, int length) {
    auto* reader = static_cast<SitemapXmlReader*>(self);
    if (reader->in_loc_) reader->loc_text_.append(text, static_cast<std::size_t>(length));
  }
  static void XMLCALL on_entity_decl(void* self, const XML_Char* /*name*/, int /*is_parameter*/,
                                     const XML_Char* /*value*/, int /*value_length*/,
                                     const XML_Char* /*base*/, const XML_Char* /*system_id*/,
                                     const XML_Char* /*public_id*/, const XML_Char* /*notation*/) {
    static_cast<SitemapXmlReader*>(self)->stop("entity declarations are not allowed in a sitemap");
  }

  void start_element(std::string_view name) {
    ++depth_;
    if (depth_ == 1) {
      if (name == "urlset") result_.kind = SitemapKind::kUrlSet;
      else if (name == "sitemapindex") result_.kind = SitemapKind::kIndex;
      else stop("root element <" + std::string(name) + "> is neither <urlset> nor <sitemapindex>");
    } else if (depth_ == 2) {
      in_entry_ = name == (result_.kind == SitemapKind::kUrlSet ? "url" : "sitemap");
    } else if (depth_ == 3 && in_entry_ && name == "loc") {
      // Only a direct <loc> child counts: <image:loc>, <video:player_loc> and the like
      // sit deeper. Several <loc> in one entry (a missing </url>) each count.
      in_loc_ = true;
      loc_text_.clear();
    }
  }

  void end_element() {
    if (depth_ == 3 && in_loc_) {
      in_loc_ = false;
      entry_loc_ = trim_unicode(loc_text_);
      add_url(entry_loc_);
    } else if (depth_ == 2) {
      // The entry's alternates belong to its <loc>, which may come after them.
      if (!entry_loc_.empty()) {
        for (SitemapAlternate& a : entry_alternates_) result_.alternates.push_back({entry_loc_, std::move(a.hreflang), std::move(a.url)});
      }
      entry_alternates_.clear();
      entry_loc_.clear();
      in_entry_ = false;
    }
    --depth_;
  }

  // <xhtml:link rel="alternate" hreflang="de" href="..."/> inside a <url> entry.
  void add_alternate(const XML_Char** attributes) {
    std::string_view rel;
    std::string_view hreflang;
    std::string_view href;
    for (std::size_t i = 0; attributes[i] && attributes[i + 1]; i += 2) {
      const std::string_view key = attributes[i];
      if (key == "rel") rel = attributes[i + 1];
      if (key == "hreflang") hreflang = attributes[i + 1];
      if (key == "href") href = attributes[i + 1];
    }
    if (rel != "alternate" || hreflang.empty() || href.empty()) return;
    if (entry_alternates_.size() < kMaxAlternatesPerEntry) entry_alternates_.push_back({{}, std::string(hreflang), std::string(trim_unicode(href))});
  }

  void add_url(std::string_view url) {
    if (url.empty()) return;
    if (result_.urls.size() >= limits_.max_urls) {
      stop(too_many_urls(limits_.max_urls));
      return;
    }
    result_.urls.emplace_back(url);
  }

  void stop(std::string why) {
    if (stopped_) return;
    stopped_ = true;
    result_.error = std::move(why);
    XML_StopParser(parser_, XML_FALSE);
  }

  void record_parse_error() {
    if (stopped_) return;  // our own stop: the reason is already recorded
    result_.error = "malformed XML at line " + std::to_string(XML_GetCurrentLineNumber(parser_)) +
                    ": " + XML_ErrorString(XML_GetErrorCode(parser_));
  }

  const SitemapLimits& limits_;
  XML_Parser parser_ = nullptr;
  SitemapParse result_;
  int depth_ = 0;
  bool in_entry_ = false;
  bool in_loc_ = false;
  bool stopped_ = false;
  std::string loc_text_;
  std::string entry_loc_;                          // the current entry's <loc>
  std::vector<SitemapAlternate> entry_alternates_;  // the current entry's hreflang links
  // Google allows one per language version; far more is a broken generator, not a site.
  static constexpr std::size_t kMaxAlternatesPerEntry = 1000;
};

bool is_gzip(std::string_view body) {
  return body.size() >= 2 && body[0] == '\x1f' && body[1] == '\x8b';
}

// The XML part of a body: after a UTF-8 BOM and leading whitespace, which expat would
// otherwise reject before an XML declaration. Empty when the body is not XML.
std::string_view xml_start(std::string_view body) {
  if (body.starts_with(kUtf8Bom)) body.remove_prefix(kUtf8Bom.size());
  while (!body.empty() && is_ascii_space(body.front())) body.remove_prefix(1);
  return body.starts_with('<') ? body : std::string_view{};
}

// Truncates body to limits.max_bytes (sitemaps.org: 50 MB uncompressed), saying so in error.
std::string_view apply_size_limit(std::string_view body, std::size_t max_bytes, std::string& error) {
  if (body.size() <= max_bytes) return body;
  error = "sitemap larger than " + std::to_string(max_bytes) + " bytes; read only the first " +
          std::to_string(max_bytes);
  return body.substr(0, max_bytes);
}

}  // namespace

std::string gunzip(std::string_view data, std::size_t max_bytes, std::string& error) {
  return gzip::inflate_members(data, max_bytes, error);
}

SitemapParse parse_sitemap(std::string_view body, const SitemapLimits& limits) {
  std::string inflated;
  std::string body_error;
  if (is_gzip(body)) {
    inflated = gunzip(body, limits.max_bytes, body_error);
    if (inflated.empty() && !body_error.empty()) return {SitemapKind::kInvalid, {}, body_error, {}};
    body = inflated;
  } else {
    body = apply_size_limit(body, limits.max_bytes, body_error);
  }
  std::string_view xml = xml_start(body);
  SitemapParse result =
      xml.empty() ? parse_text_sitemap(body, limits) : SitemapXmlReader(limits).read(xml);
  // A cut or corrupt body explains the parse error that follows it, so it comes first.
  if (!body_error.empty()) {
    result.error = result.error.empty() ? body_error : body_error + "; " + result.error;
  }
  return result;
}

}  // namespace sitegraph
