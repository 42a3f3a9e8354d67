// CQC's levels of ratings as a model: each level's rule, the trust types,
// enforcement, dates, exclusions and judgements carried upward.
#include <gtest/gtest.h>

#include "hierarchy.hpp"

namespace cqc::test {
namespace {

constexpr Rating O = Rating::Outstanding, G = Rating::Good, RI = Rating::RequiresImprovement,
                 I = Rating::Inadequate, NR = Rating::NotRated;

KeyQuestionAssessment kq(Rating r, std::optional<CalendarDate> date = std::nullopt) {
  KeyQuestionAssessment a;
  a.ratings.push_back({r, date, ""});
  return a;
}

ServiceAssessment service(const std::string& id, std::array<Rating, 5> ratings) {
  ServiceAssessment s;
  s.id = id;
  for (int q = 0; q < 5; ++q) s.key_questions[q] = kq(ratings[q]);
  return s;
}

struct Evaluated {
  HierarchyModel h;
  std::vector<NodeResult> results;
  const NodeResult& at(const std::string& id) const {
    const auto i = h.model.find(id);
    if (!i) throw std::runtime_error("no node " + id);
    return results[static_cast<std::size_t>(*i)];
  }
  bool noted(const std::string& code) const {
    for (const auto& n : h.notes) if (n.code == code) return true;
    return false;
  }
};

Evaluated run(const TrustAssessment& trust, const HierarchyOptions& options = {}) {
  Evaluated e{build_hierarchy(trust, options), {}};
  e.results = evaluate(e.h.model, e.h.values, e.h.rules);
  return e;
}

// Two hospitals: A with three services, B with two.
TrustAssessment two_locations() {
  TrustAssessment t;
  t.name = "Test trust";
  LocationAssessment a{"A", "Hospital A", {}, {}, std::nullopt, std::nullopt};
  a.services = {service("urgent", {G, G, G, G, G}), service("surgery", {RI, G, G, RI, G}),
                service("maternity", {G, O, O, G, G})};
  LocationAssessment b{"B", "Hospital B", {}, {}, std::nullopt, std::nullopt};
  b.services = {service("urgent", {RI, G, G, G, G}), service("medical", {G, G, O, G, G})};
  t.locations = {a, b};
  t.well_led = kq(G);
  t.use_of_resources = kq(G, CalendarDate{2019, 1, 10});
  return t;
}

TEST(Hierarchy, EachLevelAggregatesTheOneBelow) {
  const Evaluated e = run(two_locations());
  // Level 2: surgery at A has two requires improvement of five (rule of two).
  EXPECT_EQ(e.at(node_id::service("A", "surgery")).rating, RI);
  EXPECT_EQ(e.at(node_id::service("A", "maternity")).rating, O);
  // Level 3: safe at A across its three services: G, RI, G -> one RI of three limits it (N <= 3).
  EXPECT_EQ(e.at(node_id::location_key_question("A", Question::Safe)).rating, RI);
  EXPECT_EQ(e.at(node_id::location_key_question("A", Question::Safe)).aggregate->explanation.counts.rated(), 3);
  // Level 4: A's five key questions.
  const NodeResult& a = e.at(node_id::location("A"));
  EXPECT_EQ(a.aggregate->explanation.counts.rated(), 5);
  // Level 5: the trust's safe from the two locations' safe ratings (RI at A, RI at B).
  const NodeResult& safe = e.at(node_id::trust_key_question(Question::Safe));
  EXPECT_EQ(safe.aggregate->explanation.counts.rated(), 2);
  EXPECT_EQ(safe.rating, RI);
  // Well-led is the trust-wide assessment, an input: never aggregated.
  EXPECT_FALSE(e.at(node_id::trust_key_question(Question::WellLed)).aggregate.has_value());
  EXPECT_EQ(e.at(node_id::trust_key_question(Question::WellLed)).rating, G);
  // Levels 6 to 8.
  EXPECT_TRUE(e.at(node_id::kTrustQuality).aggregate.has_value());
  EXPECT_EQ(e.at(node_id::kUseOfResources).rating, G);
  EXPECT_TRUE(e.at(node_id::kTrustCombined).awarded);
  EXPECT_EQ(e.at(node_id::kTrustCombined).aggregate->explanation.counts.rated(), 6);
}

TEST(Hierarchy, TrustKeyQuestionsCanComeFromEveryServiceInstead) {
  HierarchyOptions options;
  options.trust_key_questions_from_services = true;
  const Evaluated e = run(two_locations(), options);
  EXPECT_EQ(e.at(node_id::trust_key_question(Question::Safe)).aggregate->explanation.counts.rated(), 5);
}

TEST(Hierarchy, ASingleLocationTrustsRatingsAreItsLocationsButWellLedIsTheTrustWideOne) {
  TrustAssessment t = two_locations();
  t.locations.pop_back();
  t.well_led = kq(O);
  const Evaluated e = run(t);
  for (Question q : {Question::Safe, Question::Effective, Question::Caring, Question::Responsive}) {
    EXPECT_EQ(e.at(node_id::trust_key_question(q)).rating, e.at(node_id::location_key_question("A", q)).rating);
  }
  EXPECT_FALSE(e.h.model.find(node_id::location_key_question("A", Question::WellLed)).has_value());
  EXPECT_TRUE(e.noted("single_location_well_led"));
  EXPECT_EQ(e.at(node_id::location("A")).rating, e.at(node_id::kTrustQuality).rating);
  EXPECT_EQ(e.at(node_id::location("A")).aggregate->explanation.counts.of(O),
            e.at(node_id::kTrustQuality).aggregate->explanation.counts.of(O));
}

TEST(Hierarchy, TrustTypesSayWhatDoesNotApply) {
  TrustAssessment specialist = two_locations();
  specialist.type = TrustType::AcuteSpecialist;
  const Evaluated s = run(specialist);
  EXPECT_FALSE(s.h.model.find(node_id::kTrustCombined).has_value());
  EXPECT_TRUE(s.h.model.find(node_id::kUseOfResources).has_value());
  EXPECT_TRUE(s.noted("no_combined_rating"));

  TrustAssessment mental_health;
  mental_health.type = TrustType::MentalHealth;
  mental_health.services = {service("acute_wards", {RI, G, G, G, G}), service("community_adults", {RI, G, G, G, G})};
  mental_health.well_led = kq(G);
  const Evaluated m = run(mental_health);
  EXPECT_FALSE(m.h.model.find(node_id::kUseOfResources).has_value());
  EXPECT_FALSE(m.h.model.find(node_id::kTrustCombined).has_value());
  EXPECT_TRUE(m.h.model.find(node_id::service("", "acute_wards")).has_value()) << "no location level";
  EXPECT_EQ(m.at(node_id::trust_key_question(Question::Safe)).rating, RI);  // two RI of two services
  EXPECT_EQ(m.at(node_id::kTrustQuality).rating, G);  // one RI of five key questions
  EXPECT_TRUE(m.noted("no_combined_rating"));
}

TEST(Hierarchy, EnforcementLimitsTheServicesKeyQuestionAndShowsTheRatingBefore) {
  TrustAssessment t = two_locations();
  t.locations[0].services[2].key_questions[0].enforcement = Enforcement::RequirementNotice;  // maternity safe: G
  t.locations[0].services[0].key_questions[1].enforcement = Enforcement::WarningNotice;      // urgent effective: G
  const Evaluated e = run(t);
  const NodeResult& limited = e.at(node_id::service_key_question("A", "maternity", Question::Safe));
  EXPECT_EQ(limited.rating, RI);
  EXPECT_EQ(limited.before_limit, G);
  EXPECT_EQ(limited.limit_reason, "requirement_notice");
  const NodeResult& warned = e.at(node_id::service_key_question("A", "urgent", Question::Effective));
  EXPECT_EQ(warned.rating, I);
  EXPECT_EQ(warned.limit_reason, "warning_notice");
  // The limited ratings are what the level above counts.
  EXPECT_EQ(e.at(node_id::service("A", "urgent")).rating, RI);  // one inadequate limits it
  // A notice on a rating that is already worse changes nothing.
  t.locations[0].services[1].key_questions[0].enforcement = Enforcement::RequirementNotice;  // surgery safe: RI
  EXPECT_FALSE(run(t).at(node_id::service_key_question("A", "surgery", Question::Safe)).before_limit.has_value());
}

TEST(Hierarchy, AsAtUsesTheLatestRatingOnOrBeforeTheDate) {
  TrustAssessment t = two_locations();
  KeyQuestionAssessment& safe = t.locations[1].services[0].key_questions[0];  // B urgent safe
  safe.ratings = {{I, CalendarDate{2016, 5, 1}, ""}, {RI, CalendarDate{2019, 2, 1}, ""}, {G, CalendarDate{2021, 3, 1}, ""}};
  const auto rating_as_at = [&](std::optional<CalendarDate> date) {
    HierarchyOptions options;
    options.as_at = date;
    return run(t, options).at(node_id::service_key_question("B", "urgent", Question::Safe)).rating;
  };
  EXPECT_EQ(rating_as_at(std::nullopt), G);
  EXPECT_EQ(rating_as_at(CalendarDate{2020, 1, 1}), RI);
  EXPECT_EQ(rating_as_at(CalendarDate{2019, 2, 1}), RI) << "on the date counts";
  EXPECT_EQ(rating_as_at(CalendarDate{2017, 1, 1}), I);
  EXPECT_EQ(rating_as_at(CalendarDate{2015, 1, 1}), NR) << "not yet rated";
}

TEST(Hierarchy, SignificantlySmallAndRecentlyJoinedServicesAreLeftOutAndSaidSo) {
  TrustAssessment t = two_locations();
  t.locations[0].services[1].significantly_small = true;  // surgery at A
  t.locations[0].services[1].significantly_small_rationale = "two beds";
  const Evaluated small = run(t);
  EXPECT_EQ(small.at(node_id::location_key_question("A", Question::Safe)).aggregate->explanation.counts.rated(), 2);
  EXPECT_EQ(small.at(node_id::location_key_question("A", Question::Safe)).rating, G);
  EXPECT_TRUE(small.noted("significantly_small"));
  EXPECT_TRUE(small.h.model.find(node_id::service("A", "surgery")).has_value()) << "still rated itself";

  TrustAssessment merged = two_locations();
  merged.locations[1].joined_on = CalendarDate{2018, 6, 1};
  HierarchyOptions options;
  options.as_at = CalendarDate{2019, 6, 1};
  const Evaluated recent = run(merged, options);
  EXPECT_EQ(recent.at(node_id::trust_key_question(Question::Safe)).aggregate->explanation.counts.rated(), 1);
  EXPECT_TRUE(recent.noted("joined_recently"));
  options.as_at = CalendarDate{2020, 6, 1};  // two years on: counted again
  EXPECT_EQ(run(merged, options).at(node_id::trust_key_question(Question::Safe)).aggregate->explanation.counts.rated(), 2);
}

TEST(Hierarchy, NotRatedInEveryFormIsLeftOutOfTheCountAndKeepsItsWords) {
  TrustAssessment t = two_locations();
  t.locations[0].services[0].key_questions[0].ratings = {{NR, std::nullopt, "Insufficient evidence to rate"}};
  const Evaluated e = run(t);
  EXPECT_EQ(e.at(node_id::location_key_question("A", Question::Safe)).aggregate->explanation.counts.rated(), 2);
  EXPECT_EQ(e.at(node_id::location_key_question("A", Question::Safe)).aggregate->explanation.counts.of(NR), 1);
}

TEST(Hierarchy, AJudgementAtAnyLevelIsWhatTheLevelAboveUses) {
  TrustAssessment t = two_locations();
  t.locations[0].key_question_judgements[0] = Judgement{G, "Improvements seen since the last inspection"};
  t.locations[1].key_question_judgements[0] = Judgement{G, "As above"};
  const Evaluated e = run(t);
  const NodeResult& a_safe = e.at(node_id::location_key_question("A", Question::Safe));
  EXPECT_EQ(a_safe.rating, RI) << "the rules-based rating stays";
  EXPECT_EQ(a_safe.used_upward, G);
  EXPECT_EQ(e.at(node_id::trust_key_question(Question::Safe)).rating, G) << "the trust counts the final ratings";
}

TEST(Hierarchy, CombinedRatingIsGatedByTheUseOfResourcesDate) {
  TrustAssessment t = two_locations();
  t.use_of_resources = kq(G, CalendarDate{2017, 11, 1});
  EXPECT_EQ(run(t).at(node_id::kTrustCombined).not_awarded_reason, "shadow_assessment");
  t.use_of_resources = KeyQuestionAssessment{};
  EXPECT_EQ(run(t).at(node_id::kTrustCombined).not_awarded_reason, "use_of_resources_not_rated");
}

}  // namespace
}  // namespace cqc::test

