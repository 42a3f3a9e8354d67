// CQC's "Latest ratings" export as CSV: the reader (BOM, CRLF, quotes, banner
// rows, columns in any order, pieces of any size, every kind of bad row), the
// Locations sheet writer, and the round trip from the API records in
// ../shared/data/cqc-api-hospitals-2021/ (Open Government Licence v3.0,
// © Care Quality Commission) through a sheet this test writes from them.
// The other sheets here are small ones written by hand in the export's layout.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "contract_cqc_api.hpp"
#include "contract_ratings_export.hpp"
#include "published_text.hpp"
#include "test_support.hpp"

namespace cqc::test {
namespace {

using contract::ExportSheet;
using contract::PublishedData;
using contract::PublishedLocation;
using contract::PublishedRating;
using contract::RatingsExportReader;
using contract::read_ratings_export;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

PublishedData read(std::string_view csv, const std::string& source = "Locations.csv") {
  PublishedData data;
  read_ratings_export(csv, data, source);
  return data;
}

std::string messages(const PublishedData& data) {
  std::string out;
  for (const auto& problem : data.problems) out += problem.message + "\n";
  return out;
}

const PublishedLocation& location(const PublishedData& data, const std::string& id) {
  for (const PublishedLocation& l : data.locations) {
    if (l.location_id == id) return l;
  }
  ADD_FAILURE() << "no location " << id;
  static const PublishedLocation kNone;
  return kNone;
}

// "Good 2019-04-30", "Good", or "-" when absent.
std::string brief(const std::optional<PublishedRating>& rating) {
  if (!rating) return "-";
  return rating->as_published + (rating->date ? " " + rating->date->iso() : "") + (rating->inherited ? " (Y)" : "");
}

const std::string kHeader = "Location ID,Location Name,Service / Population Group,Domain,Latest Rating,Publication Date\n";

// ---- the CSV itself --------------------------------------------------------------

TEST(RatingsExport, ReadsABomAndCrlfLineEnds) {
  const PublishedData data = read(
      "\xEF\xBB\xBFLocation ID,Service / Population Group,Domain,Latest Rating,Publication Date\r\n"
      "1-100,Overall,Overall,Good,2019-04-30\r\n"
      "1-100,Overall,Safe,Requires improvement,2019-04-30\r\n");
  EXPECT_EQ(messages(data), "");
  ASSERT_EQ(data.locations.size(), 1u);
  EXPECT_EQ(brief(data.locations[0].overall), "Good 2019-04-30");
  EXPECT_EQ(brief(data.locations[0].key_questions.of(Question::Safe)), "Requires improvement 2019-04-30");
  EXPECT_EQ(data.locations[0].line, 2u);
  EXPECT_EQ(data.rows_read, 2u);
}

TEST(RatingsExport, ReadsQuotedCommasQuotesAndLineBreaks) {
  const PublishedData data = read(kHeader +
                                  "1-100,\"St Mary's, \"\"the Mary\"\"\",Overall,Overall,Good,\n"
                                  "1-200,\"Two\r\nlines\",Overall,Overall,Good,\n"
                                  "1-300,Three,Overall,Overall,Fabulous,\n");
  EXPECT_EQ(location(data, "1-100").name, "St Mary's, \"the Mary\"");
  EXPECT_EQ(location(data, "1-200").name, "Two\r\nlines");
  EXPECT_EQ(location(data, "1-200").line, 3u);
  // The row after a field over two lines is on line 5.
  ASSERT_EQ(data.problems.size(), 1u) << messages(data);
  EXPECT_EQ(data.problems[0].line, 5u);
}

TEST(RatingsExport, SkipsBannerRowsAboveTheHeader) {
  const PublishedData data = read(
      "Care Quality Commission,,,\n"
      "Latest ratings,as at 1 March 2021,,\n"
      ",,,\n"
      "Location ID,Service / Population Group,Domain,Latest Rating\n"
      "1-100,Overall,Overall,Outstanding\n");
  EXPECT_EQ(messages(data), "");
  ASSERT_EQ(data.locations.size(), 1u);
  EXPECT_EQ(data.locations[0].line, 5u);
  EXPECT_EQ(data.rows_read, 1u);
}

TEST(RatingsExport, FindsColumnsInAnyOrderByNameWhateverTheCaseAndSpacing) {
  const PublishedData data = read(
      "latest  rating , URL,DOMAIN,Location Region,Service/Population Group,Brand Name, location id,Provider ID\n"
      "Good,https://x,Caring,London,Maternity,Brand,1-100,RXX\n");
  EXPECT_EQ(messages(data), "");
  const PublishedLocation& l = location(data, "1-100");
  ASSERT_EQ(l.services.size(), 1u);
  EXPECT_EQ(l.services[0].id, "Maternity");
  EXPECT_EQ(l.services[0].name, "Maternity");
  EXPECT_EQ(brief(l.services[0].key_questions.of(Question::Caring)), "Good");
  EXPECT_EQ(l.region, "London");
  EXPECT_EQ(l.provider_id, "RXX");
}

TEST(RatingsExport, ReadsTheOlderKeyQuestionHeader) {
  const PublishedData data = read(
      "Location ID,Service / Population Group,Key Question,Latest Rating\n"
      "1-100,Overall,Well led,Inadequate\n");
  EXPECT_EQ(messages(data), "");
  EXPECT_EQ(brief(location(data, "1-100").key_questions.of(Question::WellLed)), "Inadequate");
}

// A sheet with a bit of everything, good and bad, to be read in pieces.
const std::string kMixed =
    "\xEF\xBB\xBF" "Care Quality Commission latest ratings\r\n"
    "Location ID,Location Name,Service / Population Group,Domain,Latest Rating,Publication Date,"
    "Inherited Rating (Y/N),Provider ID\r\n"
    "1-100,\"Royal, \"\"General\"\"\",Overall,Overall,Good,2019-04-30,N,RXX\r\n"
    "1-100,\"Royal\",Overall,Safe,Requires improvement,30/04/2019,,RXX\r\n"
    "1-100,Royal,Medical care,Overall,Good,2019-04-30T00:00:00,Y,RXX\n"
    "1-100,\"multi\r\nline\",Medical care,Caring,\"Outstanding\",2019-04-30,N,RXX\r\n"
    "1-200,\"bad\"x,Overall,Overall,Good,,,\r\n"
    "1-200,ba\"d,Overall,Overall,Good,,,\r\n"
    "1-200,ok,Overall,Overall,Excellent,,,\r\n"
    "1-200,ok,Overall,Safety,Good,,,\r\n"
    "1-200,ok,Overall,Overall,Good,31/02/2019,,\r\n"
    "1-200,ok,Overall,Overall,Good,2019-01-01,,\r\n"
    ",ok,Overall,Overall,Good,,,\r\n"
    "1-300,short\r\n"
    "\r\n"
    "1-300,\"never closed,Overall,Overall,Good,,,\r\n"
    "1-400,x,Overall,Overall,Good,,,\r\n";

TEST(RatingsExport, ReadsAnyPiecesExactlyAsTheWhole) {
  const std::string whole = published_text(read(kMixed));
  for (std::size_t split = 0; split <= kMixed.size(); ++split) {
    PublishedData data;
    RatingsExportReader reader(data, "Locations.csv");
    reader.feed(std::string_view(kMixed).substr(0, split));
    reader.feed(std::string_view(kMixed).substr(split));
    reader.finish();
    ASSERT_EQ(published_text(data), whole) << "split at " << split;
    EXPECT_EQ(reader.bytes_read(), kMixed.size());
  }
  PublishedData data;
  RatingsExportReader reader(data, "Locations.csv");
  for (const char c : kMixed) reader.feed(std::string_view(&c, 1));
  reader.finish();
  EXPECT_EQ(published_text(data), whole) << "byte by byte";
}

TEST(RatingsExport, ReportsEachBadRowByLineAndColumnAndReadsOn) {
  const PublishedData data = read(kMixed);
  std::vector<std::string> seen;
  for (const auto& problem : data.problems) {
    seen.push_back(std::to_string(problem.line) + ":" + std::to_string(problem.column) + " " + problem.field);
  }
  const std::vector<std::string> want = {
      "8:2 Location Name",                // text after a closing quote
      "9:2 Location Name",                // a quote inside an unquoted field
      "10:5 Latest Rating",               // Excellent
      "11:4 Domain",                      // Safety
      "12:6 Publication Date",            // 31/02/2019 (the rating kept)
      "13:0 ",                            // repeats line 12
      "14:1 Location ID",                 // empty
      "15:3 Service / Population Group",  // too few cells
      "17:2 Location Name",               // never closed
  };
  ASSERT_EQ(seen, want) << messages(data);
  const std::string text = messages(data);
  EXPECT_NE(text.find("Locations.csv line 8, column 2 (Location Name): text follows the closing quote"), std::string::npos);
  EXPECT_NE(text.find("Locations.csv line 9, column 2 (Location Name): a quote (\") inside a field that does not start with one"), std::string::npos);
  EXPECT_NE(text.find("Locations.csv line 10, column 5 (Latest Rating): \"Excellent\" is not a rating CQC uses; "
                      "accepted: Outstanding, Good, Requires improvement, Inadequate, Inspected but not rated"),
            std::string::npos);
  EXPECT_NE(text.find("Locations.csv line 11, column 4 (Domain): \"Safety\" is not a key question CQC rates here; "
                      "accepted: Overall, Safe, Effective, Caring, Responsive, Well-led; the row was skipped"),
            std::string::npos);
  EXPECT_NE(text.find("Locations.csv line 12, column 6 (Publication Date): \"31/02/2019\" is not a real date; accepted: "
                      "YYYY-MM-DD, DD/MM/YYYY or an ISO date and time; the rating was kept without a date"),
            std::string::npos);
  EXPECT_NE(text.find("Locations.csv line 13: repeats line 12 (1-200, Overall, Overall): the first was kept"),
            std::string::npos);
  EXPECT_NE(text.find("line 14, column 1 (Location ID): is empty: every row needs the location's ID"), std::string::npos);
  EXPECT_NE(text.find("line 15, column 3 (Service / Population Group): the row ends after 2 cells"), std::string::npos);
  EXPECT_NE(text.find("line 17, column 2 (Location Name): a quoted field starts here and is never closed"),
            std::string::npos);

  // What was good is kept, the bad date's rating without a date.
  const PublishedLocation& royal = location(data, "1-100");
  EXPECT_EQ(royal.name, "Royal, \"General\"");
  EXPECT_EQ(royal.provider_id, "RXX");
  EXPECT_EQ(brief(royal.overall), "Good 2019-04-30");
  EXPECT_EQ(brief(royal.key_questions.of(Question::Safe)), "Requires improvement 2019-04-30");
  ASSERT_EQ(royal.services.size(), 1u);
  EXPECT_EQ(brief(royal.services[0].overall), "Good 2019-04-30 (Y)");
  EXPECT_EQ(brief(royal.services[0].key_questions.of(Question::Caring)), "Outstanding 2019-04-30");
  EXPECT_EQ(brief(location(data, "1-200").overall), "Good");
  EXPECT_EQ(data.problems[2].location_id, "1-200");
  // The unclosed quote swallowed the last row.
  EXPECT_EQ(data.locations.size(), 2u);
  EXPECT_EQ(data.rows_read, 13u);  // every row but the banner, the header and the blank line
}

TEST(RatingsExport, NamesTheRequiredColumnsASheetWithoutAHeaderLacks) {
  const PublishedData data = read(
      "Latest ratings\n"
      "Location ID,Location Name,Service,Rating\n"
      "1-100,Royal,Overall,Good\n");
  ASSERT_EQ(data.problems.size(), 1u);
  EXPECT_EQ(data.problems[0].message,
            "Locations.csv has no header row: line 2, the row most like one, lacks the columns Service / Population "
            "Group, Domain (or Key Question) and Latest Rating. A Locations sheet needs the columns Location ID, "
            "Service / Population Group, Domain and Latest Rating; a Providers sheet, Provider ID and the same three. "
            "The sheet was not read");
  EXPECT_TRUE(data.locations.empty());

  std::string many;
  for (int i = 0; i < 30; ++i) many += "banner " + std::to_string(i) + "\n";
  const PublishedData none = read(many + "Location ID,Service / Population Group,Domain,Latest Rating\n1-1,Overall,Overall,Good\n");
  ASSERT_EQ(none.problems.size(), 1u) << messages(none);
  EXPECT_NE(none.problems[0].message.find("none of its first 21 rows names any of the columns it needs"),
            std::string::npos);
  EXPECT_TRUE(none.locations.empty());

  const PublishedData empty = read("");
  ASSERT_EQ(empty.problems.size(), 1u);
  EXPECT_NE(empty.problems[0].message.find("Locations.csv is empty"), std::string::npos);
}

TEST(RatingsExport, ReadsDatesInEachFormatAndTheInheritedFlag) {
  const PublishedData data = read(
      "Location ID,Service / Population Group,Domain,Latest Rating,Publication Date,Inherited Rating (Y/N)\n"
      "1-1,Overall,Overall,Good,2020-02-29,Y\n"
      "1-1,Overall,Safe,Good,5/3/2018,n\n"
      "1-1,Overall,Effective,Good,2018-03-05 10:00:00,\n"
      "1-1,Overall,Caring,Good,2018-3-5,maybe\n");
  const PublishedLocation& l = location(data, "1-1");
  EXPECT_EQ(brief(l.overall), "Good 2020-02-29 (Y)");
  EXPECT_EQ(brief(l.key_questions.of(Question::Safe)), "Good 2018-03-05");
  EXPECT_EQ(brief(l.key_questions.of(Question::Effective)), "Good 2018-03-05");
  EXPECT_EQ(brief(l.key_questions.of(Question::Caring)), "Good");
  ASSERT_EQ(data.problems.size(), 2u) << messages(data);
  EXPECT_EQ(data.problems[0].field, "Publication Date");
  EXPECT_EQ(data.problems[1].message,
            "Locations.csv line 5, column 6 (Inherited Rating (Y/N)): \"maybe\" is not Y or N; the rating was kept "
            "as not inherited");
}

TEST(RatingsExport, ReadsTheProvidersSheet) {
  PublishedData data;
  read_ratings_export(
      "Provider ID,Provider Name,Provider Type,Provider Primary Inspection Category,Provider Region,"
      "Service / Population Group,Domain,Latest Rating,Publication Date,Report Type\n"
      "RXX,Anytown NHS Trust,NHS Healthcare Organisation,Acute hospital - NHS,London,Overall,Overall,Good,2019-04-30,Provider\n"
      "RXX,,,,,Overall,Safe,Requires improvement,2019-04-30,Provider\n"
      "RXX,,,,,Overall,Use of resources,Good,2019-04-30,Provider\n"
      "RXX,,,,,Overall,Combined quality and use of resources,Good,2019-04-30,Provider\n"
      "RYY,Community NHS Trust,,,,Community health services for adults,Overall,Outstanding,2020-01-01,CoreService\n"
      "RYY,,,,,Community health services for adults,Responsive,Good,2020-01-01,CoreService\n"
      "RYY,,,,,Community health services for adults,Use of resources,Good,2020-01-01,CoreService\n"
      "RYY,,,,,Overall,COMBINED,Good,2020-01-01,Provider\n",
      data, "Providers.csv");
  ASSERT_EQ(data.providers.size(), 2u);
  const contract::PublishedProvider& trust = data.providers[0];
  EXPECT_EQ(trust.name, "Anytown NHS Trust");
  EXPECT_EQ(trust.type, "NHS Healthcare Organisation");
  EXPECT_EQ(trust.inspection_category, "Acute hospital - NHS");
  EXPECT_EQ(trust.region, "London");
  EXPECT_EQ(brief(trust.overall), "Good 2019-04-30");
  EXPECT_EQ(brief(trust.key_questions.of(Question::Safe)), "Requires improvement 2019-04-30");
  EXPECT_EQ(brief(trust.use_of_resources), "Good 2019-04-30");
  EXPECT_EQ(brief(trust.combined), "Good 2019-04-30");
  const contract::PublishedProvider& community = data.providers[1];
  ASSERT_EQ(community.services.size(), 1u);
  EXPECT_EQ(community.services[0].name, "Community health services for adults");
  EXPECT_EQ(brief(community.services[0].overall), "Outstanding 2020-01-01");
  EXPECT_EQ(brief(community.services[0].key_questions.of(Question::Responsive)), "Good 2020-01-01");
  EXPECT_EQ(brief(community.combined), "Good 2020-01-01");
  ASSERT_EQ(data.problems.size(), 1u) << messages(data);
  EXPECT_NE(data.problems[0].message.find("Providers.csv line 8, column 7 (Domain): \"Use of resources\" is rated for "
                                          "the provider as a whole, not for a service"),
            std::string::npos);
  EXPECT_TRUE(data.locations.empty());
}

TEST(RatingsExport, MergesSheetsAndRowsAlreadySplit) {
  PublishedData data;
  read_ratings_export(kHeader + "1-100,Royal,Overall,Overall,Good,\n", data, "a.csv");
  RatingsExportReader reader(data, "b.ods");
  reader.add_row(1, {"Location ID", "Service / Population Group", "Domain", "Latest Rating"});
  reader.add_row(2, {"1-100", "Overall", "Safe", "Inadequate"});
  reader.add_row(3, {"1-100", "Overall", "Overall", "Outstanding"});  // another file: not a repeat, it wins
  reader.finish();
  EXPECT_EQ(reader.sheet(), ExportSheet::Locations);
  EXPECT_EQ(reader.rows_read(), 2u);
  EXPECT_EQ(messages(data), "");
  ASSERT_EQ(data.locations.size(), 1u);
  EXPECT_EQ(brief(data.locations[0].overall), "Outstanding");
  EXPECT_EQ(brief(data.locations[0].key_questions.of(Question::Safe)), "Inadequate");
  EXPECT_EQ(data.locations[0].name, "Royal");
  EXPECT_EQ(data.rows_read, 3u);
}

TEST(RatingsExport, ListsAThousandProblemsAndCountsTheRest) {
  std::string csv = kHeader;
  for (int i = 0; i < 1500; ++i) csv += "1-1,x,Overall,Overall,Fabulous,\n";
  const PublishedData data = read(csv);
  ASSERT_EQ(data.problems.size(), 1001u);
  EXPECT_EQ(data.problems.back().message, "Locations.csv: and 500 more problems (only the first 1000 are listed)");
  EXPECT_EQ(data.rows_read, 1500u);
}

// The size limit without a 1 GiB buffer: one 1 MiB piece fed again and again
// inside a quoted field (which the tokenizer drops once over its row limit).
TEST(RatingsExport, StopsAtTheSizeLimit) {
  PublishedData data;
  RatingsExportReader reader(data, "Huge.csv");
  reader.feed(kHeader + "1-1,x,Overall,Overall,Good,\n1-2,\"");
  const std::string piece(std::size_t{1} << 20, 'x');
  while (reader.bytes_read() < contract::kMaxExportBytes) reader.feed(piece);
  reader.feed(piece);
  reader.finish();
  EXPECT_EQ(reader.bytes_read(), contract::kMaxExportBytes);
  ASSERT_EQ(data.problems.size(), 2u) << messages(data);
  EXPECT_EQ(data.problems[0].message.rfind("Huge.csv line 3, column 2 (Location Name): the row is longer than 1 MiB", 0), 0u)
      << data.problems[0].message;
  EXPECT_EQ(data.problems[1].message,
            "Huge.csv is larger than 1 GiB, the limit for one sheet of the export: the rows after its first 1 GiB "
            "were not read. Split the sheet into smaller files");
  EXPECT_EQ(brief(location(data, "1-1").overall), "Good");  // what came before the limit is kept
}

// ---- the writer and the round trip ---------------------------------------------------

TEST(RatingsExport, WritesCqcsColumnsQuotedWhereNeeded) {
  PublishedLocation l;
  l.location_id = "1-100";
  l.name = "St Mary's, \"the Mary\"";
  l.provider_id = "RXX";
  l.region = "London";
  l.overall = contract::published_rating_from_word("good");
  l.overall->date = CalendarDate{2019, 4, 30};
  l.key_questions.of(Question::WellLed) = contract::published_rating_from_word("Inadequate");
  contract::PublishedService service;
  service.id = "urgent";
  service.overall = contract::published_rating_from_word("Not rated");
  service.overall->inherited = true;
  l.services.push_back(service);
  const std::string csv = contract::write_locations_sheet({l});
  EXPECT_EQ(csv,
            "Location ID,Location ODS Code,Location Name,Care Home?,Location Type,Location Primary Inspection Category,"
            "Location Street Address,Location Address Line 2,Location City,Location Post Code,Location Local Authority,"
            "Location Region,Location NHS Region,Location ONSPD CCG Code,Location ONSPD CCG,Location Commissioning CCG "
            "Code,Location Commissioning CCG,Service / Population Group,Domain,Latest Rating,Publication Date,Report "
            "Type,Inherited Rating (Y/N),URL,Provider ID,Provider Name,Brand ID,Brand Name\r\n"
            "1-100,,\"St Mary's, \"\"the Mary\"\"\",,,,,,,,,London,,,,,,Overall,Overall,good,2019-04-30,Location,N,,RXX,,,\r\n"
            "1-100,,\"St Mary's, \"\"the Mary\"\"\",,,,,,,,,London,,,,,,Overall,Well-led,Inadequate,,Location,N,,RXX,,,\r\n"
            "1-100,,\"St Mary's, \"\"the Mary\"\"\",,,,,,,,,London,,,,,,urgent,Overall,Not rated,,Location,Y,,RXX,,,\r\n");
  const PublishedData back = read(csv);
  EXPECT_EQ(messages(back), "");
  ASSERT_EQ(back.locations.size(), 1u);
  EXPECT_EQ(back.locations[0].name, l.name);
  EXPECT_EQ(brief(back.locations[0].services[0].overall), "Not rated (Y)");
}

// Every rating of `expected` (API records) is in `got` (read back from the
// sheet written from them), and nothing else is; services are matched by
// name (or id), as the sheet names them.
void expect_same_ratings(const PublishedLocation& expected, const PublishedLocation& got) {
  SCOPED_TRACE(expected.location_id);
  EXPECT_EQ(rating_text(got.overall), rating_text(expected.overall));
  EXPECT_EQ(key_questions_text(got.key_questions), key_questions_text(expected.key_questions));
  std::vector<const contract::PublishedService*> rated;
  for (const auto& service : expected.services) {
    bool any = service.overall.has_value();
    for (const auto& kq : service.key_questions.by_question) any = any || kq.has_value();
    if (any) rated.push_back(&service);
  }
  ASSERT_EQ(got.services.size(), rated.size());
  for (std::size_t i = 0; i < rated.size(); ++i) {
    EXPECT_EQ(got.services[i].id, rated[i]->name.empty() ? rated[i]->id : rated[i]->name);
    EXPECT_EQ(rating_text(got.services[i].overall), rating_text(rated[i]->overall));
    EXPECT_EQ(key_questions_text(got.services[i].key_questions), key_questions_text(rated[i]->key_questions));
  }
}

TEST(RatingsExport, RoundTripsTheSharedFixtureThroughTheLocationsSheet) {
  const std::string json = read_file(std::string(CQC_SHARED_DATA_DIR) + "/cqc-api-hospitals-2021/locations.json");
  const contract::ReadLocations api = contract::read_cqc_api_locations(json);
  ASSERT_GT(api.locations.size(), 10u);
  const std::string csv = contract::write_locations_sheet(api.locations);
  const PublishedData back = read(csv);
  EXPECT_EQ(messages(back), "");
  std::size_t compared = 0, dated = 0;
  for (const PublishedLocation& expected : api.locations) {
    if (!expected.overall && expected.services.empty() &&
        key_questions_text(expected.key_questions) == key_questions_text({})) {
      continue;  // nothing rated: no row
    }
    const PublishedLocation& got = location(back, expected.location_id);
    expect_same_ratings(expected, got);
    EXPECT_EQ(got.name, expected.name);
    EXPECT_EQ(got.provider_id, expected.provider_id);
    ++compared;
    dated += expected.overall && expected.overall->date;
  }
  EXPECT_EQ(compared, back.locations.size());
  EXPECT_GT(dated, 5u);  // dates are part of what is compared
  // The written sheet reads back to itself.
  EXPECT_EQ(contract::write_locations_sheet(back.locations), csv);
}

// ---- the bad-input catalogue -----------------------------------------------------------

// The `csv` rows of tests/bad-inputs.md: the sheet's text, "\n" and "\r" for line ends, "\uFEFF" a BOM;
// OVER_LIMIT stands for a sheet larger than kMaxExportBytes.
TEST(RatingsExport, BadInputCatalogueRows) {
  std::istringstream table(read_file(std::string(CQC_SOURCE_DIR) + "/tests/bad-inputs.md"));
  std::size_t rows = 0;
  for (std::string line; std::getline(table, line);) {
    if (line.rfind("| csv | ", 0) != 0) continue;
    ++rows;
    // | csv | kind | `input` | message contains |
    const std::size_t input_start = line.find(" | `") + 4;
    const std::size_t input_end = line.find("` | ", input_start);
    ASSERT_NE(input_end, std::string::npos) << line;
    std::string input = line.substr(input_start, input_end - input_start);
    const std::string expect = line.substr(input_end + 4, line.size() - input_end - 4 - 2);
    SCOPED_TRACE(line);
    for (const auto& [escape, bytes] : {std::pair<std::string, std::string>{"\\n", "\n"}, {"\\r", "\r"},
                                         {"\\uFEFF", "\xEF\xBB\xBF"}}) {
      for (std::size_t at = input.find(escape); at != std::string::npos; at = input.find(escape, at + 1)) {
        input.replace(at, escape.size(), bytes);
      }
    }
    PublishedData data;
    RatingsExportReader reader(data, "Locations.csv");
    if (input == "OVER_LIMIT") {
      const std::string piece(std::size_t{1} << 20, ',');
      reader.feed(kHeader + "\"");
      while (reader.bytes_read() < contract::kMaxExportBytes) reader.feed(piece);
    } else {
      reader.feed(input);
    }
    reader.finish();
    if (expect == "OK") {
      EXPECT_EQ(messages(data), "");
    } else {
      EXPECT_NE(messages(data).find(expect), std::string::npos) << messages(data);
    }
  }
  EXPECT_GE(rows, 6u);
}

TEST(RatingsExport, ASpreadsheetRowWithoutItsEmptyLastCellsIsRead) {
  // An .ods row leaves out its empty cells at the end (here Provider Name): they are empty, not missing.
  contract::PublishedData data;
  contract::RatingsExportReader reader(data, "latest.ods");
  const std::vector<std::string_view> header = {"Location ID", "Service / Population Group", "Domain", "Latest Rating",
                                                "Publication Date", "Provider ID", "Provider Name"};
  reader.add_row(1, header);
  reader.add_row(2, {"RA430", "Overall", "Overall", "Good", "2019-05-08", "RA4"});
  reader.finish();
  EXPECT_TRUE(data.problems.empty()) << data.problems[0].message;
  ASSERT_EQ(data.locations.size(), 1u);
  EXPECT_EQ(data.locations[0].provider_id, "RA4");
  EXPECT_EQ(data.locations[0].overall->rating, Rating::Good);
}

}  // namespace
}  // namespace cqc::test
