// Properties over every input: all 4 096 fully rated trusts and all 15 625
// with not-rated values.
#include <algorithm>
#include <gtest/gtest.h>

#include "oracle.hpp"
#include "test_support.hpp"

namespace cqc::test {
namespace {

// Ranks results so "better" is a smaller number; not rated sorts after all.
int rank(Rating r) { return static_cast<int>(r); }

TEST(Properties, EveryFullyRatedTrustMatchesTheIndependentOracle) {
  int checked = 0;
  for_each_trust(rated_values(), [&](const TrustRatings& t) {
    const TrustResult r = evaluate_trust(t, {});
    ASSERT_EQ(r.quality.rating, oracle_rating(quality_of(t), false)) << request_json(t);
    ASSERT_TRUE(r.combined.awarded());
    ASSERT_EQ(r.combined.aggregate.rating, oracle_rating(all_of(t), true)) << request_json(t);
    ASSERT_EQ(r.combined.under_quality_rules.rating, oracle_rating(all_of(t), false));
    ++checked;
  });
  EXPECT_EQ(checked, 4096);
}

TEST(Properties, EveryTrustWithNotRatedValuesMatchesTheOracle) {
  int checked = 0;
  for_each_trust(all_values(), [&](const TrustRatings& t) {
    const TrustResult r = evaluate_trust(t, {});
    ASSERT_EQ(r.quality.rating, oracle_rating(quality_of(t), false)) << request_json(t);
    const bool expect_combined = is_rated(t.of(Question::UseOfResources)) && is_rated(r.quality.rating);
    ASSERT_EQ(r.combined.awarded(), expect_combined) << request_json(t);
    if (expect_combined) {
      ASSERT_EQ(r.combined.aggregate.rating, oracle_rating(all_of(t), true)) << request_json(t);
    }
    ++checked;
  });
  EXPECT_EQ(checked, 15625);
}

TEST(Properties, ImprovingAnyOneRatingNeverLowersAResult) {
  for_each_trust(rated_values(), [](const TrustRatings& t) {
    const TrustResult before = evaluate_trust(t, {});
    for (Question q : kQuestions) {
      if (t.of(q) == O) continue;
      TrustRatings better_one = t;
      better_one.set(q, static_cast<Rating>(static_cast<int>(t.of(q)) - 1));
      const TrustResult after = evaluate_trust(better_one, {});
      ASSERT_LE(rank(after.quality.rating), rank(before.quality.rating)) << request_json(t);
      ASSERT_LE(rank(after.combined.aggregate.rating), rank(before.combined.aggregate.rating))
          << request_json(t);
    }
  });
}

TEST(Properties, TheOrderOfTheQuestionsNeverMatters) {
  for_each_trust(all_values(), [](const TrustRatings& t) {
    const TrustResult base = evaluate_trust(t, {});
    // Reverse the five quality questions, and rotate all six.
    TrustRatings reversed = t;
    std::reverse(reversed.by_question.begin(), reversed.by_question.begin() + 5);
    ASSERT_EQ(evaluate_trust(reversed, {}).quality.rating, base.quality.rating);
    TrustRatings rotated = t;
    std::rotate(rotated.by_question.begin(), rotated.by_question.begin() + 1, rotated.by_question.end());
    const std::vector<Rating> six = all_of(rotated);
    ASSERT_EQ(aggregate(six, combined_2018_rules()).rating,
              aggregate(t.combined_counts(), combined_2018_rules()).rating);
  });
}

TEST(Properties, RuleOfThreeIsNeverWorseThanRuleOfTwo) {
  for_each_trust(all_values(), [](const TrustRatings& t) {
    const TrustResult r = evaluate_trust(t, {});
    if (!r.combined.awarded()) return;
    ASSERT_LE(rank(r.combined.aggregate.rating), rank(r.combined.under_quality_rules.rating))
        << request_json(t);
  });
}

TEST(Properties, AnAggregateOfSixtyFourMatchesTheOracle) {
  // Large N exercises the open-ended 9+ band.
  for (int ri = 0; ri <= 4; ++ri) {
    for (int i = 0; i <= 4; ++i) {
      for (int o = 0; o <= 4; ++o) {
        std::vector<Rating> many(64 - ri - i - o, G);
        many.insert(many.end(), ri, RI);
        many.insert(many.end(), i, I);
        many.insert(many.end(), o, O);
        ASSERT_EQ(aggregate(many, standard_rules()).rating, oracle_rating(many, false));
      }
    }
  }
}

}  // namespace
}  // namespace cqc::test
