// What an anchor's words name (anchor_names.hpp).

#include "analyze/anchor_names.hpp"

#include <algorithm>
#include <cctype>

#include "text/anchor_words.hpp"

namespace sitegraph {
namespace {

// A page's title as an anchor reads (plain_anchor), up to the site's name: the part before
// " - ", " | " or a dash ("std::gamma_distribution" of "std::gamma_distribution - cppreference.com").
std::string title_main(const SiteGraph& g, UrlId page) {
  std::string title = plain_anchor(g.text(page).title);
  for (const std::string_view separator : {" - ", " | ", " \xE2\x80\x94 ", " \xE2\x80\x93 "}) {
    if (const auto at = title.find(separator); at != std::string::npos && at > 0) title.resize(at);
  }
  return title;
}

}  // namespace

// The anchor as people read it: ASCII lowercase, runs of spaces collapsed, trailing
// punctuation and arrows dropped.
std::string plain_anchor(std::string_view anchor) {
  std::string out;
  for (const char c : anchor) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  for (bool trimmed = true; trimmed && !out.empty();) {
    trimmed = false;
    for (const std::string_view tail : {".", ":", "!", "?", " ", ">", "\xC2\xBB", "\xE2\x80\xBA", "\xE2\x80\xA6", "\xE2\x86\x92"}) {
      if (out.size() >= tail.size() && out.compare(out.size() - tail.size(), tail.size(), tail) == 0) {
        out.resize(out.size() - tail.size());
        trimmed = true;
      }
    }
  }
  return out;
}

bool is_generic_anchor(std::string_view plain) {
  static const std::set<std::string, std::less<>> kGeneric = {
      "click here", "here", "read more", "more", "learn more", "this", "link", "this link", "continue",
      "continue reading", "details", "more info", "more information", "go", "see more", "find out more",
      "click", "read", "view", "view more", "info", "page", "website", "this page", "full story"};
  return kGeneric.count(plain) != 0;
}

// Anchors that name a position, not a topic: navigation words and arrows (anchor_words.hpp),
// page numbers.
bool names_position(std::string_view plain) {
  return positional_anchor(plain) || plain.find_first_not_of("0123456789 ") == std::string_view::npos;
}

// The last segment of a URL's path, without extension, lower-case, '-' and '_' as spaces:
// "continue" for .../keyword/continue.html. An anchor that reads as its target's name is
// descriptive even when the word is generic elsewhere (a language keyword `continue`, `this`).
std::string url_slug(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  std::string_view name = url.substr(url.rfind('/') + 1);
  if (const auto dot = name.find('.'); dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  std::string slug;
  for (const char c : name) slug += c == '-' || c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return slug;
}

// The last word of a fragment, lower-case: "continue" for #continue and #ast.Continue. A link
// whose generic-looking text is the name of the section it points at is descriptive.
std::string fragment_name(std::string_view fragment) {
  const auto cut = fragment.find_last_of(".:/-_ ");
  std::string name(cut == std::string_view::npos ? fragment : fragment.substr(cut + 1));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

// Whether `text` (a plain anchor) names the section `fragment` points at: its last word
// ("continue" for #ast.Continue), or all its words ("basic tutorial" for #basic-tutorial), or
// its last words ("stable abi" for #c-api-stable-abi), or its words in another number
// (Sphinx's glossary: "file objects" for #term-file-object).
bool fragment_named(std::string_view fragment, const std::string& text) {
  if (fragment_name(fragment) == text) return true;
  std::string words;
  for (const char c : fragment) {
    const bool separator = c == '-' || c == '_' || c == '.' || c == ':' || c == ' ';
    words += separator ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (words == text || (words.size() > text.size() && words.ends_with(text) && words[words.size() - text.size() - 1] == ' ')) {
    return true;
  }
  const std::set<std::string> anchor_words = name_words(text);
  const std::set<std::string> section_words = name_words(words);
  return !anchor_words.empty() && std::includes(section_words.begin(), section_words.end(), anchor_words.begin(), anchor_words.end());
}

// The words of a name as compared by names_target: split at spaces and punctuation other than
// '_' (which joins an identifier), qualifiers before "::" dropped, a plural's "s" dropped,
// and the words that join others ("and", "of", "the", ...) left out.
std::set<std::string> name_words(std::string_view text) {
  static const std::set<std::string, std::less<>> kJoining = {"a", "an", "and", "of", "or", "the", "to", "in", "for", "with", "on"};
  std::set<std::string> words;
  std::string w;
  const auto flush = [&] {
    if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.pop_back();
    if (!w.empty() && !kJoining.count(w)) words.insert(w);
    w.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ':' && i + 1 < text.size() && text[i + 1] == ':') {  // std::string -> string
      w.clear();
      ++i;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80)) {
      w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

// True when `text` (a plain anchor) is the target's own name: its file name, or words of its
// title's main part (before " - " or " | ") between non-word characters, as "gamma_distribution"
// in "std::gamma_distribution - cppreference.com". Linking a page by its name every time is
// what a reference should do, not over-optimisation.
bool names_target(const SiteGraph& g, UrlId target, const std::string& text) {
  const std::string slug = url_slug(g.url(target));
  if (text == slug) return true;
  // One token holding the target's name: an identifier, or several run together by markup a
  // browser shows as lines (cppreference's "wcstof wcstod wcstold" for wcstof.html, read as
  // "wcstofwcstodwcstold"), or qualified ("map::rbegin").
  const auto squeeze = [](std::string_view s) {
    std::string out;
    for (const char c : s) {
      if (c != ' ' && c != '_' && c != '-') out.push_back(c);
    }
    return out;
  };
  if (const std::string name = squeeze(slug); name.size() >= 3 && text.find(' ') == std::string::npos &&
                                              squeeze(text).find(name) != std::string::npos) {
    return true;
  }
  const std::string title = title_main(g, target);
  const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); };
  for (auto at = title.find(text); !text.empty() && at != std::string::npos; at = title.find(text, at + 1)) {
    const bool starts = at == 0 || !word(title[at - 1]);
    const bool ends = at + text.size() == title.size() || !word(title[at + text.size()]);
    if (starts && ends) return true;
  }
  // The title's words in another order or number: "variable templates" for "Variable template",
  // "increment and decrement" for "Increment/decrement operators", "program utilities" for
  // "Program support utilities". Identifiers stay whole ("distribution" is not a word of
  // "gamma_distribution"); "std::" and other qualifiers are dropped.
  const std::set<std::string> title_words = name_words(title);
  const std::set<std::string> anchor_words = name_words(text);
  return !anchor_words.empty() && std::includes(title_words.begin(), title_words.end(), anchor_words.begin(), anchor_words.end());
}

bool is_aside(std::string_view plain) {
  return plain.size() > 2 && ((plain.front() == '(' && plain.back() == ')') || (plain.front() == '[' && plain.back() == ']'));
}

// Text that can only be a name in code: one token holding '_', "::" or "()", or an operator
// ("rand_max", "std::swap", "operator()", "operator==operator!="). Several classes of a library
// share such a name by design; it names a member, not a topic.
bool code_token(std::string_view text) {
  if (text.empty() || text.find(' ') != std::string_view::npos) return false;
  if (text.find('_') != std::string_view::npos || text.find("::") != std::string_view::npos || text.find("()") != std::string_view::npos) {
    return true;
  }
  return text.size() > 8 && text.starts_with("operator") && !std::isalpha(static_cast<unsigned char>(text[8]));
}

// How `target`'s title names `text` in code: as a member of something, the title's main part
// holding it right after "::" or "." and ending there or at a non-word character
// ("std::optional<T>::swap - cppreference.com" for "swap"), as a reference names its entries;
// or as the whole title or one name of a title that lists names ("setbuf", "nan, nanf, nanl":
// a C function's page).
CodeName code_name(const SiteGraph& g, UrlId target, const std::string& text) {
  if (text.empty()) return CodeName::kNone;
  const std::string title = title_main(g, target);
  const std::string_view main = title;
  for (const std::string_view qualifier : {"::", "."}) {
    const std::string needle = std::string(qualifier) + text;
    for (auto at = main.find(needle); at != std::string_view::npos; at = main.find(needle, at + 1)) {
      const std::size_t end = at + needle.size();
      if (end == main.size() || !(std::isalnum(static_cast<unsigned char>(main[end])) || main[end] == '_')) return CodeName::kMember;
    }
  }
  for (std::size_t from = 0; from <= main.size();) {
    const std::size_t comma = std::min(main.find(',', from), main.size());
    std::string_view name = main.substr(from, comma - from);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name == text) return CodeName::kWhole;
    from = comma + 1;
  }
  return CodeName::kNone;
}
}  // namespace sitegraph
