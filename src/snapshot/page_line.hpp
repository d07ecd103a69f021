#pragma once
// A snapshot's page line read without building a JSON tree: nlohmann's SAX events set the
// page's fields as they arrive (keys in docs/snapshot.md and page_record.hpp). The tree of a
// line (a std::map per object, a node per number of "fp" and "ts") cost more than the rest
// of reading a snapshot's pages together.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sitegraph/graph.hpp"

namespace sitegraph::record {

/// [exact, simhash, description, words, main words, simhash high]; throws RecordError when
/// there are not six.
ContentFingerprint fingerprint_from(std::span<const std::uint64_t> values);
/// [term, count, term, count, ...] sorted by term; throws RecordError when malformed.
TermSketch terms_from(std::span<const std::uint64_t> values);

/// Reads page lines into `graph`, in order (each line's page gets the next id the graph
/// gives); fragment links are collected for the caller to check once every page is in.
class PageLineReader {
 public:
  PageLineReader(SiteGraph& graph, std::vector<FragmentLink>& fragment_links)
      : graph_(graph), fragment_links_(fragment_links) {}

  /// One line. Throws nlohmann::json's parse errors for broken JSON, RecordError for a
  /// value of the wrong kind or out of range.
  void read(std::string_view line);

 private:
  SiteGraph& graph_;
  std::vector<FragmentLink>& fragment_links_;
};

}  // namespace sitegraph::record
