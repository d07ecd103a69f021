#include "snapshot/page_line.hpp"

#include <nlohmann/json.hpp>

#include <limits>
#include <string>

#include "snapshot/page_record.hpp"

namespace sitegraph::record {

ContentFingerprint fingerprint_from(std::span<const std::uint64_t> v) {
  if (v.size() != 6 || v[3] > std::numeric_limits<std::uint32_t>::max() || v[4] > std::numeric_limits<std::uint32_t>::max()) {
    throw RecordError("a content fingerprint \"fp\" is not [exact, simhash, description, words, main words, simhash high]");
  }
  return {v[0], v[1], v[2], static_cast<std::uint32_t>(v[3]), static_cast<std::uint32_t>(v[4]), v[5]};
}

TermSketch terms_from(std::span<const std::uint64_t> v) {
  if (v.size() % 2 != 0 || v.size() > 2 * TermSketch::kTerms) {
    throw RecordError("a term sketch \"ts\" is not [term, count, ...] of at most 24 terms");
  }
  TermSketch sketch;
  for (std::size_t i = 0; i < v.size() / 2; ++i) {
    const std::uint64_t term = v[2 * i];
    const std::uint64_t count = v[2 * i + 1];
    if (term > std::numeric_limits<std::uint32_t>::max() || count == 0 || count > std::numeric_limits<std::uint16_t>::max() ||
        (i > 0 && term <= sketch.term[i - 1])) {
      throw RecordError("a term sketch \"ts\" has a count of 0, a number out of range or terms out of order");
    }
    sketch.term[i] = static_cast<std::uint32_t>(term);
    sketch.count[i] = static_cast<std::uint16_t>(count);
  }
  return sketch;
}

namespace {

using json = nlohmann::json;

// What one line says, gathered before the page is added (its URL, "u", comes near the end).
struct PageFields {
  std::string url;
  bool has_url = false;
  Page page;
  PageText text;
  bool has_fragment_ids = false;
  std::vector<std::uint32_t> fragment_ids;
  struct Fragment {
    std::uint64_t target = 0;
    std::string name;
    std::uint64_t line = 0;
  };
  std::vector<Fragment> fragments;
  bool has_fingerprint = false;
  std::vector<std::uint64_t> fingerprint;
  bool has_terms = false;
  std::vector<std::uint64_t> terms;
};

// nlohmann's SAX interface over one page object: numbers and strings land in PageFields by
// key; arrays only under "fi", "fp", "ts" (numbers) and "fl" (arrays [target, name, line]).
// Keys it does not know are skipped, as a newer writer's would be.
class PageHandler {
 public:
  explicit PageHandler(PageFields& f) : f_(f) {}

  bool null() { return skip_ > 0 || (depth_ == 1 && !known(key_)) || wrong("null"); }
  bool boolean(bool) { return skip_ > 0 || (depth_ == 1 && !known(key_)) || wrong("true or false"); }
  bool number_integer(json::number_integer_t v) {
    if (skip_ > 0 || (depth_ == 1 && !known(key_))) return true;
    if (v < 0) return wrong("a negative number");
    return number(static_cast<std::uint64_t>(v));
  }
  bool number_unsigned(json::number_unsigned_t v) { return number(v); }
  bool number_float(json::number_float_t v, const std::string&) {
    if (skip_ > 0 || (depth_ == 1 && !known(key_))) return true;
    if (depth_ != 1) return wrong("a fraction");
    if (key_ == "t") {
      f_.page.seconds = static_cast<float>(v);
    } else if (key_ == "tf") {
      f_.page.first_byte_seconds = static_cast<float>(v);
    } else if (known(key_)) {
      return wrong("a fraction");
    }
    return true;
  }
  bool string(std::string& v) {
    if (skip_ > 0) return true;
    if (depth_ == 3 && key_ == "fl" && item_ == 1) {
      f_.fragments.back().name = std::move(v);
      ++item_;
      return true;
    }
    if (depth_ != 1) return wrong("a string");
    if (key_ == "u") {
      f_.url = std::move(v);
      f_.has_url = true;
    } else if (key_ == "o") {
      const auto outcome = outcome_named(v);
      if (!outcome) throw RecordError("unknown outcome '" + v + "'");
      f_.page.outcome = *outcome;
    } else if (key_ == "ct") {
      f_.text.content_type = std::move(v);
    } else if (key_ == "ti") {
      f_.text.title = std::move(v);
    } else if (key_ == "h1") {
      f_.text.heading = std::move(v);
    } else if (key_ == "et") {
      f_.text.etag = std::move(v);
    } else if (key_ == "lm") {
      f_.text.last_modified = std::move(v);
    } else if (key_ == "bh") {
      f_.text.body_hash = v.empty() ? 0 : hash_from_text(v);
    } else if (known(key_)) {
      return wrong("a string");
    }
    return true;
  }
  bool binary(json::binary_t&) { return wrong("binary data"); }
  bool start_object(std::size_t) {
    if (skip_ > 0 || (depth_ == 1 && !known(key_))) return skip();
    if (depth_ != 0) return wrong("an object");
    depth_ = 1;
    return true;
  }
  bool key(std::string& k) {
    if (skip_ == 0) key_ = std::move(k);
    return true;
  }
  bool end_object() {
    if (skip_ > 0) return unskip();
    depth_ = 0;
    return true;
  }
  bool start_array(std::size_t) {
    if (skip_ > 0 || (depth_ == 1 && !known(key_))) return skip();
    if (depth_ == 1) {
      if (key_ == "fi") {
        f_.has_fragment_ids = true;
      } else if (key_ == "fp") {
        f_.has_fingerprint = true;
      } else if (key_ == "ts") {
        f_.has_terms = true;
      } else if (key_ != "fl") {
        return wrong("an array");
      }
    } else if (depth_ == 2 && key_ == "fl") {
      f_.fragments.emplace_back();
      item_ = 0;
    } else {
      return wrong("an array in an array");
    }
    ++depth_;
    return true;
  }
  bool end_array() {
    if (skip_ > 0) return unskip();
    --depth_;
    if (depth_ == 2 && key_ == "fl" && item_ != 3) return wrong("not [target, name, line]");
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) { throw e; }

