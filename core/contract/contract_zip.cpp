// An .ods file's zip records -> where content.xml's compressed bytes are
// (contract_zip.hpp).
#include "contract_zip.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace cqc::contract {
namespace {

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
const char kNotAZip[] =
    "the file is not an .ods spreadsheet (it is not a zip file): give CQC's Latest ratings .ods, or its "
    "Locations and Providers sheets saved as CSV";
const char kZip64[] =
    "the .ods file is a zip64 archive (over 4 GB, or with over 65 535 parts), which this reader does not "
    "read: save its Locations and Providers sheets as CSV and give those instead";

std::string damaged(const std::string& why) { return "the .ods file is damaged: " + why; }

const ZipEntry* find(const std::vector<ZipEntry>& entries, std::string_view name) {
  for (const ZipEntry& e : entries)
    if (e.name == name) return &e;
  return nullptr;
}

// Slice-by-4 tables of the reflected polynomial 0xEDB88320 (plain arrays:
// std::array's operator[] is a call in the -Oz wasm build).
struct CrcTables {
  std::uint32_t t[4][256];
  CrcTables() : t() {
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[0][i] = c;
    }
    for (std::uint32_t i = 0; i < 256; ++i)
      for (std::size_t k = 1; k < 4; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF];
  }
};

}  // namespace

