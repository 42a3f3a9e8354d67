// CQC public API location records: the reader (one object, an array, JSON
// Lines; every kind of bad record) and the agreement figures on the real
// records in ../shared/data/cqc-api-hospitals-2021/ (Open Government Licence
// v3.0, © Care Quality Commission; the fixture's README gives the source).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "contract.hpp"
#include "contract_audit.hpp"
#include "contract_cqc_api.hpp"
#include "test_support.hpp"

namespace cqc::test {
namespace {

using contract::AuditLevel;
using contract::AuditOutcome;
using contract::CqcApiFormat;
using contract::PublishedLocation;
using contract::read_cqc_api_locations;
using contract::ReadLocations;

const std::string kFixture = std::string(CQC_SHARED_DATA_DIR) + "/cqc-api-hospitals-2021/locations.json";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string& fixture_text() {
  static const std::string text = read_file(kFixture);
  return text;
}

const PublishedLocation* find(const ReadLocations& read, const std::string& id) {
  for (const PublishedLocation& location : read.locations) {
    if (location.location_id == id) return &location;
  }
  return nullptr;
}

const contract::PublishedService* find_service(const PublishedLocation& location, const std::string& id) {
  for (const auto& service : location.services) {
    if (service.id == id) return &service;
  }
  return nullptr;
}

// The rating, or a failure (never undefined behaviour) when it is absent.
const contract::PublishedRating& value(const std::optional<contract::PublishedRating>& rating) {
  static const contract::PublishedRating kAbsent{Rating::NotRated, "(absent)", std::nullopt};
  if (!rating) {
    ADD_FAILURE() << "the rating is absent";
    return kAbsent;
  }
  return *rating;
}
std::string iso(const std::optional<CalendarDate>& date) { return date ? date->iso() : "(no date)"; }

std::string all_problems(const ReadLocations& read) {
  std::string out;
  for (const auto& problem : read.problems) out += problem.message + "\n";
  return out;
}

// A small record in the API's shape: `kq` is the text of a keyQuestionRatings array.
std::string record(const std::string& id, const std::string& overall, const std::string& kq) {
  return R"({"locationId":")" + id + R"(","providerId":"RXX","name":"Hospital )" + id +
         R"(","currentRatings":{"overall":{"rating":")" + overall +
         R"(","reportDate":"2019-04-30","keyQuestionRatings":)" + kq + "}}}";
}
const std::string kFiveGood =
    R"([{"name":"Safe","rating":"Good"},{"name":"Effective","rating":"Good"},{"name":"Caring","rating":"Good"},)"
    R"({"name":"Responsive","rating":"Good"},{"name":"Well-led","rating":"Good"}])";

// ---- the shared fixture ---------------------------------------------------------

TEST(CqcApiFixture, ReadsEveryLocationWithoutAProblem) {
  ASSERT_FALSE(fixture_text().empty()) << "the shared fixture is missing: " << kFixture;
  const ReadLocations read = read_cqc_api_locations(fixture_text());
  EXPECT_EQ(read.format, CqcApiFormat::Array);  // the fixture is one pretty-printed JSON array
  EXPECT_TRUE(read.problems.empty()) << all_problems(read);
  EXPECT_EQ(read.locations.size(), 36u);
  const auto with_services = std::count_if(read.locations.begin(), read.locations.end(),
                                           [](const PublishedLocation& l) { return !l.services.empty(); });
  EXPECT_EQ(with_services, 11);
  for (const PublishedLocation& location : read.locations) EXPECT_TRUE(location.history.empty());
}

