// The assessment's answer written directly (contract_assess_writer.cpp) is
// byte for byte the dump of its JSON tree (assessment_to_json): on the example
// document, and on hundreds of generated trusts of 10 locations x 12 services
// (or 12 core services) with random ratings, dates, histories, enforcement,
// significantly small and joined services, judgements at every level and
// published blocks, whose text is hostile: quotes, backslashes, every control
// character, DEL, non-ASCII and invalid UTF-8. And the string escaping alone
// against nlohmann's on random bytes.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "contract.hpp"
#include "contract_assess.hpp"
#include "json_writer.hpp"

namespace cqc::test {
namespace {

using contract::assess_detail::Assessed;
using contract::assess_detail::ReadDocument;

std::string dumped_tree(const ReadDocument& doc) {
  const Assessed a = contract::assess_detail::assess_document(doc);
  return contract::dump(contract::assess_detail::assessment_to_json(doc, a));
}
std::string written(const ReadDocument& doc) {
  return contract::assess_detail::write_assessment(doc, contract::assess_detail::assess_document(doc));
}

// Pieces of text a careless writer gets wrong, invalid UTF-8 among them
// (overlong, surrogate, above U+10FFFF, lone continuation, cut short).
const std::vector<std::string> kPieces = {
    "Seen on inspection", " ", "\"", "\\", "\\\"", "/", "\b", "\f", "\n", "\r", "\t", std::string(1, '\0'),
    "\x01", "\x1f", "\x7f", "caf\xc3\xa9", "\xe2\x98\x83", "\xf0\x9f\x98\x80", "\xef\xbf\xbd", "\xc2\x80",
    "\xed\x9f\xbf", "\xee\x80\x80", "\xf4\x8f\xbf\xbf", "\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80",
    "\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x80\x80\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
    "\xff", "\xfe", "\xc3", "\xe2\x98", "\xf0\x9f\x98", "\xe2\x28\xa1", "\xc3\x28", "\xf0\x28\x8c\x28"};

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return below(100) < percent; }

  // Plain words most of the time, else a mix of hostile pieces and random bytes.
  std::string text(const std::string& plain) {
    if (!chance(30)) return plain;
    std::string out;
    for (int n = 1 + below(8); n > 0; --n) {
      if (chance(80)) {
        out += kPieces[static_cast<std::size_t>(below(static_cast<int>(kPieces.size())))];
      } else {
        out += static_cast<char>(below(256));
      }
    }
    return out;
  }
  std::optional<CalendarDate> date() {
    if (chance(20)) return std::nullopt;
    return CalendarDate{2014 + below(10), 1 + below(12), 1 + below(28)};
  }
  Rating rating() { return kAllRatings[static_cast<std::size_t>(below(chance(10) ? 5 : 4))]; }
  std::optional<Judgement> judgement(int percent) {
    if (!chance(percent)) return std::nullopt;
    return Judgement{kRatedValues[static_cast<std::size_t>(below(4))], text("Waits fell after the inspection")};
  }
  std::array<std::optional<Judgement>, kQualityQuestionCount> judgements(int percent) {
    std::array<std::optional<Judgement>, kQualityQuestionCount> out;
    for (auto& j : out) j = judgement(percent);
    return out;
  }
  DatedRating dated() { return {rating(), date(), chance(10) ? text("Insufficient evidence to rate") : ""}; }

  KeyQuestionAssessment key_question() {
    KeyQuestionAssessment k;
    for (int n = chance(5) ? 0 : 1 + (chance(20) ? below(3) : 0); n > 0; --n) k.ratings.push_back(dated());
    if (chance(15)) k.enforcement = static_cast<Enforcement>(1 + below(3));
    k.judgement = judgement(10);
    return k;
  }
  ServiceAssessment service(int i) {
    ServiceAssessment s;
    s.id = chance(5) ? text("svc") + std::to_string(i) : "service" + std::to_string(i);
    s.name = text("Service " + std::to_string(i));
    for (auto& k : s.key_questions) k = key_question();
    s.judgement = judgement(10);
    if (chance(8)) {
      s.significantly_small = true;
      s.significantly_small_rationale = text("Four beds");
    }
    if (chance(5)) s.joined_on = date();
    return s;
  }

