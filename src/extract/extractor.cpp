// Link extraction with gumbo: one walk over the parsed tree, tracking the nearest
// landmark (header, nav, footer, aside, main) of every link.

#include <gumbo.h>

#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "extract/parse_arena.hpp"
#include "sitegraph/extract.hpp"

namespace sitegraph {
namespace {

void* arena_allocate(void* arena, std::size_t size) { return static_cast<ParseArena*>(arena)->allocate(size); }
void arena_free(void*, void*) {}  // released all at once by ParseArena::reset

// Resets the arena when a parse is done with it: the tree is never destroyed node by node.
struct ArenaReset {
  ParseArena& arena;
  ~ArenaReset() { arena.reset(); }
};

bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

const char* attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&element.attributes, name);
  return attr ? attr->value : nullptr;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Calls f on each whitespace-separated token of s.
template <typename F>
void for_each_token(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (is_space(s[i]) || s[i] == ',')) ++i;
    const std::size_t start = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != ',') ++i;
    if (i > start) f(s.substr(start, i - start));
  }
}

std::uint8_t rel_flags(const char* rel) {
  std::uint8_t flags = kRelNone;
  if (!rel) return flags;
  for_each_token(rel, [&](std::string_view token) {
    if (ieq(token, "nofollow")) flags |= kRelNofollow;
    if (ieq(token, "ugc")) flags |= kRelUgc;
    if (ieq(token, "sponsored")) flags |= kRelSponsored;
  });
  return flags;
}

// Landmark of an element itself (HTML5 element or ARIA role), or nullopt.
std::optional<Placement> landmark(const GumboElement& element) {
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
void append_collapsed(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
}

// The visible text of a link, and the alt text of its images for when it has no text.
void collect_anchor(const GumboNode& node, std::string& text, std::string& alt) {
  std::vector<const GumboNode*> stack{&node};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      append_collapsed(text, n->v.text.text);
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboElement& e = n->v.element;
      if (e.tag == GUMBO_TAG_IMG) {
        if (const char* a = attribute(e, "alt")) {
          if (!alt.empty()) alt.push_back(' ');
          append_collapsed(alt, a);
        }
      }
      if (e.tag == GUMBO_TAG_SCRIPT || e.tag == GUMBO_TAG_STYLE) continue;
      for (unsigned i = e.children.length; i > 0; --i) {
        stack.push_back(static_cast<const GumboNode*>(e.children.data[i - 1]));
      }
    }
  }
}

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  const auto first = s.find_first_not_of(' ');
  return first == std::string::npos ? std::string() : s.substr(first);
}

std::string anchor_text(const GumboNode& node) {
  std::string text;
  std::string alt;
  collect_anchor(node, text, alt);
  text = trim(std::move(text));
  if (!text.empty()) return text;
  alt = trim(std::move(alt));
  if (!alt.empty()) return alt;
  const GumboElement& e = node.v.element;
  for (const char* fallback : {"aria-label", "title"}) {
    if (const char* value = attribute(e, fallback)) {
      std::string out;
      append_collapsed(out, value);
      out = trim(std::move(out));
      if (!out.empty()) return out;
    }
  }
  return {};
}

class Walker {
 public:
  explicit Walker(ExtractedPage& page) : page_(page) {}

  void walk(const GumboNode* root) {
    std::vector<std::pair<const GumboNode*, Placement>> stack{{root, Placement::kContent}};
    while (!stack.empty()) {
      const auto [node, inherited] = stack.back();
      stack.pop_back();
      if (node->type != GUMBO_NODE_ELEMENT) continue;
      const GumboElement& e = node->v.element;
      const Placement placement = landmark(e).value_or(inherited);
      visit(*node, placement);
      for (unsigned i = e.children.length; i > 0; --i) {
        stack.emplace_back(static_cast<const GumboNode*>(e.children.data[i - 1]), placement);
      }
    }
  }

