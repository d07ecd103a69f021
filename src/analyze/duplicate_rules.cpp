// Duplicate content as a search engine folds it: pages with the same main content, nearly
// the same, the same title or the same meta description. Only indexable pages take part: a
// copy canonicalised to another page (or noindex) is already folded, and no rule fires for it.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <string>

#include "analyze/make_finding.hpp"
#include "analyze/passes.hpp"
#include "analyze/union_find.hpp"
#include "analyze/radix_sort.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

// Fewer words than this and a SimHash says little: a few changed words flip many bits, a
// few shared ones make unrelated stubs look alike. Such pages are only judged as exact copies.
constexpr std::uint32_t kNearMinWords = 50;
// In a group of pages sharing one table key, each page is compared with at most this many
// after it (in SimHash order): near-duplicates sort together, and a group of 100,000 pages
// alike would otherwise take 5 billion comparisons.
constexpr std::size_t kMaxCompared = 2000;
// Pages listed in a finding beside its own URL (the set in Audit::duplicate_sets has them all).
constexpr std::size_t kListed = 100;


// The bits of `hash` from `offset`, `length` of them.
std::uint64_t bits(std::uint64_t hash, unsigned offset, unsigned length) {
  return length >= 64 ? hash : (hash >> offset) & ((std::uint64_t{1} << length) - 1);
}

// Joins the representatives whose first SimHashes differ in at most `k` bits and whose two
// (128 bits) in at most 2k. The first 64 bits are cut into k + 2 blocks; two hashes differing
// in k bits or fewer agree on at least two blocks, so each pair of blocks is one sort, and only
// hashes sharing both blocks are compared (Manku, Jain and Das Sarma, "Detecting
// near-duplicates for web crawling", 2007). The second hash is the check: 64 bits alone put a
// few unrelated pairs within 6 bits among a million pages.
void join_near(const std::vector<std::uint64_t>& hashes, const std::vector<std::uint64_t>& high, unsigned k, UnionFind& sets) {
  const unsigned blocks = k + 2;
  std::vector<unsigned> offset(blocks);
  std::vector<unsigned> length(blocks);
  for (unsigned b = 0, at = 0; b < blocks; ++b) {
    length[b] = 64 / blocks + (b < 64 % blocks ? 1 : 0);
    offset[b] = at;
    at += length[b];
  }
  struct Item {
    std::uint64_t key;
    std::uint32_t index;
  };
  std::vector<Item> items(hashes.size());
  for (unsigned a = 0; a < blocks; ++a) {
    for (unsigned b = a + 1; b < blocks; ++b) {
      for (std::uint32_t i = 0; i < hashes.size(); ++i) {
        const std::uint64_t h = hashes[i];
        items[i] = {(bits(h, offset[a], length[a]) << length[b]) | bits(h, offset[b], length[b]), i};
      }
      radix_sort_by(items, [](const Item& it) { return it.key; });
      for (std::size_t from = 0; from < items.size();) {
        std::size_t to = from + 1;
        while (to < items.size() && items[to].key == items[from].key) ++to;
        for (std::size_t i = from; i < to; ++i) {
          const std::uint32_t one = items[i].index;
          for (std::size_t j = i + 1; j < to && j <= i + kMaxCompared; ++j) {
            const std::uint32_t two = items[j].index;
            const auto low_bits = static_cast<unsigned>(std::popcount(hashes[one] ^ hashes[two]));
            if (low_bits <= k && low_bits + static_cast<unsigned>(std::popcount(high[one] ^ high[two])) <= 2 * k) sets.unite(one, two);
          }
        }
        from = to;
      }
    }
  }
}

double equity_of(const Audit& audit, UrlId id) {
  const double e = id < audit.equity.rank.size() ? audit.equity.rank[id] : 0;
  return std::isfinite(e) ? e : 0;
}

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, share >= 0.1 ? "%.0f %%" : share >= 0.001 ? "%.1f %%" : "%.2f %%", share * 100);
  return buf;
}

// Orders pages by equity, most first, ties by id (URL order of the crawl).
void by_equity(const Audit& audit, std::vector<UrlId>& pages) {
  std::stable_sort(pages.begin(), pages.end(), [&](UrlId a, UrlId b) { return equity_of(audit, a) > equity_of(audit, b); });
}

