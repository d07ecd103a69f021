// Escaping for the formats that carry text from the web: XML (JUnit, GraphML, GEXF, HTML)
// and CSV. A URL or anchor holding <script>, quotes or ampersands must come out as text.

#include "sitegraph/report.hpp"
#include "report/report_text.hpp"
#include "text/utf8.hpp"

namespace sitegraph {
namespace {

// U+FFFE and U+FFFF are well-formed UTF-8 but not XML characters (XML 1.0 §2.2).
bool is_xml_noncharacter(std::string_view sequence) {
  return sequence == "\xEF\xBF\xBE" || sequence == "\xEF\xBF\xBF";
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&': out += "&amp;"; ++i; continue;
      case '<': out += "&lt;"; ++i; continue;
      case '>': out += "&gt;"; ++i; continue;
      case '"': out += "&quot;"; ++i; continue;
      case '\'': out += "&#39;"; ++i; continue;
      default: break;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      out += kReplacementCharacter;
      ++i;
      continue;
    }
    const Utf8Sequence sequence = scan_utf8(text, i);
    const std::string_view bytes = text.substr(i, sequence.length);
    if (sequence.valid && !is_xml_noncharacter(bytes)) {
      out.append(bytes);
    } else {
      out += kReplacementCharacter;
    }
    i += sequence.length;
  }
  return out;
}

std::string csv_quote(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_field(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
    std::string guarded(1, '\'');  // appended: GCC 12 warns falsely on "'" + string
    guarded += text;
    return csv_quote(guarded);
  }
  return csv_quote(text);
}

}  // namespace sitegraph

namespace sitegraph {

std::string markdown_cell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' || c == '>') {
      out += '\\';
    }
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

}  // namespace sitegraph