TEST(CqcApiFixture, ReadsARecordAsTheApiWroteIt) {
  const ReadLocations read = read_cqc_api_locations(fixture_text());
  const PublishedLocation* wonford = find(read, "RH801");
  ASSERT_NE(wonford, nullptr);
  EXPECT_EQ(wonford->provider_id, "RH8");
  EXPECT_EQ(wonford->name, "Royal Devon & Exeter Hospital (Wonford)");
  EXPECT_EQ(wonford->type, "NHS Healthcare Organisation");
  EXPECT_EQ(wonford->inspection_category, "Acute hospital - NHS non-specialist");
  ASSERT_TRUE(wonford->overall);
  EXPECT_EQ(value(wonford->overall).rating, G);
  ASSERT_TRUE(value(wonford->overall).date);
  EXPECT_EQ(iso(value(wonford->overall).date), "2019-04-30");
  ASSERT_TRUE(wonford->key_questions.of(Question::Safe));
  EXPECT_EQ(value(wonford->key_questions.of(Question::Safe)).rating, RI);
  EXPECT_EQ(value(wonford->key_questions.of(Question::Caring)).rating, O);
  EXPECT_EQ(value(wonford->key_questions.of(Question::WellLed)).as_published, "Outstanding");
  ASSERT_EQ(wonford->services.size(), 9u);

  // Services keep their own dates: one grid mixes 2016 and 2019.
  const auto* urgent = find_service(*wonford, "urgent");
  ASSERT_NE(urgent, nullptr);
  EXPECT_EQ(urgent->name, "Urgent and emergency services");
  EXPECT_EQ(value(urgent->overall).rating, O);
  EXPECT_EQ(iso(value(urgent->overall).date), "2016-02-09");
  ASSERT_TRUE(urgent->key_questions.of(Question::Effective));
  EXPECT_EQ(value(urgent->key_questions.of(Question::Effective)).rating, O);
  EXPECT_EQ(iso(value(urgent->key_questions.of(Question::Effective)).date), "2016-02-09");  // the service's

  // Not rated, with the published words kept.
  const auto* outpatients = find_service(*wonford, "npioutpatients");
  ASSERT_NE(outpatients, nullptr);
  ASSERT_TRUE(outpatients->key_questions.of(Question::Effective));
  EXPECT_EQ(value(outpatients->key_questions.of(Question::Effective)).rating, NR);
  EXPECT_EQ(value(outpatients->key_questions.of(Question::Effective)).as_published, "Inspected but not rated");

  // A service the API lists with no key questions: every one absent.
  const auto* surgery = find_service(*wonford, "surgery");
  ASSERT_NE(surgery, nullptr);
  EXPECT_EQ(value(surgery->overall).rating, G);
  for (const auto& kq : surgery->key_questions.by_question) EXPECT_FALSE(kq);

  // Diagnostic imaging at Derriford: Effective is absent, not "not rated".
  const PublishedLocation* derriford = find(read, "RK950");
  ASSERT_NE(derriford, nullptr);
  const auto* imaging = find_service(*derriford, "diagnostic");
  ASSERT_NE(imaging, nullptr);
  EXPECT_FALSE(imaging->key_questions.of(Question::Effective));
  EXPECT_EQ(value(imaging->key_questions.of(Question::Safe)).rating, RI);

  // A deregistered location: "No published rating" everywhere, and no category.
  const PublishedLocation* tavistock = find(read, "5QQ03");
  ASSERT_NE(tavistock, nullptr);
  EXPECT_EQ(tavistock->inspection_category, "");
  EXPECT_EQ(value(tavistock->overall).rating, NR);
  EXPECT_EQ(value(tavistock->overall).as_published, "No published rating");
  EXPECT_FALSE(value(tavistock->overall).date);

  // A dental practice's outcome "No action" is not a rating.
  const PublishedLocation* dental = find(read, "RA90J");
  ASSERT_NE(dental, nullptr);
  EXPECT_EQ(dental->inspection_category, "Dentists");  // the primary category, not the first listed
  EXPECT_EQ(value(dental->key_questions.of(Question::Safe)).rating, NR);
  EXPECT_EQ(value(dental->key_questions.of(Question::Safe)).as_published, "No action");
}

