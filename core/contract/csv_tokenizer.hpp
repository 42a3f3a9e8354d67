// An RFC 4180 CSV tokenizer, pushed bytes in pieces of any size (internal to
// the contract layer; the export reader is its user).
//
// Fields are separated by commas; records end at LF, CRLF or a lone CR. A
// field in double quotes may hold commas, line breaks and quotes written
// twice (""). A UTF-8 byte order mark at the very start is dropped. Each
// record is handed over whole with the 1-based line it starts on; its cells
// are views into one buffer the tokenizer keeps and reuses, valid only during
// the call, so reading allocates nothing per cell.
//
// A malformed record (text after a closing quote before the next comma, a
// quote inside a field that did not start with one, a record longer than the
// limit) is reported with the line and 1-based column of the fault and
// dropped; reading goes on with the next line. A quoted field still open at
// finish() is reported with the line where it began.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cqc::contract {

enum class CsvFault {
  TextAfterQuote,        // "ab"c: something other than a comma or a line end after a closing quote
  QuoteInUnquotedField,  // ab"c: a quote inside a field that did not start with one
  UnterminatedQuote,     // the input ends inside a quoted field
  RecordTooLong,         // a record longer than the limit (an unclosed quote, or not CSV at all)
};

class CsvHandler {
 public:
  virtual ~CsvHandler() = default;
  // One whole record; `cells` (and the text they view) live until the call returns.
  virtual void on_record(std::size_t line, const std::vector<std::string_view>& cells) = 0;
  // A malformed record, which is dropped: the line and 1-based column of the fault.
  virtual void on_fault(CsvFault fault, std::size_t line, std::size_t column) = 0;
};

// A record longer than this (its cells and commas) is reported and dropped
// without being kept, so an unclosed quote cannot hold a whole file in memory.
inline constexpr std::size_t kMaxCsvRecordBytes = std::size_t{1} << 20;  // 1 MiB

class CsvTokenizer {
 public:
  explicit CsvTokenizer(CsvHandler& handler, std::size_t max_record_bytes = kMaxCsvRecordBytes);

  void feed(std::string_view bytes);
  // The end of the input: the last record if it has no line end, or the
  // fault of an unclosed quote. Nothing is read after it.
  void finish();

 private:
  enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted, Skip };

  const char* whole_record(const char* p, const char* end);
  void append(const char* text, std::size_t size);
  void end_field();
  void end_field_at(char separator);  // a comma, or a line end (which ends the record too)
  void end_record();
  void fault(CsvFault kind, std::size_t line);
  void begin_record();
  std::size_t column() const { return field_ + 1; }

  CsvHandler& handler_;
  std::size_t max_record_bytes_;
  State state_ = State::FieldStart;
  std::size_t line_ = 1;          // the line being read
  std::size_t record_line_ = 1;   // the line the current record starts on
  std::size_t quote_line_ = 1;    // the line the open quoted field starts on
  std::size_t field_ = 0;         // the current record's cells finished so far
  std::size_t bom_matched_ = 0;   // bytes of a leading BOM seen so far
  bool bom_done_ = false;
  bool after_cr_ = false;         // the last record ended at a CR: an LF next belongs to it
  bool record_started_ = false;   // a byte of the current record has been read
  bool dropping_ = false;         // the record is over the limit: read to its end, keep nothing
  bool finished_ = false;
  std::string text_;                      // the current record's cells, one after another
  std::vector<std::size_t> ends_;         // where each finished cell ends in text_
  std::vector<std::string_view> cells_;   // handed to on_record (views of text_ or of the piece)
};

}  // namespace cqc::contract
