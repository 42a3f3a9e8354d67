// The JSON contract: accepted spellings, every error path, and rule-set JSON.
#include <gtest/gtest.h>

#include "contract.hpp"
#include "test_support.hpp"

namespace cqc::test {
namespace {

using contract::Json;

const char* kGood =
    R"({"safe":"good","effective":"good","caring":"good","responsive":"good","well_led":"good","use_of_resources":"good")";

Json evaluate_to_json(const std::string& text) { return Json::parse(contract::evaluate(text)); }

// The single error message for an input, with the field it names.
struct Failure {
  std::string field, message;
};
Failure failure(const std::string& text) {
  const Json out = evaluate_to_json(text);
  EXPECT_TRUE(out.contains("error")) << text;
  if (!out.contains("errors") || out["errors"].empty()) return {"<none>", out.dump()};
  return {out["errors"][0]["field"], out["errors"][0]["message"]};
}

TEST(Contract, ResultHasTheDocumentedShape) {
  const Json out = evaluate_to_json(std::string(kGood) + "}");
  ASSERT_FALSE(out.contains("error")) << out.dump();
  EXPECT_EQ(out["quality"]["rating"], "good");
  EXPECT_EQ(out["use_of_resources"]["rating"], "good");
  EXPECT_EQ(out["combined"]["rating"], "good");
  EXPECT_TRUE(out["combined"]["reason"].is_null());
  EXPECT_EQ(out["combined"]["explanation"]["principles"].size(), 5u);
  EXPECT_EQ(out["combined"]["explanation"]["decided_by"], "good");
  EXPECT_EQ(out["combined"]["rule_of_two"]["rating"], "good");
  EXPECT_FALSE(out["combined"]["rule_of_two"]["differs"].get<bool>());
  EXPECT_EQ(out["rules"]["combined"], "combined_2018");
  EXPECT_FALSE(out["combined"]["what_if"]["up"].empty());
}

TEST(Contract, LabelsPeopleWriteAreAcceptedCaseInsensitively) {
  const Json out = evaluate_to_json(
      R"({"safe":"Requires improvement","effective":"requires-improvement","caring":"GOOD",)"
      R"("responsive":" Outstanding ","well_led":"Inspected but not rated","use_of_resources":"REQUIRES_IMPROVEMENT"})");
  ASSERT_FALSE(out.contains("error")) << out.dump();
  EXPECT_EQ(out["ratings"]["safe"], "requires_improvement");
  EXPECT_EQ(out["ratings"]["effective"], "requires_improvement");
  EXPECT_EQ(out["ratings"]["well_led"], "not_rated");
  EXPECT_EQ(out["combined"]["rating"], "requires_improvement");  // three RI of five rated
}

TEST(Contract, NoCombinedRatingIsNullWithAReason) {
  const Json shadow = evaluate_to_json(std::string(kGood) + R"(,"uor_assessed_on":"2017-11-01"})");
  EXPECT_TRUE(shadow["combined"]["rating"].is_null());
  EXPECT_EQ(shadow["combined"]["reason_code"], "shadow_assessment");
  EXPECT_NE(shadow["combined"]["reason"].get<std::string>().find("before 5 March 2018"), std::string::npos);
  EXPECT_TRUE(shadow["use_of_resources"]["shadow"].get<bool>());
  EXPECT_EQ(shadow["quality"]["rating"], "good");
}

TEST(Contract, JudgementIsReportedBesideTheRulesBasedRating) {
  const Json out = evaluate_to_json(
      std::string(kGood) +
      R"(,"judgement":{"combined":{"rating":"outstanding","rationale":"Exceptional leadership."}}})");
  ASSERT_FALSE(out.contains("error")) << out.dump();
  EXPECT_EQ(out["combined"]["rating"], "good");
  EXPECT_EQ(out["combined"]["judgement"]["rating"], "outstanding");
  EXPECT_TRUE(out["combined"]["judgement"]["departs"].get<bool>());
  EXPECT_EQ(out["combined"]["judgement"]["rationale"], "Exceptional leadership.");
  EXPECT_TRUE(out["quality"]["judgement"].is_null());
}

TEST(Contract, JudgementOnAnAbsentCombinedRatingIsAWarning) {
  const Json out = evaluate_to_json(
      R"({"safe":"good","effective":"good","caring":"good","responsive":"good","well_led":"good",)"
      R"("use_of_resources":"not_rated","judgement":{"combined":{"rating":"good","rationale":"x"}}})");
  ASSERT_FALSE(out.contains("error"));
  ASSERT_EQ(out["warnings"].size(), 1u);
  EXPECT_NE(out["warnings"][0].get<std::string>().find("judgement.combined"), std::string::npos);
}

struct ErrorCase {
  const char* name;
  std::string input;
  const char* field;
  std::vector<const char*> mentions;
};

// Print only the case name in test listings, not the raw bytes.
void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class ContractErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ContractErrors, NameTheFieldAndTheAcceptedValues) {
  const ErrorCase& c = GetParam();
  const Failure f = failure(c.input);
  EXPECT_EQ(f.field, c.field) << f.message;
  for (const char* word : c.mentions) {
    EXPECT_NE(f.message.find(word), std::string::npos) << "\"" << word << "\" not in: " << f.message;
  }
}

const std::string kAccepted = "outstanding, good, requires_improvement, inadequate, not_rated";

INSTANTIATE_TEST_SUITE_P(
    EveryErrorPath, ContractErrors,
    ::testing::Values(
        ErrorCase{"missing_key", R"({"safe":"good","effective":"good","caring":"good","responsive":"good","well_led":"good"})",
                  "use_of_resources", {"missing field \"use_of_resources\"", "requires_improvement"}},
        ErrorCase{"unknown_key", std::string(kGood) + R"(,"safety":"good"})", "safety",
                  {"unknown field \"safety\"", "safe, effective, caring"}},
        ErrorCase{"wrong_type", R"({"safe":3,"effective":"good","caring":"good","responsive":"good","well_led":"good","use_of_resources":"good"})",
                  "safe", {"must be a string", "the number 3", "not_rated"}},
        ErrorCase{"unknown_word", R"({"safe":"excellent","effective":"good","caring":"good","responsive":"good","well_led":"good","use_of_resources":"good"})",
                  "safe", {"unknown rating \"excellent\"", "outstanding, good"}},
        ErrorCase{"malformed", R"({"safe":"good",)", "", {"not valid JSON", "line 1"}},
        ErrorCase{"not_an_object", R"(["good"])", "", {"must be a JSON object", "safe"}},
        ErrorCase{"empty", "   ", "", {"empty"}},
        ErrorCase{"oversized", std::string(kGood) + ",\"x\":\"" + std::string(70000, 'a') + "\"}", "",
                  {"the input is larger than the limit of 65536 bytes (64 KiB)"}},
        ErrorCase{"nul_after_the_object", std::string(kGood) + "}" + std::string(1, '\0') + " GARBAGE {{{", "",
                  {"not valid JSON", "NUL (zero) byte at line 1, column 115"}},
        ErrorCase{"nul_on_a_later_line", std::string(kGood) + ",\n \"x\":" + std::string(1, '\0') + "}", "",
                  {"NUL (zero) byte at line 2, column 6"}},
        ErrorCase{"quality_cap_below_zero", std::string(kGood) +
                      R"(,"rules":{"combined":{"name":"x","bands":[{"min_rated":1,"inadequate":1,"requires_improvement":1,"outstanding":1}],"max_steps_above_quality":-1}}})",
                  "rules.combined.max_steps_above_quality", {"must be null (no limit) or a whole number from 0 to 3"}},
        ErrorCase{"rule_set_name_with_a_comma", std::string(kGood) +
                      R"(,"rules":{"combined":{"name":"a,b","bands":[{"min_rated":1,"inadequate":1,"requires_improvement":1,"outstanding":1}]}}})",
                  "rules.combined.name", {"each a letter (a-z, A-Z), a digit"}},
        ErrorCase{"rule_set_title_with_a_line_break", std::string(kGood) +
                      R"(,"rules":{"combined":{"name":"x","title":"a\nb","bands":[{"min_rated":1,"inadequate":1,"requires_improvement":1,"outstanding":1}]}}})",
                  "rules.combined.title", {"one line", "without line breaks"}},
        ErrorCase{"too_deep", std::string(40, '[') + std::string(40, ']'), "", {"nested more than 16"}},
        ErrorCase{"duplicate_key", std::string(kGood) + R"(,"safe":"inadequate"})", "",
                  {"duplicate key \"safe\""}},
        ErrorCase{"bad_date", std::string(kGood) + R"(,"uor_assessed_on":"2019-02-29"})",
                  "uor_assessed_on", {"YYYY-MM-DD", "2019-02-29"}},
        ErrorCase{"judgement_without_rationale", std::string(kGood) + R"(,"judgement":{"quality":{"rating":"good"}}})",
                  "judgement.quality.rationale", {"missing", "rationale"}},
        ErrorCase{"judgement_blank_rationale", std::string(kGood) + R"(,"judgement":{"quality":{"rating":"good","rationale":"  "}}})",
                  "judgement.quality.rationale", {"empty"}},
        ErrorCase{"judgement_not_rated", std::string(kGood) + R"(,"judgement":{"combined":{"rating":"not_rated","rationale":"x"}}})",
                  "judgement.combined.rating", {"not a final rating", "outstanding, good, requires_improvement, inadequate ("}},
        ErrorCase{"judgement_unknown_target", std::string(kGood) + R"(,"judgement":{"safe":{}}})",
                  "judgement.safe", {"quality, combined"}},
        ErrorCase{"unknown_rule_set_name", std::string(kGood) + R"(,"rules":{"combined":"rule_of_four"}})",
                  "rules.combined", {"rule_of_four", "standard, combined_2018, quality_first"}},
        ErrorCase{"bad_rule_set_threshold", std::string(kGood) +
                      R"(,"rules":{"combined":{"name":"x","bands":[{"min_rated":1,"inadequate":0,"requires_improvement":1,"outstanding":1}]}}})",
                  "rules.combined.bands[0].inadequate", {"from 1 to 1000"}},
        ErrorCase{"rule_set_missing_bands", std::string(kGood) + R"(,"rules":{"quality":{"name":"x"}}})",
                  "rules.quality.bands", {"array of bands", "min_rated"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Contract, EveryProblemIsReportedNotJustTheFirst) {
  const Json out = evaluate_to_json(R"({"safe":"great","effective":1,"caring":"good","responsive":"good","well_led":"good","extra":1})");
  ASSERT_TRUE(out.contains("errors"));
  std::vector<std::string> fields;
  for (const auto& e : out["errors"]) fields.push_back(e["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"extra", "safe", "effective", "use_of_resources"}));
}

TEST(Contract, ErrorsNeverCarryInvalidUtf8) {
  // A 60-byte cut of a long multi-byte value must not split a character.
  std::string value;
  for (int i = 0; i < 40; ++i) value += "é";
  const std::string out = contract::evaluate(
      R"({"safe":")" + value + R"(","effective":"good","caring":"good","responsive":"good","well_led":"good","use_of_resources":"good"})");
  Json parsed;
  EXPECT_NO_THROW(parsed = Json::parse(out));
  EXPECT_EQ(out.find("\\ufffd"), std::string::npos) << out;
}

TEST(RuleSetJson, BuiltInsRoundTrip) {
  for (const RuleSet* rules : builtin_rule_sets()) {
    std::vector<contract::FieldError> errors;
    const Json json = Json::parse(contract::to_json(*rules).dump());
    const std::optional<RuleSet> back = contract::rule_set_from_json(json, "", errors);
    ASSERT_TRUE(back) << (errors.empty() ? "" : errors[0].message);
    EXPECT_EQ(*back, *rules);
  }
}

// The explorer page's "Use this JSON": the core reads the text, so every kind
// of valid JSON that is not a rule set gets a message, never a crash.
TEST(RuleSetJson, ReadRuleSetAcceptsAnObjectOrABuiltInNameAndNamesEveryOtherProblem) {
  const Json object = Json::parse(contract::read_rule_set(contract::to_json(combined_2018_rules()).dump()));
  EXPECT_EQ(object["rule_set"], Json::parse(contract::to_json(combined_2018_rules()).dump()));
  EXPECT_EQ(Json::parse(contract::read_rule_set(R"("standard")"))["rule_set"]["name"], "standard");
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"null", "the rule set must be a JSON object {name, title, bands,"},
      {"1e999", "the rule set is not valid JSON: number overflow"},
      {"[]", "got an array"},
      {R"("rule_of_four")", "the rule set names unknown rule set \"rule_of_four\": give one of standard"},
      {R"({"name":"a","name":"b"})", "duplicate key \"name\""},
      {R"({"name":"x","bands":[{"min_rated":1,"inadequate":1,"requires_improvement":1,"outstanding":1}],"max_steps_above_quality":-1})",
       "field \"max_steps_above_quality\" must be null (no limit) or a whole number from 0 to 3"},
      {"{\"name\":\"x\"}" + std::string(1, '\0'), "the rule set is not valid JSON: it contains a NUL"},
      {std::string(70000, ' '), "the rule set is larger than the limit of 65536 bytes"},
  };
  for (const auto& [text, message] : bad) {
    const Json out = Json::parse(contract::read_rule_set(text));
    ASSERT_TRUE(out.contains("error")) << text.substr(0, 80);
    EXPECT_NE(out["error"].get<std::string>().find(message), std::string::npos) << out["error"];
  }
}

TEST(RuleSetJson, AResearchersVariantChangesTheResult) {
  // The rule of two applied to the combined rating too.
  const Json out = evaluate_to_json(
      R"({"safe":"requires improvement","effective":"good","caring":"good","responsive":"requires improvement",)"
      R"("well_led":"good","use_of_resources":"good","rules":{"combined":"standard"}})");
  EXPECT_EQ(out["combined"]["rating"], "requires_improvement");
  EXPECT_EQ(out["rules"]["combined"], "standard");
}

TEST(RuleSetJson, BandsMustStartAtOneAndAscend) {
  RuleSet rules = standard_rules();
  rules.bands[0].min_rated = 2;
  rules.bands[2].min_rated = 4;
  const auto problems = validate(rules);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].field, "bands[0].min_rated");
  EXPECT_EQ(problems[1].field, "bands[2].min_rated");
}

}  // namespace
}  // namespace cqc::test

