// An .ods spreadsheet's content.xml, read as it is inflated, in pieces of any
// size: its sheets, rows and cells (OdsContentReader), and the sheets that
// hold CQC's Latest-ratings export handed to an AuditSession (OdsSheetReader).
// The one reader of .ods content for the CLI (cli/ods_reader.cpp: zlib) and
// the browser (the audit module in a worker: DecompressionStream).
//
// A scanner written for content.xml, not a general XML parser, because:
//   - one implementation for both builds: expat (the CLI's parser before) cannot
//     be built for wasm here (Emscripten's ports need the network), and a second
//     parser in the page (saxes) meant the sheet rule written twice;
//   - speed: content.xml is some 3 KB of markup per row (hundreds of MB for the
//     real export) and almost all of it is ignored; the scanner finds '<' and '&'
//     with memchr, reads only the attributes it needs and allocates nothing per
//     cell, where expat spent 77% of the CLI's time;
//   - it is enough: no DTD, no external entities, UTF-8 only, as OpenDocument
//     writes content.xml.
// It still checks what could fool it: every end tag must match its start tag;
// a '<' where no tag can begin, an attribute without a quoted value, an
// unknown entity or a character reference that is not a character, text
// outside the document element, and content.xml ending inside an element, a
// tag or a comment are each reported once with the line and column (in
// bytes, from 1) in content.xml, and reading stops.
//
// Namespaces: elements and attributes are recognised by the prefixes the
// document element declares for OpenDocument's office, table, text and
// drawing namespaces (xmlns:table="urn:oasis:...:table:1.0"; CQC's and
// LibreOffice's files use office:, table:, text:, draw:). A prefix declared
// again further in is not followed, as OpenDocument never does that.
//
// Sheets are office:spreadsheet's table:table elements (table:name), rows
// their table:table-row elements, cells table:table-cell and
// table:covered-table-cell. A cell's text is what a spreadsheet shows: its
// paragraphs (text:p, text:h) joined with a space, runs of white space as one
// space, <text:s text:c="n"/> as n spaces, text:tab and text:line-break as
// "\t" and "\n", spans, links and any other element inside read through;
// annotations (office:annotation), notes, ruby text and shapes (draw:*) left
// out. Numbers are their office:value, dates the date part of
// office:date-value (YYYY-MM-DD), strings with office:string-value that value.
// Repeated cells and rows (table:number-columns-repeated,
// table:number-rows-repeated) are repeated, except empty cells at a row's end
// and empty rows, which are only counted (so row numbers are the
// spreadsheet's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "contract_audit_session.hpp"

namespace cqc::contract {

// Bounds on what one file may make the reader do (defaults: far above any
// real export, which LibreOffice caps at 1 048 576 rows and 16 384 columns).
struct OdsLimits {
  std::size_t max_rows = std::size_t{1} << 22;   // rows per sheet, repeats counted; more = damaged file
  std::size_t max_columns = 16384;               // cells kept per row; the rest of the row is dropped
  std::size_t max_cell_bytes = 64 * 1024;        // a cell's text is cut after this many bytes
  std::size_t max_row_bytes = 16u << 20;         // ... and a row's, all its cells together
  bool check_crc = true;                         // false only for fuzzing (mutated files keep parsing)
};

// Every sheet and every non-empty row as it is in the file.
class OdsRowHandler {
 public:
  virtual ~OdsRowHandler() = default;
  virtual void begin_sheet(const std::string& name) = 0;
  // `number` is the 1-based row in the sheet; the views last until the call returns.
  virtual void row(std::size_t number, const std::vector<std::string_view>& cells) = 0;
  virtual void end_sheet() = 0;
};

class OdsContentReader {
  // A growable byte buffer whose small members are always inlined (the wasm
  // build is -Oz, where std::string's size() and push_back are calls: a
  // tenth of the time there).
  class Buffer {
   public:
    __attribute__((always_inline)) std::size_t size() const { return size_; }
    __attribute__((always_inline)) const char* data() const { return data_.get(); }
    __attribute__((always_inline)) void clear() { size_ = 0; }
    __attribute__((always_inline)) void shrink(std::size_t size) { size_ = size; }  // size <= size()
    __attribute__((always_inline)) void push_back(char c) {
      if (size_ == capacity_) grow(size_ + 1);
      data_[size_++] = c;
    }
    void append(const char* p, std::size_t n);

   private:
    void grow(std::size_t at_least);
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0, capacity_ = 0;
  };

 public:
  explicit OdsContentReader(OdsRowHandler& handler, const OdsLimits& limits = {});
  OdsContentReader(const OdsContentReader&) = delete;
  OdsContentReader& operator=(const OdsContentReader&) = delete;

  // More of content.xml; false once reading has stopped (error() says why).
  bool feed(std::string_view xml);
  // content.xml's end. `container_error` (the zip's or the inflater's message,
  // if reading content.xml failed there) is the error unless the XML's own
  // came first. Returns error(), "" when content.xml was read whole. A sheet
  // still open is ended, so what was read of it is finished.
  const std::string& finish(const std::string& container_error = {});
  const std::string& error() const { return error_; }

