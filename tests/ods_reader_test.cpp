// The CLI's .ods reader (cli/ods_reader.cpp: pread and zlib over the
// contract's zip records and content.xml reader): rows and cells as a
// spreadsheet shows them, sheets handed to the audit session, and one plain
// message for each kind of file that cannot be read. Every .ods here is written by the
// test itself (a small zip writer on zlib below) into a mkdtemp scratch folder.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "contract_audit_session.hpp"
#include "ods_reader.hpp"
#include "ods_test_support.hpp"

namespace cqc::test {
namespace {

using cli::OdsLimits;
using cli::OdsSheets;

// ---- writing .ods files ---------------------------------------------------------------

using ods::Part;
using ods::put32;

std::string deflated(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zip(const std::vector<Part>& parts) {
  ods::ZipOptions options;
  options.body = [](const Part& part) { return part.method == 8 ? deflated(part.data) : part.data; };
  options.crc = [](std::string_view data) {
    return static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  };
  return ods::zip(parts, options);
}

const char kMimetype[] = "application/vnd.oasis.opendocument.spreadsheet";

// content.xml around `tables` (table:table elements), with LibreOffice's prefixes.
std::string content(const std::string& tables, const std::string& table_prefix = "table") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
         "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
         "xmlns:" + table_prefix + "=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
         "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" office:version=\"1.3\">\n"
         "<office:body><office:spreadsheet>" + tables + "</office:spreadsheet></office:body></office:document-content>\n";
}

std::string ods(const std::string& content_xml, int method = 8) {
  return zip({{"mimetype", kMimetype, 0}, {"content.xml", content_xml, method}});
}

std::string cell(const std::string& text) {
  return "<table:table-cell office:value-type=\"string\"><text:p>" + text + "</text:p></table:table-cell>";
}
std::string row(const std::vector<std::string>& cells, const std::string& attributes = "") {
  std::string out = "<table:table-row" + attributes + ">";
  for (const std::string& c : cells) out += cell(c);
  return out + "</table:table-row>";
}
std::string table(const std::string& name, const std::string& rows) {
  return "<table:table table:name=\"" + name + "\"><table:table-column table:number-columns-repeated=\"3\"/>" + rows +
         "</table:table>";
}

// A scratch folder (mkdtemp), removed with its files at the end.
class Scratch {
 public:
  Scratch() {
    char pattern[] = "/tmp/ods-reader-test-XXXXXX";
    const char* made = mkdtemp(pattern);
    EXPECT_NE(made, nullptr);
    dir_ = made ? made : "/tmp";
  }
  ~Scratch() {
    for (const std::string& file : files_) unlink(file.c_str());
    rmdir(dir_.c_str());
  }
  std::string write(const std::string& name, const std::string& bytes) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    files_.push_back(path);
    return path;
  }

 private:
  std::string dir_;
  std::vector<std::string> files_;
};

// ---- reading them ------------------------------------------------------------------------

using ods::Recorder;
using ods::Sheet;

// The rows of `bytes` (as a file and from memory, which must agree); `error` gets the message.
std::vector<Sheet> rows_of(const std::string& bytes, std::string* error = nullptr, const OdsLimits& limits = {}) {
  Scratch scratch;
  Recorder from_file, from_memory;
  const std::string message = cli::read_ods_rows(scratch.write("test.ods", bytes), from_file, limits);
  EXPECT_EQ(cli::read_ods_rows_bytes(bytes, from_memory, limits), message);
  EXPECT_EQ(from_file.sheets.size(), from_memory.sheets.size());
  if (error) *error = message;
  else EXPECT_EQ(message, "");
  return from_file.sheets;
}
std::string error_of(const std::string& bytes, const OdsLimits& limits = {}) {
  std::string error;
  rows_of(bytes, &error, limits);
  return error;
}

using Row = std::pair<std::size_t, std::vector<std::string>>;

// The cells of the one row of a one-sheet file whose row holds `cells` (table:table-cell elements).
std::vector<std::string> cells_of(const std::string& cells) {
  const auto sheets = rows_of(ods(content(table("S", "<table:table-row>" + cells + "</table:table-row>"))));
  if (sheets.size() != 1 || sheets[0].rows.size() != 1) {
    ADD_FAILURE() << "not one sheet of one row";
    return {};
  }
  return sheets[0].rows[0].second;
}

TEST(OdsRows, SheetsRowsAndCellsAsWritten) {
  const auto sheets = rows_of(ods(content(table("Read me", row({"Notes"})) +
                                          table("Locations", row({"a", "b", "c"}) + row({"d", "", "f"})))));
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_EQ(sheets[0].name, "Read me");
  EXPECT_EQ(sheets[0].rows, (std::vector<Row>{{1, {"Notes"}}}));
  EXPECT_EQ(sheets[1].name, "Locations");
  EXPECT_EQ(sheets[1].rows, (std::vector<Row>{{1, {"a", "b", "c"}}, {2, {"d", "", "f"}}}));
  EXPECT_TRUE(sheets[1].ended);
}

TEST(OdsRows, StoredContentIsReadToo) {
  const auto sheets = rows_of(ods(content(table("S", row({"x"}))), 0));
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].rows, (std::vector<Row>{{1, {"x"}}}));
}