namespace cqc::test {
namespace {

// Each what-if, applied through the full evaluation, gives the rating it claims.
void expect_what_ifs_hold(const TrustAssessment& trust, const std::string& target_id) {
  const HierarchyModel h = build_hierarchy(trust);
  const NodeIndex target = *h.model.find(target_id);
  const Rating current = evaluate(h.model, h.values, h.rules)[target].rating;
  const ModelWhatIfs whatifs = what_would_change(h.model, h.values, h.rules, target);
  for (const auto* list : {&whatifs.up, &whatifs.down}) {
    for (const ModelWhatIf& w : *list) {
      std::vector<NodeValue> changed = h.values;
      for (const ModelChange& c : w.changes) {
        ASSERT_EQ(h.model.node(c.node).kind, ModelNode::Kind::Input);
        changed[c.node].rating = c.to;
      }
      const Rating result = evaluate(h.model, changed, h.rules)[target].rating;
      EXPECT_EQ(result, w.result) << target_id;
      EXPECT_TRUE(list == &whatifs.up ? better(result, current) : better(current, result)) << target_id;
    }
  }
}

TEST(HierarchyWhatIf, TheSmallestChangesBelowATrustRatingEachDoWhatTheySay) {
  const TrustAssessment trust = two_locations();
  const HierarchyModel h = build_hierarchy(trust);
  const NodeIndex quality = *h.model.find(node_id::kTrustQuality);
  const ModelWhatIfs whatifs = what_would_change(h.model, h.values, h.rules, quality);
  // Requires improvement: the trust's safe (requires improvement at both hospitals) and its
  // responsive (surgery at A limits A's responsive; one of two locations limits the trust's).
  // Safe needs two changes, so the one single change that lifts quality is surgery's responsive.
  EXPECT_EQ(evaluate(h.model, h.values, h.rules)[quality].rating, Rating::RequiresImprovement);
  ASSERT_EQ(whatifs.up.size(), 1u);
  ASSERT_EQ(whatifs.up[0].changes.size(), 1u);
  EXPECT_EQ(h.model.node(whatifs.up[0].changes[0].node).id,
            node_id::service_key_question("A", "surgery", Question::Responsive));
  EXPECT_EQ(whatifs.up[0].changes[0].to, Rating::Good);
  EXPECT_EQ(whatifs.up[0].result, Rating::Good);
  // Down to inadequate takes two inadequate trust key questions; one inadequate service key
  // question makes one (three or fewer ratings at every level here, where one is enough), so
  // no single change does it and every way down is a pair.
  ASSERT_FALSE(whatifs.down.empty());
  for (const ModelWhatIf& w : whatifs.down) EXPECT_EQ(w.changes.size(), 2u);
  for (const char* target : {node_id::kTrustQuality, node_id::kTrustCombined}) expect_what_ifs_hold(trust, target);
  expect_what_ifs_hold(trust, node_id::location("A"));
}

}  // namespace
}  // namespace cqc::test

