// The contract's content.xml reader (core/contract/contract_ods_content.cpp) alone, fed
// text written here: every construct it reads, the same rows whatever the
// pieces (every split point of a small content.xml), each malformation
// reported once with its line and column, and the sheet rule into a session.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "contract_audit_session.hpp"
#include "contract_ods_content.hpp"
#include "ods_test_support.hpp"

namespace cqc::test {
namespace {

using contract::OdsContentReader;
using contract::OdsLimits;
using Row = std::pair<std::size_t, std::vector<std::string>>;

using ods::Recorder;
using ods::Sheet;

struct Read {
  std::vector<Sheet> sheets;
  std::string error;
};

// `xml` fed in the pieces that `cuts` (ascending offsets) make.
Read read(const std::string& xml, const std::vector<std::size_t>& cuts = {}, const OdsLimits& limits = {}) {
  Recorder recorder;
  OdsContentReader reader(recorder, limits);
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    reader.feed(std::string_view(xml).substr(from, cut - from));
    from = cut;
  }
  reader.feed(std::string_view(xml).substr(from));
  return {recorder.sheets, reader.finish()};
}

Read read_in_pieces_of(const std::string& xml, std::size_t size) {
  std::vector<std::size_t> cuts;
  for (std::size_t at = size; at < xml.size(); at += size) cuts.push_back(at);
  return read(xml, cuts);
}

const char kNamespaces[] =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\"";

std::string document(const std::string& tables) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content ") + kNamespaces +
         " office:version=\"1.3\">\n<office:body><office:spreadsheet>" + tables +
         "</office:spreadsheet></office:body></office:document-content>\n";
}

// Every construct the reader reads, in one small content.xml.
const std::string kEverything = document(
    "<!-- a comment <table:table> -->"
    "<table:table table:name=\"Locations &amp; &#x3C;more&#62;\" table:style-name=\"ta1\">\n"
    "  <table:table-column table:number-columns-repeated=\"4\"/>\n"
    "  <table:table-row>"
    "<table:table-cell table:number-columns-repeated=\"2\" office:value-type=\"string\"><text:p>a</text:p>"
    "</table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"3\"/>"
    "<table:covered-table-cell/>"
    "<table:table-cell><text:p>b<text:s text:c=\"3\"/>c<text:s/>d</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"1000\"/></table:table-row>\n"
    "  <table:table-row table:number-rows-repeated=\"2\"><table:table-cell table:number-columns-repeated=\"1024\"/>"
    "</table:table-row>\n"
    "  <table:table-row>"
    "<table:table-cell><text:p>one</text:p><text:p>two</text:p></table:table-cell>"
    "<table:table-cell><text:p>x<text:line-break/>y<text:tab/>z</text:p></table:table-cell>"
    "<table:table-cell><text:p><text:span text:style-name=\"T1\">in <text:a xlink:href=\"https://x?a=1&amp;b=2\">a "
    "link</text:a></text:span> and <text:unknown><text:deeper>nested</text:deeper></text:unknown></text:p>"
    "</table:table-cell>"
    "<table:table-cell><office:annotation><text:p>a note</text:p></office:annotation><text:p>kept</text:p>"
    "<draw:frame><draw:text-box><text:p>a shape</text:p></draw:text-box></draw:frame></table:table-cell>"
    "<table:table-cell><text:p>  runs \n of\t white  <?pi ignored?>space<!-- not text -->  </text:p></table:table-cell>"
    "<table:table-cell><text:p>&lt;&gt;&amp;&quot;&apos; &#233;&#xE9; &#x1F600;<![CDATA[<raw> & ]]></text:p>"
    "</table:table-cell>"
    "</table:table-row>\n"
    "  <table:table-row>"
    "<table:table-cell office:value-type=\"date\" office:date-value=\"2021-03-04T10:00:00\"><text:p>04/03/2021"
    "</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"float\" office:value=\"1234.5\"><text:p>1,234.50</text:p>"
    "</table:table-cell>"
    "<table:table-cell office:value-type=\"string\" office:string-value=\"Good &amp; kept\"><text:p>shown</text:p>"
    "</table:table-cell>"
    "<table:table-cell><table:table table:name=\"inner\"><table:table-row><table:table-cell><text:p>sub</text:p>"
    "</table:table-cell></table:table-row></table:table><text:p>outer</text:p></table:table-cell>"
    "</table:table-row>\n"
    "  <table:table-row table:number-rows-repeated=\"2\"><table:table-cell><text:p>twice</text:p></table:table-cell>"
    "</table:table-row>\n"
    "  <table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"1024\"/>"
    "</table:table-row>\n"
    "</table:table>"
    "<table:table table:name='Second'><table:table-row><table:table-cell><text:p>last</text:p></table:table-cell>"
    "</table:table-row></table:table>");