TEST(OdsRows, RepeatedColumnsAreRepeatedButTrailingEmptiesDropped) {
  const std::string r =
      "<table:table-row>"
      "<table:table-cell table:number-columns-repeated=\"2\"/>"  // leading empties are kept
      + std::string("<table:table-cell table:number-columns-repeated=\"3\" office:value-type=\"string\">"
                    "<text:p>Overall</text:p></table:table-cell>") +
      "<table:covered-table-cell/>"
      "<table:table-cell><text:p>z</text:p></table:table-cell>"
      "<table:table-cell table:number-columns-repeated=\"16000\"/>"  // LibreOffice's empties to the sheet's edge
      "</table:table-row>";
  const auto sheets = rows_of(ods(content(table("S", r))));
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].rows, (std::vector<Row>{{1, {"", "", "Overall", "Overall", "Overall", "", "z"}}}));
}

TEST(OdsRows, RepeatedRowsKeepTheRowNumbersRight) {
  const std::string rows = row({"one"}) +
                           "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell "
                           "table:number-columns-repeated=\"1024\"/></table:table-row>" +
                           row({"five"}) + row({"six", "twice"}, " table:number-rows-repeated=\"2\"") +
                           "<table:table-row/>" + row({"nine"}) +
                           "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell "
                           "table:number-columns-repeated=\"1024\"/></table:table-row>";
  const auto sheets = rows_of(ods(content(table("S", rows))));
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].rows, (std::vector<Row>{{1, {"one"}}, {5, {"five"}}, {6, {"six", "twice"}},
                                              {7, {"six", "twice"}}, {9, {"nine"}}}));
}

TEST(OdsRows, TextAsASpreadsheetShowsIt) {
  const std::string cells =
      cell("two<text:s/> spaces, four<text:s text:c=\"3\"/> spaces") +
      cell("tab<text:tab/>and<text:line-break/>break") +
      cell("<text:span text:style-name=\"T1\">in a <text:a xlink:href=\"https://x\">link</text:a></text:span>!") +
      "<table:table-cell><text:p>first</text:p><text:p>second</text:p></table:table-cell>" +
      cell("  runs \n of\t white   space collapse  ") + cell("a &amp; b &lt;c&gt;") +
      "<table:table-cell><office:annotation><text:p>a comment</text:p></office:annotation><text:p>shown</text:p>"
      "<draw:frame><draw:text-box><text:p>a shape</text:p></draw:text-box></draw:frame></table:table-cell>";
  EXPECT_EQ(cells_of(cells),
            (std::vector<std::string>{"two  spaces, four    spaces", "tab\tand\nbreak", "in a link!", "first second",
                                      "runs of white space collapse", "a & b <c>", "shown"}));
}

TEST(OdsRows, DatesAndNumbersAreTheirValues) {
  const std::string cells =
      "<table:table-cell office:value-type=\"date\" office:date-value=\"2019-03-12\"><text:p>12/03/2019</text:p>"
      "</table:table-cell>"
      "<table:table-cell office:value-type=\"date\" office:date-value=\"2021-11-02T10:30:00\"><text:p>02 Nov</text:p>"
      "</table:table-cell>"
      "<table:table-cell office:value-type=\"float\" office:value=\"1234.5\"><text:p>1,234.50</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"percentage\" office:value=\"0.25\"><text:p>25%</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>TRUE</text:p>"
      "</table:table-cell>";
  EXPECT_EQ(cells_of(cells),
            (std::vector<std::string>{"2019-03-12", "2021-11-02", "1234.5", "0.25", "TRUE"}));
}