TEST(CqcApiFixture, ReadsTheHistoricReportsOnRequest) {
  const ReadLocations read = read_cqc_api_locations(fixture_text(), {/*history=*/true});
  EXPECT_TRUE(read.problems.empty()) << all_problems(read);
  std::size_t reports = 0;
  for (const PublishedLocation& location : read.locations) reports += location.history.size();
  EXPECT_EQ(reports, 24u);
  const PublishedLocation* wonford = find(read, "RH801");
  ASSERT_NE(wonford, nullptr);
  ASSERT_EQ(wonford->history.size(), 2u);
  const auto& report = wonford->history[0];
  EXPECT_EQ(iso(report.date), "2018-03-05");
  EXPECT_EQ(value(report.overall).rating, G);
  EXPECT_EQ(iso(value(report.overall).date), "2018-03-05");  // the report's date
  EXPECT_EQ(value(report.key_questions.of(Question::Safe)).rating, RI);
  ASSERT_EQ(report.services.size(), 1u);  // only the service re-rated at that report
  EXPECT_EQ(report.services[0].id, "surgery");
  EXPECT_EQ(value(report.services[0].overall).as_published, "Inspected but not rated");
  EXPECT_EQ(value(report.services[0].key_questions.of(Question::Caring)).as_published,
            "Insufficient evidence to rate");
  EXPECT_EQ(value(report.services[0].key_questions.of(Question::Caring)).rating, NR);
}

// The figures in the README: which published ratings of the current ratings
// follow the standard principles, by level and band of N (1-3, 4-8, 9+).
TEST(CqcApiFixture, AgreementFigures) {
  const ReadLocations read = read_cqc_api_locations(fixture_text());
  const contract::Agreement agreement = contract::check_agreement(read.locations);
  ASSERT_EQ(agreement.of(AuditLevel::Service).bands.size(), 3u);
  EXPECT_EQ(contract::band_label(agreement.of(AuditLevel::Service).bands, 0), "1-3");
  EXPECT_EQ(contract::band_label(agreement.of(AuditLevel::Service).bands, 1), "4-8");
  EXPECT_EQ(contract::band_label(agreement.of(AuditLevel::Service).bands, 2), "9+");

  struct Expected {
    AuditLevel level;
    int follows[3], departs[3], published_not_rated, nothing_rated;
  };
  const Expected expected[] = {
      // Level 2: every rated service overall follows its key questions.
      {AuditLevel::Service, {0, 60, 0}, {0, 0, 0}, 5, 7},
      // Level 3: 42 of 48 follow; 7 of the 8 at 9+ follow.
      {AuditLevel::LocationKeyQuestion, {10, 25, 7}, {3, 2, 1}, 1, 6},
      // Level 4: every rated location overall follows its key questions.
      {AuditLevel::Location, {0, 11, 0}, {0, 0, 0}, 25, 0},
  };
  for (const Expected& e : expected) {
    const contract::LevelAgreement& got = agreement.of(e.level);
    SCOPED_TRACE(std::string(contract::token(e.level)));
    for (std::size_t band = 0; band < 3; ++band) {
      EXPECT_EQ(got.by_band[band].follows, e.follows[band]) << "band " << band;
      EXPECT_EQ(got.by_band[band].departs, e.departs[band]) << "band " << band;
    }
    EXPECT_EQ(got.published_not_rated, e.published_not_rated);
    EXPECT_EQ(got.nothing_rated, e.nothing_rated);
  }
  EXPECT_EQ(agreement.locations_without_services, 25);
  EXPECT_EQ(agreement.rows.size(), 72u + 55u + 36u);  // services + 11 locations x 5 + locations
}

