// One audit of one or more data files, fed in pieces: the single way in for
// the CLI (`cqc-ratings audit`) and the browser (audit.mjs in a worker), so
// both read and audit CQC's data with the same code.
//
// Each file is told apart by its first bytes: JSON (CQC API location
// records: an object, an array or JSON Lines) is kept until its end and read
// whole (at most kMaxDataFileBytes); anything else is read as a sheet of the
// Latest-ratings export, streamed (at most kMaxExportBytes). A zip (an .ods
// spreadsheet) is opened by the caller, which hands its sheets over one by
// one as files of their own, as CSV bytes or as rows already split.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "contract_audit.hpp"
#include "published_ratings.hpp"

namespace cqc::contract {

enum class DataFileKind { Unknown, CqcApiJson, ExportSheet, Zip };
// From a file's first bytes (a BOM and leading white space skipped); Unknown
// while there are too few to tell (none, or only white space).
DataFileKind sniff_data_file(std::string_view first_bytes);

class AuditSession {
 public:
  explicit AuditSession(AuditOptions options = {});
  ~AuditSession();
  AuditSession(const AuditSession&) = delete;
  AuditSession& operator=(const AuditSession&) = delete;

  // A file, or one sheet of a spreadsheet, begins; `name` is used in messages.
  void begin_file(std::string name);
  // Its bytes, in pieces of any size.
  void feed(std::string_view bytes);
  // A row already split into cells (an .ods row), `line` its 1-based row.
  void add_row(std::size_t line, const std::vector<std::string_view>& cells);
  // The file's end: JSON is read now; a sheet's last row is finished.
  void end_file();

  // Every file's ratings so far, merged by ID, and every problem found.
  const PublishedData& data() const;
  std::size_t bytes_read() const;  // all files together

  // The audit of everything read (end_file is called first if a file is open).
  Agreement finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cqc::contract