std::uint32_t crc32(std::uint32_t crc, std::string_view bytes) {
  static const CrcTables tables;
  const std::uint32_t(&t)[4][256] = tables.t;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  crc = ~crc;
  for (; n >= 4; n -= 4, p += 4) {
    crc ^= static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
    crc = t[3][crc & 0xFF] ^ t[2][(crc >> 8) & 0xFF] ^ t[1][(crc >> 16) & 0xFF] ^ t[0][crc >> 24];
  }
  for (; n > 0; --n, ++p) crc = t[0][(crc ^ *p) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

OdsZip::OdsZip(std::uint64_t file_size) : size_(file_size) {
  if (size_ == 0) {
    fail("the file is empty: it is not an .ods spreadsheet");
    return;
  }
  const std::uint64_t tail = std::min<std::uint64_t>(size_, kEndRecordBytes + 0xFFFF);
  range_ = {size_ - tail, tail};
}

void OdsZip::fail(std::string message) {
  error_ = std::move(message);
  want_ = Want::Failed;
  range_ = {};
}

void OdsZip::give(std::string_view bytes) {
  if (want_ == Want::Failed || want_ == Want::Content) return;
  if (want_ == Want::Bytes && bytes.size() != range_.length) {
    fail("the .ods file cannot be read: it ends before the zip says it does");
    return;
  }
  switch (step_) {
    case Step::Tail: read_tail(bytes); break;
    case Step::Head:
      fail(bytes.compare(0, 4, "PK\x03\x04", 4) == 0 ? kCutShort : kNotAZip);
      break;
    case Step::Central: read_central(bytes); break;
    case Step::ManifestHeader: {
      std::string why;
      ZipRange data;
      if (data_range(bytes, data, why)) {
        step_ = Step::Manifest;
        want_ = Want::Inflated;
        range_ = data;
      } else {
        ask_content_header();  // a damaged manifest does not matter: content.xml is what is read
      }
      break;
    }
    case Step::Manifest:
      if (bytes.find("encryption-data") != std::string_view::npos) {
        fail("the .ods file is encrypted (it was saved with a password): open it in a spreadsheet program and "
             "save a copy without a password, or save its sheets as CSV");
      } else {
        ask_content_header();
      }
      break;
    case Step::ContentHeader: {
      std::string why;
      ZipRange data;
      if (!data_range(bytes, data, why)) {
        fail(why);
        return;
      }
      step_ = Step::Done;
      want_ = Want::Content;
      entry_ = content_;
      range_ = data;
      break;
    }
    case Step::Done: break;
  }
}

void OdsZip::skip() {
  if (want_ == Want::Inflated) ask_content_header();
}

void OdsZip::read_tail(std::string_view end) {
  const std::size_t tail = end.size();
  std::size_t at = std::string_view::npos;
  for (std::size_t i = tail >= kEndRecordBytes ? tail - kEndRecordBytes + 1 : 0; i-- > 0;) {
    if (end.compare(i, 4, "PK\x05\x06", 4) == 0 && i + kEndRecordBytes + u16(&end[i + 20]) <= tail) {
      at = i;
      break;
    }
  }
  if (at == std::string_view::npos) {
    if (size_ < 4) {
      fail(kNotAZip);
    } else if (tail == size_) {  // the whole file is here: its first bytes too
      fail(end.compare(0, 4, "PK\x03\x04", 4) == 0 ? kCutShort : kNotAZip);
    } else {
      step_ = Step::Head;
      range_ = {0, 4};
    }
    return;
  }
  const std::uint64_t end_offset = size_ - tail + at;
  const char* r = &end[at];
  if (at >= 20 && end.compare(at - 20, 4, "PK\x06\x07", 4) == 0) return fail(kZip64);
  const std::uint16_t disk = u16(r + 4), central_disk = u16(r + 6), count = u16(r + 10);
  const std::uint32_t central_size = u32(r + 12), central_offset = u32(r + 16);
  if (count == 0xFFFF || central_size == 0xFFFFFFFF || central_offset == 0xFFFFFFFF) return fail(kZip64);
  if (disk != 0 || central_disk != 0)
    return fail("the .ods file is one part of a zip split across several files, which this reader does not read");
  if (std::uint64_t{central_offset} + central_size > end_offset || central_size > kMaxCentralDirectoryBytes)
    return fail(damaged("its central directory is not where the end of the zip says it is"));
  central_offset_ = central_offset;
  entries_.clear();
  entries_.resize(count);  // filled by read_central; the count is all it needs from here
  step_ = Step::Central;
  range_ = {central_offset, central_size};
}

void OdsZip::read_central(std::string_view central) {
  std::size_t p = 0;
  for (ZipEntry& e : entries_) {
    if (p + kCentralEntryBytes > central.size() || central.compare(p, 4, "PK\x01\x02", 4) != 0)
      return fail(damaged("its central directory lists fewer parts than the end of the zip says"));
    const char* c = &central[p];
    e.flags = u16(c + 8);
    e.method = u16(c + 10);
    e.crc = u32(c + 16);
    e.compressed = u32(c + 20);
    e.size = u32(c + 24);
    const std::size_t name_length = u16(c + 28), extra = u16(c + 30), comment = u16(c + 32);
    e.local_offset = u32(c + 42);
    const std::size_t next = p + kCentralEntryBytes + name_length + extra + comment;
    if (next > central.size()) return fail(damaged("its central directory is cut short"));
    e.name.assign(c + kCentralEntryBytes, name_length);
    p = next;
  }
  const ZipEntry* content = find(entries_, "content.xml");
  if (!content) {
    if (find(entries_, "xl/workbook.xml"))
      return fail("the file is an Excel workbook (.xlsx), not an .ods spreadsheet: save it as .ods, or save its "
                  "Locations and Providers sheets as CSV");
    return fail("the zip holds no content.xml, so it is not an OpenDocument spreadsheet (.ods)");
  }
  content_ = *content;
  if (content_.flags & 1u)
    return fail("the .ods file is encrypted (content.xml is protected by a password): open it in a spreadsheet "
                "program and save a copy without a password, or save its sheets as CSV");
  // OpenDocument's own encryption (a password set in the spreadsheet program)
  // is declared in the manifest: say so rather than report garbled XML.
  const ZipEntry* manifest = find(entries_, "META-INF/manifest.xml");
  if (manifest && manifest->size <= kMaxManifestBytes && !(manifest->flags & 1u) &&
      (manifest->method == 0 || manifest->method == 8) && manifest->local_offset != 0xFFFFFFFF) {
    ask_header(*manifest, Step::ManifestHeader);
  } else {
    ask_content_header();
  }
  entries_.clear();
  entries_.shrink_to_fit();
}

void OdsZip::ask_header(const ZipEntry& entry, Step step) {
  entry_ = entry;
  step_ = step;
  want_ = Want::Bytes;
  range_ = {entry.local_offset, kLocalHeaderBytes};
  if (std::uint64_t{entry.local_offset} + kLocalHeaderBytes > central_offset_) {
    if (step == Step::ContentHeader) fail(damaged(entry.name + " is not where its central directory says"));
    else ask_content_header();
  }
}

void OdsZip::ask_content_header() {
  const ZipEntry& e = content_;
  if (e.compressed == 0xFFFFFFFF || e.size == 0xFFFFFFFF || e.local_offset == 0xFFFFFFFF) return fail(kZip64);
  if (e.method != 0 && e.method != 8)
    return fail("the .ods file's " + e.name + " is compressed with zip method " + std::to_string(e.method) +
                ", which this reader does not read (only stored and deflated parts, as spreadsheet programs "
                "write them): save the sheets as CSV instead");
  ask_header(e, Step::ContentHeader);
}

// The entry's compressed bytes, from its local header; false with `why`.
bool OdsZip::data_range(std::string_view local, ZipRange& out, std::string& why) const {
  const ZipEntry& e = entry_;
  if (local.size() < kLocalHeaderBytes || local.compare(0, 4, "PK\x03\x04", 4) != 0) {
    why = damaged(e.name + " is not where its central directory says");
    return false;
  }
  const std::uint64_t start =
      std::uint64_t{e.local_offset} + kLocalHeaderBytes + u16(local.data() + 26) + u16(local.data() + 28);
  if (start + e.compressed > central_offset_) {
    why = damaged(e.name + " runs into the zip's central directory");
    return false;
  }
  if (e.method == 0 && e.compressed != e.size) {
    why = damaged(e.name + " is stored uncompressed but its two sizes differ");
    return false;
  }
  out = {start, e.compressed};
  return true;
}

ZipEntryCheck::ZipEntryCheck(const ZipEntry& entry, Crc32Function crc)
    : name_(entry.name), expected_size_(entry.size), expected_crc_(entry.crc), crc32_(crc) {}

bool ZipEntryCheck::add(std::string_view bytes) {
  if (!error_.empty()) return false;
  size_ += bytes.size();
  if (size_ > expected_size_) {
    error_ = damaged(name_ + " inflates to more than the " + std::to_string(expected_size_) + " bytes the zip says");
    return false;
  }
  if (crc32_) crc_ = crc32_(crc_, bytes);
  return true;
}

std::string ZipEntryCheck::finish() const {
  if (!error_.empty()) return error_;
  if (size_ != expected_size_)
    return damaged(name_ + " inflates to " + std::to_string(size_) + " bytes, not the " +
                   std::to_string(expected_size_) + " the zip says");
  if (crc32_ && crc_ != expected_crc_) return damaged(name_ + "'s checksum (CRC-32) does not match its contents");
  return "";
}

std::string zip_inflate_error(const ZipEntry& entry, std::string_view why) {
  return damaged(entry.name + "'s compressed data cannot be inflated (" + std::string(why) + ")");
}

std::string zip_data_ends_early(const ZipEntry& entry) {
  return damaged(entry.name + "'s compressed data ends before " + entry.name + " does");
}

}  // namespace cqc::contract