TEST(CqcApiFixture, DeparturesAreListedWithBothRatingsAndTheCounts) {
  const ReadLocations read = read_cqc_api_locations(fixture_text());
  const contract::Agreement agreement = contract::check_agreement(read.locations);
  struct Departure {
    const char* location;
    Question question;
    Rating published, rules;
    int n, requires_improvement, not_rated;
  };
  // In the input's order. The first two are the ones the fixture's README names.
  const Departure expected[] = {
      {"RA901", Question::Responsive, RI, G, 9, 2, 0},  // Torbay: 2 of 9 RI, the 9+ band needs 3
      {"RBZ12", Question::WellLed, RI, G, 8, 1, 1},
      {"RH801", Question::Safe, RI, G, 7, 1, 1},  // Wonford: 1 of 7 RI
      {"RH868", Question::Safe, G, RI, 1, 1, 1},  // Mardon: one rated service
      {"RH868", Question::Caring, O, G, 1, 0, 1},
      {"RH868", Question::WellLed, G, RI, 1, 1, 1},
  };
  const auto departures = agreement.departures();
  ASSERT_EQ(departures.size(), std::size(expected));
  for (std::size_t i = 0; i < departures.size(); ++i) {
    const contract::AuditRow& row = *departures[i];
    const Departure& e = expected[i];
    SCOPED_TRACE(row.location_id + " " + std::string(row.key_question ? token(*row.key_question) : "-"));
    EXPECT_EQ(row.level, AuditLevel::LocationKeyQuestion);
    EXPECT_EQ(row.location_id, e.location);
    EXPECT_EQ(row.key_question, e.question);
    EXPECT_EQ(value(row.published).rating, e.published);
    EXPECT_EQ(row.rules.rating, e.rules);
    EXPECT_EQ(row.n(), e.n);
    EXPECT_EQ(row.rules.explanation.counts.of(RI), e.requires_improvement);
    EXPECT_EQ(row.rules.explanation.counts.of(NR), e.not_rated);
    EXPECT_EQ(row.outcome, AuditOutcome::Departs);
  }
  EXPECT_EQ(departures[0]->location_name, "Torbay Hospital");
  EXPECT_EQ(departures[0]->provider_id, "RA9");
  EXPECT_EQ(departures[0]->rules.explanation.decided_by, Principle::Good);
  EXPECT_EQ(departures[0]->rules.explanation.band.min_rated, 9);
  EXPECT_EQ(departures[2]->location_name, "Royal Devon & Exeter Hospital (Wonford)");
}

// ---- hand-written records: the reader's edge cases ---------------------------------

TEST(CqcApiReader, OneObject) {
  const ReadLocations read = read_cqc_api_locations(record("A1", "Good", kFiveGood));
  EXPECT_EQ(read.format, CqcApiFormat::Object);
  EXPECT_TRUE(read.problems.empty()) << all_problems(read);
  ASSERT_EQ(read.locations.size(), 1u);
  EXPECT_EQ(read.locations[0].location_id, "A1");
  EXPECT_EQ(read.locations[0].provider_id, "RXX");
  EXPECT_EQ(value(read.locations[0].key_questions.of(Question::WellLed)).rating, G);
  // A key question without its own date has the date of the rating it belongs to.
  ASSERT_TRUE(value(read.locations[0].key_questions.of(Question::WellLed)).date);
  EXPECT_EQ(iso(value(read.locations[0].key_questions.of(Question::WellLed)).date), "2019-04-30");
}

TEST(CqcApiReader, AnArray) {
  const ReadLocations read = read_cqc_api_locations(
      "[" + record("A1", "Good", kFiveGood) + ",\n " + record("A2", "Outstanding", "[]") + "]");
  EXPECT_EQ(read.format, CqcApiFormat::Array);
  EXPECT_TRUE(read.problems.empty()) << all_problems(read);
  ASSERT_EQ(read.locations.size(), 2u);
  EXPECT_EQ(read.locations[1].location_id, "A2");
  EXPECT_EQ(read.locations[1].index, 1u);
  EXPECT_EQ(read.locations[1].line, 0u);
  EXPECT_EQ(value(read.locations[1].overall).rating, O);
}

