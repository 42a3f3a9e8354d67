// What the .ods tests share: a zip writer (each test says how a part's bytes
// are compressed and checksummed: ods_reader_test with zlib, zip_records_test
// with none) and a recorder of the sheets and rows an OdsRowHandler is given.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contract_ods_content.hpp"

namespace cqc::test::ods {

struct Part {
  std::string name, data;
  int method = 8;         // 8 deflate, 0 stored, anything else as given
  std::uint16_t flags = 0;
  std::string body = {};  // the bytes written for it, when not data compressed by `method`
};

inline void put16(std::string& out, unsigned v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
inline void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

struct ZipOptions {
  std::function<std::string(const Part&)> body;         // a part's bytes as written
  std::function<std::uint32_t(std::string_view)> crc;   // its CRC-32
  std::string comment = {};                             // after the end record
  std::uint32_t size_of_all = 0;                        // if not 0, every part's uncompressed size
  std::string local_extra = {};                         // an extra field in local headers only
};

inline std::string zip(const std::vector<Part>& parts, const ZipOptions& options) {
  std::string out, central;
  for (const Part& part : parts) {
    const std::string body = !part.body.empty() ? part.body : options.body(part);
    const auto offset = static_cast<std::uint32_t>(out.size());
    auto header = [&](std::string& to, bool in_central) {
      put32(to, in_central ? 0x02014b50 : 0x04034b50);
      if (in_central) put16(to, 20);
      put16(to, 20);
      put16(to, part.flags);
      put16(to, static_cast<unsigned>(part.method));
      put32(to, 0);  // time and date
      put32(to, options.crc(part.data));
      put32(to, static_cast<std::uint32_t>(body.size()));
      put32(to, options.size_of_all ? options.size_of_all : static_cast<std::uint32_t>(part.data.size()));
      put16(to, static_cast<unsigned>(part.name.size()));
      put16(to, in_central ? 0 : static_cast<unsigned>(options.local_extra.size()));
      if (in_central) {
        put16(to, 0);  // comment
        put16(to, 0);  // disk
        put16(to, 0);  // internal attributes
        put32(to, 0);  // external attributes
        put32(to, offset);
      }
      to += part.name;
      if (!in_central) to += options.local_extra;
    };
    header(out, false);
    out += body;
    header(central, true);
  }
  const auto central_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<unsigned>(parts.size()));
  put16(out, static_cast<unsigned>(parts.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, central_offset);
  put16(out, static_cast<unsigned>(options.comment.size()));
  return out + options.comment;
}

struct Sheet {
  std::string name;
  std::vector<std::pair<std::size_t, std::vector<std::string>>> rows;
  bool ended = false;
  bool operator==(const Sheet& o) const { return name == o.name && rows == o.rows && ended == o.ended; }
};

class Recorder final : public contract::OdsRowHandler {
 public:
  void begin_sheet(const std::string& name) override { sheets.push_back({name, {}, false}); }
  void row(std::size_t number, const std::vector<std::string_view>& cells) override {
    sheets.back().rows.emplace_back(number, std::vector<std::string>(cells.begin(), cells.end()));
  }
  void end_sheet() override { sheets.back().ended = true; }
  std::vector<Sheet> sheets;
};

}  // namespace cqc::test::ods