// A finding about a set of pages: the page with most equity is its URL, the others its chain.
Finding set_finding(std::string_view rule, const std::vector<UrlId>& pages, std::string message) {
  Finding f = make_finding(rule, pages.front(), static_cast<std::uint32_t>(pages.size()), std::move(message));
  f.chain.assign(pages.begin() + 1, pages.begin() + static_cast<std::ptrdiff_t>(std::min(pages.size(), kListed + 1)));
  return f;
}

// Groups pages by a key (0 = no key) into sets of two or more, each in id order.
template <typename KeyOf>
std::vector<std::vector<UrlId>> same_key_sets(const std::vector<UrlId>& pages, KeyOf key_of) {
  struct Item {
    std::uint64_t key;
    UrlId id;
  };
  std::vector<Item> items;
  for (const UrlId id : pages) {
    if (const std::uint64_t k = key_of(id); k != 0) items.push_back({k, id});
  }
  radix_sort_by(items, [](const Item& it) { return it.key; });
  std::vector<std::vector<UrlId>> sets;
  for (std::size_t from = 0; from < items.size();) {
    std::size_t to = from + 1;
    while (to < items.size() && items[to].key == items[from].key) ++to;
    if (to - from >= 2) {
      std::vector<UrlId>& set = sets.emplace_back();
      for (std::size_t i = from; i < to; ++i) set.push_back(items[i].id);
    }
    from = to;
  }
  return sets;
}

// A title as compared: ASCII lowercased (titles are already whitespace-collapsed).
std::string compared_title(std::string_view title) {
  std::string out(title);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::uint64_t hash64(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h == 0 ? 1 : h;
}

std::vector<UrlId> indexable_pages(const SiteGraph& g) {
  std::vector<UrlId> out;
  for (UrlId id = 0; id < g.size(); ++id) {
    if (is_indexable(g, id)) out.push_back(id);
  }
  return out;
}

}  // namespace

std::vector<DuplicateSet> find_duplicate_sets(const SiteGraph& g, const AuditOptions& options) {
  const std::vector<UrlId> pages = indexable_pages(g);
  std::vector<DuplicateSet> out;
  std::vector<std::vector<UrlId>> exact = same_key_sets(pages, [&g](UrlId id) { return g.content(id).exact; });
  // One representative per distinct content, for the near search: the page itself, or the
  // first page of its exact set.
  constexpr std::uint32_t kNoSet = 0xFFFFFFFFu;
  std::vector<std::uint32_t> exact_set_of(g.size(), kNoSet);
  for (std::uint32_t s = 0; s < exact.size(); ++s) {
    for (const UrlId id : exact[s]) exact_set_of[id] = s;
    out.push_back({true, exact[s], g.content(exact[s].front()).words, 0});
  }
  if (options.near_duplicate <= 0) return out;
  const auto k = static_cast<unsigned>(std::floor((1 - options.near_duplicate) * 64 + 1e-9));
  std::vector<UrlId> reps;
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint64_t> high;
  for (const UrlId id : pages) {
    const ContentFingerprint& fp = g.content(id);
    if (fp.main_words < kNearMinWords || (exact_set_of[id] != kNoSet && exact[exact_set_of[id]].front() != id)) continue;
    reps.push_back(id);
    hashes.push_back(fp.simhash);
    high.push_back(fp.simhash_high);
  }
  UnionFind sets(reps.size());
  join_near(hashes, high, k, sets);
  std::vector<std::vector<std::uint32_t>> members(reps.size());
  for (std::uint32_t i = 0; i < reps.size(); ++i) members[sets.find(i)].push_back(i);
  for (const auto& group : members) {
    if (group.size() < 2) continue;
    DuplicateSet set{false, {}, 0, 0};
    for (const std::uint32_t i : group) {
      const UrlId rep = reps[i];
      if (exact_set_of[rep] == kNoSet) {
        set.pages.push_back(rep);
      } else {
        const auto& copies = exact[exact_set_of[rep]];
        set.pages.insert(set.pages.end(), copies.begin(), copies.end());
      }
    }
    std::sort(set.pages.begin(), set.pages.end());
    // Its size in words: its longest page's (any member's would vary with a folder crawl's order).
    for (const UrlId id : set.pages) set.words = std::max(set.words, g.content(id).main_words);
    out.push_back(std::move(set));
  }
  return out;
}