 private:
  static bool known(std::string_view k) {
    static constexpr std::string_view kKeys[] = {"u", "i", "sm", "ls", "sb", "fo", "s4", "r", "c", "fi", "fl", "fp", "ts",
                                                 "o", "s", "h", "ni", "nf", "rv", "rb", "b", "t", "tf", "ct", "ti", "h1",
                                                 "et", "lm", "bh"};
    for (const std::string_view known : kKeys) {
      if (k == known) return true;
    }
    return false;
  }

  bool wrong(const char* what) const {
    throw RecordError("a page's \"" + key_ + "\" is " + what);
  }

  static std::uint32_t small(std::uint64_t v, const std::string& key) {
    if (v > std::numeric_limits<std::uint32_t>::max()) throw RecordError("a page's \"" + key + "\" is out of range");
    return static_cast<std::uint32_t>(v);
  }

  // A value under a key this reader does not know (a newer writer's): read past it whole.
  bool skip() {
    ++skip_;
    return true;
  }
  bool unskip() {
    --skip_;
    return true;
  }

  bool number(std::uint64_t v) {
    if (skip_ > 0) return true;
    if (depth_ == 2) {
      if (key_ == "fi") {
        f_.fragment_ids.push_back(small(v, key_));
      } else if (key_ == "fp") {
        f_.fingerprint.push_back(v);
      } else if (key_ == "ts") {
        f_.terms.push_back(v);
      } else {
        return wrong("an array of arrays");
      }
      return true;
    }
    if (depth_ == 3) {  // "fl": [target, name, line]
      if (item_ == 0) {
        f_.fragments.back().target = v;
      } else if (item_ == 2) {
        f_.fragments.back().line = v;
      } else {
        return wrong("not [target, name, line]");
      }
      ++item_;
      return true;
    }
    if (depth_ != 1) return wrong("a number");
    Page& p = f_.page;
    const bool flag = v != 0;
    if (key_ == "i") p.internal = flag;
    else if (key_ == "sm") p.in_sitemap = flag;
    else if (key_ == "ls") p.listed = flag;
    else if (key_ == "sb") p.seen_before = flag;
    else if (key_ == "fo") p.in_folder = flag;
    else if (key_ == "s4") p.soft_404 = flag;
    else if (key_ == "r") p.redirect_to = small(v, key_);
    else if (key_ == "c") p.canonical = small(v, key_);
    else if (key_ == "s") p.status = static_cast<int>(small(v, key_));
    else if (key_ == "h") p.fetched_html = flag;
    else if (key_ == "ni") p.noindex = flag;
    else if (key_ == "nf") p.nofollow = flag;
    else if (key_ == "rv") p.revalidated = flag;
    else if (key_ == "rb") p.same_body = flag;
    else if (key_ == "b") p.bytes = small(v, key_);
    else if (key_ == "t") p.seconds = static_cast<float>(v);
    else if (key_ == "tf") p.first_byte_seconds = static_cast<float>(v);
    else if (known(key_)) return wrong("a number");
    return true;
  }

  PageFields& f_;
  std::string key_;
  int depth_ = 0;
  int item_ = 0;
  int skip_ = 0;  // levels of arrays and objects being read past
};

}  // namespace

void PageLineReader::read(std::string_view line) {
  PageFields f;
  PageHandler handler(f);
  json::sax_parse(line.begin(), line.end(), &handler);
  if (!f.has_url) throw RecordError("a page line has no URL (\"u\")");
  const UrlId id = graph_.add_url(f.url);
  Page& p = graph_.page(id);
  const Page& q = f.page;
  p.internal = q.internal;
  p.in_sitemap = q.in_sitemap;
  p.listed = q.listed;
  p.seen_before = q.seen_before;
  p.in_folder = q.in_folder;
  p.soft_404 = q.soft_404;
  p.redirect_to = q.redirect_to;
  p.canonical = q.canonical;
  p.outcome = q.outcome;
  p.status = q.status;
  p.fetched_html = q.fetched_html;
  p.noindex = q.noindex;
  p.nofollow = q.nofollow;
  p.revalidated = q.revalidated;
  p.same_body = q.same_body;
  p.bytes = q.bytes;
  p.seconds = q.seconds;
  p.first_byte_seconds = q.first_byte_seconds;
  PageText& x = graph_.text(id);
  x.content_type = std::move(f.text.content_type);
  x.title = std::move(f.text.title);
  x.heading = std::move(f.text.heading);
  x.etag = std::move(f.text.etag);
  x.last_modified = std::move(f.text.last_modified);
  x.body_hash = f.text.body_hash;
  if (f.has_fragment_ids) graph_.set_fragment_ids(id, std::move(f.fragment_ids));
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint32_t>::max();
  for (PageFields::Fragment& l : f.fragments) {
    if (l.target > kMax || l.line > kMax) throw RecordError("a fragment link \"fl\" is out of range");
    fragment_links_.push_back({id, static_cast<UrlId>(l.target), graph_.intern_fragment(l.name), static_cast<std::uint32_t>(l.line)});
  }
  if (f.has_fingerprint) graph_.set_content(id, fingerprint_from(f.fingerprint));
  if (f.has_terms) graph_.set_terms(id, terms_from(f.terms));
}

}  // namespace sitegraph::record
