// evaluate_trust(): the spec's worked examples, timing and scope rules,
// what would change it, and the wording people read.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "wording.hpp"

namespace cqc::test {
namespace {

struct Example {
  TrustRatings ratings;
  Rating quality, combined;
};

// ratings-principles.md section 9, row by row.
TEST(WorkedExamples, MatchTheSpecTable) {
  const Example examples[] = {
      {trust(G, G, G, G, G, G), G, G},
      {trust(O, G, O, G, G, G), O, O},
      {trust(RI, G, G, RI, G, G), RI, G},
      {trust(RI, G, G, RI, G, RI), RI, RI},
      {trust(G, G, G, G, G, I), G, RI},
      {trust(I, G, G, G, I, G), I, I},
      {trust(O, O, O, O, O, RI), O, G},
      {trust(RI, O, O, G, G, G), G, G},
  };
  for (const Example& e : examples) {
    const TrustResult r = evaluate_trust(e.ratings, {});
    EXPECT_EQ(r.quality.rating, e.quality) << request_json(e.ratings);
    ASSERT_TRUE(r.combined.awarded());
    EXPECT_EQ(r.combined.aggregate.rating, e.combined) << request_json(e.ratings);
  }
}

TEST(Combined, NotAwardedWhenUseOfResourcesIsNotRated) {
  const TrustResult r = evaluate_trust(trust(G, G, G, G, G, NR), {});
  EXPECT_FALSE(r.combined.awarded());
  EXPECT_EQ(r.combined.no_rating_reason, NoCombinedReason::UseOfResourcesNotRated);
  EXPECT_EQ(r.quality.rating, G);
}

TEST(Combined, NotAwardedForAShadowAssessmentBefore5March2018) {
  TrustOptions options;
  options.uor_assessed_on = CalendarDate{2018, 3, 4};
  EXPECT_EQ(evaluate_trust(trust(G, G, G, G, G, G), options).combined.no_rating_reason,
            NoCombinedReason::ShadowAssessment);
  options.uor_assessed_on = CalendarDate{2018, 3, 5};
  EXPECT_TRUE(evaluate_trust(trust(G, G, G, G, G, G), options).combined.awarded());
}

TEST(Combined, NotAwardedWhenNoQualityQuestionIsRated) {
  EXPECT_EQ(evaluate_trust(trust(NR, NR, NR, NR, NR, G), {}).combined.no_rating_reason,
            NoCombinedReason::QualityNotRated);
}

TEST(Combined, RuleOfTwoComparisonShowsThe2018Change) {
  const TrustResult r = evaluate_trust(trust(RI, G, G, RI, G, G), {});
  EXPECT_EQ(r.combined.under_quality_rules.rating, RI);
  EXPECT_EQ(r.combined.aggregate.rating, G);
}

TEST(CalendarDateParse, AcceptsRealDatesOnly) {
  EXPECT_TRUE(CalendarDate::parse("2018-03-05"));
  EXPECT_TRUE(CalendarDate::parse("2020-02-29"));
  EXPECT_FALSE(CalendarDate::parse("2019-02-29"));
  EXPECT_FALSE(CalendarDate::parse("2018-13-01"));
  EXPECT_FALSE(CalendarDate::parse("2018-3-5"));
  EXPECT_FALSE(CalendarDate::parse("05/03/2018"));
  EXPECT_FALSE(CalendarDate::parse(""));
  EXPECT_EQ(CalendarDate::parse("1900-02-28")->iso(), "1900-02-28");
}

TEST(WhatIf, OneChangeWhenOneIsEnough) {
  const TrustResult r = evaluate_trust(trust(RI, G, G, RI, G, G), {});
  // Quality (RI by the rule of two): raising either RI to good makes it good.
  ASSERT_EQ(r.quality_what_if.up.size(), 2u);
  for (const WhatIf& w : r.quality_what_if.up) {
    ASSERT_EQ(w.changes.size(), 1u);
    EXPECT_EQ(w.changes[0].to, G);
    EXPECT_EQ(w.result, G);
  }
  // Combined (good): one more RI, or any inadequate, lowers it.
  for (const WhatIf& w : r.combined.what_if.down) {
    ASSERT_EQ(w.changes.size(), 1u);
    EXPECT_EQ(w.result, RI);
  }
  EXPECT_EQ(r.combined.what_if.down.size(), 6u);
}

TEST(WhatIf, TwoChangesWhenNoSingleChangeMoves) {
  // All good: no single change gives outstanding (X = 2), two do.
  const TrustResult r = evaluate_trust(trust(G, G, G, G, G, G), {});
  ASSERT_FALSE(r.combined.what_if.up.empty());
  for (const WhatIf& w : r.combined.what_if.up) {
    ASSERT_EQ(w.changes.size(), 2u);
    EXPECT_EQ(w.changes[0].to, O);
    EXPECT_EQ(w.changes[1].to, O);
    EXPECT_EQ(w.result, O);
  }
  EXPECT_EQ(r.combined.what_if.up.size(), 15u);  // every pair of the six
}

TEST(WhatIf, EveryListedChangeReallyMovesTheRating) {
  for_each_trust(rated_values(), [](const TrustRatings& t) {
    const TrustResult r = evaluate_trust(t, {});
    for (const auto* list : {&r.combined.what_if.up, &r.combined.what_if.down}) {
      for (const WhatIf& w : *list) {
        TrustRatings changed = t;
        for (const Change& c : w.changes) changed.set(c.question(), c.to);
        EXPECT_EQ(aggregate(changed.combined_counts(), combined_2018_rules()).rating, w.result);
        EXPECT_NE(w.result, r.combined.aggregate.rating);
      }
    }
  });
}

TEST(WhatIf, NothingAboveOutstandingOrBelowInadequate) {
  const TrustResult best = evaluate_trust(trust(O, O, O, O, O, O), {});
  EXPECT_TRUE(best.combined.what_if.up.empty());
  const TrustResult worst = evaluate_trust(trust(I, I, I, I, I, I), {});
  EXPECT_TRUE(worst.combined.what_if.down.empty());
}

TEST(Wording, AThresholdOfOneIsNotCalledARule) {
  // Three not rated leave three rated ratings, where one requires improvement is enough.
  const TrustResult r = evaluate_trust(trust(RI, G, G, NR, NR, NR), {});
  EXPECT_EQ(summarise(r.quality, kQualitySubject),
            "The quality rating is requires improvement: 1 of the 3 quality ratings is requires "
            "improvement, and 1 or more limit it to requires improvement.");
}

TEST(Wording, TheRuleOfTwoAndTheRuleOfThreeInWordsABoardMemberReads) {
  TrustOptions options;
  const TrustResult r = evaluate_trust(trust(RI, G, G, RI, G, G), options);
  const std::string quality = summarise(r.quality, kQualitySubject);
  EXPECT_EQ(quality,
            "The quality rating is requires improvement: 2 of the 5 quality ratings are requires "
            "improvement, and 2 or more limit it to requires improvement (the rule of two).");
  const std::string combined = summarise(r.combined.aggregate, kCombinedSubject);
  EXPECT_EQ(combined,
            "The combined rating is good: no principle limits it. 2 of the 6 ratings are requires "
            "improvement, and the combined rating is limited only at 3 or more (the rule of three).");
  EXPECT_EQ(describe_rule_of_two(r.combined, options),
            "Under the rule of two used for the quality rating, the combined rating would be "
            "requires improvement, because 2 of the 6 ratings are requires improvement. The "
            "combined rating is limited only at 3 or more (the rule of three), so it is good.");
  const PrincipleCheck* ri = r.combined.aggregate.explanation.check(Principle::RequiresImprovementLimiter);
  EXPECT_EQ(describe(*ri, r.combined.aggregate.explanation, kCombinedSubject),
            "2 of the 6 ratings are requires improvement; the combined rating is limited only at "
            "3 or more, so this limiter does not apply.");
}

TEST(Wording, WhatIfSentence) {
  auto change = [](Question q, Rating from, Rating to) { return Change{static_cast<NodeIndex>(q), from, to}; };
  const WhatIf w{{change(Question::Safe, RI, G)}, G};
  EXPECT_EQ(describe(w, kCombinedSubject), "If Safe were good, the combined rating would be good.");
  const WhatIf two{{change(Question::WellLed, NR, G), change(Question::UseOfResources, G, O)}, O};
  EXPECT_EQ(describe(two, kQualitySubject),
            "If Well-led were rated good and Use of resources were outstanding, the quality rating "
            "would be outstanding.");
}

TEST(Wording, OutstandingBlockedByOneRequiresImprovement) {
  const TrustResult r = evaluate_trust(trust(O, O, O, O, O, RI), {});
  EXPECT_EQ(summarise(r.combined.aggregate, kCombinedSubject),
            "The combined rating is good: no principle limits it. 1 of the 6 ratings is requires "
            "improvement, and the combined rating is limited only at 3 or more (the rule of three). "
            "It is not outstanding: 5 of the 6 ratings are outstanding, but 1 is requires improvement or "
            "inadequate, and "
            "outstanding needs every other rating to be good.");
}

}  // namespace
}  // namespace cqc::test
