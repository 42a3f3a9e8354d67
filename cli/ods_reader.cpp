// CQC's .ods spreadsheet, streamed: zip central directory -> content.xml
// inflated in blocks (zlib) -> expat -> rows -> AuditSession (ods_reader.hpp).
#include "ods_reader.hpp"

#include <expat.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <utility>

#include "contract_ratings_export.hpp"

namespace cqc::cli {
namespace {

// ---- the bytes of the file: an open file read with pread, or memory ---------

class Source {
 public:
  virtual ~Source() = default;
  virtual std::uint64_t size() const = 0;
  // Exactly n bytes at `offset` into `out`; false (with error()) when they cannot be read.
  virtual bool read(std::uint64_t offset, std::size_t n, char* out) = 0;
  const std::string& error() const { return error_; }

 protected:
  std::string error_;
};

class MemorySource final : public Source {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  std::uint64_t size() const override { return bytes_.size(); }
  bool read(std::uint64_t offset, std::size_t n, char* out) override {
    if (offset > bytes_.size() || n > bytes_.size() - offset) {
      error_ = "it ends before the zip says it does";
      return false;
    }
    if (n > 0) std::memcpy(out, bytes_.data() + offset, n);
    return true;
  }

 private:
  std::string_view bytes_;
};

class FileSource final : public Source {
 public:
  FileSource(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
  ~FileSource() override { ::close(fd_); }
  std::uint64_t size() const override { return size_; }
  bool read(std::uint64_t offset, std::size_t n, char* out) override {
    while (n > 0) {
      const ssize_t got = ::pread(fd_, out, n, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        error_ = std::strerror(errno);
        return false;
      }
      if (got == 0) {
        error_ = "it became shorter while it was being read";
        return false;
      }
      out += got;
      offset += static_cast<std::uint64_t>(got);
      n -= static_cast<std::size_t>(got);
    }
    return true;
  }

 private:
  int fd_;
  std::uint64_t size_;
};

// ---- the zip: end record, central directory, one entry streamed --------------

std::uint16_t u16(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return static_cast<std::uint16_t>(b[0] | (b[1] << 8));
}
std::uint32_t u32(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8) |
         (static_cast<std::uint32_t>(b[2]) << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
}

constexpr std::size_t kEndRecordBytes = 22;
constexpr std::size_t kCentralEntryBytes = 46;
constexpr std::size_t kLocalHeaderBytes = 30;
constexpr std::uint64_t kMaxCentralDirectoryBytes = 64u << 20;
constexpr std::uint64_t kMaxManifestBytes = 4u << 20;

const char kCutShort[] =
    "the .ods file is cut short: the end of the zip (its central directory) is missing; was the download "
    "interrupted?";
const char kZip64[] =
    "the .ods file is a zip64 archive (over 4 GB, or with over 65 535 parts), which this reader does not "
    "read: save its Locations and Providers sheets as CSV and give those instead";

std::string damaged(const std::string& why) { return "the .ods file is damaged: " + why; }

struct Entry {
  std::string name;
  std::uint16_t flags = 0, method = 0;
  std::uint32_t crc = 0, compressed = 0, size = 0, local_offset = 0;
};

struct Zip {
  std::vector<Entry> entries;
  std::uint64_t central_offset = 0;
  const Entry* find(std::string_view name) const {
    for (const Entry& e : entries)
      if (e.name == name) return &e;
    return nullptr;
  }
};

std::string read_error(const Source& source) { return "the .ods file cannot be read: " + source.error(); }

// The central directory, found from the end record; "" or why not.
std::string open_zip(Source& source, Zip& zip) {
  const std::uint64_t size = source.size();
  if (size == 0) return "the file is empty: it is not an .ods spreadsheet";
  const std::size_t tail = static_cast<std::size_t>(std::min<std::uint64_t>(size, kEndRecordBytes + 0xFFFF));
  std::string end(tail, '\0');
  if (!source.read(size - tail, tail, end.data())) return read_error(source);
  std::size_t at = std::string::npos;
  for (std::size_t i = tail >= kEndRecordBytes ? tail - kEndRecordBytes + 1 : 0; i-- > 0;) {
    if (end.compare(i, 4, "PK\x05\x06", 4) == 0 && i + kEndRecordBytes + u16(&end[i + 20]) <= tail) {
      at = i;
      break;
    }
  }
  if (at == std::string::npos) {
    char first[4] = {};
    const bool zip_start = size >= 4 && source.read(0, 4, first) && std::memcmp(first, "PK\x03\x04", 4) == 0;
    if (zip_start) return kCutShort;
    return "the file is not an .ods spreadsheet (it is not a zip file): give CQC's Latest ratings .ods, or "
           "its Locations and Providers sheets saved as CSV";
  }
  const std::uint64_t end_offset = size - tail + at;
  const char* r = &end[at];
  if (at >= 20 && end.compare(at - 20, 4, "PK\x06\x07", 4) == 0) return kZip64;
  const std::uint16_t disk = u16(r + 4), central_disk = u16(r + 6), count = u16(r + 10);
  const std::uint32_t central_size = u32(r + 12), central_offset = u32(r + 16);
  if (count == 0xFFFF || central_size == 0xFFFFFFFF || central_offset == 0xFFFFFFFF) return kZip64;
  if (disk != 0 || central_disk != 0)
    return "the .ods file is one part of a zip split across several files, which this reader does not read";
  if (std::uint64_t{central_offset} + central_size > end_offset || central_size > kMaxCentralDirectoryBytes)
    return damaged("its central directory is not where the end of the zip says it is");
  std::string central(central_size, '\0');
  if (!source.read(central_offset, central_size, central.data())) return read_error(source);
  std::size_t p = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (p + kCentralEntryBytes > central.size() || central.compare(p, 4, "PK\x01\x02", 4) != 0)
      return damaged("its central directory lists fewer parts than the end of the zip says");
    const char* c = &central[p];
    Entry e;
    e.flags = u16(c + 8);
    e.method = u16(c + 10);
    e.crc = u32(c + 16);
    e.compressed = u32(c + 20);
    e.size = u32(c + 24);
    const std::size_t name_length = u16(c + 28), extra = u16(c + 30), comment = u16(c + 32);
    e.local_offset = u32(c + 42);
    const std::size_t next = p + kCentralEntryBytes + name_length + extra + comment;
    if (next > central.size()) return damaged("its central directory is cut short");
    e.name.assign(c + kCentralEntryBytes, name_length);
    zip.entries.push_back(std::move(e));
    p = next;
  }
  zip.central_offset = central_offset;
  return "";
}

// Streams one entry's uncompressed bytes to `sink` in blocks. False with
// `error` set when the entry cannot be read, or with `error` empty when the
// sink said stop.
bool stream_entry(Source& source, const Zip& zip, const Entry& e, bool check_crc,
                  const std::function<bool(const char*, std::size_t)>& sink, std::string& error) {
  const std::string part = e.name;
  if (e.flags & 1u) {
    error = "the .ods file is encrypted (" + part + " is protected by a password): open it in a spreadsheet "
            "program and save a copy without a password, or save its sheets as CSV";
    return false;
  }
  if (e.compressed == 0xFFFFFFFF || e.size == 0xFFFFFFFF || e.local_offset == 0xFFFFFFFF) {
    error = kZip64;
    return false;
  }
  if (e.method != 0 && e.method != 8) {
    error = "the .ods file's " + part + " is compressed with zip method " + std::to_string(e.method) +
            ", which this reader does not read (only stored and deflated parts, as spreadsheet programs "
            "write them): save the sheets as CSV instead";
    return false;
  }
  char local[kLocalHeaderBytes];
  if (std::uint64_t{e.local_offset} + kLocalHeaderBytes > zip.central_offset ||
      !source.read(e.local_offset, kLocalHeaderBytes, local) || std::memcmp(local, "PK\x03\x04", 4) != 0) {
    error = damaged(part + " is not where its central directory says");
    return false;
  }
  const std::uint64_t start = std::uint64_t{e.local_offset} + kLocalHeaderBytes + u16(local + 26) + u16(local + 28);
  if (start + e.compressed > zip.central_offset) {
    error = damaged(part + " runs into the zip's central directory");
    return false;
  }
  if (e.method == 0 && e.compressed != e.size) {
    error = damaged(part + " is stored uncompressed but its two sizes differ");
    return false;
  }

  constexpr std::size_t kIn = 64 * 1024, kOut = 256 * 1024;
  std::vector<char> in(kIn), out(kOut);
  std::uint64_t remaining = e.compressed, total = 0;
  uLong crc = crc32(0, nullptr, 0);
  auto deliver = [&](const char* data, std::size_t n) {
    total += n;
    if (check_crc) crc = crc32(crc, reinterpret_cast<const Bytef*>(data), static_cast<uInt>(n));
    return sink(data, n);
  };

  if (e.method == 0) {
    while (remaining > 0) {
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining, kIn));
      if (!source.read(start + (e.compressed - remaining), n, in.data())) {
        error = read_error(source);
        return false;
      }
      remaining -= n;
      if (!deliver(in.data(), n)) return false;
    }
  } else {
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
      error = "the .ods file cannot be read: zlib could not start (out of memory?)";
      return false;
    }
    struct End {
      z_stream* z;
      ~End() { inflateEnd(z); }
    } end{&z};
    int status = Z_OK;
    while (status != Z_STREAM_END) {
      if (z.avail_in == 0) {
        if (remaining == 0) {
          error = damaged(part + "'s compressed data ends before " + part + " does");
          return false;
        }
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining, kIn));
        if (!source.read(start + (e.compressed - remaining), n, in.data())) {
          error = read_error(source);
          return false;
        }
        remaining -= n;
        z.next_in = reinterpret_cast<Bytef*>(in.data());
        z.avail_in = static_cast<uInt>(n);
      }
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(kOut);
      status = inflate(&z, Z_NO_FLUSH);
      if (status == Z_NEED_DICT || status == Z_DATA_ERROR || status == Z_MEM_ERROR ||
          (status == Z_BUF_ERROR && z.avail_in != 0)) {
        error = damaged(part + "'s compressed data cannot be inflated (zlib: " +
                        (z.msg ? std::string(z.msg) : std::to_string(status)) + ")");
        return false;
      }
      const std::size_t produced = kOut - z.avail_out;
      if (produced == 0) continue;
      if (total + produced > e.size) {
        error = damaged(part + " inflates to more than the " + std::to_string(e.size) + " bytes the zip says");
        return false;
      }
      if (!deliver(out.data(), produced)) return false;
    }
  }
  if (total != e.size) {
    error = damaged(part + " inflates to " + std::to_string(total) + " bytes, not the " + std::to_string(e.size) +
                    " the zip says");
    return false;
  }
  if (check_crc && crc != e.crc) {
    error = damaged(part + "'s checksum (CRC-32) does not match its contents");
    return false;
  }
  return true;
}