namespace cqc::test {
namespace {

using contract::Json;

Json params(const std::string& pairs) { return Json::parse(contract::dump(contract::read_params(pairs))); }

TEST(UrlParams, KeepsValidValuesAndListsWhatWasIgnored) {
  const Json out = params(R"([["safe","Requires improvement"],["effective","bogus"],["safety","good"],)"
                          R"(["safe","good"],["uor_assessed_on","2018-02-30"],["caring","not_rated"],)"
                          R"(["quality_judgement","good"],["quality_rationale","Strong <b>leadership</b>"],)"
                          R"(["combined_judgement","not_rated"]])");
  EXPECT_EQ(out["values"]["safe"], "requires_improvement");
  EXPECT_EQ(out["values"]["caring"], "not_rated");
  EXPECT_FALSE(out["values"].contains("effective"));
  EXPECT_FALSE(out["values"].contains("uor_assessed_on"));
  EXPECT_EQ(out["values"]["judgement"]["quality"]["rating"], "good");
  EXPECT_EQ(out["values"]["judgement"]["quality"]["rationale"], "Strong <b>leadership</b>");
  std::vector<std::string> ignored;
  for (const auto& item : out["ignored"]) ignored.push_back(item["param"]);
  EXPECT_EQ(ignored, (std::vector<std::string>{"effective", "safety", "safe", "uor_assessed_on",
                                               "combined_judgement"}));
  EXPECT_NE(out["ignored"][0]["message"].get<std::string>().find("unknown rating \"bogus\""), std::string::npos);
  EXPECT_NE(out["ignored"][1]["message"].get<std::string>().find("accepted ones are safe"), std::string::npos);
}

TEST(UrlParams, TrackingParametersAreDroppedWithoutAWord) {
  const Json out = params(R"([["utm_source","newsletter"],["fbclid","x"],["gclid","y"],["utm_medium","mail"],)"
                          R"(["safe","good"],["utmost","1"]])");
  EXPECT_EQ(out["values"]["safe"], "good");
  ASSERT_EQ(out["ignored"].size(), 1u);  // "utmost" is not a tracking parameter
  EXPECT_EQ(out["ignored"][0]["param"], "utmost");
}

TEST(UrlParams, ARuleVariantKeepsOnlyWhatDiffersFromCqcsRules) {
  // The rule of three for quality too: the combined rule set under the quality name.
  const Json variant = params(R"([["rules","{\"quality\":\"combined_2018\",\"combined\":\"combined_2018\"}"]])");
  EXPECT_TRUE(variant["ignored"].empty());
  EXPECT_EQ(variant["values"]["rules"]["quality"]["name"], "combined_2018");
  EXPECT_FALSE(variant["values"]["rules"].contains("combined"));  // CQC's own combined rules
  // CQC's rules, however named, are no variant at all.
  const Json same = params(R"([["rules","{\"quality\":\"standard\"}"]])");
  EXPECT_TRUE(same["ignored"].empty());
  EXPECT_FALSE(same["values"].contains("rules"));
}

