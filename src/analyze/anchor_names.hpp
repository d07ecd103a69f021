#pragma once
// What an anchor's words name: the text as people read it, generic and positional words, and
// whether it is its target's own name (file, title, section, code member). Internal to
// src/analyze: the anchor rules read links this way.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "sitegraph/graph.hpp"

namespace sitegraph {

/// The anchor as people read it: ASCII lowercase, runs of spaces collapsed, trailing
/// punctuation and arrows dropped.
std::string plain_anchor(std::string_view anchor);
/// "click here", "read more", ...: a plain anchor that says nothing about its target.
bool is_generic_anchor(std::string_view plain);
/// Navigation words and arrows (text/anchor_words.hpp) and page numbers: a position, not a topic.
bool names_position(std::string_view plain);
/// The last segment of a URL's path, without extension, lower-case, '-' and '_' as spaces.
std::string url_slug(std::string_view url);
/// The last word of a fragment, lower-case: "continue" for #ast.Continue.
std::string fragment_name(std::string_view fragment);
/// The words of a name as names_target compares them (identifiers whole, qualifiers and
/// plurals dropped, joining words left out).
std::set<std::string> name_words(std::string_view text);
/// Whether a plain anchor names the section `fragment` points at.
bool fragment_named(std::string_view fragment, const std::string& text);
/// Whether a plain anchor is `target`'s own name: its file name, or words of its title.
bool names_target(const SiteGraph& g, UrlId target, const std::string& text);
/// An aside in brackets, the whole text in (...) or [...] ("(constructor)", "[edit]", "(PDF)"):
/// it labels the link, and names no topic.
bool is_aside(std::string_view plain);
/// Text that can only be a name in code ("rand_max", "std::swap", "operator()").
bool code_token(std::string_view text);
/// How a page's title names a plain anchor in code.
enum class CodeName : std::uint8_t {
  kNone,
  kWhole,   ///< the whole title, or one name of a list of names: "setbuf", "nan, nanf, nanl"
  kMember,  ///< a member of something: "std::optional<T>::swap", "std::setbuf"
};
CodeName code_name(const SiteGraph& g, UrlId target, const std::string& text);

}  // namespace sitegraph