// ---- content.xml: expat events -> sheets, rows, cells ----------------------------

// The namespaces read, by their URIs. Expat's namespace processing (which
// names every element and attribute by its full URI) halves its speed on
// content.xml, so names are read as written ("table:table-cell") and the
// prefixes are learnt from the root element, where OpenDocument declares
// them all (a prefix declared again further in is not followed).
enum Ns : std::size_t { kTable, kText, kOffice, kDraw, kNsCount, kNoNs = kNsCount };
constexpr std::string_view kNsUris[kNsCount] = {
    "urn:oasis:names:tc:opendocument:xmlns:table:1.0", "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "urn:oasis:names:tc:opendocument:xmlns:office:1.0", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"};

enum class Kind : unsigned char { Other, Skip, Table, Row, Cell, Paragraph, Space, Tab, LineBreak };

struct Name {
  std::size_t ns = kNoNs;
  std::string_view local;
};

class Namespaces {
 public:
  // From the root element's xmlns and xmlns:prefix attributes.
  void learn(const XML_Char** attributes) {
    for (; attributes[0]; attributes += 2) {
      const std::string_view name(attributes[0]);
      if (name.substr(0, 5) != "xmlns") continue;
      for (std::size_t ns = 0; ns < kNsCount; ++ns) {
        if (kNsUris[ns] != attributes[1]) continue;
        if (name.size() == 5) {
          default_ = ns;
        } else if (name[5] == ':') {
          prefix_[ns] = name.substr(6);
          declared_[ns] = true;
        }
      }
    }
  }
  // An element's name ("table:table-cell") or an attribute's (`attribute`:
  // no prefix means no namespace, not the default one).
  Name read(const XML_Char* raw, bool attribute = false) const {
    const std::string_view all(raw);
    const std::size_t colon = all.find(':');
    if (colon == std::string_view::npos) return {attribute ? kNoNs : default_, all};
    const std::string_view prefix = all.substr(0, colon);
    for (std::size_t ns = 0; ns < kNsCount; ++ns) {
      if (declared_[ns] && prefix == prefix_[ns]) return {ns, all.substr(colon + 1)};
    }
    return {kNoNs, all.substr(colon + 1)};
  }

