// content.xml scanned as it comes -> sheets, rows, cells -> the sheets that
// hold the export -> AuditSession (contract_ods_content.hpp says why a scanner).
#include "contract_ods_content.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>

#include "contract_ratings_export.hpp"

namespace cqc::contract {
namespace {

enum Ns : std::size_t { kTable, kText, kOffice, kDraw, kNsCount, kNoNs = kNsCount };
constexpr std::string_view kNsUris[kNsCount] = {
    "urn:oasis:names:tc:opendocument:xmlns:table:1.0", "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "urn:oasis:names:tc:opendocument:xmlns:office:1.0", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"};

// A tag longer than this is a damaged file (a real tag is at most a cell's
// string-value, which the reader cuts at max_cell_bytes anyway).
constexpr std::size_t kMaxConstructBytes = 64u << 20;
// Open elements; OpenDocument nests a cell's text a dozen deep.
constexpr std::size_t kMaxDepth = 4096;
// A reference is at most "&#x10FFFF;" (or "&quot;"); longer without ';' is no reference.
constexpr std::size_t kMaxReferenceBytes = 12;

// Byte classes for names: XML's name characters, with every byte of a UTF-8
// sequence allowed (content.xml's names are ASCII; others are only compared).
struct ByteClasses {
  bool name[256] = {}, name_start[256] = {}, space[256] = {};
  constexpr ByteClasses() {
    for (int c = 0; c < 256; ++c) {
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
      name_start[c] = letter || c == '_' || c == ':';
      name[c] = name_start[c] || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }
    space[static_cast<unsigned char>(' ')] = space[static_cast<unsigned char>('\t')] =
        space[static_cast<unsigned char>('\n')] = space[static_cast<unsigned char>('\r')] = true;
  }
};
constexpr ByteClasses kBytes;
// Always inlined: the wasm build is -Oz, which would otherwise call these for every byte (3x slower).
#define CQC_HOT inline __attribute__((always_inline))
CQC_HOT bool is_name(char c) { return kBytes.name[static_cast<unsigned char>(c)]; }
CQC_HOT bool is_name_start(char c) { return kBytes.name_start[static_cast<unsigned char>(c)]; }
CQC_HOT bool is_space(char c) { return kBytes.space[static_cast<unsigned char>(c)]; }

// Byte comparisons written out, for the same reason (string_view's compare is a call at -Oz).
CQC_HOT bool same(const char* a, std::size_t a_size, const char* b, std::size_t b_size) {
  if (a_size != b_size) return false;
  for (std::size_t i = 0; i < a_size; ++i)
    if (a[i] != b[i]) return false;
  return true;
}
template <std::size_t N>
CQC_HOT bool is(std::string_view s, const char (&literal)[N]) {
  return same(s.data(), s.size(), literal, N - 1);
}

// The end of the name at p (XML names: 10-25 bytes in content.xml), four bytes a step.
CQC_HOT const char* skip_name(const char* p, const char* end) {
  while (end - p >= 4 && is_name(p[0]) && is_name(p[1]) && is_name(p[2]) && is_name(p[3])) p += 4;
  while (p < end && is_name(*p)) ++p;
  return p;
}

CQC_HOT const char* find_char(const char* p, const char* end, char c) {
  const void* at = p < end ? std::memchr(p, c, static_cast<std::size_t>(end - p)) : nullptr;
  return at ? static_cast<const char*>(at) : end;
}
const char* find_text(const char* p, const char* end, std::string_view what) {
  const std::string_view in(p, static_cast<std::size_t>(end - p));
  const std::size_t at = in.find(what);
  return at == std::string_view::npos ? nullptr : p + at;
}

// A positive count (repeats, spaces); 1 when absent or not a number; at most `cap`.
std::size_t count_of(std::string_view text, std::size_t cap) {
  if (text.empty()) return 1;
  std::size_t n = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return 1;
    n = n * 10 + static_cast<std::size_t>(c - '0');
    if (n > cap) n = cap;
  }
  return n == 0 ? 1 : n;
}

std::size_t add_capped(std::size_t a, std::size_t b) {
  return a > std::numeric_limits<std::size_t>::max() - b ? std::numeric_limits<std::size_t>::max() : a + b;
}

// A character XML 1.0 allows.
bool is_xml_char(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

void append_utf8(std::string& out, std::uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string shown(std::string_view name) {  // a name in a message, cut if long
  return std::string(name.substr(0, 80)) + (name.size() > 80 ? "..." : "");
}

}  // namespace

void OdsContentReader::Buffer::grow(std::size_t at_least) {
  std::size_t capacity = capacity_ ? capacity_ * 2 : 256;
  while (capacity < at_least) capacity *= 2;
  std::unique_ptr<char[]> bigger(new char[capacity]);
  if (size_) std::memcpy(bigger.get(), data_.get(), size_);
  data_ = std::move(bigger);
  capacity_ = capacity;
}

void OdsContentReader::Buffer::append(const char* p, std::size_t n) {
  if (size_ + n > capacity_) grow(size_ + n);
  if (n) std::memcpy(data_.get() + size_, p, n);
  size_ += n;
}

OdsContentReader::OdsContentReader(OdsRowHandler& handler, const OdsLimits& limits)
    : handler_(handler), limits_(limits) {}

// ---- input: pieces, the carried-over construct, line numbers --------------------

bool OdsContentReader::feed(std::string_view xml) {
  if (stopped_) return false;
  const char* p = xml.data();
  const char* const end = p + xml.size();
  if (bom_ < 3) {  // a UTF-8 byte order mark before the XML declaration is skipped
    static constexpr char kBom[] = "\xEF\xBB\xBF";
    for (; bom_ < 3 && p < end && *p == kBom[bom_]; ++p) ++bom_;
    read_ = bom_;
    if (p == end && bom_ < 3) return true;
    if (bom_ > 0 && bom_ < 3) {
      buffer_ = p;  // the byte after the mark's first bytes, whichever piece they came in
      buffer_offset_ = bom_;
      lines_from_ = p;
      return fail("text before the document element (is it XML?)", p);
    }
    bom_ = 3;
  }
  if (!carry_.empty()) {
    // The construct the last piece ended inside, completed from this one.
    const std::size_t old = carry_.size();
    std::size_t taken = 0;
    for (;;) {  // a little of this piece at a time, doubling, so a long construct is scanned O(n)
      const std::size_t more =
          std::min<std::size_t>(static_cast<std::size_t>(end - p) - taken, std::max<std::size_t>(carry_.size(), 4096));
      carry_.append(p + taken, more);
      taken += more;
      const char* const c = carry_.data();
      const char* const q = scan_buffer(c, c + carry_.size(), false);
      if (!q) return false;
      if (q > c) {  // past the carried construct: on in this piece
        p += (q - c) - old;
        carry_.clear();
        break;
      }
      if (p + taken == end) {
        if (carry_.size() > kMaxConstructBytes) return fail("a tag or text longer than 64 MiB, which no spreadsheet writes", c);
        return true;  // still inside it: wait for the next piece
      }
    }
  }
  const char* const q = scan_buffer(p, end, false);
  if (!q) return false;
  if (q < end) carry_.assign(q, end);
  return true;
}

// scan() over [begin, end), which starts at the first byte not yet read; the
// bytes read are counted, and the line breaks among them.
const char* OdsContentReader::scan_buffer(const char* begin, const char* end, bool last) {
  buffer_ = begin;
  buffer_offset_ = read_;
  lines_from_ = begin;
  const char* const q = scan(begin, end, last);
  if (!q) return nullptr;
  newlines(lines_from_, q);
  read_ += static_cast<std::uint64_t>(q - begin);
  return q;
}

const std::string& OdsContentReader::finish(const std::string& container_error) {
  if (stopped_) return error_;
  if (!container_error.empty()) {
    stop(container_error);
    return error_;
  }
  if (!carry_.empty()) {
    if (!scan_buffer(carry_.data(), carry_.data() + carry_.size(), true)) return error_;
    carry_.clear();
  }
  const std::uint64_t column = read_ - line_start_ + 1;
  if (!root_seen_) {
    stop("content.xml in the .ods file ends before its document element begins: the file is cut short or it "
         "is not XML");
  } else if (!open_.empty()) {
    const Open& open = open_.back();
    stop("content.xml in the .ods file ends inside <" +
         shown(std::string_view(open_names_.data() + open.name_at, open.name_size)) + ">, at line " +
         std::to_string(line_) + ", column " + std::to_string(column) + ": the file is cut short");
  }
  stopped_ = true;
  return error_;
}

void OdsContentReader::stop(const std::string& message) {
  if (stopped_) return;
  stopped_ = true;
  error_ = message;
  if (in_table_) {  // what was read of the sheet is finished, the file is not
    in_table_ = in_row_ = in_cell_ = false;
    handler_.end_sheet();
  }
}

bool OdsContentReader::fail(const std::string& what, const char* at) {
  if (stopped_) return false;
  newlines(lines_from_, at);
  lines_from_ = at;
  const std::uint64_t offset = buffer_offset_ + static_cast<std::uint64_t>(at - buffer_);
  stop("content.xml in the .ods file is not well-formed XML at line " + std::to_string(line_) + ", column " +
       std::to_string(offset - line_start_ + 1) + ": " + what);
  return false;
}

void OdsContentReader::newlines(const char* p, const char* end) {
  for (p = find_char(p, end, '\n'); p < end; p = find_char(p + 1, end, '\n')) {
    ++line_;
    line_start_ = buffer_offset_ + static_cast<std::uint64_t>(p - buffer_) + 1;
  }
}

// Whole constructs from [p, end): the first byte not read (the start of one
// that goes on past `end`), or nullptr once reading stopped.
const char* OdsContentReader::scan(const char* p, const char* end, bool last) {
  while (p < end) {
    const char* q = *p == '<' ? markup(p, end, last) : text(p, end, last);
    if (!q || stopped_) return nullptr;
    if (q == p) return p;
    p = q;
  }
  return p;
}

const char* OdsContentReader::markup(const char* p, const char* end, bool last) {
  auto cut_short = [&](const char* what) -> const char* {
    if (!last) return p;
    fail(std::string("content.xml ends inside ") + what + ": the file is cut short", p);
    return nullptr;
  };
  if (end - p < 2) return cut_short("a tag");
  if (p[1] == '/') {
    // Almost always the open element's name and '>': compared at once.
    if (!open_.empty()) {
      const Open& open = open_.back();
      const char* const after = p + 2 + open.name_size;
      if (after < end && *after == '>' && same(p + 2, open.name_size, open_names_.data() + open.name_at, open.name_size)) {
        end_element();
        return stopped_ ? nullptr : after + 1;
      }
    }
    const char* q = p + 2;
    const char* const name = q;
    q = skip_name(q, end);
    const char* const name_end = q;
    while (q < end && is_space(*q)) ++q;
    if (q == end) return cut_short("a tag");
    if (name == name_end || *q != '>') {
      fail(name == name_end ? "'</' not followed by a name" : "an end tag with something other than '>' after its name",
           name == name_end ? p : q);
      return nullptr;
    }
    const std::string_view closing(name, static_cast<std::size_t>(name_end - name));
    if (open_.empty()) {
      fail("</" + shown(closing) + "> closes no open element", p);
      return nullptr;
    }
    const Open& open = open_.back();
    const std::string_view opened(open_names_.data() + open.name_at, open.name_size);
    if (!same(closing.data(), closing.size(), opened.data(), opened.size())) {
      fail("mismatched tag: </" + shown(closing) + "> where </" + shown(opened) + "> was expected", p);
      return nullptr;
    }
    end_element();
    return stopped_ ? nullptr : q + 1;
  }
  if (p[1] == '?') {
    const char* const q = find_text(p + 2, end, "?>");
    if (!q) return cut_short("a processing instruction (<?...?>)");
    return q + 2;
  }
  if (p[1] == '!') {
    const std::string_view rest(p, static_cast<std::size_t>(end - p));
    if (rest.size() < 4 && std::string_view("<!--").substr(0, rest.size()) == rest) return cut_short("a comment");
    if (rest.compare(0, 4, "<!--") == 0) {
      const char* const q = find_text(p + 4, end, "-->");
      if (!q) return cut_short("a comment");
      return q + 3;
    }
    constexpr std::string_view kCdata = "<![CDATA[";
    if (rest.size() < kCdata.size() && kCdata.substr(0, rest.size()) == rest) return cut_short("a CDATA section");
    if (rest.compare(0, kCdata.size(), kCdata) == 0) {
      const char* const q = find_text(p + kCdata.size(), end, "]]>");
      if (!q) return cut_short("a CDATA section");
      if (collecting_)
        for (const char* c = p + kCdata.size(); c < q; ++c) character(*c);
      return q + 3;
    }
    fail("'<!' that begins neither a comment nor a CDATA section (content.xml has no DOCTYPE)", p);
    return nullptr;
  }

  // A start tag: its name, then attributes, then '>' or '/>'.
  const char* q = p + 1;
  if (!is_name_start(*q)) {
    fail("a '<' that begins no tag (a '<' in text is written &lt;)", p);
    return nullptr;
  }
  const char* const name = q;
  q = skip_name(q, end);
  if (q == end) return cut_short("a tag");
  const std::string_view element(name, static_cast<std::size_t>(q - name));
  attribute_count_ = 0;
  bool empty = false;
  for (;;) {
    const char* const before = q;
    while (q < end && is_space(*q)) ++q;
    if (q == end) return cut_short("a tag");
    if (*q == '>') {
      ++q;
      break;
    }
    if (*q == '/') {
      if (q + 1 == end) return cut_short("a tag");
      if (q[1] != '>') {
        fail("a '/' inside <" + shown(element) + "> not followed by '>'", q);
        return nullptr;
      }
      empty = true;
      q += 2;
      break;
    }
    if (*q == '<') {
      fail("a '<' inside the tag <" + shown(element) + "> (is a '>' missing?)", q);
      return nullptr;
    }
    if (q == before || !is_name_start(*q)) {
      fail(q == before ? "attributes of <" + shown(element) + "> not separated by white space"
                       : "a '" + std::string(1, *q) + "' where an attribute of <" + shown(element) + "> should begin",
           q);
      return nullptr;
    }
    const char* const attribute_name = q;
    q = skip_name(q, end);
    const std::string_view attribute(attribute_name, static_cast<std::size_t>(q - attribute_name));
    while (q < end && is_space(*q)) ++q;
    if (q == end) return cut_short("a tag");
    if (*q != '=') {
      fail("attribute " + shown(attribute) + " of <" + shown(element) + "> has no value (=\"...\")", q);
      return nullptr;
    }
    ++q;
    while (q < end && is_space(*q)) ++q;
    if (q == end) return cut_short("a tag");
    if (*q != '"' && *q != '\'') {
      fail("the value of attribute " + shown(attribute) + " of <" + shown(element) + "> is not in quotes", q);
      return nullptr;
    }
    const char* const value = q + 1;
    const char* const close = find_char(value, end, *q);
    const char* const lt = find_char(value, close, '<');
    if (lt < close) {
      fail("a '<' inside the value of attribute " + shown(attribute) + " of <" + shown(element) + ">", lt);
      return nullptr;
    }
    if (close == end) return cut_short("a tag");
    // Written in place (a temporary Attribute copied in stalls on store forwarding: 15% of the time).
    if (attribute_count_ == attributes_.size()) attributes_.emplace_back();
    Attribute& a = attributes_[attribute_count_++];
    a.name = attribute;
    a.value = std::string_view(value, static_cast<std::size_t>(close - value));
    q = close + 1;
  }
  if (open_.empty() && root_seen_) {
    fail("a second document element <" + shown(element) + "> after the first has ended", p);
    return nullptr;
  }
  if (open_.size() >= kMaxDepth) {
    fail("elements nested more than " + std::to_string(kMaxDepth) + " deep", p);
    return nullptr;
  }
  start_element(element);
  if (stopped_) return nullptr;
  if (empty) end_element();
  return stopped_ ? nullptr : q;
}

// Text up to the next '<' (or `end`): a cell's text is kept, other text only
// checked outside the document element. Returns where it stopped: the '<', or
// a reference that goes on past `end`.
const char* OdsContentReader::text(const char* p, const char* end, bool last) {
  const char* const lt = find_char(p, end, '<');
  if (!collecting_) {
    if (open_.empty()) {
      for (const char* q = p; q < lt; ++q) {
        if (!is_space(*q)) {
          fail(root_seen_ ? "text after the document element has ended" : "text before the document element (is it XML?)", q);
          return nullptr;
        }
      }
    }
    return lt;
  }
  const char* q = p;
  while (q < lt) {
    const char* const amp = find_char(q, lt, '&');
    while (q < amp) {
      if (is_space(*q)) {
        character(*q++);
        continue;
      }
      const char* word = q;  // a run without white space: appended at once
      while (q < amp && !is_space(*q)) ++q;
      append(word, q);
    }
    if (q == lt) break;
    std::uint32_t code = 0;
    const char* const after = reference(q, lt, last || lt < end, code);
    if (!after) return nullptr;
    if (after == q) return q;  // goes on in the next piece
    put_code(code);
    q = after;
  }
  return lt;
}

// The reference at p ('&'): the character it stands for and the byte after
// its ';'; p itself when it may go on past `end`; nullptr when it is wrong.
const char* OdsContentReader::reference(const char* p, const char* end, bool last, std::uint32_t& code) {
  const char* const semicolon = find_char(p + 1, std::min(end, p + kMaxReferenceBytes), ';');
  if (semicolon == std::min(end, p + kMaxReferenceBytes)) {
    if (!last && end - p < static_cast<std::ptrdiff_t>(kMaxReferenceBytes)) return p;
    fail("an '&' that begins no entity or character reference (an '&' in text is written &amp;)", p);
    return nullptr;
  }
  const std::string_view ref(p + 1, static_cast<std::size_t>(semicolon - p - 1));
  if (ref == "lt") code = '<';
  else if (ref == "gt") code = '>';
  else if (ref == "amp") code = '&';
  else if (ref == "quot") code = '"';
  else if (ref == "apos") code = '\'';
  else if (ref.size() >= 2 && ref[0] == '#') {
    const bool hex = ref[1] == 'x';
    const std::string_view digits = ref.substr(hex ? 2 : 1);
    std::uint32_t c = 0;
    bool ok = !digits.empty();
    for (const char d : digits) {
      std::uint32_t v;
      if (d >= '0' && d <= '9') v = static_cast<std::uint32_t>(d - '0');
      else if (hex && d >= 'a' && d <= 'f') v = static_cast<std::uint32_t>(d - 'a' + 10);
      else if (hex && d >= 'A' && d <= 'F') v = static_cast<std::uint32_t>(d - 'A' + 10);
      else {
        ok = false;
        break;
      }
      c = c * (hex ? 16 : 10) + v;
      if (c > 0x10FFFF) ok = false;
    }
    if (!ok || !is_xml_char(c)) {
      fail("the character reference &" + std::string(ref) + "; is not a character XML allows", p);
      return nullptr;
    }
    code = c;
  } else {
    fail("&" + shown(ref) + "; is not one of XML's five entities (&lt; &gt; &amp; &quot; &apos;) or a character "
         "reference",
         p);
    return nullptr;
  }
  return semicolon + 1;
}

// An attribute's value with its references decoded and white space as XML
// normalises it; false (reading stopped) when a reference is wrong.
bool OdsContentReader::decode(std::string_view raw, std::string& out) {
  out.clear();
  const char* p = raw.data();
  const char* const end = p + raw.size();
  while (p < end) {
    if (*p == '&') {
      std::uint32_t code = 0;
      const char* const after = reference(p, end, true, code);
      if (!after) return false;
      append_utf8(out, code);
      p = after;
    } else {
      out += is_space(*p) ? ' ' : *p;
      ++p;
    }
  }
  return true;
}

// ---- elements ---------------------------------------------------------------------

void OdsContentReader::learn_namespaces() {
  for (std::size_t i = 0; i < attribute_count_; ++i) {
    const Attribute& a = attributes_[i];
    if (a.name.substr(0, 5) != "xmlns") continue;
    for (std::size_t ns = 0; ns < kNsCount; ++ns) {
      if (kNsUris[ns] != a.value) continue;
      if (a.name.size() == 5) {
        default_ = ns;
      } else if (a.name[5] == ':') {
        prefix_[ns] = a.name.substr(6);
        declared_[ns] = true;
      }
    }
  }
}

OdsContentReader::Kind OdsContentReader::classify(std::string_view name) const {
  const char* const begin = name.data();
  const char* const end = begin + name.size();
  const char* colon = begin;
  while (colon < end && *colon != ':') ++colon;
  std::size_t ns = default_;
  std::string_view local = name;
  if (colon < end) {
    local = std::string_view(colon + 1, static_cast<std::size_t>(end - colon - 1));
    const std::size_t prefix = static_cast<std::size_t>(colon - begin);
    ns = kNoNs;
    for (std::size_t n = 0; n < kNsCount; ++n) {
      if (declared_[n] && same(begin, prefix, prefix_[n].data(), prefix_[n].size())) {
        ns = n;
        break;
      }
    }
  }
  switch (ns) {
    case kTable:
      if (is(local, "table-cell") || is(local, "covered-table-cell")) return Kind::Cell;
      if (is(local, "table-row")) return Kind::Row;
      if (is(local, "table")) return Kind::Table;
      return Kind::Other;
    case kText:
      if (is(local, "p") || is(local, "h")) return Kind::Paragraph;
      if (is(local, "s")) return Kind::Space;
      if (is(local, "tab")) return Kind::Tab;
      if (is(local, "line-break")) return Kind::LineBreak;
      if (is(local, "note") || is(local, "ruby-text")) return Kind::Skip;
      return Kind::Other;
    case kOffice:
      if (is(local, "annotation")) return Kind::Skip;
      if (is(local, "spreadsheet")) return Kind::Spreadsheet;
      return Kind::Other;
    case kDraw: return Kind::Skip;  // shapes, frames, images: not cell text
    default: return Kind::Other;
  }
}

// The attribute `local` of namespace `ns` as written, or empty.
std::string_view OdsContentReader::attribute(std::size_t ns, const char* local, std::size_t local_size) const {
  if (!declared_[ns]) return {};
  const char* const prefix = prefix_[ns].data();
  const std::size_t prefix_size = prefix_[ns].size();
  for (std::size_t i = 0; i < attribute_count_; ++i) {
    const Attribute& a = attributes_[i];
    const char* const name = a.name.data();
    if (a.name.size() == prefix_size + 1 + local_size && name[prefix_size] == ':' &&
        same(name, prefix_size, prefix, prefix_size) && same(name + prefix_size + 1, local_size, local, local_size))
      return a.value;
  }
  return {};
}

void OdsContentReader::start_element(std::string_view name) {
  if (!root_seen_) {
    root_seen_ = true;
    learn_namespaces();
  }
  Kind kind = skip_from_ ? Kind::Other : classify(name);
  switch (kind) {
    case Kind::Spreadsheet:
      in_spreadsheet_ = true;
      break;
    case Kind::Table:
      if (!in_spreadsheet_ || in_table_) kind = Kind::Skip;  // a table inside a cell is not a sheet
      else if (!begin_table()) return;
      break;
    case Kind::Row:
      if (!in_table_ || in_row_) kind = Kind::Skip;
      else begin_row();
      break;
    case Kind::Cell:
      if (!in_row_ || in_cell_) kind = Kind::Skip;
      else if (!begin_cell()) return;
      break;
    case Kind::Paragraph:
      if (in_cell_ && !fixed_) {
        if (paragraphs_++ > 0) put(' ');
        last_space_ = true;  // white space at a paragraph's start is dropped
        collapsed_ = false;
      }
      ++in_paragraph_;
      break;
    case Kind::Space:
      if (collecting_) {
        for (std::size_t n = count_of(attribute(kText, "c", 1), limits_.max_cell_bytes); n > 0; --n) put(' ');
        last_space_ = collapsed_ = false;
      }
      break;
    case Kind::Tab:
    case Kind::LineBreak:
      if (collecting_) {
        put(kind == Kind::Tab ? '\t' : '\n');
        last_space_ = collapsed_ = false;
      }
      break;
    case Kind::Skip:
    case Kind::Other:
      break;
  }
  open_.push_back({static_cast<std::uint32_t>(open_names_.size()), static_cast<std::uint32_t>(name.size()), kind});
  open_names_.append(name.data(), name.size());
  if (kind == Kind::Skip) skip_from_ = open_.size();
  update_collecting();
}

void OdsContentReader::end_element() {
  const Open open = open_.back();
  open_.pop_back();
  open_names_.shrink(open.name_at);
  if (skip_from_) {
    if (open_.size() + 1 == skip_from_) skip_from_ = 0;
    update_collecting();
    return;
  }
  switch (open.kind) {
    case Kind::Spreadsheet: in_spreadsheet_ = false; break;
    case Kind::Table: end_table(); break;
    case Kind::Row: end_row(); break;
    case Kind::Cell: end_cell(); break;
    case Kind::Paragraph:
      if (in_paragraph_ > 0) --in_paragraph_;
      if (in_cell_ && !fixed_ && collapsed_) {  // white space at a paragraph's end is dropped too
        text_.shrink(text_.size() - 1);
        collapsed_ = false;
      }
      break;
    default: break;
  }
  update_collecting();
}

void OdsContentReader::update_collecting() {
  collecting_ = in_cell_ && !fixed_ && in_paragraph_ > 0 && skip_from_ == 0;
}

// ---- sheets, rows, cells ----------------------------------------------------------------

bool OdsContentReader::begin_table() {
  if (!decode(attribute(kTable, "name", 4), sheet_)) return false;
  in_table_ = true;
  rows_ = 0;
  handler_.begin_sheet(sheet_);
  return true;
}

void OdsContentReader::end_table() {
  in_table_ = false;
  handler_.end_sheet();
}

void OdsContentReader::begin_row() {
  in_row_ = true;
  row_repeat_ = count_of(attribute(kTable, "number-rows-repeated", 20), std::numeric_limits<std::size_t>::max() / 16);
  text_.clear();
  cells_.clear();
  pending_empty_ = 0;
}

void OdsContentReader::end_row() {
  in_row_ = false;
  if (cells_.empty()) {  // empty rows are only counted, however many
    rows_ = add_capped(rows_, row_repeat_);
    return;
  }
  views_.clear();
  for (const auto& [begin, end] : cells_) views_.emplace_back(text_.data() + begin, end - begin);
  for (std::size_t r = 0; r < row_repeat_; ++r) {
    if (rows_ >= limits_.max_rows) {
      stop("sheet \"" + sheet_ + "\" of the .ods file has more than " + std::to_string(limits_.max_rows) +
           " rows, more than any spreadsheet holds: the file is damaged");
      return;
    }
    handler_.row(++rows_, views_);
  }
}

bool OdsContentReader::begin_cell() {
  in_cell_ = true;
  cell_repeat_ = count_of(attribute(kTable, "number-columns-repeated", 23), limits_.max_columns);
  cell_start_ = text_.size();
  paragraphs_ = 0;
  in_paragraph_ = 0;
  fixed_ = false;
  // Numbers and dates: the value, not the text shown (which depends on the cell's format).
  const std::string_view type = attribute(kOffice, "value-type", 10);
  if (type.empty()) return true;
  std::string_view value;
  if (is(type, "float") || is(type, "percentage") || is(type, "currency")) {
    value = attribute(kOffice, "value", 5);
  } else if (is(type, "date")) {
    value = attribute(kOffice, "date-value", 10);
    value = value.substr(0, value.find('T'));
  } else if (is(type, "string")) {
    value = attribute(kOffice, "string-value", 12);
  }
  if (value.empty()) return true;
  if (!decode(value, decoded_)) return false;
  for (const char c : decoded_) put(c);
  fixed_ = true;
  return true;
}

void OdsContentReader::end_cell() {
  in_cell_ = false;
  in_paragraph_ = 0;
  const std::size_t end = text_.size();
  if (end == cell_start_) {  // empty: counted, kept only if a later cell in the row is not empty
    pending_empty_ = add_capped(pending_empty_, cell_repeat_);
    return;
  }
  const std::size_t kept = cells_.size();
  const std::size_t room = kept < limits_.max_columns ? limits_.max_columns - kept : 0;
  if (room == 0) {
    text_.shrink(cell_start_);
    return;
  }
  const std::size_t empties = std::min(room, pending_empty_);
  cells_.insert(cells_.end(), empties, {cell_start_, cell_start_});
  pending_empty_ = 0;
  cells_.insert(cells_.end(), std::min(room - empties, cell_repeat_), {cell_start_, end});
}

// ODF: runs of white space in text are one space (<text:s/> writes the others).
void OdsContentReader::character(char c) {
  if (is_space(c)) {
    if (last_space_) return;
    last_space_ = true;
    collapsed_ = put(' ');
  } else {
    last_space_ = collapsed_ = false;
    put(c);
  }
}

void OdsContentReader::put_code(std::uint32_t code) {
  if (code < 0x80) {
    character(static_cast<char>(code));
    return;
  }
  decoded_.clear();
  append_utf8(decoded_, code);
  for (const char c : decoded_) character(c);
}

// Appends text without white space to the current cell, within the limits.
void OdsContentReader::append(const char* p, const char* end) {
  last_space_ = collapsed_ = false;
  const std::size_t cell = text_.size() - cell_start_;
  if (cell >= limits_.max_cell_bytes || text_.size() >= limits_.max_row_bytes) return;
  const std::size_t cell_room = limits_.max_cell_bytes - cell, row_room = limits_.max_row_bytes - text_.size();
  const std::size_t room = cell_room < row_room ? cell_room : row_room;
  const std::size_t n = static_cast<std::size_t>(end - p);
  text_.append(p, n < room ? n : room);
}

// Appends to the current cell within the limits; false when it was full.
bool OdsContentReader::put(char c) {
  if (text_.size() - cell_start_ >= limits_.max_cell_bytes || text_.size() >= limits_.max_row_bytes) return false;
  text_.push_back(c);
  return true;
}

// ---- the sheets that hold the export, to the session ------------------------------

namespace {

std::string folded(std::string_view text) {  // letters and digits, lower case
  std::string out;
  for (const char c : text) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

// A row with a "Location ID" or "Provider ID" cell: the export's header.
bool looks_like_header(const std::vector<std::string_view>& cells) {
  for (const std::string_view cell : cells) {
    if (cell.size() > 24) continue;
    const std::string f = folded(cell);
    if (f == "locationid" || f == "providerid") return true;
  }
  return false;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "\"" : ", \"") + name + "\"";
  return out;
}

}  // namespace

class OdsSheetReader::Sheets final : public OdsRowHandler {
 public:
  Sheets(AuditSession& session, std::string file) : session_(session), file_(std::move(file)) {}

  void begin_sheet(const std::string& name) override {
    sheet_ = name;
    state_ = State::Looking;
    held_.clear();
  }
  void row(std::size_t number, const std::vector<std::string_view>& cells) override {
    if (state_ == State::Passing) {
      session_.add_row(number, cells);
    } else if (state_ == State::Looking) {
      if (looks_like_header(cells)) {
        pass();
        session_.add_row(number, cells);
        return;
      }
      held_.emplace_back(number, std::vector<std::string>(cells.begin(), cells.end()));
      if (held_.size() > kMaxBannerRows) decide();
    }
  }
  void end_sheet() override {
    if (state_ == State::Looking) decide();
    if (state_ == State::Passing) session_.end_file();
    state_ = State::Dropped;
  }

  OdsSheets sheets;

 private:
  enum class State { Looking, Passing, Dropped };

  // No header among the first rows: the sheet goes to the session only if its name says it holds the export.
  void decide() {
    const std::string name = folded(sheet_);
    if (name.find("location") != std::string::npos || name.find("provider") != std::string::npos) {
      pass();
    } else {
      state_ = State::Dropped;
      sheets.skipped.push_back(sheet_);
      held_.clear();
    }
  }
  void pass() {
    state_ = State::Passing;
    sheets.read.push_back(sheet_);
    session_.begin_file(file_ + ", sheet " + sheet_);
    std::vector<std::string_view> views;
    for (const auto& [number, cells] : held_) {
      views.assign(cells.begin(), cells.end());
      session_.add_row(number, views);
    }
    held_.clear();
  }

  AuditSession& session_;
  std::string file_, sheet_;
  State state_ = State::Dropped;
  std::vector<std::pair<std::size_t, std::vector<std::string>>> held_;
};

OdsSheetReader::OdsSheetReader(AuditSession& session, std::string file_name, const OdsLimits& limits)
    : sheets_(std::make_unique<Sheets>(session, std::move(file_name))), reader_(*sheets_, limits) {}

OdsSheetReader::~OdsSheetReader() = default;

bool OdsSheetReader::feed(std::string_view xml) { return reader_.feed(xml); }

std::string OdsSheetReader::finish(const std::string& container_error) {
  std::string error = reader_.finish(container_error);
  if (error.empty() && sheets_->sheets.read.empty()) {
    error = "the .ods file has no sheet of CQC's Latest ratings export (one named Locations or Providers, or with a "
            "header row holding Location ID or Provider ID); ";
    error += sheets_->sheets.skipped.empty() ? "it has no sheets" : "its sheets: " + join(sheets_->sheets.skipped);
  }
  return error;
}

const OdsSheets& OdsSheetReader::sheets() const { return sheets_->sheets; }

}  // namespace cqc::contract