TEST(UrlParams, ABadRuleVariantIsListedWithTheCoresReason) {
  const Json out = params(R"([["rules","{\"quality\":\"lenient\"}"],["safe","good"]])");
  EXPECT_EQ(out["values"]["safe"], "good");
  EXPECT_FALSE(out["values"].contains("rules"));
  ASSERT_EQ(out["ignored"].size(), 1u);
  EXPECT_EQ(out["ignored"][0]["param"], "rules");
  EXPECT_NE(out["ignored"][0]["message"].get<std::string>().find("lenient"), std::string::npos);
  EXPECT_EQ(params(R"([["rules","{oops"]])")["ignored"].size(), 1u);
}

TEST(UrlParams, MalformedPairsAreReportedNotFatal) {
  EXPECT_EQ(params("{").at("ignored").size(), 1u);
  EXPECT_EQ(params(R"([["safe"],[1,2],["caring","good"]])").at("ignored").size(), 2u);
  EXPECT_EQ(params(R"([["caring","good"]])").at("values").at("caring"), "good");
  EXPECT_TRUE(params("[]").at("ignored").empty());
}

}  // namespace
}  // namespace cqc::test

namespace cqc::test {
namespace {

TEST(Vocabulary, ListsTheSixQuestionsAndFiveRatingsInOrder) {
  const contract::Json v = contract::vocabulary_to_json();
  ASSERT_EQ(v["questions"].size(), 6u);
  EXPECT_EQ(v["questions"][4]["token"], "well_led");
  EXPECT_EQ(v["questions"][4]["label"], "Well-led");
  EXPECT_FALSE(v["questions"][5]["quality"].get<bool>());
  ASSERT_EQ(v["ratings"].size(), 5u);
  EXPECT_EQ(v["ratings"][2]["label"], "Requires improvement");
  EXPECT_EQ(v["limits"]["rationale_chars"], contract::kMaxRationaleChars);
}

}  // namespace
}  // namespace cqc::test