const std::vector<Sheet> kEverythingRows = {
    {"Locations & <more>",
     {{1, {"a", "a", "", "", "", "", "b   c d"}},
      {4, {"one two", "x\ny\tz", "in a link and nested", "kept", "runs of white space"}},
      {5, {"2021-03-04", "1234.5", "Good & kept", "outer"}},
      {6, {"twice"}},
      {7, {"twice"}}},
     true},
    {"Second", {{1, {"last"}}}, true}};

// (the <>&"' cell is checked apart: its expected text has bytes a brace list cannot show plainly)
const std::string kEntitiesCell = "<>&\"' \xC3\xA9\xC3\xA9 \xF0\x9F\x98\x80<raw> &";

TEST(OdsContent, ReadsEveryConstruct) {
  Read r = read(kEverything);
  EXPECT_EQ(r.error, "");
  ASSERT_EQ(r.sheets.size(), 2u);
  ASSERT_EQ(r.sheets[0].rows.size(), 5u);
  ASSERT_EQ(r.sheets[0].rows[1].second.size(), 6u);
  EXPECT_EQ(r.sheets[0].rows[1].second[5], kEntitiesCell);
  r.sheets[0].rows[1].second.pop_back();
  EXPECT_EQ(r.sheets, kEverythingRows);
}

TEST(OdsContent, EverySplitPointGivesTheSameRows) {
  const Read whole = read(kEverything);
  ASSERT_EQ(whole.error, "");
  for (std::size_t at = 0; at <= kEverything.size(); ++at) {
    const Read split = read(kEverything, {at});
    ASSERT_EQ(split.error, "") << "split at " << at;
    ASSERT_EQ(split.sheets, whole.sheets) << "split at " << at;
  }
  for (std::size_t size : {1, 2, 3, 7, 64}) {
    const Read pieces = read_in_pieces_of(kEverything, size);
    ASSERT_EQ(pieces.error, "") << "pieces of " << size;
    ASSERT_EQ(pieces.sheets, whole.sheets) << "pieces of " << size;
  }
}

TEST(OdsContent, AByteOrderMarkAndOtherPrefixes) {
  std::string xml = "\xEF\xBB\xBF<o:document-content xmlns:o=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                    "xmlns:t=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                    "xmlns:p=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><o:body><o:spreadsheet>"
                    "<t:table t:name=\"S\"><t:table-row><t:table-cell o:value-type=\"float\" o:value=\"2\"/>"
                    "<t:table-cell><p:p>x</p:p></t:table-cell></t:table-row></t:table>"
                    // Elements whose prefixes are not OpenDocument's are not sheets, rows or cells.
                    "<table:table table:name=\"not ODF\"/></o:spreadsheet></o:body></o:document-content>";
  for (std::size_t at = 0; at <= 4; ++at) {
    const Read r = read(xml, {at});
    EXPECT_EQ(r.error, "") << at;
    EXPECT_EQ(r.sheets, (std::vector<Sheet>{{"S", {{1, {"2", "x"}}}, true}})) << at;
  }
  // A table outside office:spreadsheet (a text document's) is no sheet.
  EXPECT_EQ(read(std::string("<office:document-content ") + kNamespaces +
                 "><office:body><office:text><table:table table:name=\"T\"><table:table-row><table:table-cell>"
                 "<text:p>x</text:p></table:table-cell></table:table-row></table:table></office:text></office:body>"
                 "</office:document-content>")
                .sheets.size(),
            0u);
}

TEST(OdsContent, LimitsBoundColumnsCellsAndRows) {
  OdsLimits limits;
  limits.max_columns = 3;
  limits.max_cell_bytes = 4;
  limits.max_rows = 4;
  const std::string row5 =
      "<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:table-cell><text:p>b</text:p>"
      "</table:table-cell><table:table-cell><text:p>c</text:p></table:table-cell><table:table-cell><text:p>d</text:p>"
      "</table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>abc&amp;efgh</text:p>"
      "</table:table-cell></table:table-row>";
  Read r = read(document("<table:table table:name=\"S\">" + row5 + "</table:table>"), {}, limits);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.sheets, (std::vector<Sheet>{{"S", {{1, {"a", "b", "c"}}, {2, {"abc&"}}}, true}}));
  r = read(document("<table:table table:name=\"Big\"><table:table-row table:number-rows-repeated=\"9\">"
                    "<table:table-cell><text:p>x</text:p></table:table-cell></table:table-row></table:table>"),
           {}, limits);
  EXPECT_EQ(r.error, "sheet \"Big\" of the .ods file has more than 4 rows, more than any spreadsheet holds: the "
                     "file is damaged");
  ASSERT_EQ(r.sheets.size(), 1u);
  EXPECT_EQ(r.sheets[0].rows.size(), 4u);
  EXPECT_TRUE(r.sheets[0].ended);
}