  ReadDocument document() {
    ReadDocument doc;
    TrustAssessment& t = doc.trust;
    t.type = static_cast<TrustType>(below(5));
    t.name = text("Large Example NHS Trust");
    doc.trust_id = chance(70) ? text("RA4") : "";
    if (has_locations(t.type)) {
      for (int l = 0; l < 10; ++l) {
        LocationAssessment location;
        location.id = "L" + std::to_string(l + 1);
        location.name = chance(10) ? "" : text("Hospital " + std::to_string(l + 1));
        for (int s = 0; s < 12; ++s) location.services.push_back(service(s));
        location.key_question_judgements = judgements(5);
        location.judgement = judgement(10);
        if (chance(10)) location.joined_on = date();
        t.locations.push_back(std::move(location));
      }
    } else {
      for (int s = 0; s < 12; ++s) t.services.push_back(service(s));
    }
    t.well_led = key_question();
    t.use_of_resources = key_question();
    t.key_question_judgements = judgements(10);
    t.quality_judgement = judgement(30);
    t.combined_judgement = judgement(30);
    HierarchyOptions& o = doc.options;
    if (chance(60)) o.as_at = date();
    o.trust_key_questions_from_services = chance(30);
    o.joined_exclusion_months = below(4) * 12;
    if (chance(20)) o.quality_rules = quality_first_rules();
    if (chance(20)) o.combined_rules = quality_first_rules();
    if (chance(10)) o.quality_rules.name = text("researchers' variant");
    // Published ratings for some nodes (and some ids naming none), at times repeated.
    if (chance(50)) {
      const HierarchyModel h = build_hierarchy(t, o);
      for (const ModelNode& node : h.model.nodes()) {
        if (chance(30)) doc.published.emplace_back(node.id, dated());
      }
      for (int n = below(3); n > 0; --n) doc.published.emplace_back(text("location:gone"), dated());
      if (!doc.published.empty() && chance(30)) doc.published.push_back(doc.published.front());
    }
    return doc;
  }

 private:
  std::mt19937 rng_;
};

// A string written alone, and after another in an array (a comma before it).
std::string written_string(const std::string& text) { return contract::JsonWriter(1).string(text).take(); }
std::string written_pair(const std::string& text) {
  return contract::JsonWriter(1).begin('[').string("x").string(text).end(']').take();
}

TEST(AssessWriter, EscapesStringsAsNlohmannDoes) {
  for (const std::string& piece : kPieces) {
    EXPECT_EQ(written_string(piece), contract::dump(contract::OrderedJson(piece))) << testing::PrintToString(piece);
  }
  for (int c = 0; c < 256; ++c) {
    const std::string text = "a" + std::string(1, static_cast<char>(c)) + "b";
    EXPECT_EQ(written_string(text), contract::dump(contract::OrderedJson(text))) << "byte " << c;
  }
  Generator g(12);
  for (int i = 0; i < 100000; ++i) {
    std::string text;
    for (int n = g.below(12); n > 0; --n) text += static_cast<char>(g.chance(50) ? 0x80 + g.below(128) : g.below(128));
    ASSERT_EQ(written_pair(text), contract::dump(contract::OrderedJson::array({"x", text}))) << testing::PrintToString(text);
  }
}

TEST(AssessWriter, WritesTheExampleDocumentAsItsTreeDumps) {
  std::ifstream file(std::string(CQC_SOURCE_DIR) + "/tests/data/assessment-two-hospitals.json");
  std::stringstream text;
  text << file.rdbuf();
  ASSERT_GT(text.str().size(), 100u);
  for (const std::optional<CalendarDate>& as_at : {std::optional<CalendarDate>(), std::optional(CalendarDate{2017, 1, 1})}) {
    std::string error;
    const std::optional<ReadDocument> doc = contract::assess_detail::read_document(text.str(), as_at, error);
    ASSERT_TRUE(doc) << error;
    const std::string tree = dumped_tree(*doc);
    EXPECT_EQ(written(*doc), tree);
    EXPECT_EQ(contract::assess(text.str(), as_at), tree) << "assess() answers with the writer";
  }
}

TEST(AssessWriter, WritesGeneratedTrustsWithHostileTextAsTheirTreesDump) {
  Generator g(2024);
  std::size_t bytes = 0, invalid_utf8 = 0, published = 0;
  for (int i = 0; i < 300; ++i) {
    const ReadDocument doc = g.document();
    const std::string tree = dumped_tree(doc);
    const std::string out = written(doc);
    if (out != tree) {
      std::size_t at = 0;
      while (at < out.size() && at < tree.size() && out[at] == tree[at]) ++at;
      FAIL() << "document " << i << " differs at byte " << at << ": writer "
             << testing::PrintToString(out.substr(at > 60 ? at - 60 : 0, 120)) << ", tree "
             << testing::PrintToString(tree.substr(at > 60 ? at - 60 : 0, 120));
    }
    bytes += out.size();
    invalid_utf8 += out.find("\xef\xbf\xbd") != std::string::npos;
    published += !doc.published.empty();
  }
  // The generator really made what the test claims to cover.
  EXPECT_GT(bytes, 300u * 100000u);
  EXPECT_GT(invalid_utf8, 100u);
  EXPECT_GT(published, 100u);
}

