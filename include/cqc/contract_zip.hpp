// An .ods file's zip container, read from its records: the end of central
// directory (in the file's last bytes), the central directory, and the local
// header of content.xml, so that only content.xml's compressed bytes need to
// be read and inflated. One implementation of the container's rules and
// messages (not a zip, cut short, no content.xml, an .xlsx, encrypted, zip64,
// split, an unknown compression method, damaged records) for the CLI, which
// reads the bytes with pread, and the browser's worker, which reads them with
// File.slice: neither knows the zip's layout.
//
// No I/O here: OdsZip asks for one range of the file at a time (want(),
// range()) and is given those bytes (give()). The caller inflates (zlib in
// the CLI, the browser's DecompressionStream in the worker), which is the
// only part that differs, and checks what it inflated with ZipEntryCheck.
//
//   OdsZip zip(file_size);
//   while (zip.want() == OdsZip::Want::Bytes || zip.want() == OdsZip::Want::Inflated)
//     Bytes: zip.give(<the file's bytes in zip.range()>)
//     Inflated: zip.give(<zip.entry() inflated from the bytes in zip.range()>), or zip.skip()
//   Content: stream zip.range() (zip.entry().method: 0 stored, 8 deflated) through a ZipEntryCheck
//   Failed: zip.error() is the message
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cqc::contract {

struct ZipEntry {
  std::string name;
  std::uint16_t flags = 0, method = 0;
  std::uint32_t crc = 0, compressed = 0, size = 0, local_offset = 0;
};

// Bytes of the file: [offset, offset + length).
struct ZipRange {
  std::uint64_t offset = 0, length = 0;
};

class OdsZip {
 public:
  enum class Want {
    Bytes,     // the file's bytes in range(), given as they are
    Inflated,  // entry() (the manifest) inflated from the bytes in range(); skip() if that fails
    Content,   // located: content.xml's compressed bytes are range(), entry() says how to inflate them
    Failed,    // error() says why the file cannot be read
  };

  explicit OdsZip(std::uint64_t file_size);

  Want want() const { return want_; }
  ZipRange range() const { return range_; }
  const ZipEntry& entry() const { return entry_; }
  const std::string& error() const { return error_; }

  // The bytes asked for (Bytes: exactly range().length of them; Inflated: the entry's contents).
  void give(std::string_view bytes);
  // Inflated: the entry could not be inflated; reading goes on without it.
  void skip();

 private:
  enum class Step { Tail, Head, Central, ManifestHeader, Manifest, ContentHeader, Done };
  void fail(std::string message);
  void read_tail(std::string_view tail);
  void read_central(std::string_view central);
  void ask_header(const ZipEntry& entry, Step step);
  void ask_content_header();
  bool data_range(std::string_view local_header, ZipRange& out, std::string& why) const;

  std::uint64_t size_;
  Step step_ = Step::Tail;
  Want want_ = Want::Bytes;
  ZipRange range_;
  ZipEntry entry_;
  std::string error_;
  std::uint64_t central_offset_ = 0;
  std::vector<ZipEntry> entries_;
  ZipEntry content_;
};

// CRC-32 (the zip's, ISO-HDLC) of `bytes` continuing from `crc` (0 to start).
std::uint32_t crc32(std::uint32_t crc, std::string_view bytes);
using Crc32Function = std::uint32_t (*)(std::uint32_t crc, std::string_view bytes);

// The checks of an entry's inflated bytes against its central directory
// record: their number and, unless `crc` is null (fuzzing), their CRC-32
// (computed by `crc`: the CLI passes zlib's, several times faster than the
// portable one here).
class ZipEntryCheck {
 public:
  explicit ZipEntryCheck(const ZipEntry& entry, Crc32Function crc = &crc32);
  // More inflated bytes; false (error() says why) once there are more than the entry holds.
  bool add(std::string_view bytes);
  // The entry's end: "" or why its bytes are not what the zip says.
  std::string finish() const;
  const std::string& error() const { return error_; }

 private:
  std::string name_;
  std::uint64_t expected_size_, size_ = 0;
  std::uint32_t expected_crc_, crc_ = 0;
  Crc32Function crc32_;
  std::string error_;
};

// The message for an entry whose compressed data cannot be inflated; `why`
// is the inflater's own words ("zlib: invalid block type").
std::string zip_inflate_error(const ZipEntry& entry, std::string_view why);
// The message for an entry whose compressed data ends before the entry does.
std::string zip_data_ends_early(const ZipEntry& entry);

}  // namespace cqc::contract
