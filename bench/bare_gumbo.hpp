#pragma once
// The baseline the extractor is measured against: a bare gumbo parse (default allocator), a
// walk counting <a href>, and gumbo_destroy_output. Shared by parse_rate and extract_bench.
#include <gumbo.h>

#include <string_view>
#include <vector>

inline std::size_t bare_gumbo_links(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* out = gumbo_parse_with_options(&options, html.data(), html.size());
  std::size_t links = 0;
  std::vector<const GumboNode*> stack{out->root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    if (n->v.element.tag == GUMBO_TAG_A && gumbo_get_attribute(&n->v.element.attributes, "href")) ++links;
    for (unsigned i = 0; i < n->v.element.children.length; ++i) {
      stack.push_back(static_cast<const GumboNode*>(n->v.element.children.data[i]));
    }
  }
  gumbo_destroy_output(&options, out);
  return links;
}
