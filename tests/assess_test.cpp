// The assessment document (contract version 2): read, evaluated through the
// levels of ratings, written out; bad documents name the field.
#include <gtest/gtest.h>

#include <tuple>

#include "contract.hpp"
#include "contract_assessment_io.hpp"
#include "contract_ratings_export.hpp"

namespace cqc::test {
namespace {

using contract::Json;

// Two hospitals; surgery at A limits A's responsive (and so the trust's).
const char* kTwoHospitals = R"({
  "trust": {"name": "Example NHS Trust", "type": "acute_non_specialist"},
  "locations": [
    {"id": "A", "name": "Hospital A", "services": [
      {"id": "urgent", "name": "Urgent and emergency care", "key_questions": {
        "safe": {"rating": "good", "date": "2020-02-01"}, "effective": {"rating": "good"}, "caring": {"rating": "good"},
        "responsive": {"rating": "good"}, "well_led": {"rating": "good"}}},
      {"id": "surgery", "name": "Surgery", "key_questions": {
        "safe": {"rating": "requires improvement", "enforcement": "requirement_notice"}, "effective": {"rating": "good"},
        "caring": {"rating": "good"}, "responsive": {"rating": "requires_improvement"}, "well_led": {"rating": "good"}}}]},
    {"id": "B", "name": "Hospital B", "services": [
      {"id": "medical", "name": "Medical care", "key_questions": {
        "safe": {"rating": "good", "enforcement": "warning_notice"}, "effective": {"rating": "good"},
        "caring": {"rating": "outstanding"}, "responsive": {"rating": "good"}, "well_led": {"rating": "good"}}}]}],
  "well_led": {"rating": "good", "date": "2020-03-01"},
  "use_of_resources": {"rating": "good", "date": "2019-06-01"},
  "judgement": {"quality": {"rating": "good", "rationale": "Seen on inspection"}}
})";

const Json* node(const Json& result, const std::string& id) {
  for (const Json& n : result["nodes"]) if (n["id"] == id) return &n;
  return nullptr;
}

TEST(Assess, EvaluatesEveryLevelAndWritesEachNodeWithItsExplanation) {
  bool ok = false;
  const Json result = Json::parse(contract::assess(kTwoHospitals, std::nullopt, &ok));
  ASSERT_TRUE(ok) << result.dump();
  EXPECT_EQ(result["version"], 2);
  EXPECT_EQ(result["trust"]["type"], "acute_non_specialist");
  const Json* warned = node(result, "location:B/service:medical/safe");
  ASSERT_NE(warned, nullptr);
  EXPECT_EQ((*warned)["rating"], "inadequate");
  EXPECT_EQ((*warned)["limit"]["reason"], "warning_notice");
  EXPECT_EQ((*warned)["limit"]["before"], "good");
  EXPECT_EQ((*node(result, "location:A/responsive"))["rating"], "requires_improvement");
  const Json& quality = *node(result, "trust.quality");
  EXPECT_EQ(quality["level"], "quality");
  EXPECT_EQ(quality["judgement"]["rating"], "good");
  EXPECT_FALSE(quality["explanation"]["principles"].empty());
  EXPECT_EQ(quality["summary"].get<std::string>().rfind("The quality rating is ", 0), 0u) << quality["summary"];
  EXPECT_EQ((*node(result, "trust.combined"))["inputs"].size(), 6u);
  EXPECT_EQ((*node(result, "trust.well_led"))["explanation"], nullptr) << "an input, never aggregated";
}

