// Bytes -> the CLI's .ods reader (cli/ods_reader.cpp, zlib + expat), from
// memory with small limits and the checksum not checked (so that a mutated
// content.xml stored uncompressed is still parsed): every sheet begun is
// ended, one at a time; row numbers rise within a sheet and stay within the
// limit; a row has 1 to max_columns cells, each at most max_cell_bytes, the
// last not empty (empty cells at a row's end are dropped); and the same bytes
// read into an AuditSession give the same message and audit without a crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contract_audit_session.hpp"
#include "fuzz_check.hpp"
#include "ods_reader.hpp"

namespace {

cqc::cli::OdsLimits limits() {
  cqc::cli::OdsLimits l;
  l.max_rows = 5000;
  l.max_columns = 64;
  l.max_cell_bytes = 256;
  l.max_row_bytes = 4096;
  l.check_crc = false;
  return l;
}

class Checker final : public cqc::cli::OdsRowHandler {
 public:
  void begin_sheet(const std::string&) override {
    FUZZ_CHECK(!open_);
    open_ = true;
    last_row_ = 0;
    ++sheets_;
  }
  void row(std::size_t number, const std::vector<std::string_view>& cells) override {
    FUZZ_CHECK(open_);
    FUZZ_CHECK(number > last_row_ && number <= limits().max_rows);
    last_row_ = number;
    FUZZ_CHECK(!cells.empty() && cells.size() <= limits().max_columns);
    FUZZ_CHECK(!cells.back().empty());
    for (const std::string_view cell : cells) FUZZ_CHECK(cell.size() <= limits().max_cell_bytes);
  }
  void end_sheet() override {
    FUZZ_CHECK(open_);
    open_ = false;
  }
  bool open() const { return open_; }
  std::size_t sheets() const { return sheets_; }

 private:
  bool open_ = false;
  std::size_t last_row_ = 0, sheets_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Checker checker;
  const std::string error = cqc::cli::read_ods_rows_bytes(bytes, checker, limits());
  FUZZ_CHECK(!checker.open());
  FUZZ_CHECK(error.find('\n') == std::string::npos);

  cqc::contract::AuditSession session;
  cqc::cli::OdsSheets sheets;
  const std::string message = cqc::cli::read_ods_bytes(bytes, "fuzz.ods", session, &sheets, limits());
  if (!error.empty()) FUZZ_CHECK(message == error);
  if (message.empty()) FUZZ_CHECK(!sheets.read.empty());
  FUZZ_CHECK(sheets.read.size() + sheets.skipped.size() <= checker.sheets());
  session.finish();
  return 0;
}
