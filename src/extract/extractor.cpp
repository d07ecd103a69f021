// Link extraction with gumbo: one walk over the parsed tree, tracking the nearest
// landmark (header, nav, footer, aside, main) of every link.

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

#include "extract/content_fingerprint.hpp"
#include "extract/html_elements.hpp"
#include "extract/term_sketch.hpp"
#include "extract/parse_arena.hpp"
#include "text/anchor_words.hpp"
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




// The visible text of a link, and the alt text of its images for when it has no text.
void collect_anchor(const GumboNode& node, std::string& text, std::string& alt) {
  std::vector<const GumboNode*> stack{&node};  // nullptr: the end of a block, a word break
  const auto word_break = [&text] {
    if (!text.empty() && text.back() != ' ') text.push_back(' ');
  };
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (!n) {
      word_break();
    } else if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
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
      if (n != &node && (e.tag == GUMBO_TAG_BR || is_block(e.tag))) {  // a line of its own: a word apart
        word_break();
        stack.push_back(nullptr);
      }
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

// A heading without the permalink sign documentation generators end it with ("Title¶",
// "Title #", "Title §").
std::string without_permalink(std::string s) {
  for (bool cut = true; cut;) {
    cut = false;
    while (!s.empty() && is_space(s.back())) s.pop_back();
    for (const std::string_view sign : {"\u00b6", " #", "\u00a7", "\U0001f517"}) {  // " #": C# keeps its sign
      if (s.size() >= sign.size() && s.compare(s.size() - sign.size(), sign.size(), sign) == 0) {
        s.erase(s.size() - sign.size());
        cut = true;
      }
    }
  }
  return s;
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

bool has_token(const char* list, std::string_view wanted) {
  bool found = false;
  if (list) for_each_token(list, [&](std::string_view token) { found = found || ieq(token, wanted); });
  return found;
}


// Whether every non-blank text of `node` is inside a code element (<a><code>read</code></a>).
bool text_is_code(const GumboNode& node) {
  bool any = false;
  std::vector<std::pair<const GumboNode*, bool>> stack{{&node, false}};
  while (!stack.empty()) {
    const auto [n, in_code] = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      if (!in_code) return false;
      any = true;
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      const bool code = in_code || is_code_element(n->v.element.tag);
      for (unsigned i = 0; i < n->v.element.children.length; ++i) {
        stack.emplace_back(static_cast<const GumboNode*>(n->v.element.children.data[i]), code);
      }
    }
  }
  return any;
}

// rel values that say where a link leads in a sequence or hierarchy (HTML's prev/next, and
// up/first/last/index/contents/start that DocBook and older generators write).
bool navigational_rel(const char* rel) {
  bool found = false;
  if (rel) {
    for_each_token(rel, [&](std::string_view token) {
      for (const std::string_view nav : {"prev", "previous", "next", "up", "first", "last", "index", "contents", "start", "home"}) {
        found = found || ieq(token, nav);
      }
    });
  }
  return found;
}

class Walker {
 public:
  Walker(ExtractedPage& page, std::string_view agent, std::string* main_text = nullptr)
      : page_(page), agent_(agent), main_text_(main_text) {}

  void walk(const GumboNode* root) {
    std::vector<Frame> stack{{root, Placement::kContent, false, false, true, false, false, false, kNoBlock}};
    while (!stack.empty()) {
      const Frame frame = stack.back();
      stack.pop_back();
      const GumboNode* node = frame.node;
      if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
        if (frame.in_heading && frame.content_text && page_.heading.size() < kMaxHeading) {
          append_collapsed(page_.heading, node->v.text.text);
          if (page_.heading.size() > kMaxHeading) {  // cut on a character boundary
            std::size_t cut = kMaxHeading;
            while (cut > 0 && (static_cast<unsigned char>(page_.heading[cut]) & 0xC0) == 0x80) --cut;
            page_.heading.resize(cut);
          }
        }
        if (frame.content_text && frame.placement == Placement::kContent) add_text_run(frame, node->v.text.text);
        continue;
      }
      if (node->type != GUMBO_NODE_ELEMENT) continue;
      const GumboElement& e = node->v.element;
      const Placement placement = landmark(e).value_or(frame.placement);
      visit(*node, placement, frame.in_code);
      Frame child = frame;
      child.placement = placement;
      child.in_code = frame.in_code || is_code_element(e.tag);
      child.in_pre = frame.in_pre || e.tag == GUMBO_TAG_PRE;
      child.content_text = frame.content_text && !hides_text(e.tag);
      child.in_link = frame.in_link || (e.tag == GUMBO_TAG_A && attribute(e, "href"));
      if (e.tag == GUMBO_TAG_H1 && !saw_h1_) {  // the first heading names the page, wherever it sits
        child.in_heading = true;
        saw_h1_ = true;
      }
      if (!frame.in_main && is_main(e)) {
        child.in_main = true;
        saw_main_ = true;
      }
      if (is_block(e.tag)) {
        child.block = static_cast<std::uint32_t>(blocks_.size());
        blocks_.push_back({0, 0, frame.block});
      }
      for (unsigned i = e.children.length; i > 0; --i) {
        child.node = static_cast<const GumboNode*>(e.children.data[i - 1]);
        stack.push_back(child);
      }
    }
    fingerprint_content();
  }

 private:
  static constexpr std::uint32_t kNoBlock = 0xFFFFFFFFu;

  struct Frame {
    const GumboNode* node;
    Placement placement;
    bool in_code;       // an ancestor is <code>, <kbd>, ...
    bool in_pre;        // an ancestor is <pre>: a code example
    bool content_text;  // text here is the page's to read: not in <head>, <script>, <style>, ...
    bool in_link;       // an ancestor is <a href>
    bool in_main;       // an ancestor is <main> or role=main
    bool in_heading;    // an ancestor is the page's first <h1>
    std::uint32_t block;  // the nearest block element's index in blocks_, or kNoBlock
  };

  // The text of a block (its own while the walk runs; with the blocks inside it once
  // fingerprint_content has summed them), in bytes: all of it, and inside links.
  struct BlockText {
    std::uint32_t bytes = 0;
    std::uint32_t link_bytes = 0;
    std::uint32_t parent = kNoBlock;  // the enclosing block; blocks come after their parents
  };
  struct TextRun {
    const char* text;
    std::uint32_t block;
    bool in_main;
    bool in_pre;
  };

  static bool is_main(const GumboElement& e) {
    if (e.tag == GUMBO_TAG_MAIN) return true;
    const char* role = attribute(e, "role");
    return role && ieq(role, "main");
  }

  void add_text_run(const Frame& frame, const char* text) {
    const auto bytes = static_cast<std::uint32_t>(std::strlen(text));
    if (frame.block != kNoBlock) {  // the enclosing blocks get it in fingerprint_content, once per block
      blocks_[frame.block].bytes += bytes;
      if (frame.in_link) blocks_[frame.block].link_bytes += bytes;
    }
    runs_.push_back({text, frame.block, frame.in_main, frame.in_pre});
  }

  // The page's content, fingerprinted: all its content text for the exact hash; for the
  // SimHash, the text inside <main> when there is one, less the blocks that are mostly link
  // text, counting the blocks inside them (at least half: menus, breadcrumbs, a sidebar's
  // tables of links with their headings, "See also" rows). Those are a site's navigation
  // wherever its markup puts them, the same on many pages, and would make pages alike that
  // are not; a page that is all links has no main text at all.
  void fingerprint_content() {
    // Each block's text so far is its own; a child comes after its parent, so adding them in
    // reverse order gives every block its whole subtree's text.
    for (std::size_t b = blocks_.size(); b-- > 0;) {
      const std::uint32_t parent = blocks_[b].parent;
      if (parent == kNoBlock) continue;
      blocks_[parent].bytes += blocks_[b].bytes;
      blocks_[parent].link_bytes += blocks_[b].link_bytes;
    }
    std::vector<bool> link_list(blocks_.size());
    for (std::size_t b = 0; b < blocks_.size(); ++b) {
      const BlockText& block = blocks_[b];
      link_list[b] = (block.parent != kNoBlock && link_list[block.parent]) || (block.bytes > 0 && 2 * block.link_bytes >= block.bytes);
    }
    for (const TextRun& run : runs_) {
      const bool in_list = run.block != kNoBlock && link_list[run.block];
      const bool main = !in_list && (run.in_main || !saw_main_);
      content_.add_text(run.text, main);
      if (main && !run.in_pre) terms_.add(run.text, 1);  // a code example's keywords say little of its page
      if (main && main_text_) {
        append_collapsed(*main_text_, run.text);
        main_text_->push_back(' ');
      }
    }
    page_.content = content_.finish(description_);
    page_.heading = trim(without_permalink(std::move(page_.heading)));
    terms_.add(page_.title, kNameWeight);
    terms_.add(page_.heading, kNameWeight);
    page_.terms = terms_.finish();
  }

  // Elements whose text is not the page's content as a reader sees it.
  static bool hides_text(GumboTag tag) {
    switch (tag) {
      case GUMBO_TAG_HEAD:
      case GUMBO_TAG_TITLE:
      case GUMBO_TAG_SCRIPT:
      case GUMBO_TAG_STYLE:
      case GUMBO_TAG_NOSCRIPT:
      case GUMBO_TAG_TEMPLATE:
      case GUMBO_TAG_TEXTAREA:
      case GUMBO_TAG_SELECT: return true;
      default: return false;
    }
  }

  // The block a link sits in: the nearest block-level ancestor's text and the tags and classes
  // leading to it, hashed (FNV-1a). A footer "Part of the git(1) suite" or a menu item is the
  // same on every page; a paragraph "See git(1) for details" is not, so its link is never taken
  // for template however often another block links the same page with the same words.
  std::uint32_t block_fingerprint(const GumboNode& link) {
    const GumboNode* block = link.parent;
    while (block && block->type == GUMBO_NODE_ELEMENT && !is_block(block->v.element.tag)) block = block->parent;
    if (!block || block->type != GUMBO_NODE_ELEMENT) return 1;
    std::uint32_t hash = 0x811c9dc5u;
    const auto mix = [&hash](std::string_view bytes) {
      for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    };
    // Up to <body>, not including it: a body's class often names the page (MediaWiki's
    // "page-cpp_utility_program", WordPress's "postid-123").
    for (const GumboNode* n = block; n && n->type == GUMBO_NODE_ELEMENT && n->v.element.tag != GUMBO_TAG_BODY; n = n->parent) {
      mix(gumbo_normalized_tagname(n->v.element.tag));
      if (const char* cls = attribute(n->v.element, "class")) mix(cls);
      mix("/");
    }
    const auto [cached, added] = block_text_hashes_.try_emplace(block, 0);
    if (added) {
      std::string text;
      std::string alt;
      collect_anchor(*block, text, alt);
      std::uint32_t h = 0x811c9dc5u;
      for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
      cached->second = h;
    }
    hash = (hash ^ cached->second) * 16777619u;
    return hash == 0 ? 1 : hash;
  }

  void visit(const GumboNode& node, Placement placement, bool in_code) {
    const GumboElement& e = node.v.element;
    add_fragment_ids(e);
    if (const char* style = attribute(e, "style"); style && *style) add_css(style, e.start_pos.line, placement, false);
    switch (e.tag) {
      case GUMBO_TAG_A:
      case GUMBO_TAG_AREA: add_link(node, placement, in_code); break;
      case GUMBO_TAG_LINK: add_link_element(e); break;
      case GUMBO_TAG_IFRAME: add_url(e, "src", LinkKind::kIframe, placement, {}); break;
      case GUMBO_TAG_SCRIPT: add_url(e, "src", LinkKind::kScript, placement, {}); break;
      case GUMBO_TAG_IMG: add_image(e, placement); break;
      case GUMBO_TAG_SOURCE:
        add_url(e, "src", LinkKind::kMedia, placement, {});
        add_srcset(e, LinkKind::kMedia, placement, {});
        break;
      case GUMBO_TAG_VIDEO:
        add_url(e, "src", LinkKind::kMedia, placement, {});
        add_url(e, "poster", LinkKind::kMedia, placement, {});
        break;
      case GUMBO_TAG_AUDIO: add_url(e, "src", LinkKind::kMedia, placement, {}); break;
      case GUMBO_TAG_STYLE:
        for (unsigned i = 0; i < e.children.length; ++i) {
          const auto* text = static_cast<const GumboNode*>(e.children.data[i]);
          if (text->type == GUMBO_NODE_TEXT || text->type == GUMBO_NODE_WHITESPACE || text->type == GUMBO_NODE_CDATA) {
            add_css(text->v.text.text, text->v.text.start_pos.line, placement, true);
          }
        }
        break;
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

  // What a fragment can point at: any element's id, and an <a name> (WHATWG HTML §7.4.6.3).
  void add_fragment_ids(const GumboElement& e) {
    if (const char* id = attribute(e, "id"); id && *id) page_.fragment_ids.push_back(fragment_hash(id));
    if (e.tag != GUMBO_TAG_A) return;
    if (const char* name = attribute(e, "name"); name && *name) page_.fragment_ids.push_back(fragment_hash(name));
  }

  void add_link(const GumboNode& node, Placement placement, bool in_code) {
    const GumboElement& e = node.v.element;
    const char* href = attribute(e, "href");
    if (!href) return;
    RawLink link;
    link.href = href;
    link.kind = e.tag == GUMBO_TAG_AREA ? LinkKind::kArea : LinkKind::kAnchor;
    link.rel = rel_flags(attribute(e, "rel"));
    link.placement = placement;
    link.line = e.start_pos.line;
    link.block = block_fingerprint(node);
    link.anchor = e.tag == GUMBO_TAG_AREA ? trim([&] {
      std::string t;
      if (const char* alt = attribute(e, "alt")) append_collapsed(t, alt);
      return t;
    }())
                                          : anchor_text(node);
    link.code = e.tag == GUMBO_TAG_A && (in_code || text_is_code(node));
    // Prev / Up / Home / Next in a plain div or table (DocBook, Javadoc) is navigation: it names
    // a position, not its target, whatever the markup around it.
    if (link.placement == Placement::kContent && (navigational_rel(attribute(e, "rel")) || attribute(e, "accesskey") ||
                                                  positional_anchor(link.anchor))) {
      link.placement = Placement::kNav;
    }
    page_.links.push_back(std::move(link));
  }

  void push(std::string href, LinkKind kind, Placement placement, std::string anchor, std::uint32_t line) {
    RawLink link;
    link.href = std::move(href);
    link.kind = kind;
    link.placement = placement;
    link.anchor = std::move(anchor);
    link.line = line;
    page_.links.push_back(std::move(link));
  }

  void add_url(const GumboElement& e, const char* attr, LinkKind kind, Placement placement, std::string anchor) {
    if (const char* value = attribute(e, attr); value && *value) push(value, kind, placement, std::move(anchor), e.start_pos.line);
  }

  void add_srcset(const GumboElement& e, LinkKind kind, Placement placement, const std::string& anchor) {
    const char* srcset = attribute(e, "srcset");
    if (!srcset) return;
    for (std::string& url : srcset_urls(srcset)) push(std::move(url), kind, placement, anchor, e.start_pos.line);
  }

  void add_image(const GumboElement& e, Placement placement) {
    std::string alt;
    if (const char* a = attribute(e, "alt")) alt = trim([&] {
      std::string t;
      append_collapsed(t, a);
      return t;
    }());
    add_url(e, "src", LinkKind::kImage, placement, alt);
    add_srcset(e, LinkKind::kImage, placement, alt);
  }

  // url(...) in a style attribute or a <style> element, and a <style>'s @import rules; `line`
  // is where the CSS text starts.
  void add_css(std::string_view css, std::uint32_t line, Placement placement, bool imports) {
    for (CssReference& ref : css_references(css)) {
      if (ref.import && !imports) continue;  // @import only means something in a style sheet
      push(std::move(ref.url), ref.import ? LinkKind::kStylesheet : LinkKind::kCssUrl, placement, {}, line + ref.line);
    }
  }

  // <link>: canonical, hreflang alternates, next/prev, stylesheets, icons (WHATWG HTML §4.6.7).
  void add_link_element(const GumboElement& e) {
    const char* rel = attribute(e, "rel");
    const char* href = attribute(e, "href");
    if (!rel || !href) return;
    const std::uint32_t line = e.start_pos.line;
    if (has_token(rel, "canonical")) push(href, LinkKind::kCanonical, Placement::kHeader, {}, line);
    if (has_token(rel, "alternate")) {
      if (const char* lang = attribute(e, "hreflang")) push(href, LinkKind::kAlternate, Placement::kHeader, lang, line);
    }
    if (has_token(rel, "next")) push(href, LinkKind::kNext, Placement::kHeader, {}, line);
    if (has_token(rel, "prev") || has_token(rel, "previous")) push(href, LinkKind::kPrev, Placement::kHeader, {}, line);
    if (has_token(rel, "stylesheet")) push(href, LinkKind::kStylesheet, Placement::kHeader, {}, line);
    // "icon" also matches "shortcut icon"; the others are the common vendor icons.
    if (has_token(rel, "icon") || has_token(rel, "apple-touch-icon") || has_token(rel, "apple-touch-icon-precomposed") ||
        has_token(rel, "mask-icon") || has_token(rel, "manifest")) {
      push(href, LinkKind::kIcon, Placement::kHeader, {}, line);
    }
  }

  void read_meta(const GumboElement& e) {
    const char* content = attribute(e, "content");
    if (!content) return;
    if (const char* name = attribute(e, "name")) {
      if (ieq(name, "description") && description_.empty()) description_ = content;
      // <meta name=robots> applies to all crawlers, <meta name=googlebot> to that one.
      if (ieq(name, "robots") || (!agent_.empty() && ieq(name, agent_))) {
        apply_robots_directives(content, page_.noindex, page_.nofollow);
      }
    }
    if (const char* equiv = attribute(e, "http-equiv"); equiv && ieq(equiv, "refresh")) {
      if (std::string url = refresh_url(content); !url.empty()) {
        push(std::move(url), LinkKind::kRefresh, Placement::kHeader, {}, e.start_pos.line);
      }
    }
  }

  ExtractedPage& page_;
  std::string_view agent_;
  ContentHasher content_;
  TermCounter terms_;
  bool saw_h1_ = false;
  static constexpr std::size_t kMaxHeading = 200;  // bytes kept of the first heading
  static constexpr std::uint32_t kNameWeight = 3;   // a title or heading word counts as three of the text
  std::string* main_text_;  // main_text(): where the main text goes
  std::vector<BlockText> blocks_;  // per block element met, in document order
  std::vector<TextRun> runs_;      // content text nodes, in document order
  bool saw_main_ = false;          // the page has a <main> or role=main
  std::string_view description_;  // the first <meta name=description>, alive as long as the tree
  std::unordered_map<const GumboNode*, std::uint32_t> block_text_hashes_;  // block_fingerprint, per block
};

}  // namespace

namespace {
ExtractedPage extract_page(std::string_view html, std::string_view agent, std::string* main_text);
}  // namespace

std::uint32_t fragment_hash(std::string_view id) {
  std::uint32_t h = 2166136261u;  // FNV-1a, 32 bits
  for (const char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

std::string rel_names(std::uint8_t rel) {
  std::string out;
  for (const auto& [flag, name] : {std::pair{kRelNofollow, "nofollow"}, std::pair{kRelUgc, "ugc"}, std::pair{kRelSponsored, "sponsored"}}) {
    if (rel & flag) out += out.empty() ? name : std::string(" ") + name;
  }
  return out;
}

std::string_view placement_name(Placement placement) {
  switch (placement) {
    case Placement::kContent: return "content";
    case Placement::kHeader: return "header";
    case Placement::kNav: return "nav";
    case Placement::kFooter: return "footer";
    case Placement::kAside: return "aside";
    case Placement::kTemplate: return "template";
  }
  return "content";
}

std::string_view link_kind_name(LinkKind kind) {
  switch (kind) {
    case LinkKind::kAnchor: return "a";
    case LinkKind::kArea: return "area";
    case LinkKind::kCanonical: return "canonical";
    case LinkKind::kRedirect: return "redirect";
    case LinkKind::kAlternate: return "alternate";
    case LinkKind::kNext: return "next";
    case LinkKind::kPrev: return "prev";
    case LinkKind::kRefresh: return "refresh";
    case LinkKind::kIframe: return "iframe";
    case LinkKind::kImage: return "img";
    case LinkKind::kScript: return "script";
    case LinkKind::kStylesheet: return "stylesheet";
    case LinkKind::kMedia: return "media";
    case LinkKind::kIcon: return "icon";
    case LinkKind::kCssUrl: return "css-url";
  }
  return "a";
}

std::vector<std::string> srcset_urls(std::string_view s) {
  std::vector<std::string> urls;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (is_space(s[i]) || s[i] == ',')) ++i;
    const std::size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    std::string_view url = s.substr(start, i - start);
    // A URL ending in commas ends the candidate; otherwise descriptors follow up to a comma
    // that is not inside parentheses.
    bool ended = false;
    while (!url.empty() && url.back() == ',') {
      url.remove_suffix(1);
      ended = true;
    }
    if (!url.empty()) urls.emplace_back(url);
    if (ended) continue;
    int depth = 0;
    while (i < s.size() && (s[i] != ',' || depth > 0)) {
      depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
      ++i;
    }
  }
  return urls;
}

std::string refresh_url(std::string_view content) {
  // WHATWG HTML §4.2.5.3 "shared declarative refresh steps", simplified.
  std::size_t i = content.find_first_of(";,");
  if (i == std::string_view::npos) return {};
  ++i;
  while (i < content.size() && is_space(content[i])) ++i;
  if (content.size() - i >= 3 && ieq(content.substr(i, 3), "url")) {
    std::size_t j = i + 3;
    while (j < content.size() && is_space(content[j])) ++j;
    if (j < content.size() && content[j] == '=') {
      i = j + 1;
      while (i < content.size() && is_space(content[i])) ++i;
    }
  }
  std::string_view url = content.substr(i);
  if (!url.empty() && (url.front() == '"' || url.front() == '\'')) {
    const char quote = url.front();
    url.remove_prefix(1);
    url = url.substr(0, url.find(quote));
  }
  while (!url.empty() && is_space(url.back())) url.remove_suffix(1);
  return std::string(url);
}

namespace {

// A parameter's value in a Link header entry's parameters ("; rel=\"canonical\"; hreflang=de"),
// unquoted; empty when the entry has none.
std::string_view link_param(std::string_view params, std::string_view name) {
  std::size_t at = 0;
  while ((at = params.find(';', at)) != std::string_view::npos) {
    ++at;
    while (at < params.size() && is_space(params[at])) ++at;
    const std::size_t eq = params.find('=', at);
    if (eq == std::string_view::npos) return {};
    std::string_view key = params.substr(at, eq - at);
    while (!key.empty() && is_space(key.back())) key.remove_suffix(1);
    std::string_view value = params.substr(eq + 1);
    while (!value.empty() && is_space(value.front())) value.remove_prefix(1);
    if (!value.empty() && value.front() == '"') {
      value = value.substr(1, value.find('"', 1) == std::string_view::npos ? std::string_view::npos : value.find('"', 1) - 1);
    } else {
      value = value.substr(0, value.find(';'));
      while (!value.empty() && is_space(value.back())) value.remove_suffix(1);
    }
    if (ieq(key, name)) return value;
    at = eq;
  }
  return {};
}

}  // namespace

std::vector<LinkHeaderEntry> parse_link_header(std::string_view value) {
  // Link: <https://example.com/a>; rel="canonical", <https://example.com/de/>; rel=alternate; hreflang=de
  std::vector<LinkHeaderEntry> out;
  std::size_t i = 0;
  while ((i = value.find('<', i)) != std::string_view::npos) {
    const std::size_t close = value.find('>', i);
    if (close == std::string_view::npos) break;
    const std::string_view target = value.substr(i + 1, close - i - 1);
    // The parameters run to the next entry: a ',' outside quotes.
    std::size_t end = close + 1;
    for (bool quoted = false; end < value.size() && (quoted || value[end] != ','); ++end) {
      if (value[end] == '"') quoted = !quoted;
    }
    const std::string_view params = value.substr(close + 1, end - close - 1);
    LinkHeaderEntry entry{std::string(target), {}, std::string(link_param(params, "hreflang"))};
    for_each_token(link_param(params, "rel"), [&](std::string_view t) {
      std::string rel(t);
      for (char& c : rel) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      entry.rels.push_back(std::move(rel));
    });
    out.push_back(std::move(entry));
    i = end;
  }
  return out;
}

std::string canonical_from_link_header(std::string_view value) {
  for (const LinkHeaderEntry& e : parse_link_header(value)) {
    if (std::find(e.rels.begin(), e.rels.end(), "canonical") != e.rels.end()) return e.url;
  }
  return {};
}

void apply_x_robots_tag(std::string_view value, std::string_view agent, bool& noindex, bool& nofollow) {
  // Directives whose own value follows a colon; anything else before a colon names a crawler.
  static constexpr std::string_view kValued[] = {"unavailable_after", "max-snippet", "max-image-preview",
                                                 "max-video-preview"};
  std::string_view applies_to;  // empty: every crawler
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    std::string_view part = value.substr(0, comma);
    value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
    while (!part.empty() && is_space(part.front())) part.remove_prefix(1);
    if (const std::size_t colon = part.find(':'); colon != std::string_view::npos) {
      std::string_view name = part.substr(0, colon);
      while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
      const bool valued = std::any_of(std::begin(kValued), std::end(kValued), [&](std::string_view v) { return ieq(v, name); });
      if (!valued) {
        applies_to = name;
        part = part.substr(colon + 1);
      }
    }
    if (applies_to.empty() || (!agent.empty() && ieq(applies_to, agent))) apply_robots_directives(part, noindex, nofollow);
  }
}

void apply_robots_directives(std::string_view value, bool& noindex, bool& nofollow) {
  for_each_token(value, [&](std::string_view token) {
    if (ieq(token, "noindex") || ieq(token, "none")) noindex = true;
    if (ieq(token, "nofollow") || ieq(token, "none")) nofollow = true;
  });
}

ExtractedPage extract_links(std::string_view html, std::string_view agent) { return extract_page(html, agent, nullptr); }

std::string main_text(std::string_view html) {
  std::string runs;
  extract_page(html, {}, &runs);
  std::string text;
  append_collapsed(text, runs);
  return trim(std::move(text));
}

namespace {
ExtractedPage extract_page(std::string_view html, std::string_view agent, std::string* main_text) {
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
  Walker(page, agent, main_text).walk(output->root);
  return page;
}
}  // namespace

}  // namespace sitegraph