TEST(Assess, AsAtOverridesTheDocumentAndPicksFromTheHistory) {
  std::string doc = kTwoHospitals;
  doc.replace(doc.find(R"("safe": {"rating": "good", "date": "2020-02-01"})"),
              std::string(R"("safe": {"rating": "good", "date": "2020-02-01"})").size(),
              R"("safe": {"rating": "good", "date": "2020-02-01", "history": [{"rating": "inadequate", "date": "2017-01-01"}]})");
  const Json now = Json::parse(contract::assess(doc));
  EXPECT_EQ((*node(now, "location:A/service:urgent/safe"))["rating"], "good");
  const Json then = Json::parse(contract::assess(doc, CalendarDate{2018, 1, 1}));
  EXPECT_EQ(then["as_at"], "2018-01-01");
  EXPECT_EQ((*node(then, "location:A/service:urgent/safe"))["rating"], "inadequate");
}

TEST(Assess, ABadDocumentNamesEveryFieldAtFault) {
  bool ok = true;
  const Json result = Json::parse(contract::assess(R"({
    "trust": {"type": "acute_teaching"},
    "locations": [{"id": "A", "services": [
      {"id": "x", "key_questions": {"safe": {"rating": "great", "enforcement": "fine"}}},
      {"id": "x", "significantly_small": true}]}],
    "use_of_resources": {"rating": "good", "date": "2019-02-30"}})", std::nullopt, &ok));
  EXPECT_FALSE(ok);
  std::vector<std::string> fields;
  for (const Json& e : result["errors"]) fields.push_back(e["field"]);
  for (const char* expected : {"trust.type", "locations[0].services[0].key_questions.safe.rating",
                               "locations[0].services[0].key_questions.safe.enforcement",
                               "locations[0].services[1].rationale", "use_of_resources.date", "locations.A.services"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end()) << expected << " in " << result.dump();
  }
  EXPECT_FALSE(contract::assess("[]", std::nullopt, &ok).empty());
  EXPECT_FALSE(ok);
}

// A workbench-sized trust: `locations` x `services`, every rating good and dated, but for the
// given (location, service, key question) cells.
Json trust_of(int locations, int services, const std::vector<std::tuple<int, int, const char*, const char*>>& cells = {}) {
  Json doc = {{"trust", {{"id", "RX1"}, {"name", "Large NHS Trust"}, {"type", "acute_non_specialist"}}}};
  doc["locations"] = Json::array();
  for (int l = 0; l < locations; ++l) {
    Json services_json = Json::array();
    for (int s = 0; s < services; ++s) {
      Json kqs = Json::object();
      for (const char* q : {"safe", "effective", "caring", "responsive", "well_led"}) {
        kqs[q] = {{"rating", "good"}, {"date", "2020-01-0" + std::to_string(1 + (s + l) % 9)}};
      }
      for (const auto& [cl, cs, q, rating] : cells) {
        if (cl == l && cs == s) kqs[q]["rating"] = rating;
      }
      services_json.push_back({{"id", "S" + std::to_string(s)}, {"name", "Service " + std::to_string(s)}, {"key_questions", kqs}});
    }
    doc["locations"].push_back({{"id", "L" + std::to_string(l)}, {"name", "Hospital " + std::to_string(l)}, {"services", services_json}});
  }
  doc["well_led"] = {{"rating", "good"}, {"date", "2020-03-01"}};
  doc["use_of_resources"] = {{"rating", "good"}, {"date", "2019-06-01"}};
  return doc;
}

TEST(Assess, TheDocumentHasItsOwnLimitOf4MiB) {
  // Over 64 KiB (the six-rating request's limit), well within 4 MiB.
  Json doc = trust_of(10, 12);
  doc["judgement"] = {{"quality", {{"rating", "good"}, {"rationale", std::string(1900, 'x')}}}};
  for (auto& l : doc["locations"]) {
    l["judgement"] = {{"overall", {{"rating", "good"}, {"rationale", std::string(1900, 'y')}}}};
    for (auto& s : l["services"]) s["judgement"] = {{"rating", "good"}, {"rationale", std::string(200, 'z')}};
  }
  const std::string text = doc.dump();
  ASSERT_GT(text.size(), contract::kMaxInputBytes);
  bool ok = false;
  contract::assess(text, std::nullopt, &ok);
  EXPECT_TRUE(ok);
  const std::string big = text + std::string(contract::kMaxAssessmentBytes, ' ');
  const Json refused = Json::parse(contract::assess(big, std::nullopt, &ok));
  EXPECT_FALSE(ok);
  EXPECT_EQ(refused["error"], "the assessment is larger than the limit of 4194304 bytes (4 MiB)");
}

