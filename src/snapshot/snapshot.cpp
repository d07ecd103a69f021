#include "crawl/limits_json.hpp"
#include "crawl/scope_json.hpp"
#include "sitegraph/snapshot.hpp"

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cstdio>

#include "io/atomic_file.hpp"
#include "io/gzip.hpp"
#include "io/read_ahead.hpp"
#include "io/json_error.hpp"
#include "snapshot/page_line.hpp"
#include "snapshot/page_record.hpp"
#include "sitegraph/version.hpp"

namespace sitegraph {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "sitegraph-snapshot";

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json header_json(const CrawlResult& crawl) {
  json sitemaps = json::array();
  for (const SitemapInfo& s : crawl.sitemaps) sitemaps.push_back({{"url", s.url}, {"status", s.status}, {"urls", s.urls}, {"error", s.error}});
  json folded = json::array();
  for (const FoldedUrl& f : crawl.folded) folded.push_back({f.url, f.page});
  json probes = json::array();
  for (const SoftNotFoundProbe& p : crawl.soft_404_probes) {
    const ContentFingerprint& c = p.content;
    probes.push_back({{"url", p.url}, {"outcome", outcome_name(p.outcome)}, {"status", p.status}, {"title", p.title},
                      {"fp", json::array({c.exact, c.simhash, c.description, c.words, c.main_words, c.simhash_high})}, {"pages", p.pages}});
  }
  return {{"format", kFormat},
          {"soft_404_probes", std::move(probes)},
          {"version", kSnapshotVersion},
          {"tool", std::string("sitegraph ") + kVersion},
          {"start", crawl.start},
          {"complete", crawl.complete},
          {"stop_reason", crawl.stop_reason},
          {"requests", crawl.requests},
          {"seconds", crawl.seconds},
          {"robots", {{"url", crawl.robots.url}, {"status", crawl.robots.status}, {"sitemaps", crawl.robots.sitemaps}}},
          {"sitemaps", std::move(sitemaps)},
          {"weights", !crawl.graph.link_weights().empty()},
          {"pages", crawl.graph.size()},
          {"links", crawl.graph.links().size()},
          {"invalid", crawl.invalid_hrefs.size()},
          {"limits", crawl.limits},
          {"folded", std::move(folded)},
          {"scope", scope_json(crawl.scope)}};
}

// The header line, "format" first: is_snapshot reads only the head of a file, and nlohmann
// orders keys alphabetically ("complete" and "folded", which can be long, come before it).
std::string header_line(const CrawlResult& crawl) {
  json header = header_json(crawl);
  header.erase("format");
  std::string rest = dump(header);
  std::string line = "{\"format\":\"";
  line += kFormat;
  line += "\"";
  if (rest.size() > 2) line += ",";
  line.append(rest, 1, std::string::npos);
  return line;
}

// [exact, simhash, description, words, main words, simhash high] (ContentFingerprint).
ContentFingerprint fingerprint_from_json(const json& fp) {
  if (!fp.is_array()) throw SnapshotError("a content fingerprint \"fp\" is not an array");
  try {
    return record::fingerprint_from(fp.get<std::vector<std::uint64_t>>());
  } catch (const record::RecordError& e) {
    throw SnapshotError(e.what());
  }
}

// Hands the page record codec's facts to a JSON object (nlohmann orders the keys).
struct JsonFacts {
  json& j;
  void text(const char* key, std::string_view value) { j[key] = value; }
  void integer(const char* key, std::int64_t value) { j[key] = value; }
  void real(const char* key, float value) { j[key] = value; }
};

// The fragment links of each page, grouped by source (CSR rows into fragment_links()).
Csr fragment_links_by_source(const SiteGraph& g) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  pairs.reserve(g.fragment_links().size());
  for (std::uint32_t i = 0; i < g.fragment_links().size(); ++i) pairs.emplace_back(g.fragment_links()[i].source, i);
  return build_csr(g.size(), pairs);
}