TEST(CqcApiReader, JsonLinesWithABOMCrlfAndBlankLines) {
  const ReadLocations read = read_cqc_api_locations("\xEF\xBB\xBF" + record("A1", "Good", kFiveGood) + "\r\n\r\n" +
                                                    record("A2", "Inadequate", "[]") + "\r\n");
  EXPECT_EQ(read.format, CqcApiFormat::JsonLines);
  EXPECT_TRUE(read.problems.empty()) << all_problems(read);
  ASSERT_EQ(read.locations.size(), 2u);
  EXPECT_EQ(read.locations[1].location_id, "A2");
  EXPECT_EQ(read.locations[1].line, 3u);
  EXPECT_EQ(read.locations[1].index, 1u);
  EXPECT_EQ(value(read.locations[1].overall).rating, I);
}

TEST(CqcApiReader, AMalformedLineIsReportedByLineAndTheRestRead) {
  const ReadLocations read = read_cqc_api_locations(record("A1", "Good", kFiveGood) + "\n" +
                                                    R"({"locationId": "A2", "name": )" + "\n" +
                                                    record("A3", "Good", "[]") + "\n" + "[1, 2]\n");
  EXPECT_EQ(read.format, CqcApiFormat::JsonLines);
  ASSERT_EQ(read.locations.size(), 2u);
  EXPECT_EQ(read.locations[0].location_id, "A1");
  EXPECT_EQ(read.locations[1].location_id, "A3");
  EXPECT_EQ(read.locations[1].line, 3u);
  ASSERT_EQ(read.problems.size(), 2u) << all_problems(read);
  EXPECT_EQ(read.problems[0].line, 2u);
  EXPECT_EQ(read.problems[0].index, 1u);
  EXPECT_EQ(read.problems[0].message.rfind("line 2: ", 0), 0u) << read.problems[0].message;
  EXPECT_NE(read.problems[0].message.find("not valid JSON"), std::string::npos) << read.problems[0].message;
  EXPECT_NE(read.problems[0].message.find("at column "), std::string::npos) << read.problems[0].message;
  EXPECT_EQ(read.problems[1].line, 4u);  // valid JSON, but not a location object
  EXPECT_NE(read.problems[1].message.find("must be a location object; got an array"), std::string::npos)
      << read.problems[1].message;
}

TEST(CqcApiReader, AbsentKeyQuestionIsNotTheSameAsInsufficientEvidence) {
  const ReadLocations read = read_cqc_api_locations(record(
      "A1", "Good",
      R"([{"name":"Safe","rating":"Insufficient evidence to rate"},{"name":"Caring","rating":"Good"},)"
      R"({"name":"Responsive","rating":"No published rating"},{"name":"Well-led","rating":"Not rated"}])"));
  EXPECT_TRUE(read.problems.empty()) << all_problems(read);
  ASSERT_EQ(read.locations.size(), 1u);
  const auto& kq = read.locations[0].key_questions;
  ASSERT_TRUE(kq.of(Question::Safe));
  EXPECT_EQ(value(kq.of(Question::Safe)).rating, NR);
  EXPECT_EQ(value(kq.of(Question::Safe)).as_published, "Insufficient evidence to rate");
  EXPECT_EQ(value(kq.of(Question::Responsive)).as_published, "No published rating");
  EXPECT_EQ(value(kq.of(Question::WellLed)).as_published, "Not rated");
  EXPECT_FALSE(kq.of(Question::Effective));  // absent
  EXPECT_EQ(value(kq.of(Question::Caring)).rating, G);
}

