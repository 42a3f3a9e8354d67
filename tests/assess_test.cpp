// The assessment document (contract version 2): read, evaluated through the
// levels of ratings, written out; bad documents name the field.
#include <gtest/gtest.h>

#include "contract.hpp"

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

}  // namespace
}  // namespace cqc::test