std::vector<Finding> find_duplicate_problems(const SiteGraph& g, const Audit& audit, std::vector<DuplicateSet>& sets) {
  std::vector<Finding> out;
  double total = 0;
  for (UrlId id = 0; id < g.size(); ++id) total += equity_of(audit, id);
  for (DuplicateSet& set : sets) {
    by_equity(audit, set.pages);
    set.equity = 0;
    for (const UrlId id : set.pages) set.equity += equity_of(audit, id);
    if (total > 0) set.equity /= total;
  }
  std::stable_sort(sets.begin(), sets.end(), [](const DuplicateSet& a, const DuplicateSet& b) { return a.equity > b.equity; });
  for (const DuplicateSet& set : sets) {
    const std::string split = total > 0 ? "; together " + percent(set.equity) + " of the site's equity, split between them" : "";
    const std::string n = std::to_string(set.pages.size());
    const std::string words = std::to_string(set.words) + (set.words == 1 ? " word" : " words");
    out.push_back(set.exact ? set_finding("duplicate-content", set.pages, n + " pages with the same main content (" + words + ")" + split)
                            : set_finding("near-duplicate", set.pages, n + " pages with nearly the same main content (" + words + ")" + split));
  }
  const std::vector<UrlId> pages = indexable_pages(g);
  // Copies share their title and description too: a set of them is duplicate-content's, and
  // only another page with the same title makes it a title finding.
  std::vector<std::uint32_t> copy_set(g.size(), 0xFFFFFFFFu);
  for (std::uint32_t i = 0; i < sets.size(); ++i) {
    if (sets[i].exact) {
      for (const UrlId id : sets[i].pages) copy_set[id] = i;
    }
  }
  const auto all_copies = [&copy_set](const std::vector<UrlId>& set) {
    return copy_set[set.front()] != 0xFFFFFFFFu &&
           std::all_of(set.begin(), set.end(), [&](UrlId id) { return copy_set[id] == copy_set[set.front()]; });
  };
  for (std::vector<UrlId>& set : same_key_sets(pages, [&g](UrlId id) {
         const std::string_view title = g.text(id).title;
         return title.empty() ? 0 : hash64(compared_title(title));
       })) {
    // A 64-bit hash collision is rarer than a typo, but a title is there to compare.
    const std::string title = compared_title(g.text(set.front()).title);
    std::erase_if(set, [&](UrlId id) { return compared_title(g.text(id).title) != title; });
    if (set.size() < 2 || all_copies(set)) continue;
    by_equity(audit, set);
    Finding f = set_finding("duplicate-title", set, std::to_string(set.size()) + " pages with the title \"" + std::string(g.text(set.front()).title) + "\"");
    f.href = std::string(g.text(set.front()).title);
    out.push_back(std::move(f));
  }
  for (std::vector<UrlId>& set : same_key_sets(pages, [&g](UrlId id) { return g.content(id).description; })) {
    if (all_copies(set)) continue;
    by_equity(audit, set);
    out.push_back(set_finding("duplicate-description", set, std::to_string(set.size()) + " pages with the same meta description"));
  }
  for (const UrlId id : pages) {
    if (g.was_parsed(id) && g.text(id).title.empty()) out.push_back(make_finding("missing-title", id, 0, "the page has no <title>, or an empty one"));
  }
  return out;
}

}  // namespace sitegraph

namespace sitegraph {

void name_orphan_copies(const SiteGraph& g, const std::vector<DuplicateSet>& sets, std::vector<Finding>& orphans) {
  std::vector<std::uint32_t> set_of(g.size(), 0xFFFFFFFFu);
  std::vector<std::uint8_t> orphan(g.size(), 0);
  for (const Finding& f : orphans) {
    if (f.rule == "orphan-page") orphan[f.url] = 1;
  }
  for (std::uint32_t s = 0; s < sets.size(); ++s) {
    if (!sets[s].exact) continue;
    for (const UrlId id : sets[s].pages) set_of[id] = s;
  }
  for (Finding& f : orphans) {
    if (f.rule != "orphan-page" || set_of[f.url] == 0xFFFFFFFFu) continue;
    // The linked page with the same content, the one most equity reaches.
    for (const UrlId id : sets[set_of[f.url]].pages) {
      if (orphan[id]) continue;
      f.message += "; the same content as " + std::string(g.url(id)) + ", which is linked";
      break;
    }
  }
}

}  // namespace sitegraph