namespace cqc::test {
namespace {

TEST(Contract, ManyProblemsGiveASmallAnswer) {
  // 64 KiB of unknown keys: the first 20 problems listed, the rest counted.
  std::string input = "{";
  for (int i = 0; input.size() < 60000; ++i) input += "\"k" + std::to_string(i) + "\":1,";
  input.back() = '}';
  const std::string out = contract::evaluate(input);
  EXPECT_LT(out.size(), 16000u);
  const contract::Json json = contract::Json::parse(out);
  EXPECT_EQ(json["errors"].size(), 20u);
  EXPECT_NE(json["error"].get<std::string>().find("more problems"), std::string::npos);
}

}  // namespace
}  // namespace cqc::test

namespace cqc::test {
namespace {

contract::Json variant(const std::string& text) { return contract::Json::parse(contract::read_rules_variant(text)); }

TEST(RulesVariant, NamesStayNamesAndObjectsAreNormalised) {
  const contract::Json named = variant(R"({"quality":"combined_2018"})");
  EXPECT_EQ(named["rules"]["quality"], "combined_2018");
  EXPECT_EQ(named["rules"]["combined"], "combined_2018");  // left out: CQC's combined rules, by name
  EXPECT_EQ(variant(R"("quality_first")")["rules"]["combined"], "quality_first");
  const std::string edited = contract::dump(contract::to_json(combined_2018_rules()));
  const contract::Json object = variant(R"({"combined":)" + edited + "}");
  EXPECT_TRUE(object["rules"]["combined"].is_object());
  EXPECT_EQ(object["rules"]["combined"]["name"], "combined_2018");
  EXPECT_EQ(object["rules"]["quality"], "standard");
}

TEST(RulesVariant, ProblemsNameTheFieldWithinTheVariant) {
  const contract::Json unknown = variant(R"({"quality":"lenient"})");
  ASSERT_TRUE(unknown.contains("error"));
  EXPECT_EQ(unknown["errors"][0]["field"], "quality");
  EXPECT_NE(unknown["error"].get<std::string>().find("lenient"), std::string::npos);
  EXPECT_NE(variant(R"({"quality":"standard","quality":"standard"})")["error"].get<std::string>().find("duplicate key"),
            std::string::npos);
  EXPECT_NE(variant("{").at("error").get<std::string>().find("the variant is not valid JSON"), std::string::npos);
  EXPECT_NE(variant("42").at("error").get<std::string>().find("the variant must be a rules config"), std::string::npos);
  EXPECT_EQ(variant(R"({"combined":{"name":"x"}})")["errors"][0]["field"].get<std::string>().rfind("combined", 0), 0u);
}

}  // namespace
}  // namespace cqc::test