  Kind classify(const XML_Char* raw) const {
    const Name name = read(raw);
    switch (name.ns) {
      case kTable:
        if (name.local == "table-cell" || name.local == "covered-table-cell") return Kind::Cell;
        if (name.local == "table-row") return Kind::Row;
        if (name.local == "table") return Kind::Table;
        return Kind::Other;
      case kText:
        if (name.local == "p" || name.local == "h") return Kind::Paragraph;
        if (name.local == "s") return Kind::Space;
        if (name.local == "tab") return Kind::Tab;
        if (name.local == "line-break") return Kind::LineBreak;
        if (name.local == "note" || name.local == "ruby-text") return Kind::Skip;
        return Kind::Other;
      case kOffice: return name.local == "annotation" ? Kind::Skip : Kind::Other;
      case kDraw: return Kind::Skip;  // shapes, frames, images: not cell text
      default: return Kind::Other;
    }
  }

  // The attribute `local` of namespace `ns`, or nullptr.
  const XML_Char* attribute(const XML_Char** attributes, Ns ns, std::string_view local) const {
    for (; attributes[0]; attributes += 2) {
      const Name name = read(attributes[0], true);
      if (name.ns == ns && name.local == local) return attributes[1];
    }
    return nullptr;
  }

 private:
  std::string prefix_[kNsCount];
  bool declared_[kNsCount] = {};
  std::size_t default_ = kNoNs;
};