// Each change what_matters offers, applied to the document and assessed again, gives the rating it names.
void expect_changes_move(const Json& doc, const char* target_id) {
  bool ok = false;
  const Json answer = Json::parse(contract::what_matters(doc.dump(), std::nullopt, {target_id}, &ok));
  ASSERT_TRUE(ok) << answer.dump();
  const Json& target = answer["targets"][0];
  const std::string before = target["rating"];
  int tried = 0;
  for (const char* direction : {"up", "down"}) {
    for (const Json& set : target[direction]["shown"]) {
      Json changed = doc;
      for (const Json& c : set["changes"]) {
        if (c["location"].is_null()) {
          changed[c["key_question"].get<std::string>()]["rating"] = c["to"];
          continue;
        }
        for (auto& l : changed["locations"]) {
          if (l["id"] != c["location"]) continue;
          for (auto& s : l["services"]) {
            if (s["id"] == c["service"]) s["key_questions"][c["key_question"].get<std::string>()]["rating"] = c["to"];
          }
        }
      }
      const Json after = Json::parse(contract::assess(changed.dump()));
      const Json* node = nullptr;
      for (const Json& n : after["nodes"]) if (n["id"] == target_id) node = &n;
      ASSERT_NE(node, nullptr);
      EXPECT_EQ((*node)["rating"], set["rating"]) << set["text"];
      EXPECT_NE((*node)["rating"], before) << set["text"];
      ++tried;
    }
    EXPECT_LE(target[direction]["shown"].size(), contract::kWhatMattersShown);
    EXPECT_EQ(target[direction]["total"].get<std::size_t>(),
              target[direction]["shown"].size() + target[direction]["more"].get<std::size_t>());
  }
  EXPECT_GT(tried, 0) << answer.dump();
}

TEST(WhatMatters, EachChangeReallyMovesTheTrustsRatings) {
  // All good: one change moves neither up; single inadequates and pairs move them down.
  const Json good = trust_of(3, 4);
  expect_changes_move(good, "trust.quality");
  expect_changes_move(good, "trust.combined");
  // Two outstanding trust key questions away from outstanding: pairs, bounded at 20 shown.
  const Json mixed = trust_of(2, 3, {{0, 0, "safe", "outstanding"}, {0, 1, "safe", "outstanding"},
                                     {1, 0, "safe", "outstanding"}, {1, 1, "safe", "outstanding"},
                                     {0, 0, "caring", "outstanding"}, {0, 1, "caring", "outstanding"},
                                     {1, 0, "caring", "outstanding"}, {1, 2, "responsive", "requires_improvement"}});
  expect_changes_move(mixed, "trust.quality");
  expect_changes_move(mixed, "location:L1");
}

TEST(WhatMatters, PlacesEachChangeAndBoundsTheAnswer) {
  bool ok = false;
  const Json answer = Json::parse(contract::what_matters(trust_of(10, 12).dump(), std::nullopt, {}, &ok));
  ASSERT_TRUE(ok);
  ASSERT_EQ(answer["targets"].size(), 2u);
  EXPECT_EQ(answer["targets"][0]["node"], "trust.quality");
  EXPECT_EQ(answer["targets"][1]["node"], "trust.combined");
  const Json& down = answer["targets"][0]["down"];
  ASSERT_FALSE(down["shown"].empty());
  const Json& change = down["shown"][0]["changes"][0];
  EXPECT_EQ(change["node"], "trust.well_led") << "one trust-wide well-led inadequate moves the quality rating down";
  EXPECT_EQ(change["location"], nullptr);
  const Json& up = answer["targets"][1]["up"];
  ASSERT_EQ(up["size"], 2);
  EXPECT_EQ(up["shown"][0]["text"], "If the trust's well-led rating were outstanding and the use of resources rating were "
                                    "outstanding, the combined rating would be outstanding.");
  const Json bad = Json::parse(contract::what_matters(trust_of(1, 1).dump(), std::nullopt, {"trust.safety"}, &ok));
  EXPECT_FALSE(ok);
  EXPECT_EQ(bad["errors"][0]["field"], "targets[0]");
}