namespace cqc::test {
namespace {

TEST(ResultWriter, WritesTheSameBytesAsTheJsonTreeOnEveryInput) {
  // Every input under CQC's rules; every 7th under each other combination of the built-in
  // combined rule sets, a date and judgements (one rationale with quotes, a control character,
  // non-ASCII and an invalid UTF-8 byte).
  const std::optional<CalendarDate> dates[] = {std::nullopt, CalendarDate{2017, 6, 1}};
  const std::optional<Judgement> judgements[] = {std::nullopt,
                                                 Judgement{Rating::Good, "Board said \"yes\"\n\t\x01 caf\xc3\xa9 \xff end"}};
  int compared = 0;
  for (const RuleSet* combined_rules : builtin_rule_sets()) {
    for (const auto& date : dates) {
      for (const auto& j : judgements) {
        TrustOptions options;
        options.combined_rules = *combined_rules;
        options.uor_assessed_on = date;
        options.quality_judgement = j;
        options.combined_judgement = j;
        const bool cqc_rules = combined_rules->name == "combined_2018" && !date && !j;
        for (int code = 0; code < 15625; code += cqc_rules ? 1 : 7) {
          TrustRatings ratings;
          for (int q = 0, rest = code; q < kQuestionCount; ++q, rest /= 5) ratings.set(static_cast<Question>(q), static_cast<Rating>(rest % 5));
          const TrustResult result = evaluate_trust(ratings, options);
          ASSERT_EQ(contract::write_result(result, options), contract::dump(contract::to_json(result, options)))
              << combined_rules->name << " input " << code;
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 35000);
}

}  // namespace
}  // namespace cqc::test