// A positive count (repeats, spaces); 1 when absent or not a number; at most `cap`.
std::size_t count_of(const XML_Char* text, std::size_t cap) {
  if (!text || !*text) return 1;
  std::size_t n = 0;
  for (; *text; ++text) {
    if (*text < '0' || *text > '9') return 1;
    n = std::min<std::size_t>(cap, n * 10 + static_cast<std::size_t>(*text - '0'));
  }
  return n == 0 ? 1 : n;
}

std::size_t add_capped(std::size_t a, std::size_t b) {
  return a > std::numeric_limits<std::size_t>::max() - b ? std::numeric_limits<std::size_t>::max() : a + b;
}

class ContentParser {
 public:
  ContentParser(OdsRowHandler& handler, const OdsLimits& limits) : handler_(handler), limits_(limits) {
    parser_ = XML_ParserCreate(nullptr);
    if (!parser_) return;
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &ContentParser::on_start, &ContentParser::on_end);
    XML_SetCharacterDataHandler(parser_, &ContentParser::on_text);
  }
  ~ContentParser() {
    if (parser_) XML_ParserFree(parser_);
  }
  ContentParser(const ContentParser&) = delete;
  ContentParser& operator=(const ContentParser&) = delete;

  // False when parsing stopped; error() says why.
  bool feed(const char* data, std::size_t n, bool last) {
    if (!parser_) {
      error_ = "the .ods file cannot be read: expat could not start (out of memory?)";
      return false;
    }
    if (XML_Parse(parser_, data, static_cast<int>(n), last ? XML_TRUE : XML_FALSE) == XML_STATUS_OK) return true;
    if (error_.empty()) {
      error_ = "content.xml in the .ods file is not well-formed XML at line " +
               std::to_string(XML_GetCurrentLineNumber(parser_)) + ", column " +
               std::to_string(XML_GetCurrentColumnNumber(parser_) + 1) + ": " +
               XML_ErrorString(XML_GetErrorCode(parser_));
    }
    return false;
  }
  const std::string& error() const { return error_; }
  bool in_sheet() const { return in_table_; }

 private:
  static void on_start(void* self, const XML_Char* name, const XML_Char** attributes) {
    static_cast<ContentParser*>(self)->start(name, attributes);
  }
  static void on_end(void* self, const XML_Char*) { static_cast<ContentParser*>(self)->end(); }
  static void on_text(void* self, const XML_Char* text, int length) {
    static_cast<ContentParser*>(self)->text(text, static_cast<std::size_t>(length));
  }

  void start(const XML_Char* name, const XML_Char** attributes) {
    if (skip_depth_ > 0) {
      ++skip_depth_;
      return;
    }
    if (!root_seen_) {
      root_seen_ = true;
      ns_.learn(attributes);
    }
    Kind kind = ns_.classify(name);
    switch (kind) {
      case Kind::Table:
        if (in_table_) kind = Kind::Skip;  // a table inside a cell is not a sheet
        else begin_table(attributes);
        break;
      case Kind::Row:
        if (!in_table_ || in_row_) kind = Kind::Skip;
        else begin_row(attributes);
        break;
      case Kind::Cell:
        if (!in_row_ || in_cell_) kind = Kind::Skip;
        else begin_cell(attributes);
        break;
      case Kind::Paragraph:
        if (writable()) {
          if (paragraphs_++ > 0) put(' ');
          last_space_ = true;  // white space at a paragraph's start is dropped
          collapsed_ = false;
        }
        ++in_paragraph_;
        break;
      case Kind::Space:
        if (writable() && in_paragraph_ > 0) {
          for (std::size_t n = count_of(ns_.attribute(attributes, kText, "c"), limits_.max_cell_bytes); n > 0; --n)
            put(' ');
          last_space_ = collapsed_ = false;
        }
        break;
      case Kind::Tab:
      case Kind::LineBreak:
        if (writable() && in_paragraph_ > 0) {
          put(kind == Kind::Tab ? '\t' : '\n');
          last_space_ = collapsed_ = false;
        }
        break;
      case Kind::Skip:
      case Kind::Other:
        break;
    }
    if (kind == Kind::Skip) {
      skip_depth_ = 1;
      return;
    }
    open_.push_back(kind);
  }

  void end() {
    if (skip_depth_ > 0) {
      --skip_depth_;
      return;
    }
    if (open_.empty()) return;  // expat would have stopped first
    const Kind kind = open_.back();
    open_.pop_back();
    switch (kind) {
      case Kind::Table: end_table(); break;
      case Kind::Row: end_row(); break;
      case Kind::Cell: end_cell(); break;
      case Kind::Paragraph:
        if (in_paragraph_ > 0) --in_paragraph_;
        if (writable() && collapsed_) {  // white space at a paragraph's end is dropped too
          text_.pop_back();
          collapsed_ = false;
        }
        break;
      default: break;
    }
  }

  void text(const XML_Char* data, std::size_t n) {
    if (skip_depth_ > 0 || in_paragraph_ == 0 || !writable()) return;
    // ODF: runs of white space in text are one space (<text:s/> writes the others).
    for (std::size_t i = 0; i < n; ++i) {
      const char c = data[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (last_space_) continue;
        last_space_ = true;
        collapsed_ = put(' ');
      } else {
        last_space_ = collapsed_ = false;
        put(c);
      }
    }
  }

  void begin_table(const XML_Char** attributes) {
    in_table_ = true;
    rows_ = 0;
    const XML_Char* name = ns_.attribute(attributes, kTable, "name");
    sheet_ = name ? name : "";
    handler_.begin_sheet(sheet_);
  }
  void end_table() {
    in_table_ = false;
    handler_.end_sheet();
  }

  void begin_row(const XML_Char** attributes) {
    in_row_ = true;
    row_repeat_ = count_of(ns_.attribute(attributes, kTable, "number-rows-repeated"), std::numeric_limits<std::size_t>::max() / 16);
    text_.clear();
    cells_.clear();
    pending_empty_ = 0;
  }
  void end_row() {
    in_row_ = false;
    if (cells_.empty()) {  // empty rows are only counted, however many
      rows_ = add_capped(rows_, row_repeat_);
      return;
    }
    views_.clear();
    for (const auto& [begin, end] : cells_) views_.emplace_back(text_.data() + begin, end - begin);
    for (std::size_t r = 0; r < row_repeat_; ++r) {
      if (rows_ >= limits_.max_rows) {
        error_ = "sheet \"" + sheet_ + "\" of the .ods file has more than " + std::to_string(limits_.max_rows) +
                 " rows, more than any spreadsheet holds: the file is damaged";
        XML_StopParser(parser_, XML_FALSE);
        return;
      }
      handler_.row(++rows_, views_);
    }
  }

  void begin_cell(const XML_Char** attributes) {
    in_cell_ = true;
    cell_repeat_ = count_of(ns_.attribute(attributes, kTable, "number-columns-repeated"), limits_.max_columns);
    cell_start_ = text_.size();
    paragraphs_ = 0;
    in_paragraph_ = 0;
    fixed_ = false;
    // Numbers and dates: the value, not the text shown (which depends on the cell's format).
    const XML_Char* type = ns_.attribute(attributes, kOffice, "value-type");
    if (!type) return;
    const std::string_view kind(type);
    const XML_Char* value = nullptr;
    if (kind == "float" || kind == "percentage" || kind == "currency") {
      value = ns_.attribute(attributes, kOffice, "value");
    } else if (kind == "date") {
      value = ns_.attribute(attributes, kOffice, "date-value");
    } else if (kind == "string") {
      value = ns_.attribute(attributes, kOffice, "string-value");
    }
    if (!value) return;
    std::string_view v(value);
    if (kind == "date") v = v.substr(0, v.find('T'));
    for (const char c : v) put(c);
    fixed_ = true;
  }
  void end_cell() {
    in_cell_ = false;
    in_paragraph_ = 0;
    const std::size_t end = text_.size();
    if (end == cell_start_) {  // empty: counted, kept only if a later cell in the row is not empty
      pending_empty_ = add_capped(pending_empty_, cell_repeat_);
      return;
    }
    const std::size_t room = limits_.max_columns - std::min(limits_.max_columns, cells_.size());
    if (room == 0) {
      text_.resize(cell_start_);
      return;
    }
    const std::size_t empties = std::min(room, pending_empty_);
    cells_.insert(cells_.end(), empties, {cell_start_, cell_start_});
    pending_empty_ = 0;
    cells_.insert(cells_.end(), std::min(room - empties, cell_repeat_), {cell_start_, end});
  }

  bool writable() const { return in_cell_ && !fixed_; }
  // Appends to the current cell within the limits; false when it was full.
  bool put(char c) {
    if (text_.size() - cell_start_ >= limits_.max_cell_bytes || text_.size() >= limits_.max_row_bytes) return false;
    text_.push_back(c);
    return true;
  }

  OdsRowHandler& handler_;
  OdsLimits limits_;
  XML_Parser parser_ = nullptr;
  std::string error_;
  Namespaces ns_;
  bool root_seen_ = false;
  std::vector<Kind> open_;  // the kinds of the open elements (outside skipped ones)
  std::size_t skip_depth_ = 0;

  bool in_table_ = false, in_row_ = false, in_cell_ = false;
  std::string sheet_;
  std::size_t rows_ = 0, row_repeat_ = 1;
  std::string text_;                                        // the row's cells' text, one after another
  std::vector<std::pair<std::size_t, std::size_t>> cells_;  // each cell's [begin, end) in text_
  std::vector<std::string_view> views_;
  std::size_t pending_empty_ = 0;  // empty cells not yet known not to be trailing
  std::size_t cell_repeat_ = 1, cell_start_ = 0, paragraphs_ = 0, in_paragraph_ = 0;
  bool fixed_ = false;             // the cell's value came from an attribute: its text is ignored
  bool last_space_ = false;        // the last character was white space (collapse the next)
  bool collapsed_ = false;         // ... and it was put as a collapsed space
};