// "line L, column C" of byte `at` of `text`, counted here independently.
std::string where(const std::string& text, std::size_t at) {
  std::size_t line = 1, start = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(at - start + 1);
}

struct Malformed {
  std::string xml;
  std::string marker;  // the error is at the first byte of its first occurrence (empty: the end)
  std::string what;
  bool cut_short = false;
};

// Inside a cell's paragraph of a well-formed document, on its fourth line.
std::string in_cell(const std::string& text) {
  return std::string("<?xml version=\"1.0\"?>\n<office:document-content ") + kNamespaces +
         ">\n<office:body><office:spreadsheet>\n<table:table table:name=\"S\"><table:table-row><table:table-cell>"
         "<text:p>" + text + "</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>"
         "</office:body></office:document-content>";
}

TEST(OdsContent, EachMalformationByLineAndColumnWhateverThePieces) {
  const std::vector<Malformed> cases = {
      {in_cell("a</text:span>b"), "</text:span>",
       "mismatched tag: </text:span> where </text:p> was expected"},
      {"</a>", "</a>", "</a> closes no open element"},
      {in_cell("x < y"), "< y", "a '<' that begins no tag (a '<' in text is written &lt;)"},
      {in_cell("<text:span a=\"1<2\">x</text:span>"), "<2", "a '<' inside the value of attribute a of <text:span>"},
      {in_cell("<text:span a=1>x</text:span>"), "1>x", "the value of attribute a of <text:span> is not in quotes"},
      {in_cell("<text:span a>x</text:span>"), ">x", "attribute a of <text:span> has no value (=\"...\")"},
      {in_cell("<text:span a=\"1\"b=\"2\">x</text:span>"), "b=", "attributes of <text:span> not separated by white space"},
      {in_cell("<text:span <x>"), "<x>", "a '<' inside the tag <text:span> (is a '>' missing?)"},
      {in_cell("fish &chips; here"), "&chips",
       "&chips; is not one of XML's five entities (&lt; &gt; &amp; &quot; &apos;) or a character reference"},
      {in_cell("fish & chips"), "& chips",
       "an '&' that begins no entity or character reference (an '&' in text is written &amp;)"},
      {in_cell("bad &#0; char"), "&#0;", "the character reference &#0; is not a character XML allows"},
      {in_cell("bad &#xD800; char"), "&#xD800;", "the character reference &#xD800; is not a character XML allows"},
      {in_cell("bad &#x110000; char"), "&#x110000;", "the character reference &#x110000; is not a character XML allows"},
      {in_cell("bad &#12a; char"), "&#12a;", "the character reference &#12a; is not a character XML allows"},
      {"<!DOCTYPE x><x/>", "<!DOCTYPE", "'<!' that begins neither a comment nor a CDATA section (content.xml has no DOCTYPE)"},
      {"  not xml", "not", "text before the document element (is it XML?)"},
      {"\xEF\xBB<a/>", "<a/>", "text before the document element (is it XML?)"},  // a byte order mark cut short
      {"<a/>\n<b/>", "<b/>", "a second document element <b> after the first has ended"},
      {"<a/>\nafter", "after", "text after the document element has ended"},
      {"<a>\n<b/ ></a>", "/ >", "a '/' inside <b> not followed by '>'"},
      {"<a>\n</ a>", "</ a>", "'</' not followed by a name"},
      {"<a>\n</a b>", "b>", "an end tag with something other than '>' after its name"},
      {in_cell("cut").substr(0, in_cell("cut").find("cut") + 3), "", "<text:p>", true},
      {in_cell("cut").substr(0, in_cell("cut").find("cut") - 3), "p>", "a tag", true},
      {"<a><!-- never closed", "<!--", "a comment", true},
      {"<a><![CDATA[ never closed", "<![CDATA[", "a CDATA section", true},
      {"<a><?pi never closed", "<?pi", "a processing instruction (<?...?>)", true},
      {in_cell("cut &am"), "&am", "an '&' that begins no entity or character reference (an '&' in text is written &amp;)"},
  };
  for (const Malformed& m : cases) {
    std::string expected;
    if (m.cut_short && m.what.front() == '<') {
      expected = "content.xml in the .ods file ends inside " + m.what + ", at " + where(m.xml, m.xml.size()) +
                 ": the file is cut short";
    } else if (m.cut_short) {
      const std::size_t at = m.xml.rfind(m.marker) - (m.marker == "p>" ? 1 : 0);
      expected = "content.xml in the .ods file is not well-formed XML at " + where(m.xml, m.marker == "p>" ? m.xml.rfind('<') : at) +
                 ": content.xml ends inside " + m.what + ": the file is cut short";
    } else {
      expected = "content.xml in the .ods file is not well-formed XML at " + where(m.xml, m.xml.find(m.marker)) + ": " +
                 m.what;
    }
    const Read whole = read(m.xml);
    EXPECT_EQ(whole.error, expected) << m.xml;
    for (std::size_t at = 0; at <= m.xml.size(); ++at) {
      const Read split = read(m.xml, {at});
      ASSERT_EQ(split.error, expected) << m.xml << " split at " << at;
      ASSERT_EQ(split.sheets, whole.sheets) << m.xml << " split at " << at;
    }
  }
  // Empty, or only white space: no document element.
  EXPECT_EQ(read("").error, "content.xml in the .ods file ends before its document element begins: the file is cut "
                            "short or it is not XML");
  EXPECT_EQ(read(" \n").error, read("").error);
}