 private:
  struct Attribute {
    std::string_view name, value;  // the value as written, between its quotes
  };
  enum class Kind : unsigned char { Other, Skip, Spreadsheet, Table, Row, Cell, Paragraph, Space, Tab, LineBreak };
  struct Open {
    std::uint32_t name_at, name_size;  // in open_names_
    Kind kind;
  };

  void stop(const std::string& message);
  bool fail(const std::string& what, const char* at);
  const char* scan_buffer(const char* begin, const char* end, bool last);
  const char* scan(const char* p, const char* end, bool last);
  const char* markup(const char* p, const char* end, bool last);
  const char* text(const char* p, const char* end, bool last);
  const char* reference(const char* p, const char* end, bool last, std::uint32_t& code);
  void newlines(const char* p, const char* end);

  void start_element(std::string_view name);
  void end_element();
  Kind classify(std::string_view name) const;
  std::string_view attribute(std::size_t ns, const char* local, std::size_t local_size) const;
  bool decode(std::string_view raw, std::string& out);
  void learn_namespaces();

  bool begin_table();
  void end_table();
  void begin_row();
  void end_row();
  bool begin_cell();
  void end_cell();
  void character(char c);
  void put_code(std::uint32_t code);
  bool put(char c);
  void append(const char* p, const char* end);
  void update_collecting();

  OdsRowHandler& handler_;
  OdsLimits limits_;
  std::string error_;
  bool stopped_ = false;

  // The input: the piece being read, or carry_ (an unfinished construct from
  // the end of the last piece, with the start of this one).
  std::string carry_;
  const char* buffer_ = nullptr;      // the buffer being scanned
  std::uint64_t buffer_offset_ = 0;   // the offset of *buffer_ in content.xml
  const char* lines_from_ = nullptr;  // line breaks before this byte of the buffer are counted
  std::uint64_t line_ = 1, line_start_ = 0;  // the current line and the offset of its first byte
  std::uint64_t read_ = 0;                   // bytes of content.xml consumed
  std::size_t bom_ = 0;                      // bytes of a UTF-8 byte order mark seen at the start (3: done)

  // Elements.
  std::vector<Open> open_;
  Buffer open_names_;
  std::vector<Attribute> attributes_;  // the tag's first attribute_count_ (the rest are old)
  std::size_t attribute_count_ = 0;
  std::string decoded_;
  bool root_seen_ = false;
  std::size_t skip_from_ = 0;  // the depth of the element being skipped (0: none)
  std::string prefix_[4];  // table, text, office, draw
  bool declared_[4] = {};
  std::size_t default_ = 4;  // the namespace of unprefixed element names (4: none of them)

  // Sheets, rows, cells.
  bool in_spreadsheet_ = false, in_table_ = false, in_row_ = false, in_cell_ = false;
  std::string sheet_;
  std::size_t rows_ = 0, row_repeat_ = 1;
  Buffer text_;                                             // the row's cells' text, one after another
  std::vector<std::pair<std::size_t, std::size_t>> cells_;  // each cell's [begin, end) in text_
  std::vector<std::string_view> views_;
  std::size_t pending_empty_ = 0;  // empty cells not yet known not to be trailing
  std::size_t cell_repeat_ = 1, cell_start_ = 0, paragraphs_ = 0, in_paragraph_ = 0;
  bool fixed_ = false;        // the cell's value came from an attribute: its text is ignored
  bool last_space_ = false;   // the last character was white space (collapse the next)
  bool collapsed_ = false;    // ... and it was put as a collapsed space
  bool collecting_ = false;   // text here is a cell's text
};

// Which sheets went to the session and which were left out (a sheet without
// the export's header whose name is neither Locations nor Providers, such as
// a "Read me" sheet).
struct OdsSheets {
  std::vector<std::string> read, skipped;
};

// content.xml -> the sheets that hold the export -> `session`: for each,
// begin_file("<file>, sheet <name>"), add_row per non-empty row, end_file().
// A sheet goes to the session once a row holds a "Location ID" or "Provider
// ID" cell (its header), with the rows above it; a sheet without one among
// its first rows (as many as the export reader allows banner rows, plus one)
// is left out unless its name says Locations or Providers (then the session
// gets it and reports what is wrong with it).
class OdsSheetReader {
 public:
  OdsSheetReader(AuditSession& session, std::string file_name, const OdsLimits& limits = {});
  ~OdsSheetReader();
  OdsSheetReader(const OdsSheetReader&) = delete;
  OdsSheetReader& operator=(const OdsSheetReader&) = delete;

  bool feed(std::string_view xml);
  // "" when the file was read and has an export sheet, else one plain-English
  // message: `container_error`, content.xml's own error, or that no sheet
  // holds the export (naming the sheets it has).
  std::string finish(const std::string& container_error = {});
  const OdsSheets& sheets() const;

 private:
  class Sheets;
  std::unique_ptr<Sheets> sheets_;
  OdsContentReader reader_;
};

}  // namespace cqc::contract