std::string read_rows(Source& source, OdsRowHandler& handler, const OdsLimits& limits) {
  Zip zip;
  if (std::string error = open_zip(source, zip); !error.empty()) return error;
  const Entry* content = zip.find("content.xml");
  if (!content) {
    if (zip.find("xl/workbook.xml"))
      return "the file is an Excel workbook (.xlsx), not an .ods spreadsheet: save it as .ods, or save its "
             "Locations and Providers sheets as CSV";
    return "the zip holds no content.xml, so it is not an OpenDocument spreadsheet (.ods)";
  }
  std::string error;
  // OpenDocument's own encryption (a password set in the spreadsheet program)
  // is declared in the manifest: say so rather than report garbled XML.
  if (const Entry* manifest = zip.find("META-INF/manifest.xml"); manifest && manifest->size <= kMaxManifestBytes) {
    std::string text;
    const bool read = stream_entry(source, zip, *manifest, limits.check_crc,
                                   [&](const char* data, std::size_t n) {
                                     text.append(data, n);
                                     return true;
                                   },
                                   error);
    if (read && text.find("encryption-data") != std::string::npos)
      return "the .ods file is encrypted (it was saved with a password): open it in a spreadsheet program and "
             "save a copy without a password, or save its sheets as CSV";
    error.clear();  // a damaged manifest does not matter: content.xml is what is read
  }
  ContentParser parser(handler, limits);
  const bool read = stream_entry(source, zip, *content, limits.check_crc,
                                 [&](const char* data, std::size_t n) { return parser.feed(data, n, false); },
                                 error);
  if (read && parser.feed(nullptr, 0, true)) return "";
  if (parser.in_sheet()) handler.end_sheet();  // what was read of the sheet is finished, the file is not
  return error.empty() ? parser.error() : error;
}