TEST(OdsContent, ReadingStopsAtTheFirstErrorAndTheSheetIsEnded) {
  Recorder recorder;
  OdsContentReader reader(recorder);
  const std::string xml = in_cell("x</text:span>");
  EXPECT_FALSE(reader.feed(xml));
  EXPECT_FALSE(reader.feed("<more/>"));
  const std::string error = reader.finish();
  EXPECT_NE(error.find("mismatched tag"), std::string::npos);
  ASSERT_EQ(recorder.sheets.size(), 1u);
  EXPECT_TRUE(recorder.sheets[0].ended);
  EXPECT_EQ(reader.finish("ignored"), error);  // the first error stays
  // A container's error (the inflater's) is the error when the XML had none.
  Recorder other;
  OdsContentReader cut(other);
  cut.feed(in_cell("x").substr(0, in_cell("x").find("x</text:p>")));
  EXPECT_EQ(cut.finish("the .ods file is damaged: content.xml's checksum (CRC-32) does not match its contents"),
            "the .ods file is damaged: content.xml's checksum (CRC-32) does not match its contents");
  ASSERT_EQ(other.sheets.size(), 1u);
  EXPECT_TRUE(other.sheets[0].ended);
}

// ---- the sheet rule, into a session ----------------------------------------------------

std::string cells_row(const std::vector<std::string>& cells) {
  std::string out = "<table:table-row>";
  for (const std::string& c : cells) out += "<table:table-cell><text:p>" + c + "</text:p></table:table-cell>";
  return out + "</table:table-row>";
}

TEST(OdsSheetRule, ExportSheetsGoToTheSessionOthersAreLeftOut) {
  std::string locations = cells_row({"Banner"}) +
                          cells_row({"Location ID", "Service / Population Group", "Domain", "Latest Rating",
                                     "Publication Date"});
  for (const char* q : {"Overall", "Safe", "Effective", "Caring", "Responsive", "Well-led"})
    locations += cells_row({"1-101", "Overall", q, "Good", "12/03/2019"});
  const std::string xml = document("<table:table table:name=\"Read me\">" + cells_row({"About"}) +
                                   "</table:table><table:table table:name=\"Locations\">" + locations +
                                   "</table:table><table:table table:name=\"Chart\">" + cells_row({"1"}) +
                                   "</table:table>");
  for (std::size_t piece : {std::size_t{5}, xml.size()}) {
    contract::AuditSession session;
    contract::OdsSheetReader reader(session, "latest.ods");
    for (std::size_t at = 0; at < xml.size(); at += piece) reader.feed(std::string_view(xml).substr(at, piece));
    EXPECT_EQ(reader.finish(), "");
    EXPECT_EQ(reader.sheets().read, std::vector<std::string>{"Locations"});
    EXPECT_EQ(reader.sheets().skipped, (std::vector<std::string>{"Read me", "Chart"}));
    EXPECT_TRUE(session.data().problems.empty());
    ASSERT_EQ(session.data().locations.size(), 1u);
    EXPECT_EQ(session.data().locations[0].line, 3u);
  }
  contract::AuditSession session;
  contract::OdsSheetReader none(session, "book.ods");
  none.feed(document("<table:table table:name=\"Sheet1\">" + cells_row({"a"}) + "</table:table>"));
  EXPECT_EQ(none.finish(), "the .ods file has no sheet of CQC's Latest ratings export (one named Locations or "
                           "Providers, or with a header row holding Location ID or Provider ID); its sheets: "
                           "\"Sheet1\"");
}

}  // namespace
}  // namespace cqc::test