TEST(CqcApiReader, ABadRatingWordIsReportedWithItsFieldAndTheRestKept) {
  const ReadLocations read = read_cqc_api_locations(
      "[" + record("A0", "Good", kFiveGood) + "," +
      record("A1", "Good", R"([{"name":"Safe","rating":"Great"},{"name":"Caring","rating":"Good"}])") + "]");
  ASSERT_EQ(read.locations.size(), 2u);
  ASSERT_EQ(read.problems.size(), 1u) << all_problems(read);
  const auto& problem = read.problems[0];
  EXPECT_EQ(problem.index, 1u);
  EXPECT_EQ(problem.line, 0u);
  EXPECT_EQ(problem.location_id, "A1");
  EXPECT_EQ(problem.field, "currentRatings.overall.keyQuestionRatings[0].rating");
  const std::string start = R"(record 1 (locationId "A1"): field "currentRatings.overall.keyQuestionRatings[0].rating")";
  EXPECT_EQ(problem.message.rfind(start, 0), 0u) << problem.message;
  EXPECT_NE(problem.message.find(R"("Great")"), std::string::npos) << problem.message;
  EXPECT_NE(problem.message.find("Insufficient evidence to rate"), std::string::npos) << problem.message;
  EXPECT_FALSE(read.locations[1].key_questions.of(Question::Safe));  // left out, not guessed
  EXPECT_EQ(value(read.locations[1].key_questions.of(Question::Caring)).rating, G);
  EXPECT_EQ(value(read.locations[1].overall).rating, G);
}

TEST(CqcApiReader, OtherBadValuesAreReportedAndTheRecordKept) {
  const std::string text =
      R"([{"locationId":"A1","name":7,"currentRatings":{"reportDate":"2019-02-30","overall":{"rating":"Good",)"
      R"("keyQuestionRatings":[{"name":"Safe","rating":"Good"},{"name":"Safe","rating":"Inadequate"},)"
      R"({"name":"Use of resources","rating":"Good"},{"rating":"Good"},"Good"]},)"
      R"("serviceRatings":[{"name":"urgent","rating":"Good","reportDate":"30/04/2019"},{"rating":"Good"},)"
      R"({"name":"care","rating":3}]}},)"
      R"({"providerId":"RXX"}, 5, {"locationId":"A3","currentRatings":"Good"}])";
  const ReadLocations read = read_cqc_api_locations(text);
  ASSERT_EQ(read.locations.size(), 2u) << all_problems(read);
  const PublishedLocation& a1 = read.locations[0];
  EXPECT_EQ(a1.name, "");
  EXPECT_FALSE(a1.report_date);
  EXPECT_EQ(value(a1.key_questions.of(Question::Safe)).rating, G);  // the first of two is kept
  ASSERT_EQ(a1.services.size(), 2u);
  EXPECT_FALSE(value(a1.services[0].overall).date);
  EXPECT_FALSE(a1.services[1].overall);  // a number is not a rating word
  EXPECT_EQ(read.locations[1].location_id, "A3");

  std::vector<std::string> fields;
  for (const auto& problem : read.problems) fields.push_back(problem.field);
  const std::vector<std::string> expected = {
      "name",
      "currentRatings.reportDate",
      "currentRatings.overall.keyQuestionRatings[1].name",
      "currentRatings.overall.keyQuestionRatings[2].name",
      "currentRatings.overall.keyQuestionRatings[3].name",
      "currentRatings.overall.keyQuestionRatings[4]",
      "currentRatings.serviceRatings[0].reportDate",
      "currentRatings.serviceRatings[1].name",
      "currentRatings.serviceRatings[2].rating",
      "locationId",  // record 1: skipped
      "",            // record 2: not an object, skipped
      "currentRatings",
  };
  EXPECT_EQ(fields, expected) << all_problems(read);
  EXPECT_EQ(read.problems[9].index, 1u);
  EXPECT_NE(read.problems[9].message.find("is missing"), std::string::npos);
  EXPECT_EQ(read.problems[10].index, 2u);
  EXPECT_NE(read.problems[10].message.find("got the number 5"), std::string::npos);
}