// ---- sheets to the session: only those that hold the export -----------------------

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

// Hands each sheet to the session once its header is seen. A sheet whose
// header is not among its first rows (as many as the export reader allows
// banner rows, plus one) is dropped silently unless its name says Locations
// or Providers: then the session gets it and reports what is wrong.
class SessionSheets final : public OdsRowHandler {
 public:
  SessionSheets(contract::AuditSession& session, std::string file) : session_(session), file_(std::move(file)) {}

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
      if (held_.size() > contract::kMaxBannerRows) decide();
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

  contract::AuditSession& session_;
  std::string file_, sheet_;
  State state_ = State::Dropped;
  std::vector<std::pair<std::size_t, std::vector<std::string>>> held_;
};

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "\"" : ", \"") + name + "\"";
  return out;
}

std::string read_into_session(Source& source, const std::string& name, contract::AuditSession& session,
                              OdsSheets* sheets, const OdsLimits& limits) {
  SessionSheets handler(session, name);
  std::string error = read_rows(source, handler, limits);
  if (error.empty() && handler.sheets.read.empty()) {
    error = "the .ods file has no sheet of CQC's Latest ratings export (one named Locations or Providers, or "
            "with a header row holding Location ID or Provider ID); ";
    error += handler.sheets.skipped.empty() ? "it has no sheets" : "its sheets: " + join(handler.sheets.skipped);
  }
  if (sheets) *sheets = std::move(handler.sheets);
  return error;
}

