// The URLs a style sheet loads: url(...) tokens and @import rules, read as CSS Syntax Level 3
// tokenises them (comments skipped, strings and escapes decoded), without parsing the rules.

#include <string>
#include <vector>

#include "sitegraph/extract.hpp"
#include "text/utf8.hpp"

namespace sitegraph {
namespace {

bool css_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool starts_with_nocase(std::string_view s, std::size_t at, std::string_view word) {
  if (s.size() - at < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    char c = s[at + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[k]) return false;
  }
  return true;
}

class CssScanner {
 public:
  explicit CssScanner(std::string_view css) : s_(css) {}

  std::vector<CssReference> scan() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '*') {
        skip_comment();
      } else if (c == '"' || c == '\'') {
        (void)read_string();
      } else if (c == '\\') {
        advance(2);  // an escaped character is part of a name, never a token start
      } else if (c == '@' && starts_with_nocase(s_, i_ + 1, "import") && !(i_ + 7 < s_.size() && name_char(s_[i_ + 7]))) {
        advance(7);
        read_import();
      } else if ((c == 'u' || c == 'U') && starts_with_nocase(s_, i_, "url(") && (i_ == 0 || !name_char(s_[i_ - 1]))) {
        const std::uint32_t line = line_;
        advance(4);
        push(read_url_argument(), false, line);
      } else {
        advance(1);
      }
    }
    return std::move(out_);
  }

 private:
  void advance(std::size_t n) {
    for (; n > 0 && i_ < s_.size(); --n, ++i_) line_ += s_[i_] == '\n';
  }

  void skip_spaces() {
    while (i_ < s_.size() && css_space(s_[i_])) advance(1);
  }

  void skip_comment() {
    const auto end = s_.find("*/", i_ + 2);
    advance(end == std::string_view::npos ? s_.size() - i_ : end + 2 - i_);
  }

  // After a backslash (i_ at it): the escaped code point (§4.3.7), or a line continuation.
  void read_escape(std::string& out) {
    advance(1);
    if (i_ >= s_.size()) return;
    if (hex_digit(s_[i_])) {
      unsigned long cp = 0;
      for (int k = 0; k < 6 && i_ < s_.size() && hex_digit(s_[i_]); ++k) {
        const char h = s_[i_];
        cp = cp * 16 + static_cast<unsigned long>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
        advance(1);
      }
      if (i_ < s_.size() && css_space(s_[i_])) advance(1);
      append_utf8(out, cp == 0 || cp > 0x10FFFF ? U'\uFFFD' : static_cast<char32_t>(cp));  // §4.3.7
    } else if (s_[i_] == '\n') {
      advance(1);  // an escaped newline continues a string
    } else {
      out += s_[i_];
      advance(1);
    }
  }

  // A quoted string (i_ at the quote); an unescaped newline ends it (a bad string, §4.3.5).
  std::string read_string() {
    const char quote = s_[i_];
    advance(1);
    std::string out;
    while (i_ < s_.size() && s_[i_] != quote && s_[i_] != '\n') {
      if (s_[i_] == '\\') {
        read_escape(out);
      } else {
        out += s_[i_];
        advance(1);
      }
    }
    if (i_ < s_.size() && s_[i_] == quote) advance(1);
    return out;
  }

  // After "url(": a quoted string or an unquoted URL, up to the closing parenthesis.
  std::string read_url_argument() {
    skip_spaces();
    std::string out;
    if (i_ < s_.size() && (s_[i_] == '"' || s_[i_] == '\'')) {
      out = read_string();
    } else {
      while (i_ < s_.size() && s_[i_] != ')' && !css_space(s_[i_])) {
        if (s_[i_] == '\\') {
          read_escape(out);
        } else {
          out += s_[i_];
          advance(1);
        }
      }
    }
    while (i_ < s_.size() && s_[i_] != ')') advance(1);
    advance(1);
    return out;
  }

  // After "@import": a string or a url(), then media queries we do not need.
  void read_import() {
    skip_spaces();
    const std::uint32_t line = line_;
    if (i_ < s_.size() && (s_[i_] == '"' || s_[i_] == '\'')) {
      push(read_string(), true, line);
    } else if (starts_with_nocase(s_, i_, "url(")) {
      advance(4);
      push(read_url_argument(), true, line);
    }
  }

  void push(std::string url, bool import, std::uint32_t line) {
    while (!url.empty() && css_space(url.back())) url.pop_back();
    if (!url.empty()) out_.push_back({std::move(url), import, line});
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::uint32_t line_ = 0;
  std::vector<CssReference> out_;
};

}  // namespace

std::vector<CssReference> css_references(std::string_view css) { return CssScanner(css).scan(); }

}  // namespace sitegraph
