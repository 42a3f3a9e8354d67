// CQC's .ods spreadsheet, streamed: the file read with pread where the
// contract's OdsZip asks, content.xml inflated in blocks with zlib, the blocks
// fed to the contract's content reader (ods_reader.hpp).
#include "ods_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

#include "contract_zip.hpp"

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

std::string read_error(const Source& source) { return "the .ods file cannot be read: " + source.error(); }

// A whole (small) range of the file; false with `error` set.
bool read_range(Source& source, contract::ZipRange range, std::string& out, std::string& error) {
  out.assign(static_cast<std::size_t>(range.length), '\0');
  if (source.read(range.offset, out.size(), out.data())) return true;
  error = read_error(source);
  return false;
}

// Streams the entry in `range` (stored or deflated), inflated, to `sink` in
// blocks. "" when it was all delivered or the sink said stop (returned
// false); else the message.
template <typename Sink>
std::string stream_entry(Source& source, const contract::ZipEntry& e, contract::ZipRange range, Sink&& sink) {
  constexpr std::size_t kIn = 64 * 1024, kOut = 256 * 1024;
  std::vector<char> in(kIn), out(kOut);
  std::uint64_t at = range.offset, remaining = range.length;
  if (e.method == 0) {
    while (remaining > 0) {
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining, kOut));
      if (!source.read(at, n, out.data())) return read_error(source);
      at += n;
      remaining -= n;
      if (!sink(std::string_view(out.data(), n))) return "";
    }
    return "";
  }
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return "the .ods file cannot be read: zlib could not start (out of memory?)";
  const std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&z, inflateEnd);
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    if (z.avail_in == 0) {
      if (remaining == 0) return contract::zip_data_ends_early(e);
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining, kIn));
      if (!source.read(at, n, in.data())) return read_error(source);
      at += n;
      remaining -= n;
      z.next_in = reinterpret_cast<Bytef*>(in.data());
      z.avail_in = static_cast<uInt>(n);
    }
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(kOut);
    status = inflate(&z, Z_NO_FLUSH);
    if (status == Z_NEED_DICT || status == Z_DATA_ERROR || status == Z_MEM_ERROR ||
        (status == Z_BUF_ERROR && z.avail_in != 0)) {
      return contract::zip_inflate_error(e, "zlib: " + (z.msg ? std::string(z.msg) : std::to_string(status)));
    }
    const std::size_t produced = kOut - z.avail_out;
    if (produced > 0 && !sink(std::string_view(out.data(), produced))) return "";
  }
  return "";
}

// The zip's records -> content.xml located; "" or the message.
std::string locate_content(Source& source, contract::OdsZip& zip) {
  std::string bytes, error;
  for (;;) {
    switch (zip.want()) {
      case contract::OdsZip::Want::Bytes:
        if (!read_range(source, zip.range(), bytes, error)) return error;
        zip.give(bytes);
        break;
      case contract::OdsZip::Want::Inflated: {
        std::string text;
        const std::string failed = stream_entry(source, zip.entry(), zip.range(), [&](std::string_view piece) {
          text.append(piece);
          return true;
        });
        if (failed.empty()) zip.give(text);
        else zip.skip();
        break;
      }
      case contract::OdsZip::Want::Content: return "";
      case contract::OdsZip::Want::Failed: return zip.error();
    }
  }
}

std::uint32_t zlib_crc32(std::uint32_t crc, std::string_view bytes) {
  return static_cast<std::uint32_t>(::crc32_z(crc, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
}

// The file's content.xml into `reader` (an OdsContentReader or OdsSheetReader); its message.
template <typename Reader>
std::string read_content(Source& source, Reader& reader, const OdsLimits& limits) {
  contract::OdsZip zip(source.size());
  if (std::string error = locate_content(source, zip); !error.empty()) return error;
  contract::ZipEntryCheck check(zip.entry(), limits.check_crc ? &zlib_crc32 : nullptr);
  std::string container_error = stream_entry(source, zip.entry(), zip.range(), [&](std::string_view piece) {
    return check.add(piece) && reader.feed(piece);
  });
  if (container_error.empty()) container_error = check.finish();
  return std::string(reader.finish(container_error));
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

std::string read_into_session(Source& source, const std::string& name, contract::AuditSession& session,
                              OdsSheets* sheets, const OdsLimits& limits) {
  contract::OdsSheetReader reader(session, name, limits);
  std::string error = read_content(source, reader, limits);
  if (sheets) *sheets = reader.sheets();
  return error;
}

std::string read_rows(Source& source, OdsRowHandler& handler, const OdsLimits& limits) {
  contract::OdsContentReader reader(handler, limits);
  return read_content(source, reader, limits);
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