TEST(AssessmentCsv, RoundTripsThroughCqcsLocationsSheet) {
  Json doc = trust_of(2, 3, {{0, 1, "safe", "requires_improvement"}, {1, 2, "caring", "outstanding"}});
  doc["locations"][1]["services"][0]["key_questions"]["effective"] = {{"rating", "not_rated"},
                                                                     {"as_published", "Insufficient evidence to rate"}};
  const contract::SheetCsv sheet = contract::assessment_to_export_sheets(doc.dump()).locations;
  ASSERT_EQ(sheet.error, "");
  EXPECT_NE(sheet.csv.find("L0,,Hospital 0,,NHS Healthcare Organisation,Acute hospital - NHS non-specialist,,,,,,,,,,,,"
                           "Service 1,Safe,Requires improvement,2020-01-02,Location,N,,RX1,Large NHS Trust,,\r\n"),
            std::string::npos) << sheet.csv.substr(0, 2000);
  EXPECT_NE(sheet.csv.find(",Overall,Overall,Good,"), std::string::npos) << "the location's overall, computed";
  contract::PublishedData data;
  contract::read_ratings_export(sheet.csv, data, "Locations.csv");
  ASSERT_TRUE(data.problems.empty()) << data.problems[0].message;
  bool ok = false;
  const Json back = Json::parse(contract::assessment_from_published(data, "RX1", &ok));
  ASSERT_TRUE(ok) << back.dump();
  EXPECT_EQ(back["trust"]["type"], "acute_non_specialist");
  ASSERT_EQ(back["locations"].size(), 2u);
  for (std::size_t l = 0; l < 2; ++l) {
    const Json& before = doc["locations"][l]["services"];
    const Json& after = back["locations"][l]["services"];
    ASSERT_EQ(after.size(), before.size());
    for (std::size_t s = 0; s < before.size(); ++s) {
      EXPECT_EQ(after[s]["name"], before[s]["name"]);
      EXPECT_EQ(after[s]["key_questions"], before[s]["key_questions"]) << after[s].dump();
    }
  }
  // The published ratings come back beside the rules-based ones, and agree with them.
  const Json assessed = Json::parse(contract::assess(back.dump()));
  int compared = 0;
  for (const Json& n : assessed["nodes"]) {
    if (n["published"].is_null() || n["published"]["departs"].is_null()) continue;
    EXPECT_FALSE(n["published"]["departs"].get<bool>()) << n["id"];
    ++compared;
  }
  EXPECT_EQ(compared, (2 * 3 * 5 - 1) + 2 * 3 + 2 * 6) << "every rated service key question, service and location rating";
  // A trust without locations cannot be written as the Locations sheet.
  const auto mental = contract::assessment_to_export_sheets(R"({"trust": {"type": "mental_health"}})").locations;
  EXPECT_NE(mental.error.find("Providers sheet"), std::string::npos) << mental.error;
}

// The assessment written as CQC's sheets (both, or the Providers sheet alone) and read back through the
// audit's readers (PublishedImport over AuditSession): the document made of them, evaluated.
Json read_back(const contract::ExportSheets& sheets, bool with_locations) {
  EXPECT_EQ(sheets.providers.error, "");
  contract::PublishedImport import;
  if (with_locations) {
    EXPECT_EQ(sheets.locations.error, "");
    import.begin_file("Locations.csv");
    import.feed(sheets.locations.csv);
    import.end_file();
  }
  import.begin_file("Providers.csv");
  import.feed(sheets.providers.csv);
  const Json providers = Json::parse(import.finish());
  EXPECT_EQ(providers["problems"]["total"], 0) << providers.dump();
  bool ok = false;
  const Json back = Json::parse(import.document("RX1", &ok));
  EXPECT_TRUE(ok) << back.dump();
  return Json::parse(contract::assess(back.dump()));
}

