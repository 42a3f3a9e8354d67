// The audit of CQC's published ratings (contract_audit.hpp): every level on
// the shared fixture (../shared/data/cqc-api-hospitals-2021/, Open Government
// Licence v3.0, © Care Quality Commission), its earlier reports, the trust
// levels on providers built here in the Providers sheet's shape, and the
// writers (JSON Lines, CSV, the summary).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "contract.hpp"
#include "contract_audit.hpp"
#include "contract_cqc_api.hpp"
#include "contract_ratings_export.hpp"
#include "test_support.hpp"

namespace cqc::test {
namespace {

using contract::Agreement;
using contract::AuditLevel;
using contract::AuditOutcome;
using contract::AuditRow;
using contract::Json;
using contract::PublishedData;
using contract::PublishedProvider;
using contract::PublishedRating;
using contract::PublishedService;

const std::string kFixture = std::string(CQC_SHARED_DATA_DIR) + "/cqc-api-hospitals-2021/locations.json";

PublishedData fixture(bool history) {
  std::ifstream in(kFixture, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  contract::CqcApiReadOptions options;
  options.history = history;
  contract::ReadLocations read = contract::read_cqc_api_locations(text.str(), options);
  EXPECT_TRUE(read.problems.empty());
  EXPECT_EQ(read.locations.size(), 36u) << "the shared fixture is missing or changed: " << kFixture;
  PublishedData data;
  for (auto& location : read.locations) data.add(std::move(location));
  return data;
}

Agreement audit_fixture(bool history) {
  contract::AuditOptions options;
  options.history = history;
  return contract::audit(fixture(history), options);
}

struct Expected {
  AuditLevel level;
  int follows[3], departs[3], published_not_rated, nothing_rated;
};

void expect_figures(const Agreement& agreement, const Expected& e) {
  const contract::LevelAgreement& got = agreement.of(e.level);
  SCOPED_TRACE(std::string(contract::token(e.level)));
  ASSERT_EQ(got.by_band.size(), 3u);
  for (std::size_t band = 0; band < 3; ++band) {
    EXPECT_EQ(got.by_band[band].follows, e.follows[band]) << "band " << band;
    EXPECT_EQ(got.by_band[band].departs, e.departs[band]) << "band " << band;
  }
  EXPECT_EQ(got.published_not_rated, e.published_not_rated);
  EXPECT_EQ(got.nothing_rated, e.nothing_rated);
}

std::size_t count_rows(const Agreement& agreement, AuditLevel level, bool current) {
  return static_cast<std::size_t>(std::count_if(agreement.rows.begin(), agreement.rows.end(), [&](const AuditRow& r) {
    return r.level == level && r.current == current;
  }));
}

PublishedRating published(Rating rating, const char* words = nullptr) {
  PublishedRating p;
  p.rating = rating;
  p.as_published = words ? words : std::string(label(rating));
  p.date = CalendarDate{2019, 6, 1};
  return p;
}

contract::PublishedKeyQuestions five(Rating safe, Rating effective, Rating caring, Rating responsive, Rating well_led) {
  contract::PublishedKeyQuestions kq;
  const Rating all[] = {safe, effective, caring, responsive, well_led};
  for (std::size_t q = 0; q < kQualityQuestionCount; ++q) kq.by_question[q] = published(all[q]);
  return kq;
}

const AuditRow* find_row(const Agreement& agreement, AuditLevel level, const std::string& provider,
                         std::optional<Question> question = std::nullopt, const std::string& service = "") {
  for (const AuditRow& row : agreement.rows) {
    if (row.level == level && row.provider_id == provider && row.key_question == question && row.service == service) {
      return &row;
    }
  }
  return nullptr;
}

// ---- the shared fixture: current ratings ------------------------------------------

TEST(AuditFixture, EveryLevelsFiguresOnTheCurrentRatings) {
  const Agreement agreement = audit_fixture(false);
  const Expected expected[] = {
      {AuditLevel::Service, {0, 60, 0}, {0, 0, 0}, 5, 7},
      {AuditLevel::LocationKeyQuestion, {10, 25, 7}, {3, 2, 1}, 1, 6},
      {AuditLevel::Location, {0, 11, 0}, {0, 0, 0}, 25, 0},
      // The API's records hold no provider ratings: no trust-level rows.
      {AuditLevel::TrustKeyQuestion, {0, 0, 0}, {0, 0, 0}, 0, 0},
      {AuditLevel::Trust, {0, 0, 0}, {0, 0, 0}, 0, 0},
      {AuditLevel::Combined, {0, 0, 0}, {0, 0, 0}, 0, 0},
  };
  for (const Expected& e : expected) expect_figures(agreement, e);
  EXPECT_EQ(agreement.rows.size(), 72u + 55u + 36u);
  EXPECT_EQ(agreement.locations_without_services, 25);
  for (const AuditRow& row : agreement.rows) EXPECT_TRUE(row.current);
  // The same as the API reader's first figures (check_agreement).
  EXPECT_EQ(agreement.departures().size(), 6u);
}

TEST(AuditFixture, TheDeparturesTheFixtureNames) {
  const Agreement agreement = audit_fixture(false);
  const auto departures = agreement.departures();
  auto find = [&](const std::string& location, Question q) -> const AuditRow* {
    for (const AuditRow* row : departures) {
      if (row->location_id == location && row->key_question == q) return row;
    }
    return nullptr;
  };
  const AuditRow* wonford = find("RH801", Question::Safe);
  ASSERT_NE(wonford, nullptr);
  EXPECT_EQ(wonford->level, AuditLevel::LocationKeyQuestion);
  EXPECT_EQ(wonford->published->rating, RI);
  EXPECT_EQ(wonford->rules.rating, G);
  EXPECT_EQ(wonford->n(), 7);
  EXPECT_EQ(wonford->rating_date->iso(), "2019-04-30");
  const AuditRow* torbay = find("RA901", Question::Responsive);
  ASSERT_NE(torbay, nullptr);
  EXPECT_EQ(torbay->level, AuditLevel::LocationKeyQuestion);
  EXPECT_EQ(torbay->published->rating, RI);
  EXPECT_EQ(torbay->rules.rating, G);
  EXPECT_EQ(torbay->n(), 9);
  EXPECT_EQ(torbay->rules.explanation.counts.of(RI), 2);
  EXPECT_EQ(torbay->rules.explanation.decided_by, Principle::Good);
}

// ---- the shared fixture: earlier reports -----------------------------------------

TEST(AuditFixture, HistoryAddsEarlierReportsMarkedNotCurrent) {
  const Agreement current = audit_fixture(false);
  const Agreement all = audit_fixture(true);
  // The current rows are unchanged, in the same order.
  std::vector<const AuditRow*> now;
  for (const AuditRow& row : all.rows) {
    if (row.current) now.push_back(&row);
  }
  ASSERT_EQ(now.size(), current.rows.size());
  for (std::size_t i = 0; i < now.size(); ++i) {
    EXPECT_EQ(contract::audit_row_json(*now[i], all), contract::audit_row_json(current.rows[i], current)) << i;
  }
  // 24 earlier reports: 99 services re-rated at them (a service row each),
  // 24 location overalls, and location key questions for the 24 reports
  // whose grid holds a service (all of them).
  EXPECT_EQ(count_rows(all, AuditLevel::Service, false), 99u);
  EXPECT_EQ(count_rows(all, AuditLevel::Location, false), 24u);
  EXPECT_EQ(count_rows(all, AuditLevel::LocationKeyQuestion, false), 24u * 5);
  EXPECT_EQ(all.locations_without_services, 25);  // counted for the current ratings only
  const Expected expected[] = {
      {AuditLevel::Service, {2, 119, 0}, {1, 0, 0}, 42, 7},
      {AuditLevel::LocationKeyQuestion, {19, 86, 17}, {3, 3, 3}, 38, 6},
      {AuditLevel::Location, {0, 28, 0}, {0, 0, 0}, 31, 1},
  };
  for (const Expected& e : expected) expect_figures(all, e);
}

TEST(AuditFixture, AnEarlierReportIsAuditedAgainstTheGridAsItStoodThen) {
  const Agreement all = audit_fixture(true);
  // Wonford's report of 2018-03-05 re-rated surgery only; the grid then held
  // care and outpatients as rated in 2016-02-09's report (their current
  // ratings are from 2019) and the other services' 2016 ratings, which are
  // still current: 8 services, never the 2019 ones (npioutpatients, renal).
  const AuditRow* safe = nullptr;
  for (const AuditRow& row : all.rows) {
    if (!row.current && row.location_id == "RH801" && row.level == AuditLevel::LocationKeyQuestion &&
        row.key_question == Question::Safe && row.rating_date && row.rating_date->iso() == "2018-03-05") {
      safe = &row;
    }
  }
  ASSERT_NE(safe, nullptr);
  EXPECT_EQ(safe->rules.explanation.counts.total(), 8);
  EXPECT_EQ(safe->n(), 7);
  EXPECT_EQ(safe->rules.explanation.counts.of(RI), 3);  // care, outpatients (2016) and another
  EXPECT_EQ(safe->published->rating, RI);
  EXPECT_EQ(safe->outcome, AuditOutcome::Follows);  // the current RI departs; in 2018 it followed

  // A report's service rows are only the services it lists, dated by it.
  std::vector<std::string> services;
  for (const AuditRow& row : all.rows) {
    if (!row.current && row.location_id == "RH801" && row.level == AuditLevel::Service) {
      services.push_back(row.service + "@" + row.rating_date->iso());
    }
  }
  EXPECT_EQ(services, (std::vector<std::string>{"surgery@2018-03-05", "care@2016-02-09", "outpatients@2016-02-09"}));
}

// The round trip of the issue: the fixture written as CQC's Locations sheet
// (write_locations_sheet, the layout of the Latest-ratings export) audits to
// the same rows as the API records themselves. Only the service's key
// differs: the export names a service, the API gives its inspection-area id.
TEST(AuditFixture, TheFixtureWrittenAsALocationsSheetAuditsToTheSameRows) {
  const PublishedData api = fixture(false);
  PublishedData sheet;
  contract::read_ratings_export(contract::write_locations_sheet(api.locations), sheet, "Locations.csv");
  ASSERT_TRUE(sheet.problems.empty()) << sheet.problems.front().message;
  const Agreement from_api = contract::audit(api);
  const Agreement from_sheet = contract::audit(sheet);
  ASSERT_EQ(from_sheet.rows.size(), from_api.rows.size());
  EXPECT_EQ(from_api.rows.size(), 163u);
  for (std::size_t i = 0; i < from_api.rows.size(); ++i) {
    AuditRow expected = from_api.rows[i];
    if (expected.level == AuditLevel::Service) {
      expected.service = expected.service_name.empty() ? expected.service : expected.service_name;
      expected.service_name = expected.service;
    }
    EXPECT_EQ(contract::audit_row_json(from_sheet.rows[i], from_sheet), contract::audit_row_json(expected, from_api))
        << "row " << i;
  }
  EXPECT_EQ(contract::audit_summary_json(from_sheet), contract::audit_summary_json(from_api));
}

TEST(AuditFixture, TheHistoryDeparturesAreListed) {
  const Agreement all = audit_fixture(true);
  std::vector<std::string> seen;
  for (const AuditRow* row : all.departures()) {
    if (row->current) continue;
    seen.push_back(row->location_id + " " + row->rating_date->iso() + " " + std::string(token(row->level)) + " " +
                   (row->key_question ? std::string(token(*row->key_question)) : row->service) + " " +
                   std::string(token(row->published->rating)) + "->" + std::string(token(row->rules.rating)));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "RBZ12 2015-11-03 service life requires_improvement->inadequate",
                      "RBZ12 2015-11-03 location_key_question effective inadequate->requires_improvement",
                      "RK950 2018-08-15 location_key_question caring outstanding->good",
                      "RK950 2018-08-15 location_key_question well_led good->requires_improvement",
                  }));
}

// A retired inspection area leaves the grid once its successor is in it:
// Derriford's report of 2018-08-15 re-rated maternity as npimaternity (the
// API's inspectionAreas: maternity supersededBy npimaternity), and
// outpatients had become npioutpatients that day, so the grid is 9
// services, not 11 with both generations counted.
TEST(AuditFixture, ARetiredAreaLeavesTheGridOnceItsSuccessorIsIn) {
  const Agreement all = audit_fixture(true);
  const AuditRow* caring = nullptr;
  for (const AuditRow& row : all.rows) {
    if (!row.current && row.location_id == "RK950" && row.level == AuditLevel::LocationKeyQuestion &&
        row.key_question == Question::Caring && row.rating_date && row.rating_date->iso() == "2018-08-15") {
      caring = &row;
    }
  }
  ASSERT_NE(caring, nullptr);
  EXPECT_EQ(caring->rules.explanation.counts.total(), 9);
  EXPECT_EQ(caring->rules.explanation.counts.of(O), 2);  // children's and end of life; not 2016's maternity
}

// ---- trust levels: providers in the Providers sheet's shape -----------------------

// An acute trust with two locations and use of resources, and its Providers
// sheet ratings.
PublishedData acute_trust() {
  PublishedData data;
  auto& a = data.location("L1");
  a.provider_id = "RX1";
  a.name = "North Hospital";
  a.key_questions = five(G, G, O, RI, G);
  a.overall = published(G);
  auto& b = data.location("L2");
  b.provider_id = "RX1";
  b.name = "South Hospital";
  b.key_questions = five(RI, G, O, G, G);
  b.overall = published(G);
  auto& other = data.location("L3");  // another provider's: never an input of RX1
  other.provider_id = "RY9";
  other.key_questions = five(I, I, I, I, I);

  PublishedProvider& trust = data.provider("RX1");
  trust.name = "Example NHS Trust";
  trust.region = "South West";
  // Safe: RI from [G, RI] follows; effective: G from [G, G]; caring:
  // published good, the rules give outstanding from [O, O] (departs);
  // responsive: RI from [RI, G].
  trust.key_questions = five(RI, G, G, RI, RI);
  // Overall from [RI, G, G, RI, RI]: three RI of five -> RI.
  trust.overall = published(RI);
  // Combined from the five and use of resources good: 3 RI of six. Under the
  // standard rule of two that is RI; under the 2018 combined rules' rule of
  // three in the 4-8 band, still RI (3 is enough).
  trust.use_of_resources = published(G);
  trust.combined = published(RI);
  return data;
}

TEST(AuditTrust, KeyQuestionsFromTheLocationsTheOverallAndTheCombined) {
  const PublishedData data = acute_trust();
  const Agreement agreement = contract::audit(data);
  const AuditRow* safe = find_row(agreement, AuditLevel::TrustKeyQuestion, "RX1", Question::Safe);
  ASSERT_NE(safe, nullptr);
  EXPECT_EQ(safe->n(), 2);
  EXPECT_EQ(safe->rules.rating, RI);
  EXPECT_EQ(safe->outcome, AuditOutcome::Follows);
  EXPECT_EQ(safe->provider_name, "Example NHS Trust");
  EXPECT_EQ(safe->region, "South West");
  EXPECT_EQ(safe->location_id, "");
  const AuditRow* caring = find_row(agreement, AuditLevel::TrustKeyQuestion, "RX1", Question::Caring);
  ASSERT_NE(caring, nullptr);
  EXPECT_EQ(caring->rules.rating, O);
  EXPECT_EQ(caring->outcome, AuditOutcome::Departs);
  // Well-led is the trust-wide assessment: never an aggregate.
  EXPECT_EQ(find_row(agreement, AuditLevel::TrustKeyQuestion, "RX1", Question::WellLed), nullptr);
  EXPECT_EQ(agreement.of(AuditLevel::TrustKeyQuestion).by_band[0].follows, 3);
  EXPECT_EQ(agreement.of(AuditLevel::TrustKeyQuestion).by_band[0].departs, 1);

  const AuditRow* overall = find_row(agreement, AuditLevel::Trust, "RX1");
  ASSERT_NE(overall, nullptr);
  EXPECT_EQ(overall->n(), 5);
  EXPECT_EQ(overall->rules.rating, RI);
  EXPECT_EQ(overall->outcome, AuditOutcome::Follows);
  const AuditRow* combined = find_row(agreement, AuditLevel::Combined, "RX1");
  ASSERT_NE(combined, nullptr);
  EXPECT_EQ(combined->n(), 6);
  EXPECT_EQ(combined->rules.rating, RI);
  // Only RX1 is a provider here: RY9's location has no trust rows.
  EXPECT_EQ(find_row(agreement, AuditLevel::Trust, "RY9"), nullptr);
  // The location rows take the provider's name from the Providers sheet.
  EXPECT_EQ(agreement.rows.front().provider_name, "Example NHS Trust");
  // Rows: 3 locations' overalls, then RX1's 4 key questions, overall, combined.
  ASSERT_EQ(agreement.rows.size(), 3u + 4 + 1 + 1);
  EXPECT_EQ(agreement.rows.back().level, AuditLevel::Combined);
}

TEST(AuditTrust, TheCombinedRatingUsesTheCombinedRulesAndTheirBands) {
  // Two RI of six: the standard rules' rule of two gives RI; the 2018
  // combined rules need three in the 4-8 band, so good.
  PublishedData data;
  PublishedProvider& trust = data.provider("RX2");
  trust.key_questions = five(RI, RI, G, G, G);
  trust.overall = published(RI);
  trust.use_of_resources = published(G);
  trust.combined = published(G);
  const Agreement agreement = contract::audit(data);
  const AuditRow* combined = find_row(agreement, AuditLevel::Combined, "RX2");
  ASSERT_NE(combined, nullptr);
  EXPECT_EQ(combined->rules.rating, G);
  EXPECT_EQ(combined->outcome, AuditOutcome::Follows);
  EXPECT_EQ(agreement.of(AuditLevel::Combined).bands, contract::AuditOptions().combined_rules.bands);
  EXPECT_EQ(agreement.of(AuditLevel::Combined).by_band[1].follows, 1);
  EXPECT_EQ(find_row(agreement, AuditLevel::Trust, "RX2")->rules.rating, RI);

  // Under the standard rules for the combined rating too, it departs.
  contract::AuditOptions options;
  options.combined_rules = standard_rules();
  const Agreement strict = contract::audit(data, options);
  EXPECT_EQ(find_row(strict, AuditLevel::Combined, "RX2")->rules.rating, RI);
  EXPECT_EQ(find_row(strict, AuditLevel::Combined, "RX2")->outcome, AuditOutcome::Departs);

  // Quality first: never better than the published quality rating (RI),
  // so the cap decides, and the published good departs.
  options.combined_rules = quality_first_rules();
  const Agreement capped = contract::audit(data, options);
  EXPECT_EQ(find_row(capped, AuditLevel::Combined, "RX2")->rules.rating, RI);
  EXPECT_EQ(find_row(capped, AuditLevel::Combined, "RX2")->rules.explanation.decided_by, Principle::QualityCap);

  // Without a published use of resources (or combined rating): no combined row.
  data.provider("RX2").use_of_resources.reset();
  EXPECT_EQ(find_row(contract::audit(data), AuditLevel::Combined, "RX2"), nullptr);
}

TEST(AuditTrust, AProviderWithCoreServicesOfItsOwn) {
  // A mental health trust: no location level; its core services are rated
  // at the provider (the Providers sheet's CoreService rows).
  PublishedData data;
  PublishedProvider& trust = data.provider("RMH");
  trust.name = "Example Mental Health NHS Foundation Trust";
  trust.key_questions = five(G, G, G, G, O);
  trust.overall = published(G);
  const Rating grid[3][5] = {{G, G, G, G, G}, {RI, G, O, G, G}, {G, G, O, G, RI}};
  for (int s = 0; s < 3; ++s) {
    PublishedService service;
    service.id = "Core service " + std::to_string(s);
    service.name = service.id;
    service.key_questions = five(grid[s][0], grid[s][1], grid[s][2], grid[s][3], grid[s][4]);
    service.overall = published(s == 2 ? O : G);  // the third departs: the rules give good
    trust.services.push_back(service);
  }
  const Agreement agreement = contract::audit(data);
  // Service rows for its core services, without a location.
  const AuditRow* third = find_row(agreement, AuditLevel::Service, "RMH", std::nullopt, "Core service 2");
  ASSERT_NE(third, nullptr);
  EXPECT_EQ(third->location_id, "");
  EXPECT_EQ(third->rules.rating, G);
  EXPECT_EQ(third->outcome, AuditOutcome::Departs);
  EXPECT_EQ(agreement.of(AuditLevel::Service).by_band[1].follows, 2);
  // Its key questions from its core services: safe [G, RI, G]: one RI of
  // three limits to RI in the 1-3 band, so the published good departs;
  // caring [G, O, O]: outstanding, so the published good departs too.
  const AuditRow* safe = find_row(agreement, AuditLevel::TrustKeyQuestion, "RMH", Question::Safe);
  ASSERT_NE(safe, nullptr);
  EXPECT_EQ(safe->n(), 3);
  EXPECT_EQ(safe->rules.explanation.counts.of(RI), 1);
  EXPECT_EQ(safe->rules.rating, RI);
  EXPECT_EQ(safe->outcome, AuditOutcome::Departs);
  const AuditRow* caring = find_row(agreement, AuditLevel::TrustKeyQuestion, "RMH", Question::Caring);
  ASSERT_NE(caring, nullptr);
  EXPECT_EQ(caring->rules.explanation.counts.of(O), 2);
  EXPECT_EQ(caring->rules.rating, O);
  EXPECT_EQ(agreement.of(AuditLevel::TrustKeyQuestion).by_band[0].follows, 2);
  EXPECT_EQ(agreement.of(AuditLevel::TrustKeyQuestion).by_band[0].departs, 2);
  const AuditRow* overall = find_row(agreement, AuditLevel::Trust, "RMH");
  ASSERT_NE(overall, nullptr);
  EXPECT_EQ(overall->outcome, AuditOutcome::Follows);  // four good and one outstanding: good
  // No use of resources or combined rating published: no combined row.
  EXPECT_EQ(find_row(agreement, AuditLevel::Combined, "RMH"), nullptr);
  // Rows: 3 core services, 4 key questions, the overall.
  EXPECT_EQ(agreement.rows.size(), 8u);
}

TEST(AuditTrust, SkippedTrustAggregatesAreCountedApart) {
  PublishedData data;
  PublishedProvider& trust = data.provider("RZZ");
  trust.overall = published(NR, "Not rated");
  trust.key_questions.of(Question::Safe) = published(G);
  const Agreement agreement = contract::audit(data);
  // Safe is published but nothing below it is in the data; the others are absent.
  EXPECT_EQ(agreement.of(AuditLevel::TrustKeyQuestion).nothing_rated, 1);
  EXPECT_EQ(agreement.of(AuditLevel::TrustKeyQuestion).published_not_rated, 3);
  EXPECT_EQ(agreement.of(AuditLevel::Trust).published_not_rated, 1);
  EXPECT_TRUE(agreement.departures().empty());
}

// ---- the writers -----------------------------------------------------------------

const char* const kRowFields[] = {"level", "provider_id", "provider_name", "location_id", "location_name",
                                   "region", "service", "service_name", "key_question", "rating_date",
                                   "current", "n", "band", "counts", "published", "published_words",
                                   "rules", "principle", "follows", "outcome"};

TEST(AuditWriters, AJsonRowHasEveryFieldInOrder) {
  const Agreement agreement = audit_fixture(false);
  const AuditRow* torbay = nullptr;
  for (const AuditRow* row : agreement.departures()) {
    if (row->location_id == "RA901") torbay = row;
  }
  ASSERT_NE(torbay, nullptr);
  const std::string text = contract::audit_row_json(*torbay, agreement);
  EXPECT_EQ(text,
            R"({"level":"location_key_question","provider_id":"RA9","provider_name":null,"location_id":"RA901",)"
            R"("location_name":"Torbay Hospital","region":null,"service":null,"service_name":null,)"
            R"("key_question":"responsive","rating_date":"2020-07-02","current":true,"n":9,"band":"9+",)"
            R"("counts":{"outstanding":0,"good":7,"requires_improvement":2,"inadequate":0,"not_rated":0},)"
            R"("published":"requires_improvement","published_words":"Requires improvement","rules":"good",)"
            R"("principle":"good","follows":false,"outcome":"departs"})");
  for (const AuditRow& row : agreement.rows) {
    const contract::ParsedJson parsed = contract::parse_json(contract::audit_row_json(row, agreement), "row");
    ASSERT_FALSE(parsed.error) << contract::audit_row_json(row, agreement);
    ASSERT_EQ(parsed.value.size(), std::size(kRowFields));
    for (const char* field : kRowFields) ASSERT_TRUE(parsed.value.contains(field)) << field;
    const bool skipped = row.outcome == AuditOutcome::PublishedNotRated || row.outcome == AuditOutcome::NothingRated;
    EXPECT_EQ(parsed.value["follows"].is_null(), skipped);
    EXPECT_EQ(parsed.value["band"].is_null(), row.n() == 0);
  }
}

TEST(AuditWriters, HostileTextIsEscapedAndBadUtf8Replaced) {
  PublishedData data;
  auto& location = data.location("X\"1");
  location.name = std::string("Line\nbreak, \"quoted\" \\ tab\t nul") + '\0' + " bad\xC3(" + " caf\xC3\xA9";
  location.overall = published(G);
  location.key_questions = five(G, G, G, G, G);
  const Agreement agreement = contract::audit(data);
  ASSERT_EQ(agreement.rows.size(), 1u);
  const std::string json = contract::audit_row_json(agreement.rows[0], agreement);
  const contract::ParsedJson parsed = contract::parse_json(json, "row");
  ASSERT_FALSE(parsed.error) << json;
  EXPECT_EQ(parsed.value["location_id"], "X\"1");
  EXPECT_EQ(parsed.value["location_name"],
            std::string("Line\nbreak, \"quoted\" \\ tab\t nul") + '\0' + " bad\xEF\xBF\xBD(" + " caf\xC3\xA9");
  EXPECT_EQ(json.find('\n'), std::string::npos);

  const std::string csv = contract::audit_row_csv(agreement.rows[0], agreement);
  EXPECT_EQ(csv.rfind("location,,,\"X\"\"1\",\"Line\n", 0), 0u) << csv;
  EXPECT_NE(csv.find("\"Line\nbreak, \"\"quoted\"\" \\ tab"), std::string::npos) << csv;
  EXPECT_NE(csv.find(" bad\xEF\xBF\xBD("), std::string::npos);
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
}

// Splits CSV text (RFC 4180) into records of fields.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& field = records.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      records.emplace_back(1);
    } else {
      field += c;
    }
  }
  if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
  return records;
}