TEST(CqcApiReader, AFileThatIsNotJson) {
  for (const std::string& text : {std::string("Location ID,Location Name\n1-1000,Hospital\n"),
                                  std::string("{\"locationId\": \"A1\",\n \"name\": }\n"),
                                  std::string("[{\"locationId\": \"A1\"},\n{\"locationId\": ]"),
                                  std::string("{\"locationId\": \"A1\"}\0{}", 23)}) {
    SCOPED_TRACE(text);
    const ReadLocations read = read_cqc_api_locations(text);
    EXPECT_EQ(read.format, CqcApiFormat::None);
    EXPECT_TRUE(read.locations.empty());
    ASSERT_EQ(read.problems.size(), 1u) << all_problems(read);
    EXPECT_FALSE(read.problems[0].index);
    EXPECT_NE(read.problems[0].message.find("the input is not valid JSON"), std::string::npos)
        << read.problems[0].message;
  }
  for (const std::string& text : {std::string(""), std::string(" \n\t "), std::string("3"), std::string("\"x\"")}) {
    SCOPED_TRACE(text);
    const ReadLocations read = read_cqc_api_locations(text);
    EXPECT_TRUE(read.locations.empty());
    ASSERT_EQ(read.problems.size(), 1u) << all_problems(read);
    const std::string& message = read.problems[0].message;
    EXPECT_TRUE(message.find("give a CQC API location object") != std::string::npos ||
                message.find("must be a CQC API location object") != std::string::npos)
        << message;
  }
}

TEST(CqcApiReader, AFileOverTheLimitIsRefusedWithoutReadingIt) {
  std::string big = "[" + record("A1", "Good", kFiveGood);
  big.resize(contract::kMaxDataFileBytes + 1, ' ');
  const ReadLocations read = read_cqc_api_locations(big);
  EXPECT_TRUE(read.locations.empty());
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_NE(read.problems[0].message.find("larger than the limit of 67108864 bytes (64 MiB)"), std::string::npos)
      << read.problems[0].message;
  // At the limit it is read (and here found to be an unfinished array).
  big.resize(contract::kMaxDataFileBytes);
  const ReadLocations at_limit = read_cqc_api_locations(big);
  ASSERT_EQ(at_limit.problems.size(), 1u);
  EXPECT_NE(at_limit.problems[0].message.find("not valid JSON"), std::string::npos) << at_limit.problems[0].message;
}

// Cut anywhere, the real file is read without a throw or a crash; cut as
// JSON Lines (one record a line), every whole record before the cut is read
// and the cut line reported.
TEST(CqcApiReader, ACutFileNeverThrowsAndCutJsonLinesKeepEveryWholeRecord) {
  const std::string& text = fixture_text();
  for (std::size_t cut = 0; cut < text.size(); cut += 997) {
    ReadLocations read;
    EXPECT_NO_THROW(read = read_cqc_api_locations(text.substr(0, cut), {/*history=*/true}));
    EXPECT_TRUE(read.locations.empty());  // an unfinished array
    EXPECT_EQ(read.problems.size(), 1u);
  }

  std::string lines;
  std::vector<std::size_t> starts, ends;  // each record's first byte and one past its last
  for (const auto& location : contract::Json::parse(text)) {
    starts.push_back(lines.size());
    lines += location.dump();
    ends.push_back(lines.size());
    lines += "\n";
  }
  ASSERT_EQ(ends.size(), 36u);
  for (std::size_t cut = 0; cut <= lines.size(); cut += 401) {
    const auto whole = static_cast<std::size_t>(
        std::count_if(ends.begin(), ends.end(), [&](std::size_t end) { return end <= cut; }));
    const bool partial = whole < starts.size() && cut > starts[whole];
    ReadLocations read;
    EXPECT_NO_THROW(read = read_cqc_api_locations(std::string_view(lines).substr(0, cut)));
    EXPECT_EQ(read.locations.size(), whole) << "cut at " << cut;
    EXPECT_EQ(read.problems.size(), partial || cut == 0 ? 1u : 0u) << "cut at " << cut << "\n" << all_problems(read);
  }
}

// Every value of a real record (Wonford, with its history; leaves and
// containers) replaced in turn by a value of each JSON type: read without a
// throw, most of them reported as a problem.
void pointers_of(const contract::Json& value, const std::string& at, std::vector<std::string>& out) {
  if (!at.empty()) out.push_back(at);
  if (value.is_object()) {
    for (const auto& item : value.items()) pointers_of(item.value(), at + "/" + item.key(), out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) pointers_of(value[i], at + "/" + std::to_string(i), out);
  }
}