TEST(OdsRows, PrefixesAreTheDocumentsOwn) {
  // Another program may name the table namespace's prefix otherwise.
  std::string tables = table("S", row({"x"}));
  for (std::size_t at; (at = tables.find("table:")) != std::string::npos;) tables.replace(at, 6, "t:");
  const auto sheets = rows_of(ods(content(tables, "t")));
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].name, "S");
  EXPECT_EQ(sheets[0].rows, (std::vector<Row>{{1, {"x"}}}));
}

TEST(OdsRows, LimitsBoundColumnsCellsAndRows) {
  OdsLimits limits;
  limits.max_columns = 3;
  limits.max_cell_bytes = 4;
  limits.max_rows = 4;
  auto sheets = rows_of(ods(content(table("S", row({"a", "b", "c", "d", "e"}) + row({"abcdefgh"})))), nullptr, limits);
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].rows, (std::vector<Row>{{1, {"a", "b", "c"}}, {2, {"abcd"}}}));

  std::string error;
  sheets = rows_of(ods(content(table("Big", row({"x"}, " table:number-rows-repeated=\"9\"")))), &error, limits);
  EXPECT_EQ(error, "sheet \"Big\" of the .ods file has more than 4 rows, more than any spreadsheet holds: the file "
                   "is damaged");
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].rows.size(), 4u);
  EXPECT_TRUE(sheets[0].ended);
}

// ---- files that cannot be read -------------------------------------------------------

TEST(OdsErrors, NotAZip) {
  EXPECT_EQ(error_of("Location ID,Domain\r\n1-1,Safe\r\n"),
            "the file is not an .ods spreadsheet (it is not a zip file): give CQC's Latest ratings .ods, or its "
            "Locations and Providers sheets saved as CSV");
  EXPECT_EQ(error_of(""), "the file is empty: it is not an .ods spreadsheet");
}

TEST(OdsErrors, TruncatedZip) {
  const std::string whole = ods(content(table("S", row({"x"}))));
  const std::string expected =
      "the .ods file is cut short: the end of the zip (its central directory) is missing; was the download "
      "interrupted?";
  EXPECT_EQ(error_of(whole.substr(0, whole.size() / 2)), expected);
  EXPECT_EQ(error_of(whole.substr(0, 4)), expected);
  EXPECT_EQ(error_of(whole.substr(0, whole.size() - 1)), expected);  // the end record's last byte gone
}

TEST(OdsErrors, NoContentXml) {
  EXPECT_EQ(error_of(zip({{"mimetype", kMimetype, 0}})),
            "the zip holds no content.xml, so it is not an OpenDocument spreadsheet (.ods)");
  EXPECT_EQ(error_of(zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}})),
            "the file is an Excel workbook (.xlsx), not an .ods spreadsheet: save it as .ods, or save its Locations "
            "and Providers sheets as CSV");
}

TEST(OdsErrors, XmlErrorNamesLineAndColumn) {
  const std::string xml = content(table("S", "<table:table-row><table:table-cell></table:table-row>"));
  std::string error;
  const auto sheets = rows_of(ods(xml), &error);
  EXPECT_EQ(error.rfind("content.xml in the .ods file is not well-formed XML at line 3, column ", 0), 0u) << error;
  EXPECT_NE(error.find(": mismatched tag"), std::string::npos) << error;
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_TRUE(sheets[0].ended);  // what was read of the sheet is finished
  EXPECT_NE(error.find(": mismatched tag: </table:table-row> where </table:table-cell> was expected"),
            std::string::npos) << error;
  // Not XML at all (a zip's content.xml of garbage).
  EXPECT_EQ(error_of(ods("not xml")),
            "content.xml in the .ods file is not well-formed XML at line 1, column 1: text before the document "
            "element (is it XML?)");
  // Cut short inside a sheet, in a zip that is whole.
  EXPECT_EQ(error_of(ods(xml.substr(0, xml.find("<table:table-cell>")))),
            "content.xml in the .ods file ends inside <table:table-row>, at line 3, column " +
                std::to_string(xml.find("<table:table-cell>") - xml.rfind('\n', xml.find("<table:table-cell>"))) +
                ": the file is cut short");
}