TEST(AuditWriters, CsvHasTheSameFieldsAsTheJsonRows) {
  const Agreement agreement = audit_fixture(false);
  std::string text = contract::audit_csv_header();
  for (const AuditRow& row : agreement.rows) text += contract::audit_row_csv(row, agreement);
  const auto records = parse_csv(text);
  ASSERT_EQ(records.size(), agreement.rows.size() + 1);
  const std::vector<std::string>& header = records[0];
  ASSERT_EQ(header.size(), 24u);  // the JSON fields, with counts as five columns
  for (std::size_t i = 0; i < agreement.rows.size(); ++i) {
    ASSERT_EQ(records[i + 1].size(), header.size()) << i;
    const Json row = Json::parse(contract::audit_row_json(agreement.rows[i], agreement));
    for (std::size_t f = 0; f < header.size(); ++f) {
      const std::string& name = header[f];
      const Json value = name.rfind("count_", 0) == 0 ? row["counts"][name.substr(6)] : row[name];
      const std::string expected = value.is_null()     ? ""
                                   : value.is_string() ? value.get<std::string>()
                                                       : value.dump();
      ASSERT_EQ(records[i + 1][f], expected) << "row " << i << ", " << name;
    }
  }
}

TEST(AuditWriters, TheSummaryGivesEveryLevelItsBandsAndTotals) {
  const Agreement agreement = audit_fixture(false);
  const contract::ParsedJson parsed = contract::parse_json(contract::audit_summary_json(agreement), "summary");
  ASSERT_FALSE(parsed.error);
  const Json& summary = parsed.value;
  EXPECT_EQ(summary["aggregates"], 163);
  EXPECT_EQ(summary["follows"], 113);
  EXPECT_EQ(summary["departs"], 6);
  EXPECT_EQ(summary["published_not_rated"], 31);
  EXPECT_EQ(summary["nothing_rated"], 13);
  EXPECT_EQ(summary["locations_without_services"], 25);
  ASSERT_EQ(summary["levels"].size(), contract::kAuditLevelCount);
  const Json& kq = summary["levels"][1];
  EXPECT_EQ(kq["level"], "location_key_question");
  EXPECT_EQ(kq["aggregates"], 55);
  EXPECT_EQ(kq["follows"], 42);
  EXPECT_EQ(kq["departs"], 6);
  EXPECT_EQ(kq["bands"], Json::parse(R"([{"band":"1-3","min_rated":1,"follows":10,"departs":3},)"
                                     R"({"band":"4-8","min_rated":4,"follows":25,"departs":2},)"
                                     R"({"band":"9+","min_rated":9,"follows":7,"departs":1}])"));
  EXPECT_EQ(summary["levels"][5]["level"], "combined");
  EXPECT_EQ(summary["levels"][5]["aggregates"], 0);
}

}  // namespace
}  // namespace cqc::test