TEST(CqcApiReader, NeverThrowsOnAValueOfTheWrongType) {
  const contract::Json all = contract::Json::parse(fixture_text());
  contract::Json wonford;
  for (const auto& location : all) {
    if (location["locationId"] == "RH801") wonford = location;
  }
  ASSERT_TRUE(wonford.is_object());
  std::vector<std::string> pointers;
  pointers_of(wonford, "", pointers);
  const contract::Json replacements[] = {nullptr, 3, "x", contract::Json::array(), contract::Json::object(),
                                         contract::Json::array({1, "y"})};
  int reads = 0, with_problems = 0;
  for (const std::string& pointer : pointers) {
    for (const contract::Json& replacement : replacements) {
      contract::Json changed = wonford;
      changed[contract::Json::json_pointer(pointer)] = replacement;
      ReadLocations read;
      EXPECT_NO_THROW(read = read_cqc_api_locations(changed.dump(), {/*history=*/true})) << pointer;
      EXPECT_LE(read.locations.size(), 1u);
      ++reads;
      if (!read.problems.empty()) ++with_problems;
    }
  }
  EXPECT_GT(reads, 2000);  // 420 values x 6
  EXPECT_GT(with_problems, reads / 2);
}

// ---- the agreement on hand-written records --------------------------------------

TEST(CqcApiAgreement, SkippedAggregatesAreCountedApartFromDepartures) {
  const std::string service_ri =  // 2 RI of 5 key questions: the rule of two gives RI
      R"({"name":"surgery","rating":"Good","keyQuestionRatings":[{"name":"Safe","rating":"Requires improvement"},)"
      R"({"name":"Effective","rating":"Requires improvement"},{"name":"Caring","rating":"Good"}]})";
  const std::string service_unrated =
      R"({"name":"renal","rating":"Inspected but not rated","keyQuestionRatings":[{"name":"Safe","rating":"Good"}]})";
  const std::string service_no_kq = R"({"name":"old","rating":"Good"})";
  const std::string text =
      R"({"locationId":"A1","currentRatings":{"overall":{"rating":"Good","keyQuestionRatings":[)"
      R"({"name":"Safe","rating":"Requires improvement"},{"name":"Effective","rating":"Requires improvement"},)"
      R"({"name":"Caring","rating":"No published rating"}]},"serviceRatings":[)" +
      service_ri + "," + service_unrated + "," + service_no_kq + "]}}";
  const ReadLocations read = read_cqc_api_locations(text);
  ASSERT_TRUE(read.problems.empty()) << all_problems(read);
  const contract::Agreement agreement = contract::check_agreement(read.locations);

  const auto& services = agreement.of(AuditLevel::Service);
  EXPECT_EQ(services.by_band[0].departs, 1);  // surgery: N = 3, published good, rules RI
  EXPECT_EQ(services.published_not_rated, 1);  // renal
  EXPECT_EQ(services.nothing_rated, 1);        // old: no key questions at all
  const auto& kqs = agreement.of(AuditLevel::LocationKeyQuestion);
  // Safe: RI from [RI, Good] (N = 2) follows; Effective: RI from [RI] follows;
  // Caring: published not rated; Responsive, Well-led: published absent.
  EXPECT_EQ(kqs.by_band[0].follows, 2);
  EXPECT_EQ(kqs.published_not_rated, 3);
  const auto& overall = agreement.of(AuditLevel::Location);
  EXPECT_EQ(overall.by_band[0].departs, 1);  // two RI of N = 2 (Caring not rated): RI, published good
  ASSERT_EQ(agreement.departures().size(), 2u);
  EXPECT_EQ(agreement.departures()[0]->service, "surgery");
  EXPECT_EQ(agreement.departures()[1]->level, AuditLevel::Location);
  EXPECT_EQ(agreement.departures()[1]->n(), 2);
  EXPECT_EQ(agreement.departures()[1]->rules.rating, RI);
}

}  // namespace
}  // namespace cqc::test