// What broken-fragment needs of a page: the ids it defines ("fi", hashes; only when known, so
// an empty array means "none") and its links with a fragment ("fl": [target id, fragment, line]).
void add_fragments(const SiteGraph& g, UrlId id, const Csr& by_source, json& j) {
  if (g.has_fragment_ids(id)) {
    const auto ids = g.fragment_id_hashes(id);
    j["fi"] = std::vector<std::uint32_t>(ids.begin(), ids.end());
  }
  if (by_source.nodes() == 0 || by_source.row(id).empty()) return;
  json links = json::array();
  for (const std::uint32_t i : by_source.row(id)) {
    const FragmentLink& l = g.fragment_links()[i];
    links.push_back(json::array({l.target, std::string(g.fragment(l.fragment)), l.line}));
  }
  j["fl"] = std::move(links);
}

// One page per line; fields at their defaults are left out. The fetch facts are the codec's
// (shared with the journal); the graph flags, the redirect and canonical ids and the
// fragments are the snapshot's own.
json page_json(const SiteGraph& g, UrlId id, const Csr& fragments_by_source) {
  const Page& p = g.page(id);
  json j = {{"u", g.url(id)}};
  if (p.internal) j["i"] = 1;
  if (p.in_sitemap) j["sm"] = 1;
  if (p.listed) j["ls"] = 1;
  if (p.seen_before) j["sb"] = 1;
  if (p.in_folder) j["fo"] = 1;
  if (p.soft_404) j["s4"] = 1;
  if (p.redirect_to != kNoUrl) j["r"] = p.redirect_to;
  if (p.canonical != kNoUrl) j["c"] = p.canonical;
  JsonFacts facts{j};
  record::encode_page_facts(p, g.text(id), facts);
  add_fragments(g, id, fragments_by_source, j);
  if (const ContentFingerprint& fp = g.content(id); fp != ContentFingerprint{}) {
    j["fp"] = json::array({fp.exact, fp.simhash, fp.description, fp.words, fp.main_words, fp.simhash_high});
  }
  if (const TermSketch& terms = g.terms(id); terms.count[0] != 0) {
    json ts = json::array();
    for (std::size_t i = 0; i < terms.size(); ++i) {
      ts.push_back(terms.term[i]);
      ts.push_back(terms.count[i]);
    }
    j["ts"] = std::move(ts);
  }
  return j;
}

// A link line, `[source,target,kind,rel,placement,line,"anchor"]`, read without a general
// JSON parser: six unsigned integers, then a JSON string (unescaped by nlohmann only when it
// holds an escape). Returns false on anything else.
bool read_link_line(std::string_view s, std::array<std::uint32_t, 6>& numbers, std::string& anchor) {
  if (s.empty() || s.front() != '[' || s.back() != ']') return false;
  const char* p = s.data() + 1;
  const char* end = s.data() + s.size() - 1;
  for (std::uint32_t& n : numbers) {
    const auto [next, ec] = std::from_chars(p, end, n);
    if (ec != std::errc() || next == end || *next != ',') return false;
    p = next + 1;
  }
  const std::string_view token(p, static_cast<std::size_t>(end - p));
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return false;
  if (token.find('\\') == std::string_view::npos) {
    anchor.assign(token.substr(1, token.size() - 2));
  } else {
    anchor = json::parse(token).get<std::string>();
  }
  return true;
}

class LineReader {
 public:
  explicit LineReader(gzip::FileReader& file) : file_(file) {}
  bool next(std::string& line) {
    for (;;) {
      if (const auto nl = buffer_.find('\n', pos_); nl != std::string::npos) {
        line.assign(buffer_, pos_, nl - pos_);
        pos_ = nl + 1;
        ++number_;
        return true;
      }
      buffer_.erase(0, pos_);
      pos_ = 0;
      const std::ptrdiff_t n = file_.next(block_);
      if (n < 0) throw SnapshotError("corrupt compressed data");
      if (n == 0) {
        if (buffer_.empty()) return false;
        line.swap(buffer_);
        buffer_.clear();
        ++number_;
        return true;
      }
      buffer_ += block_;
    }
  }

  /// The number of the line next() returned last (1 for the header).
  [[nodiscard]] std::size_t number() const { return number_; }

 private:
  gzip::ReadAhead file_;
  std::string block_;
  std::string buffer_;
  std::size_t pos_ = 0;
  std::size_t number_ = 0;
};

