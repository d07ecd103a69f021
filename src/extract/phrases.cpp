// Phrases: where a page's own sentences name another page ("unlinked mentions"), for the
// link planner. The page is parsed again here (only the few pages a plan edits are).

#include <gumbo.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "extract/html_elements.hpp"
#include "sitegraph/extract.hpp"
#include "text/terms.hpp"

namespace sitegraph {
namespace {

// A paragraph of content text: whitespace-collapsed, with the source line of each run of it,
// the runs inside links (`linked`: read, never suggested as a phrase) and inside code
// (`code`: a phrase there ranks below one in prose).
struct Paragraph {
  std::string text;
  std::vector<std::pair<std::size_t, std::uint32_t>> lines;  // (offset in text, line), by offset
  std::vector<std::pair<std::size_t, std::size_t>> linked;   // [begin, end), by offset
  std::vector<std::pair<std::size_t, std::size_t>> code;
  [[nodiscard]] std::uint32_t line_at(std::size_t offset) const {
    auto it = std::upper_bound(lines.begin(), lines.end(), std::pair<std::size_t, std::uint32_t>{offset, UINT32_MAX});
    return it == lines.begin() ? 0 : std::prev(it)->second;
  }
  static bool in(const std::vector<std::pair<std::size_t, std::size_t>>& runs, std::size_t offset) {
    return std::any_of(runs.begin(), runs.end(), [&](const auto& m) { return offset >= m.first && offset < m.second; });
  }
};

// Elements whose text is not the page's content as a reader sees it, or not a place for a
// link: the head, scripts, form controls, headings and the landmarks other than main.
bool skipped(const GumboElement& e) {
  switch (e.tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_PRE:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      return true;
    default: break;
  }
  const std::optional<Placement> place = landmark(e);
  return place && *place != Placement::kContent;
}

// Inline elements whose text stays in the sentence, marked: a link (it cannot hold another),
// code (an identifier: a fallback phrase).
enum class Mark : std::uint8_t { kNone, kLink, kCode };
Mark mark_of(const GumboElement& e) {
  if (e.tag == GUMBO_TAG_A && attribute(e, "href")) return Mark::kLink;
  return is_code_element(e.tag) ? Mark::kCode : Mark::kNone;
}

// The content paragraphs of a parsed page, in document order. Each text run is marked as it
// is appended, from flags its ancestors pass down: a link's text stays marked even when the
// link holds blocks (a card: <a href><div><p>...</p></div></a>).
std::vector<Paragraph> paragraphs(const GumboNode* root) {
  std::vector<Paragraph> out(1);
  const auto close = [&out] {
    if (!out.back().text.empty()) out.emplace_back();
  };
  struct Item {
    const GumboNode* node;  // nullptr: a block ends
    bool linked;            // inside <a href>
    bool code;              // inside inline code
  };
  std::vector<Item> stack{{root, false, false}};
  while (!stack.empty()) {
    const Item item = stack.back();
    stack.pop_back();
    if (item.node == nullptr) {
      close();
      continue;
    }
    const GumboNode* node = item.node;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA || node->type == GUMBO_NODE_WHITESPACE) {
      // Whitespace collapsed as it is appended, each line break noted where the text goes on.
      Paragraph& p = out.back();
      const std::size_t from = p.text.size();
      std::uint32_t line = node->v.text.start_pos.line;
      p.lines.emplace_back(p.text.size() + (!p.text.empty() && p.text.back() != ' ' && is_space(*node->v.text.text) ? 1 : 0), line);
      for (const char* c = node->v.text.text; *c; ++c) {
        if (is_space(*c)) {
          if (*c == '\n') ++line;
          if (!p.text.empty() && p.text.back() != ' ') p.text.push_back(' ');
          continue;
        }
        if (p.lines.back().second != line) p.lines.emplace_back(p.text.size(), line);
        p.text.push_back(*c);
      }
      if (item.linked) p.linked.emplace_back(from, p.text.size());
      if (item.code) p.code.emplace_back(from, p.text.size());
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& e = node->v.element;
    if (skipped(e) || e.tag == GUMBO_TAG_BR) {
      close();
      continue;
    }
    if (is_block(e.tag)) {
      close();
      stack.push_back({nullptr, false, false});
    }
    const Mark mark = mark_of(e);
    const bool linked = item.linked || mark == Mark::kLink;
    const bool code = item.code || mark == Mark::kCode;
    for (unsigned i = e.children.length; i > 0; --i) stack.push_back({static_cast<const GumboNode*>(e.children.data[i - 1]), linked, code});
  }
  if (out.back().text.empty()) out.pop_back();
  return out;
}

constexpr std::size_t kMaxPhraseWords = 8;

// Sentences of a paragraph: [begin, end) offsets. A sentence ends at . ! ? followed by a space
// and a capital letter, a digit or a quote.
std::vector<std::pair<std::size_t, std::size_t>> sentences(const std::string& text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const char c = text[i];
    if ((c == '.' || c == '!' || c == '?') && text[i + 1] == ' ') {
      const char next = text[i + 2];
      if ((next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9') || next == '"' || next == '\'') {
        // "e.g. Foo", "i.e. Bar": a one-letter word before the dot is an abbreviation.
        const bool abbreviation = i >= 2 && text[i - 2] == '.';
        if (!abbreviation) {
          out.emplace_back(begin, i + 1);
          begin = i + 2;
        }
      }
    }
  }
  if (begin < text.size()) out.emplace_back(begin, text.size());
  return out;
}

struct NameTerms {
  std::unordered_map<std::uint32_t, double> weight;  // every name's words
  std::vector<double> totals;                         // per name: the weight of its distinct words
  std::vector<std::set<std::uint32_t>> words;         // per name: its distinct words
};

NameTerms name_terms(const std::vector<std::string>& names, const std::function<double(std::uint32_t)>& weight) {
  NameTerms out;
  for (const std::string& name : names) {
    std::set<std::uint32_t> words;
    for_each_word(name, [&](const TermWord& w) {
      if (!w.stop) words.insert(w.hash);
    });
    double total = 0;
    for (const std::uint32_t h : words) {
      const double x = weight(h);
      out.weight[h] = x;
      total += x;
    }
    out.totals.push_back(total);
    out.words.push_back(std::move(words));
  }
  return out;
}

// The share of its best-matched name's weight a run of name words holds.
double cover(const NameTerms& names, const std::set<std::uint32_t>& held) {
  double best = 0;
  for (std::size_t n = 0; n < names.words.size(); ++n) {
    if (!(names.totals[n] > 0)) continue;
    double sum = 0;
    for (const std::uint32_t h : held) {
      if (names.words[n].count(h)) sum += names.weight.at(h);
    }
    best = std::max(best, sum / names.totals[n]);
  }
  return best;
}

}  // namespace

std::optional<PhraseMatch> find_phrase(std::string_view html, const std::vector<std::string>& names,
                                       const std::function<double(std::uint32_t)>& weight, double min_cover) {
  const NameTerms terms = name_terms(names, weight);
  if (terms.weight.empty()) return std::nullopt;
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  const std::vector<Paragraph> paras = paragraphs(output->root);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  std::optional<PhraseMatch> best;
  double best_score = 0;
  for (const Paragraph& p : paras) {
    for (const auto& [begin, end] : sentences(p.text)) {
      const std::string_view sentence(p.text.data() + begin, end - begin);
      std::vector<TermWord> words;
      std::vector<bool> linked;  // per word: inside a link
      std::vector<bool> code;    // per word: inside code
      bool prose = false;  // a sentence has function words; a signature or a list of names has none
      for_each_word(sentence, [&](const TermWord& w) {
        words.push_back(w);
        linked.push_back(Paragraph::in(p.linked, begin + w.begin));
        code.push_back(Paragraph::in(p.code, begin + w.begin));
        prose = prose || (w.stop && !code.back());
      });
      if (!prose || words.size() < 4) continue;
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i].stop || linked[i] || !terms.weight.count(words[i].hash)) continue;
        std::set<std::uint32_t> held;
        bool in_code = false;
        std::size_t held_words = 0;  // a name is a few words: a run stops at eight of them
        for (std::size_t j = i; j < words.size() && held_words < kMaxPhraseWords; ++j) {
          const TermWord& w = words[j];
          if (linked[j]) break;  // the phrase must not be a link's text already
          if (!w.stop && !terms.weight.count(w.hash)) break;
          if (w.stop) continue;
          ++held_words;
          held.insert(w.hash);
          in_code = in_code || code[j];
          double score = 0;
          for (const std::uint32_t h : held) score += terms.weight.at(h);
          if (in_code) score /= 2;  // prose first: an identifier is a second choice
          const double c = cover(terms, held);
          // More weight wins; at equal weight the shorter run (fewer words between).
          if (c >= min_cover && score > best_score + 1e-12) {
            best_score = score;
            const std::size_t from = words[i].begin;
            const std::size_t to = w.end;
            PhraseMatch m;
            m.phrase = std::string(sentence.substr(from, to - from));
            const std::size_t first = sentence.find_first_not_of(' ');
            m.sentence = std::string(sentence.substr(first, sentence.find_last_not_of(' ') + 1 - first));
            m.line = p.line_at(begin + from);
            m.cover = c;
            best = std::move(m);
          }
        }
      }
    }
  }
  return best;
}

}  // namespace sitegraph