namespace cqc::test {
namespace {

TEST(Hierarchy, AServiceNotReinspectedKeepsItsRatingsAndIsSaidToBeCarriedForward) {
  TrustAssessment t = two_locations();
  for (auto& kq : t.locations[0].services[0].key_questions) kq.ratings.front().date = CalendarDate{2016, 4, 1};
  for (auto& kq : t.locations[0].services[1].key_questions) kq.ratings.front().date = CalendarDate{2019, 9, 1};
  const Evaluated e = run(t);
  ASSERT_TRUE(e.noted("carried_forward"));
  bool about_urgent = false;
  for (const auto& n : e.h.notes) {
    if (n.code == "carried_forward") {
      EXPECT_EQ(n.node, node_id::service("A", "urgent"));
      about_urgent = n.text.find("2016-04-01") != std::string::npos && n.text.find("2019-09-01") != std::string::npos;
    }
  }
  EXPECT_TRUE(about_urgent);
  EXPECT_EQ(e.at(node_id::service("A", "urgent")).rating, Rating::Good) << "still counted, with its old ratings";
  // As at 2017 only the 2016 ratings exist: nothing is carried forward yet.
  HierarchyOptions options;
  options.as_at = CalendarDate{2017, 1, 1};
  EXPECT_FALSE(run(t, options).noted("carried_forward"));
}

}  // namespace
}  // namespace cqc::test