 private:
  void visit(const GumboNode& node, Placement placement) {
    const GumboElement& e = node.v.element;
    switch (e.tag) {
      case GUMBO_TAG_A:
      case GUMBO_TAG_AREA: add_link(node, placement); break;
      case GUMBO_TAG_LINK: add_canonical(e); break;
      case GUMBO_TAG_BASE:
        if (const char* href = attribute(e, "href"); href && page_.base_href.empty()) page_.base_href = href;
        break;
      case GUMBO_TAG_META: read_meta(e); break;
      case GUMBO_TAG_TITLE:
        if (page_.title.empty() && e.children.length > 0) {
          const auto* text = static_cast<const GumboNode*>(e.children.data[0]);
          if (text->type == GUMBO_NODE_TEXT) page_.title = trim([&] {
            std::string t;
            append_collapsed(t, text->v.text.text);
            return t;
          }());
        }
        break;
      default: break;
    }
  }

  void add_link(const GumboNode& node, Placement placement) {
    const GumboElement& e = node.v.element;
    const char* href = attribute(e, "href");
    if (!href) return;
    RawLink link;
    link.href = href;
    link.kind = e.tag == GUMBO_TAG_AREA ? LinkKind::kArea : LinkKind::kAnchor;
    link.rel = rel_flags(attribute(e, "rel"));
    link.placement = placement;
    link.line = e.start_pos.line;
    link.anchor = e.tag == GUMBO_TAG_AREA ? trim([&] {
      std::string t;
      if (const char* alt = attribute(e, "alt")) append_collapsed(t, alt);
      return t;
    }())
                                          : anchor_text(node);
    page_.links.push_back(std::move(link));
  }

  void add_canonical(const GumboElement& e) {
    const char* rel = attribute(e, "rel");
    const char* href = attribute(e, "href");
    if (!rel || !href) return;
    bool canonical = false;
    for_each_token(rel, [&](std::string_view token) { canonical = canonical || ieq(token, "canonical"); });
    if (!canonical) return;
    RawLink link;
    link.href = href;
    link.kind = LinkKind::kCanonical;
    link.placement = Placement::kHeader;
    link.line = e.start_pos.line;
    page_.links.push_back(std::move(link));
  }

  void read_meta(const GumboElement& e) {
    const char* name = attribute(e, "name");
    const char* content = attribute(e, "content");
    if (name && content && ieq(name, "robots")) apply_robots_directives(content, page_.noindex, page_.nofollow);
  }

  ExtractedPage& page_;
};

}  // namespace

std::string_view placement_name(Placement placement) {
  switch (placement) {
    case Placement::kContent: return "content";
    case Placement::kHeader: return "header";
    case Placement::kNav: return "nav";
    case Placement::kFooter: return "footer";
    case Placement::kAside: return "aside";
  }
  return "content";
}

std::string_view link_kind_name(LinkKind kind) {
  switch (kind) {
    case LinkKind::kAnchor: return "a";
    case LinkKind::kArea: return "area";
    case LinkKind::kCanonical: return "canonical";
    case LinkKind::kRedirect: return "redirect";
  }
  return "a";
}

void apply_robots_directives(std::string_view value, bool& noindex, bool& nofollow) {
  for_each_token(value, [&](std::string_view token) {
    // X-Robots-Tag may prefix a crawler name ("googlebot: noindex"); keep the directive.
    if (const auto colon = token.find(':'); colon != std::string_view::npos) token = token.substr(colon + 1);
    if (ieq(token, "noindex") || ieq(token, "none")) noindex = true;
    if (ieq(token, "nofollow") || ieq(token, "none")) nofollow = true;
  });
}

ExtractedPage extract_links(std::string_view html) {
  ExtractedPage page;
  thread_local ParseArena arena;
  const ArenaReset reset{arena};
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not needed; recording them costs time
  options.allocator = arena_allocate;
  options.deallocator = arena_free;
  options.userdata = &arena;
  const GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  if (!output) return page;
  Walker(page).walk(output->root);
  return page;
}

}  // namespace sitegraph