// The live view (write_ratings_view) says of every node what the full answer
// says, in the same order, without the sentences; the nodes asked for are the
// full answer's own, byte for byte once parsed.
contract::Json rated_part(const contract::Json& full) {
  contract::Json judgement = nullptr, published = nullptr;
  if (!full["judgement"].is_null()) {
    judgement = {{"rating", full["judgement"]["rating"]}, {"rationale", full["judgement"]["rationale"]},
                 {"departs", full["judgement"]["departs"]}};
  }
  if (!full["published"].is_null()) {
    published = {{"rating", full["published"]["rating"]}, {"departs", full["published"]["departs"]}};
  }
  return {{"id", full["id"]},       {"rating", full["rating"]},       {"final", full["final"]},
          {"limit", full["limit"]}, {"not_awarded", full["not_awarded"]}, {"judgement", judgement},
          {"published", published}};
}

TEST(AssessWriter, TheRatingsViewIsTheFullAnswerWithoutItsSentences) {
  Generator g(77);
  std::size_t judged = 0, published = 0, limited = 0;
  for (int i = 0; i < 60; ++i) {
    const ReadDocument doc = g.document();
    const Assessed a = contract::assess_detail::assess_document(doc);
    const contract::Json full = contract::Json::parse(contract::assess_detail::write_assessment(doc, a));
    const std::vector<std::string> explain = {full["nodes"].back()["id"].get<std::string>(), "no such node",
                                              full["nodes"][0]["id"].get<std::string>()};
    const std::string text = contract::assess_detail::write_ratings_view(doc, a, explain);
    const contract::Json view = contract::Json::parse(text);
    ASSERT_EQ(view["view"], "ratings");
    EXPECT_EQ(view["trust"], full["trust"]);
    EXPECT_EQ(view["as_at"], full["as_at"]);
    EXPECT_EQ(view["notes"], full["notes"]);
    ASSERT_EQ(view["nodes"].size(), full["nodes"].size());
    for (std::size_t n = 0; n < full["nodes"].size(); ++n) {
      ASSERT_EQ(view["nodes"][n], rated_part(full["nodes"][n])) << "document " << i << ", node " << n;
      judged += !full["nodes"][n]["judgement"].is_null();
      published += !full["nodes"][n]["published"].is_null();
      limited += !full["nodes"][n]["limit"].is_null();
    }
    // The two that exist, in the model's order; the unknown id left out.
    ASSERT_EQ(view["explained"].size(), 2u);
    EXPECT_EQ(view["explained"][0], full["nodes"][0]);
    EXPECT_EQ(view["explained"][1], full["nodes"].back());
  }
  EXPECT_GT(judged, 100u);
  EXPECT_GT(published, 100u);
  EXPECT_GT(limited, 100u);
}

TEST(AssessWriter, AssessRatingsReadsAsAssessDoesAndAnswersErrorsAlike) {
  std::ifstream file(std::string(CQC_SOURCE_DIR) + "/tests/data/assessment-two-hospitals.json");
  std::stringstream text;
  text << file.rdbuf();
  bool ok = false;
  const contract::Json view = contract::Json::parse(contract::assess_ratings(text.str(), CalendarDate{2017, 1, 1}, {}, &ok));
  EXPECT_TRUE(ok);
  const contract::Json full = contract::Json::parse(contract::assess(text.str(), CalendarDate{2017, 1, 1}));
  EXPECT_EQ(view["as_at"], "2017-01-01");
  ASSERT_EQ(view["nodes"].size(), full["nodes"].size());
  for (std::size_t n = 0; n < full["nodes"].size(); ++n) EXPECT_EQ(view["nodes"][n], rated_part(full["nodes"][n]));
  EXPECT_TRUE(view["explained"].empty());
  const std::string bad = R"({"trust": {"type": "teaching"}})";
  EXPECT_EQ(contract::assess_ratings(bad, std::nullopt, {}, &ok), contract::assess(bad));
  EXPECT_FALSE(ok);
}

}  // namespace
}  // namespace cqc::test