TEST(OdsErrors, DamagedCompressedData) {
  std::string file = ods(content(table("S", row({"x"}))));
  const std::size_t at = file.find("content.xml") + 11;  // its compressed data follows its name
  file[at] = static_cast<char>(0xFF);                     // 0b11: a block type that does not exist
  EXPECT_EQ(error_of(file), "the .ods file is damaged: content.xml's compressed data cannot be inflated (zlib: "
                            "invalid block type)");
  // Its compressed data ends before content.xml does (the zip records only the first part of it).
  const std::string xml = content(table("S", row({"x"})));
  const std::string part = deflated(xml).substr(0, 40);
  std::string error;
  rows_of(zip({{"content.xml", xml, 8, 0, part}}), &error);
  EXPECT_EQ(error, "the .ods file is damaged: content.xml's compressed data ends before content.xml does");
}

TEST(OdsErrors, ChecksumMismatch) {
  std::string file = ods(content(table("S", row({"x"}))), 0);  // stored: its bytes are in the file as they are
  file[file.find("<text:p>x<") + 8] = 'y';                      // still well-formed XML
  EXPECT_EQ(error_of(file), "the .ods file is damaged: content.xml's checksum (CRC-32) does not match its contents");
  OdsLimits unchecked;  // as the fuzz harness reads (so that mutated files get past the checksum)
  unchecked.check_crc = false;
  EXPECT_EQ(rows_of(file, nullptr, unchecked).at(0).rows, (std::vector<Row>{{1, {"y"}}}));
}

TEST(OdsErrors, EncryptedZip64AndOtherMethodsAreSaidSo) {
  EXPECT_EQ(error_of(zip({{"content.xml", "<x/>", 8, 1}})),
            "the .ods file is encrypted (content.xml is protected by a password): open it in a spreadsheet program "
            "and save a copy without a password, or save its sheets as CSV");
  EXPECT_EQ(error_of(zip({{"META-INF/manifest.xml",
                           "<manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/>"},
                          {"content.xml", "\x8f\x01garbage", 0}})),
            "the .ods file is encrypted (it was saved with a password): open it in a spreadsheet program and save a "
            "copy without a password, or save its sheets as CSV");
  EXPECT_EQ(error_of(zip({{"content.xml", "<x/>", 12}})),
            "the .ods file's content.xml is compressed with zip method 12, which this reader does not read (only "
            "stored and deflated parts, as spreadsheet programs write them): save the sheets as CSV instead");
  // A zip64 end record locator just before the end record.
  std::string file = ods(content(table("S", row({"x"}))));
  const std::size_t end = file.size() - 22;
  std::string locator;
  put32(locator, 0x07064b50);
  locator.append(16, '\0');
  file.insert(end, locator);
  EXPECT_EQ(error_of(file),
            "the .ods file is a zip64 archive (over 4 GB, or with over 65 535 parts), which this reader does not "
            "read: save its Locations and Providers sheets as CSV and give those instead");
}

TEST(OdsErrors, NotARegularFile) {
  Recorder recorder;
  EXPECT_EQ(cli::read_ods_rows("/tmp", recorder),
            "cannot read /tmp as an .ods spreadsheet: it is not a regular file (an .ods file is read from its end, "
            "so it cannot come through a pipe)");
  EXPECT_EQ(cli::read_ods_rows("/nonexistent/latest.ods", recorder),
            "cannot open /nonexistent/latest.ods: No such file or directory");
}

// ---- into the audit session ------------------------------------------------------------

const std::vector<std::string> kHeader = {"Location ID", "Service / Population Group", "Domain", "Latest Rating",
                                          "Publication Date"};

std::string location_rows() {
  std::string rows = row({"Care Quality Commission: latest ratings"}) + row(kHeader);
  for (const char* q : {"Overall", "Safe", "Effective", "Caring", "Responsive", "Well-led"}) {
    rows += "<table:table-row>" + cell("1-101") + "<table:table-cell table:number-columns-repeated=\"1\" "
            "office:value-type=\"string\"><text:p>Overall</text:p></table:table-cell>" + cell(q) + cell("Good") +
            "<table:table-cell office:value-type=\"date\" office:date-value=\"2019-03-12\"><text:p>12/03/2019</text:p>"
            "</table:table-cell></table:table-row>";
  }
  return rows;
}

