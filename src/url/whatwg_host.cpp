// The host parser of the WHATWG URL Standard (§3.5, serializer §3.6): IPv4 and IPv6
// addresses, opaque hosts, and domains through IDNA (libidn2).

#include "url/whatwg_host.hpp"

#include <idn2.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

#include "url/whatwg_text.hpp"

namespace sitegraph::whatwg {
namespace {

// ---------------------------------------------------------------------------------------------
// IPv4 addresses (WHATWG URL §3.5 IPv4 parser, §3.6 IPv4 serializer).

/// Numbers above 2^32 are all equally out of range; saturating keeps the arithmetic in 64 bits.
constexpr std::uint64_t kIpv4Saturated = std::uint64_t{1} << 33;

/// The IPv4 number parser: decimal, 0x-prefixed hexadecimal or 0-prefixed octal.
std::optional<std::uint64_t> parse_ipv4_number(std::string_view input) {
  if (input.empty()) return std::nullopt;
  unsigned radix = 10;
  if (input.size() >= 2 && input[0] == '0' && (input[1] == 'x' || input[1] == 'X')) {
    input.remove_prefix(2);
    radix = 16;
  } else if (input.size() >= 2 && input[0] == '0') {
    input.remove_prefix(1);
    radix = 8;
  }
  std::uint64_t value = 0;
  for (const char c : input) {
    const unsigned digit = is_ascii_hex_digit(c) ? static_cast<unsigned>(hex_value(c)) : radix;
    if (digit >= radix) return std::nullopt;
    value = std::min(value * radix + digit, kIpv4Saturated);
  }
  return value;  // "0x" and "0" alone are 0
}

/// The ends in a number checker: whether the host parser must hand `domain` to the IPv4 parser.
bool ends_in_a_number(std::string_view domain) {
  std::vector<std::string_view> parts = strictly_split(domain, '.');
  if (parts.back().empty()) {
    if (parts.size() == 1) return false;
    parts.pop_back();
  }
  const std::string_view last = parts.back();
  if (!last.empty() && std::all_of(last.begin(), last.end(), is_ascii_digit)) return true;
  return parse_ipv4_number(last).has_value();
}

std::optional<std::uint32_t> parse_ipv4(std::string_view input) {
  std::vector<std::string_view> parts = strictly_split(input, '.');
  if (parts.back().empty() && parts.size() > 1) parts.pop_back();
  if (parts.size() > 4) return std::nullopt;
  std::vector<std::uint64_t> numbers;
  for (const std::string_view part : parts) {
    const auto number = parse_ipv4_number(part);
    if (!number) return std::nullopt;
    numbers.push_back(*number);
  }
  for (std::size_t i = 0; i + 1 < numbers.size(); ++i) {
    if (numbers[i] > 255) return std::nullopt;
  }
  // The last number fills the bytes the earlier ones left: 256^(5 - count) (§3.5 step 8).
  if (numbers.back() >= (std::uint64_t{1} << (8 * (5 - numbers.size())))) return std::nullopt;
  std::uint64_t ipv4 = numbers.back();
  for (std::size_t i = 0; i + 1 < numbers.size(); ++i) ipv4 += numbers[i] << (8 * (3 - i));
  return static_cast<std::uint32_t>(ipv4);
}

std::string serialize_ipv4(std::uint32_t address) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) {
    out += std::to_string((address >> shift) & 0xFF);
    if (shift != 0) out.push_back('.');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// IPv6 addresses (WHATWG URL §3.5 IPv6 parser, §3.6 IPv6 serializer).

using Ipv6Address = std::array<std::uint16_t, 8>;

class Ipv6Parser {
 public:
  explicit Ipv6Parser(std::string_view input) : input_(input) {}
  std::optional<Ipv6Address> parse();

 private:
  int c() const { return pointer_ < input_.size() ? static_cast<unsigned char>(input_[pointer_]) : kEof; }
  int next() const {
    return pointer_ + 1 < input_.size() ? static_cast<unsigned char>(input_[pointer_ + 1]) : kEof;
  }
  bool parse_embedded_ipv4();
  void apply_compression();

  std::string_view input_;
  std::size_t pointer_ = 0;
  Ipv6Address address_{};
  std::size_t piece_index_ = 0;
  std::optional<std::size_t> compress_;
};

std::optional<Ipv6Address> Ipv6Parser::parse() {
  if (c() == ':') {
    if (next() != ':') return std::nullopt;
    pointer_ += 2;
    compress_ = ++piece_index_;
  }
  while (c() != kEof) {
    if (piece_index_ == 8) return std::nullopt;
    if (c() == ':') {
      if (compress_) return std::nullopt;
      ++pointer_;
      compress_ = ++piece_index_;
      continue;
    }
    unsigned value = 0;
    std::size_t length = 0;
    for (; length < 4 && is_ascii_hex_digit(c()); ++length, ++pointer_) {
      value = value * 0x10 + static_cast<unsigned>(hex_value(c()));
    }
    if (c() == '.') {
      if (length == 0 || piece_index_ > 6) return std::nullopt;
      pointer_ -= length;
      if (!parse_embedded_ipv4()) return std::nullopt;
      break;
    }
    if (c() == ':') {
      ++pointer_;
      if (c() == kEof) return std::nullopt;
    } else if (c() != kEof) {
      return std::nullopt;
    }
    address_[piece_index_++] = static_cast<std::uint16_t>(value);
  }
  if (!compress_ && piece_index_ != 8) return std::nullopt;
  apply_compression();
  return address_;
}

/// The dotted-decimal tail of "::ffff:192.0.2.1": exactly four decimal parts, no leading zeros.
bool Ipv6Parser::parse_embedded_ipv4() {
  int numbers_seen = 0;
  while (c() != kEof) {
    int ipv4_piece = -1;
    if (numbers_seen > 0) {
      if (c() != '.' || numbers_seen >= 4) return false;
      ++pointer_;
    }
    if (!is_ascii_digit(c())) return false;
    for (; is_ascii_digit(c()); ++pointer_) {
      if (ipv4_piece == 0) return false;
      ipv4_piece = (ipv4_piece < 0 ? 0 : ipv4_piece * 10) + (c() - '0');
      if (ipv4_piece > 255) return false;
    }
    address_[piece_index_] = static_cast<std::uint16_t>(address_[piece_index_] * 0x100 + ipv4_piece);
    ++numbers_seen;
    if (numbers_seen == 2 || numbers_seen == 4) ++piece_index_;
  }
  return numbers_seen == 4;
}

/// Moves the pieces after "::" to the end of the address (§3.5 IPv6 parser step 7).
void Ipv6Parser::apply_compression() {
  if (!compress_) return;
  std::size_t swaps = piece_index_ - *compress_;
  for (std::size_t index = 7; index != 0 && swaps > 0; --index, --swaps) {
    std::swap(address_[index], address_[*compress_ + swaps - 1]);
  }
}

/// The first longest run of two or more zero pieces, which serializes as "::" (RFC 5952 §4.2).
std::optional<std::size_t> compressed_piece_index(const Ipv6Address& address) {
  std::optional<std::size_t> longest_index;
  std::size_t longest_size = 1;
  for (std::size_t i = 0; i < address.size();) {
    if (address[i] != 0) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < address.size() && address[end] == 0) ++end;
    if (end - i > longest_size) {
      longest_index = i;
      longest_size = end - i;
    }
    i = end;
  }
  return longest_index;
}

std::string serialize_ipv6(const Ipv6Address& address) {
  static constexpr char kLowerHex[] = "0123456789abcdef";
  const std::optional<std::size_t> compress = compressed_piece_index(address);
  std::string out;
  bool ignore_zero = false;
  for (std::size_t i = 0; i < address.size(); ++i) {
    if (ignore_zero && address[i] == 0) continue;
    ignore_zero = false;
    if (compress == i) {
      out += i == 0 ? "::" : ":";
      ignore_zero = true;
      continue;
    }
    std::string piece;
    for (unsigned value = address[i]; piece.empty() || value != 0; value >>= 4) {
      piece.insert(piece.begin(), kLowerHex[value & 0xF]);
    }
    out += piece;
    if (i != 7) out.push_back(':');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Domains (WHATWG URL §3.2 forbidden code points, §3.3 IDNA).

bool is_forbidden_host_code_point(char c) {
  static constexpr std::string_view kForbidden{"\0\t\n\r #/:<>?@[\\]^|", 17};
  return kForbidden.find(c) != std::string_view::npos;
}

bool is_forbidden_domain_code_point(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return is_forbidden_host_code_point(c) || byte <= 0x1F || c == '%' || byte == 0x7F;
}

// UTS #46 ToASCII as the URL Standard asks: nontransitional, CheckHyphens and VerifyDnsLength off.
constexpr int kIdn2Flags = IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT;

struct Idn2Deleter {
  void operator()(char* s) const { idn2_free(s); }
};

std::optional<std::string> run_idn2(const std::string& domain, int flags, int& rc) {
  char* raw = nullptr;
  rc = idn2_to_ascii_8z(domain.c_str(), &raw, flags);
  const std::unique_ptr<char, Idn2Deleter> output(raw);
  if (rc != IDN2_OK || !output) return std::nullopt;
  return std::string(output.get());
}

// --- Fallbacks for where libidn2 (IDNA2008 + TR46) is stricter than UTS #46 as the URL
// Standard runs it: DNS length limits (VerifyDnsLength is false) and code points IDNA2008
// disallows but UTS #46 keeps valid (the "NV8" symbols: "☕.example" is "xn--53h.example").

std::vector<char32_t> decode_utf8(std::string_view s) {
  std::vector<char32_t> code_points;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t length = scan_utf8(s, i).length;  // s is valid UTF-8 here
    const auto lead = static_cast<unsigned char>(s[i]);
    char32_t cp = length == 1 ? lead : lead & (0xFFu >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    code_points.push_back(cp);
    i += length;
  }
  return code_points;
}

/// Labels split on the full stops UTS #46 maps to '.' (U+002E, U+3002, U+FF0E, U+FF61).
std::vector<std::string> split_domain_labels(std::string_view domain) {
  std::vector<std::string> labels(1);
  for (const char32_t cp : decode_utf8(domain)) {
    if (cp == U'.' || cp == 0x3002 || cp == 0xFF0E || cp == 0xFF61) {
      labels.emplace_back();
    } else {
      append_utf8(labels.back(), cp);
    }
  }
  return labels;
}

/// Pictographic blocks whose assigned code points UTS #46 keeps valid, unmapped and NFC-stable
/// (Miscellaneous Symbols, Dingbats, Miscellaneous Symbols and Arrows, the emoji blocks).
bool is_pictographic_symbol(char32_t cp) {
  return (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x1F300 && cp <= 0x1FAFF);
}

std::uint64_t adapt_punycode_bias(std::uint64_t delta, std::uint64_t points, bool first_time) {
  constexpr std::uint64_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700;
  delta = first_time ? delta / kDamp : delta / 2;
  delta += delta / points;
  std::uint64_t k = 0;
  for (; delta > ((kBase - kTmin) * kTmax) / 2; k += kBase) delta /= kBase - kTmin;
  return k + (kBase - kTmin + 1) * delta / (delta + kSkew);
}

void append_punycode_number(std::string& out, std::uint64_t q, std::uint64_t bias) {
  constexpr std::uint64_t kBase = 36, kTmin = 1, kTmax = 26;
  const auto digit = [](std::uint64_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + d - 26); };
  for (std::uint64_t k = kBase;; k += kBase) {
    const std::uint64_t t = k <= bias ? kTmin : (k >= bias + kTmax ? kTmax : k - bias);
    if (q < t) break;
    out.push_back(digit(t + (q - t) % (kBase - t)));
    q = (q - t) / (kBase - t);
  }
  out.push_back(digit(q));
}

/// Punycode encoding of one label (RFC 3492 §6.3).
std::string punycode_encode(const std::vector<char32_t>& input) {
  std::string out;
  for (const char32_t cp : input) {
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
  }
  const std::uint64_t basic = out.size();
  if (basic > 0) out.push_back('-');
  std::uint64_t n = 0x80, delta = 0, bias = 72, handled = basic;
  while (handled < input.size()) {
    std::uint64_t m = UINT32_MAX;
    for (const char32_t cp : input) {
      if (cp >= n && cp < m) m = cp;
    }
    delta += (m - n) * (handled + 1);
    n = m;
    for (const char32_t cp : input) {
      if (cp < n) ++delta;
      if (cp != n) continue;
      append_punycode_number(out, delta, bias);
      bias = adapt_punycode_bias(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return out;
}

/// A label of ASCII and pictographic symbols only, which IDNA2008 rejects and UTS #46 accepts.
std::optional<std::string> symbol_label_to_ascii(std::string_view label) {
  std::vector<char32_t> code_points = decode_utf8(label);
  for (char32_t& cp : code_points) {
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (cp >= 0x80 && !is_pictographic_symbol(cp)) return std::nullopt;
  }
  return "xn--" + punycode_encode(code_points);
}

std::optional<std::string> label_to_ascii(const std::string& label, int flags) {
  if (is_ascii(label)) return ascii_lowercase(label);
  int rc = IDN2_OK;
  if (auto converted = run_idn2(label, flags, rc)) return converted;
  if (rc == IDN2_DISALLOWED) return symbol_label_to_ascii(label);
  return std::nullopt;
}

std::optional<std::string> idna_label_by_label(std::string_view domain, int flags) {
  std::string out;
  const std::vector<std::string> labels = split_domain_labels(domain);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto ascii = label_to_ascii(labels[i], flags);
    if (!ascii) return std::nullopt;
    if (i > 0) out.push_back('.');
    out += *ascii;
  }
  return out;
}

/// Unicode ToASCII (UTS #46 §4.2) of a domain with at least one non-ASCII code point.
std::optional<std::string> idna_to_ascii(const std::string& domain) {
  // A NUL would end the C string early; it is a forbidden domain code point anyway.
  if (domain.find('\0') != std::string::npos) return std::nullopt;
  int rc = IDN2_OK;
  if (auto result = run_idn2(domain, kIdn2Flags, rc)) return result;
  int flags = kIdn2Flags;
  if (rc == IDN2_INVALID_FLAGS) {
    // A libidn2 built without UTS #46 support: plain IDNA2008 is the closest it offers.
    flags = IDN2_NFC_INPUT;
    if (auto result = run_idn2(domain, flags, rc)) return result;
  }
  if (rc == IDN2_TOO_BIG_DOMAIN || rc == IDN2_TOO_BIG_LABEL || rc == IDN2_DISALLOWED) {
    return idna_label_by_label(domain, flags);
  }
  return std::nullopt;
}

/// The domain parser (§3.3, "domain to ASCII" with beStrict false). ASCII domains are only
/// lowercased, even when a label is invalid Punycode: web compatibility (§3.3 step 5).
std::optional<std::string> domain_to_ascii(const std::string& domain) {
  std::optional<std::string> result;
  if (is_ascii(domain)) {
    result = ascii_lowercase(domain);
  } else {
    result = idna_to_ascii(domain);
  }
  if (!result || result->empty()) return std::nullopt;
  if (std::any_of(result->begin(), result->end(), is_forbidden_domain_code_point)) return std::nullopt;
  return result;
}

// ---------------------------------------------------------------------------------------------
// The host parser (WHATWG URL §3.5); it returns the serialized host (§3.6).

std::optional<std::string> parse_opaque_host(std::string_view input) {
  if (std::any_of(input.begin(), input.end(), is_forbidden_host_code_point)) return std::nullopt;
  std::string out;
  for (const char c : input) {
    append_percent_encoded(out, static_cast<unsigned char>(c), EncodeSet::kC0Control);
  }
  return out;
}

}  // namespace

std::optional<std::string> parse_host(std::string_view input, bool is_opaque) {
  if (!input.empty() && input.front() == '[') {
    if (input.size() < 2 || input.back() != ']') return std::nullopt;
    const auto address = Ipv6Parser(input.substr(1, input.size() - 2)).parse();
    if (!address) return std::nullopt;
    // append() rather than operator+: g++ 12 raises a false -Wrestrict on the latter.
    std::string bracketed(1, '[');
    bracketed.append(serialize_ipv6(*address)).push_back(']');
    return bracketed;
  }
  if (is_opaque) return parse_opaque_host(input);
  // UTF-8 decode without BOM or fail: U+FFFD would make domain to ASCII fail anyway (§3.5 step 5).
  const std::string domain = percent_decode(input);
  if (!is_valid_utf8(domain)) return std::nullopt;
  const auto ascii_domain = domain_to_ascii(domain);
  if (!ascii_domain) return std::nullopt;
  if (ends_in_a_number(*ascii_domain)) {
    const auto ipv4 = parse_ipv4(*ascii_domain);
    if (!ipv4) return std::nullopt;
    return serialize_ipv4(*ipv4);
  }
  return ascii_domain;
}


}  // namespace sitegraph::whatwg