// Opens `path` as a Source; nullptr with `error` set when it cannot.
std::unique_ptr<Source> open_file(const std::string& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot open " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    error = "cannot read " + path + " as an .ods spreadsheet: it is not a regular file (an .ods file is read "
            "from its end, so it cannot come through a pipe)";
    return nullptr;
  }
  return std::make_unique<FileSource>(fd, static_cast<std::uint64_t>(st.st_size));
}

}  // namespace

std::string read_ods(const std::string& path, contract::AuditSession& session, OdsSheets* sheets) {
  std::string error;
  const std::unique_ptr<Source> source = open_file(path, error);
  return source ? read_into_session(*source, path, session, sheets, OdsLimits{}) : error;
}

std::string read_ods_bytes(std::string_view bytes, const std::string& name, contract::AuditSession& session,
                           OdsSheets* sheets, const OdsLimits& limits) {
  MemorySource source(bytes);
  return read_into_session(source, name, session, sheets, limits);
}

std::string read_ods_rows(const std::string& path, OdsRowHandler& handler, const OdsLimits& limits) {
  std::string error;
  const std::unique_ptr<Source> source = open_file(path, error);
  return source ? read_rows(*source, handler, limits) : error;
}

std::string read_ods_rows_bytes(std::string_view bytes, OdsRowHandler& handler, const OdsLimits& limits) {
  MemorySource source(bytes);
  return read_rows(source, handler, limits);
}

}  // namespace cqc::cli