void read_header(const json& h, CrawlResult& crawl) {
  if (h.value("format", "") != kFormat) throw SnapshotError("not a sitegraph snapshot");
  if (h.value("version", 0) > kSnapshotVersion) {
    throw SnapshotError("snapshot version " + std::to_string(h.value("version", 0)) + " is newer than this sitegraph reads (" +
                        std::to_string(kSnapshotVersion) + ")");
  }
  crawl.start = h.at("start").get<UrlId>();
  crawl.complete = h.value("complete", false);
  crawl.stop_reason = h.value("stop_reason", "");
  crawl.requests = h.value("requests", std::size_t{0});
  crawl.seconds = h.value("seconds", 0.0);
  crawl.limits = h.value("limits", LimitsHit{});
  for (const json& f : h.value("folded", json::array())) crawl.folded.push_back({f.at(0).get<std::string>(), f.at(1).get<UrlId>()});
  if (const auto scope = h.find("scope"); scope != h.end()) crawl.scope = scope_from_json(*scope);
  for (const json& p : h.value("soft_404_probes", json::array())) {
    SoftNotFoundProbe probe;
    probe.url = p.at("url").get<std::string>();
    probe.outcome = outcome_named(p.at("outcome").get<std::string>()).value_or(FetchOutcome::kNotFetched);
    probe.status = p.at("status").get<int>();
    probe.title = p.at("title").get<std::string>();
    probe.content = fingerprint_from_json(p.at("fp"));
    probe.pages = p.at("pages").get<std::size_t>();
    crawl.soft_404_probes.push_back(std::move(probe));
  }
  const json& robots = h.at("robots");
  crawl.robots = {robots.value("url", ""), robots.value("status", ""), robots.value("sitemaps", std::vector<std::string>{})};
  for (const json& s : h.value("sitemaps", json::array())) {
    crawl.sitemaps.push_back({s.value("url", ""), s.value("status", ""), s.value("urls", std::size_t{0}), s.value("error", "")});
  }
}

}  // namespace

void write_snapshot(const std::filesystem::path& path, const CrawlResult& crawl) {
  AtomicFile file(path);  // never renamed over /dev/null or a symlink: written through them
  const std::filesystem::path& temp = file.path();
  {
    gzip::FileWriter out(temp, 6);
    if (!out) throw SnapshotError("cannot write " + temp.string(), ErrorKind::kRun);
    // Lines are gathered in a buffer and compressed 256 KiB at a time.
    std::string pending;
    auto flush = [&] {
      if (!out.write(pending)) throw SnapshotError("cannot write " + temp.string(), ErrorKind::kRun);
      pending.clear();
    };
    auto write_line = [&](std::string_view line) {
      pending.append(line);
      pending += '\n';
      if (pending.size() >= (256u << 10)) flush();
    };
    const SiteGraph& g = crawl.graph;
    write_line(header_line(crawl));
    const Csr fragments_by_source = fragment_links_by_source(g);
    for (UrlId id = 0; id < g.size(); ++id) write_line(dump(page_json(g, id, fragments_by_source)));
    // Links are most of a snapshot (tens of millions at a million pages): written by hand,
    // each distinct anchor escaped once, as nlohmann::json would write the same array.
    std::vector<std::string> anchors(g.anchor_count());
    for (std::uint32_t a = 0; a < anchors.size(); ++a) anchors[a] = dump(json(std::string(g.anchor(a))));
    std::string line;
    for (const Link& l : g.links()) {
      line.clear();
      line += '[';
      for (const std::uint32_t n : {l.source, l.target}) {
        std::array<char, 12> digits{};
        line.append(digits.data(), std::to_chars(digits.data(), digits.data() + digits.size(), n).ptr);
        line += ',';
      }
      record::append_link_fields(line, l.kind, l.rel, l.placement, l.code, l.line);
      line += ',';
      line += anchors[l.anchor];
      line += ']';
      write_line(line);
    }
    anchors = {};
    for (const InvalidHref& bad : crawl.invalid_hrefs) {
      json entry = json::array({bad.page, bad.line, bad.href});
      if (bad.too_long) entry.push_back("too-long");
      write_line(dump({{"invalid", std::move(entry)}}));
    }
    // An imported graph's link weights: arrays of up to 4096, in link order.
    const std::vector<float>& weights = g.link_weights();
    for (std::size_t i = 0; i < weights.size(); i += 4096) {
      write_line(dump(json::array_t(weights.begin() + static_cast<std::ptrdiff_t>(i),
                                    weights.begin() + static_cast<std::ptrdiff_t>(std::min(weights.size(), i + 4096)))));
    }
    flush();
    if (!out.close()) throw SnapshotError("cannot write " + temp.string(), ErrorKind::kRun);
  }
  std::error_code ec;
  if (!file.commit(ec)) {
    file.discard();
    throw SnapshotError("cannot write " + path.string(), ErrorKind::kRun);
  }
}