// A node's id once read back: a service is named by CQC's service name there ("service:S0" -> "service:Service 0").
std::string id_read_back(const std::string& id) {
  std::string out;
  for (std::size_t start = 0; start <= id.size();) {
    const std::size_t end = std::min(id.find('/', start), id.size());
    std::string part = id.substr(start, end - start);
    if (part.rfind("service:S", 0) == 0) part = "service:Service " + part.substr(9);
    out += (start == 0 ? "" : "/") + part;
    start = end + 1;
  }
  return out;
}

// Every node of `before` is in `after` with the same rules-based rating, and CQC's published rating beside it
// (from the sheets) is `before`'s final rating, with its date where `before` has one; returns the nodes compared.
int expect_same_ratings(const Json& before, const Json& after) {
  int compared = 0;
  for (const Json& n : before["nodes"]) {
    const std::string id = id_read_back(n["id"]);
    const Json* back = node(after, id);
    if (!back) {
      ADD_FAILURE() << id << " is not in the document read back";
      continue;
    }
    EXPECT_EQ((*back)["rating"], n["rating"]) << id;
    if (n["final"] == "not_rated") continue;
    ++compared;
    EXPECT_EQ((*back)["published"]["rating"], n["final"]) << id << ": " << (*back)["published"].dump();
    if (!n["date"].is_null()) EXPECT_EQ((*back)["published"]["date"], n["date"]) << id;
  }
  return compared;
}

TEST(AssessmentCsv, BothSheetsReadBackGiveTheSameRatingsAtEveryLevel) {
  Json doc = trust_of(2, 3, {{0, 1, "safe", "requires_improvement"}, {1, 2, "caring", "outstanding"},
                             {1, 0, "responsive", "requires_improvement"}});
  doc["locations"][0]["services"][2]["key_questions"]["effective"]["enforcement"] = "warning_notice";
  doc["well_led"] = {{"rating", "requires_improvement"}, {"date", "2020-03-01"}};
  doc["use_of_resources"] = {{"rating", "outstanding"}, {"date", "2019-06-01"}};
  // A final rating by judgement: published as CQC would, beside the rules-based rating read back.
  doc["judgement"] = {{"quality", {{"rating", "good"}, {"rationale", "Seen on inspection"}}}};
  const Json before = Json::parse(contract::assess(doc.dump()));
  const contract::ExportSheets sheets = contract::assessment_to_export_sheets(doc.dump());
  EXPECT_NE(sheets.providers.csv.find("RX1,Large NHS Trust,NHS Healthcare Organisation,Acute hospital - NHS "
                                      "non-specialist,,,,,,,,Overall,Use of resources,Outstanding,2019-06-01,Provider,,,\r\n"),
            std::string::npos) << sheets.providers.csv;
  const Json after = read_back(sheets, true);
  EXPECT_EQ(expect_same_ratings(before, after), 2 * 3 * 5 + 2 * 3 + 2 * 5 + 2 + 5 + 3);
  for (const char* id : {"trust.well_led", "trust.use_of_resources", "trust.combined", "trust.quality", "trust.safe"}) {
    EXPECT_FALSE((*node(after, id))["published"].is_null()) << id;
  }
  EXPECT_EQ((*node(after, "trust.use_of_resources"))["published"]["date"], "2019-06-01");
  EXPECT_EQ((*node(after, "trust.well_led"))["rating"], "requires_improvement");
  EXPECT_EQ((*node(after, "trust.combined"))["published"]["rating"], (*node(before, "trust.combined"))["final"]);
  EXPECT_EQ((*node(after, "trust.quality"))["published"]["rating"], "good");
  EXPECT_EQ((*node(after, "trust.quality"))["published"]["departs"], true) << "the judgement, published, departs";
  EXPECT_EQ((*node(after, "location:L0/service:Service 2/effective"))["rating"], "inadequate") << "the warning notice";
}

