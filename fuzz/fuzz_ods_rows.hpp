// What the two .ods harnesses share: small limits, and a row handler that
// checks what any reader must give it (every sheet begun is ended, one at a
// time; row numbers rise within a sheet and stay within the limit; a row has
// 1 to max_columns cells, each at most max_cell_bytes, the last not empty)
// and logs it, so that two readings can be compared.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "contract_ods_content.hpp"
#include "fuzz_check.hpp"

namespace fuzz_ods {

inline cqc::contract::OdsLimits limits() {
  cqc::contract::OdsLimits l;
  l.max_rows = 5000;
  l.max_columns = 64;
  l.max_cell_bytes = 256;
  l.max_row_bytes = 4096;
  l.check_crc = false;  // so that a mutated content.xml stored uncompressed is still read
  return l;
}

class CheckedRows final : public cqc::contract::OdsRowHandler {
 public:
  void begin_sheet(const std::string& name) override {
    FUZZ_CHECK(!open_);
    open_ = true;
    last_row_ = 0;
    ++sheets_;
    log_ += "S" + name + '\n';
  }
  void row(std::size_t number, const std::vector<std::string_view>& cells) override {
    FUZZ_CHECK(open_);
    FUZZ_CHECK(number > last_row_ && number <= limits().max_rows);
    last_row_ = number;
    FUZZ_CHECK(!cells.empty() && cells.size() <= limits().max_columns);
    FUZZ_CHECK(!cells.back().empty());
    log_ += "R" + std::to_string(number);
    for (const std::string_view cell : cells) {
      FUZZ_CHECK(cell.size() <= limits().max_cell_bytes);
      log_ += '|';
      log_ += cell;
    }
    log_ += '\n';
  }
  void end_sheet() override {
    FUZZ_CHECK(open_);
    open_ = false;
    log_ += "E\n";
  }
  bool open() const { return open_; }
  std::size_t sheets() const { return sheets_; }
  const std::string& log() const { return log_; }

 private:
  bool open_ = false;
  std::size_t last_row_ = 0, sheets_ = 0;
  std::string log_;
};

}  // namespace fuzz_ods
