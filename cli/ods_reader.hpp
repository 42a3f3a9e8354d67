// CQC's "Latest ratings" spreadsheet read straight from its .ods file
// (native only: the CLI), streamed: the zip's central directory (at the
// file's end) locates content.xml, which is inflated with zlib a block at a
// time and parsed with expat as it comes, so content.xml (hundreds of MB
// uncompressed for the real file) is never held whole. Each sheet's rows go
// to an AuditSession as rows already split into cells.
//
// A cell's text is what a spreadsheet shows: its paragraphs joined with a
// space, <text:s text:c="n"/> as n spaces, tabs and line breaks as "\t" and
// "\n", spans and links read through; comments and shapes left out. Numbers
// are their office:value, dates the date part of office:date-value
// (YYYY-MM-DD). Repeated cells and rows are repeated, except empty cells at
// a row's end and empty rows, which are only counted (so row numbers are
// the spreadsheet's).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "contract_audit_session.hpp"

namespace cqc::cli {

// Bounds on what one file may make the reader do (defaults: far above any
// real export, which LibreOffice caps at 1 048 576 rows and 16 384 columns).
struct OdsLimits {
  std::size_t max_rows = std::size_t{1} << 22;   // rows per sheet, repeats counted; more = damaged file
  std::size_t max_columns = 16384;               // cells kept per row; the rest of the row is dropped
  std::size_t max_cell_bytes = 64 * 1024;        // a cell's text is cut after this many bytes
  std::size_t max_row_bytes = 16u << 20;         // ... and a row's, all its cells together
  bool check_crc = true;                         // false only for fuzzing (mutated files keep parsing)
};

// Which sheets went to the session and which were left out (a sheet without
// the export's header whose name is neither Locations nor Providers, such as
// a "Read me" sheet).
struct OdsSheets {
  std::vector<std::string> read, skipped;
};

// Reads the .ods file at `path` into `session`: for each sheet that holds the
// export, begin_file("<path>, sheet <name>"), add_row per non-empty row,
// end_file(). Returns "" when the file was read, else one plain-English
// message saying why it could not be read at all (not a zip, cut short, no
// content.xml, damaged compressed data, XML that is not well formed with its
// line and column, zip64 or encryption). Problems inside a sheet (a bad
// rating, a sheet without a header) are the session's to report.
std::string read_ods(const std::string& path, contract::AuditSession& session, OdsSheets* sheets = nullptr);
// The same for the bytes of an .ods file already in memory; `name` is used
// in sheet names and messages.
std::string read_ods_bytes(std::string_view bytes, const std::string& name, contract::AuditSession& session,
                           OdsSheets* sheets = nullptr, const OdsLimits& limits = {});

// Below the session: every sheet and every non-empty row as it is in the
// file, without looking for a header (tests and fuzzing use it).
class OdsRowHandler {
 public:
  virtual ~OdsRowHandler() = default;
  virtual void begin_sheet(const std::string& name) = 0;
  // `number` is the 1-based row in the sheet; the views last until the call returns.
  virtual void row(std::size_t number, const std::vector<std::string_view>& cells) = 0;
  virtual void end_sheet() = 0;
};
std::string read_ods_rows(const std::string& path, OdsRowHandler& handler, const OdsLimits& limits = {});
std::string read_ods_rows_bytes(std::string_view bytes, OdsRowHandler& handler, const OdsLimits& limits = {});

}  // namespace cqc::cli