CrawlResult read_snapshot(const std::filesystem::path& path) {
  gzip::FileReader in(path);
  if (!in) throw SnapshotError("cannot read " + path.string() + ": " + std::strerror(errno));
  LineReader lines(in);
  std::string line;
  CrawlResult crawl;
  try {
    if (!lines.next(line)) throw SnapshotError("empty file");
    const json header = json::parse(line);
    read_header(header, crawl);
    const auto pages = header.at("pages").get<std::size_t>();
    const auto links = header.at("links").get<std::size_t>();
    std::vector<FragmentLink> fragment_links;
    record::PageLineReader page_lines(crawl.graph, fragment_links);
    for (std::size_t i = 0; i < pages; ++i) {
      if (!lines.next(line)) throw SnapshotError("cut short in the pages");
      try {
        page_lines.read(line);
      } catch (const record::RecordError& e) {
        throw SnapshotError(e.what());
      }
    }
    for (const FragmentLink& l : fragment_links) {
      if (l.target >= pages) throw SnapshotError("a fragment link names a page that is not there");
      crawl.graph.add_fragment_link(l);
    }
    std::array<std::uint32_t, 6> n{};
    std::string anchor;
    for (std::size_t i = 0; i < links; ++i) {
      if (!lines.next(line)) throw SnapshotError("cut short in the links");
      if (!read_link_line(line, n, anchor)) throw SnapshotError("a link line is malformed: " + line.substr(0, 80));
      if (n[0] >= pages || n[1] >= pages) throw SnapshotError("a link names a page that is not there");
      const auto fields = record::link_fields(n[2], n[3], n[4], n[5]);
      if (!fields) throw SnapshotError("a link line has an unknown kind, rel or placement");
      crawl.graph.add_link({n[0], n[1], crawl.graph.intern_anchor(anchor), fields->line, fields->kind, fields->rel,
                            fields->placement, fields->code});
    }
    const auto invalid = header.value("invalid", std::size_t{0});
    for (std::size_t i = 0; i < invalid; ++i) {
      if (!lines.next(line)) throw SnapshotError("cut short in the invalid hrefs");
      const json bad = json::parse(line).at("invalid");
      crawl.invalid_hrefs.push_back({bad.at(0).get<UrlId>(), bad.at(2).get<std::string>(), bad.at(1).get<std::uint32_t>(),
                                     bad.size() > 3 && bad.at(3) == "too-long"});
    }
    if (header.value("weights", false)) {
      std::vector<float> weights;
      weights.reserve(links);
      while (weights.size() < links) {
        if (!lines.next(line)) throw SnapshotError("cut short in the link weights");
        for (const json& w : json::parse(line)) weights.push_back(w.get<float>());
      }
      if (weights.size() != links) throw SnapshotError("the link weights do not match the links");
      crawl.graph.set_link_weights(std::move(weights));
    }
  } catch (const json::exception& e) {
    throw SnapshotError(path.string() + ": line " + std::to_string(lines.number()) + ": " + json_error_text(e) +
                        " (the file is cut short or damaged; write it again with --save-snapshot or 'sitegraph crawl')");
  } catch (const SnapshotError& e) {
    const std::string where = lines.number() > 0 ? ": line " + std::to_string(lines.number()) : "";
    throw SnapshotError(path.string() + where + ": " + e.what());
  }
  if (crawl.start >= crawl.graph.size()) throw SnapshotError(path.string() + ": the start page is not in it");
  return crawl;
}

bool is_snapshot(const std::filesystem::path& path) {
  // "format" comes first since snapshots wrote it first; before that it came after
  // "complete" and "folded" (alphabetical order), so an older file is read further.
  std::string head = gzip::read_head(path, 1 << 20);
  const std::size_t line_end = head.find('\n');
  if (line_end != std::string::npos) head.resize(line_end);
  std::string key = "\"format\":\"";
  key += kFormat;
  key += "\"";
  return head.rfind('{', 0) == 0 && head.find(key) != std::string::npos;
}

}  // namespace sitegraph