TEST(AssessmentCsv, ATrustWithoutLocationsRoundTripsThroughTheProvidersSheetAlone) {
  Json doc = {{"trust", {{"id", "RX1"}, {"name", "Mental Health NHS Trust"}, {"type", "mental_health"}}}};
  doc["services"] = Json::array();
  for (int s = 0; s < 4; ++s) {
    Json kqs = Json::object();
    for (const char* q : {"safe", "effective", "caring", "responsive", "well_led"}) {
      kqs[q] = {{"rating", s == 1 && q[0] == 's' ? "requires_improvement" : s == 3 ? "outstanding" : "good"},
                {"date", "2021-0" + std::to_string(1 + s) + "-10"}};
    }
    doc["services"].push_back({{"id", "S" + std::to_string(s)}, {"name", "Service " + std::to_string(s)}, {"key_questions", kqs}});
  }
  doc["well_led"] = {{"rating", "outstanding"}, {"date", "2021-06-01"}};
  const Json before = Json::parse(contract::assess(doc.dump()));
  const contract::ExportSheets sheets = contract::assessment_to_export_sheets(doc.dump());
  EXPECT_NE(sheets.locations.error, "") << "no Locations sheet";
  EXPECT_NE(sheets.providers.csv.find(",Service 1,Safe,Requires improvement,2021-02-10,CoreService,"), std::string::npos)
      << sheets.providers.csv;
  const Json after = read_back(sheets, false);
  EXPECT_EQ(after["trust"]["type"], "mental_health");
  EXPECT_EQ(expect_same_ratings(before, after), 4 * 5 + 4 + 5 + 1);
  EXPECT_EQ((*node(after, "trust.well_led"))["published"]["date"], "2021-06-01");
  // Without its provider ID the trust cannot be named in the Providers sheet.
  doc["trust"].erase("id");
  EXPECT_NE(contract::assessment_to_export_sheets(doc.dump()).providers.error.find("trust.id"), std::string::npos);
}

TEST(AssessmentCsv, PublishedRatingsAreEchoedAndDeparturesFlagged) {
  Json doc = trust_of(1, 2);
  doc["published"] = {{"location:L0", {{"rating", "outstanding"}, {"date", "2020-01-05"}}},
                      {"location:L0/service:S0", {{"rating", "Good"}}},
                      {"location:L0/service:S1/safe", {{"rating", "Inspected but not rated"}, {"as_published", "Inspected but not rated"}}},
                      {"location:GONE", {{"rating", "good"}}}};
  bool ok = false;
  const Json result = Json::parse(contract::assess(doc.dump(), std::nullopt, &ok));
  ASSERT_TRUE(ok) << result.dump();
  EXPECT_EQ((*node(result, "location:L0"))["published"]["departs"], true);
  EXPECT_EQ((*node(result, "location:L0"))["published"]["date"], "2020-01-05");
  EXPECT_EQ((*node(result, "location:L0/service:S0"))["published"]["departs"], false);
  EXPECT_EQ((*node(result, "location:L0/service:S1/safe"))["published"]["departs"], nullptr);
  EXPECT_EQ((*node(result, "trust.quality"))["published"], nullptr);
  EXPECT_EQ(result["notes"].back()["code"], "published_without_node");
  EXPECT_EQ(result["trust"]["id"], "RX1");
  doc["published"]["location:L0"]["rating"] = "superb";
  const Json bad = Json::parse(contract::assess(doc.dump(), std::nullopt, &ok));
  EXPECT_FALSE(ok);
  EXPECT_EQ(bad["errors"][0]["field"], "published.location:L0.rating");
}

}  // namespace
}  // namespace cqc::test
