#pragma once
// What the extract stage's walks know about HTML elements: landmarks, blocks, code, text
// whitespace. Internal to src/extract.

#include <gumbo.h>

#include <optional>
#include <string>
#include <string_view>

#include "sitegraph/graph.hpp"

namespace sitegraph {

inline bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

inline const char* attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&element.attributes, name);
  return attr ? attr->value : nullptr;
}

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Landmark of an element itself (HTML5 element or ARIA role), or nullopt.
inline std::optional<Placement> landmark(const GumboElement& element) {
  if (const char* role = attribute(element, "role")) {
    if (ieq(role, "banner")) return Placement::kHeader;
    if (ieq(role, "navigation")) return Placement::kNav;
    if (ieq(role, "contentinfo")) return Placement::kFooter;
    if (ieq(role, "complementary")) return Placement::kAside;
    if (ieq(role, "main")) return Placement::kContent;
  }
  switch (element.tag) {
    case GUMBO_TAG_HEADER: return Placement::kHeader;
    case GUMBO_TAG_NAV: return Placement::kNav;
    case GUMBO_TAG_FOOTER: return Placement::kFooter;
    case GUMBO_TAG_ASIDE: return Placement::kAside;
    case GUMBO_TAG_MAIN: return Placement::kContent;
    default: return std::nullopt;
  }
}

// Appends text to out, collapsing runs of whitespace into one space.
inline void append_collapsed(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
}

// Elements a browser lays out as blocks: what a link's surrounding block is (block_fingerprint).
inline bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_LI: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_FIGURE: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_BODY: case GUMBO_TAG_FORM: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: return true;
    default: return false;
  }
}

// Elements whose text is code: a link inside one (an example's <pre>), or holding only such
// text, names an identifier (basic_istream::read, the SQL keyword CONTINUE), never a generic
// "read more".
inline bool is_code_element(GumboTag tag) {
  return tag == GUMBO_TAG_CODE || tag == GUMBO_TAG_KBD || tag == GUMBO_TAG_SAMP || tag == GUMBO_TAG_TT || tag == GUMBO_TAG_VAR ||
         tag == GUMBO_TAG_PRE;
}

}  // namespace sitegraph