TEST(OdsSession, ExportSheetsAreReadAndOthersLeftOut) {
  Scratch scratch;
  const std::string path = scratch.write(
      "latest.ods", ods(content(table("Read me", row({"About this file"}) + row({"Rows are ratings"})) +
                                table("Locations", location_rows()) + table("Chart data", row({"1", "2"})))));
  contract::AuditSession session;
  OdsSheets sheets;
  EXPECT_EQ(cli::read_ods(path, session, &sheets), "");
  EXPECT_EQ(sheets.read, std::vector<std::string>{"Locations"});
  EXPECT_EQ(sheets.skipped, (std::vector<std::string>{"Read me", "Chart data"}));
  const contract::PublishedData& data = session.data();
  EXPECT_TRUE(data.problems.empty()) << data.problems.front().message;
  EXPECT_EQ(data.rows_read, 6u);
  ASSERT_EQ(data.locations.size(), 1u);
  EXPECT_EQ(data.locations[0].location_id, "1-101");
  EXPECT_EQ(data.locations[0].line, 3u);  // the spreadsheet's row: banner, header, then this
  ASSERT_TRUE(data.locations[0].overall);
  ASSERT_TRUE(data.locations[0].overall->date);
  EXPECT_EQ(data.locations[0].overall->date->iso(), "2019-03-12");
}

TEST(OdsSession, ASheetNamedLikeTheExportWithoutItsHeaderIsReported) {
  contract::AuditSession session;
  OdsSheets sheets;
  const std::string file = ods(content(table("Providers", row({"Provider", "Rating"}) + row({"x", "Good"}))));
  EXPECT_EQ(cli::read_ods_bytes(file, "latest.ods", session, &sheets), "");
  EXPECT_EQ(sheets.read, std::vector<std::string>{"Providers"});
  ASSERT_EQ(session.data().problems.size(), 1u);
  EXPECT_EQ(session.data().problems[0].message.rfind("latest.ods, sheet Providers has no header row", 0), 0u)
      << session.data().problems[0].message;
}

TEST(OdsSession, AFileWithoutAnyExportSheetIsRefused) {
  contract::AuditSession session;
  const std::string file = ods(content(table("Sheet1", row({"a"})) + table("Sheet2", "")));
  EXPECT_EQ(cli::read_ods_bytes(file, "book.ods", session),
            "the .ods file has no sheet of CQC's Latest ratings export (one named Locations or Providers, or with a "
            "header row holding Location ID or Provider ID); its sheets: \"Sheet1\", \"Sheet2\"");
  EXPECT_TRUE(session.data().problems.empty());
}

}  // namespace
}  // namespace cqc::test

namespace cqc::test {
namespace {

// ---- the bad-input catalogue ---------------------------------------------------------

// The `ods` rows of tests/bad-inputs.md, each a file given to the reader: CUT_SHORT is a
// whole one-sheet .ods cut in half (a download interrupted); `text:…` is a file holding that
// text; `xml:…` is an .ods whose content.xml is that text ("\n" a line end).
TEST(OdsErrors, BadInputCatalogueRows) {
  std::ifstream in(std::string(CQC_SOURCE_DIR) + "/tests/bad-inputs.md");
  std::size_t rows = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| ods | ", 0) != 0) continue;
    ++rows;
    SCOPED_TRACE(line);
    const std::size_t input_start = line.find(" | `") + 4;
    const std::size_t input_end = line.find("` | ", input_start);
    ASSERT_NE(input_end, std::string::npos);
    std::string input = line.substr(input_start, input_end - input_start);
    const std::string expect = line.substr(input_end + 4, line.size() - input_end - 4 - 2);
    for (std::size_t at = input.find("\\n"); at != std::string::npos; at = input.find("\\n", at)) input.replace(at, 2, "\n");
    std::string bytes;
    if (input == "CUT_SHORT") {
      const std::string whole = ods(content(table("S", row({"x"}))));
      bytes = whole.substr(0, whole.size() / 2);
    } else if (input.rfind("text:", 0) == 0) {
      bytes = input.substr(5);
    } else if (input.rfind("xml:", 0) == 0) {
      bytes = ods(input.substr(4));
    } else {
      FAIL() << "unknown input kind";
    }
    const std::string error = error_of(bytes);
    EXPECT_NE(error.find(expect), std::string::npos) << error;
  }
  EXPECT_GE(rows, 4u);
}

}  // namespace
}  // namespace cqc::test
