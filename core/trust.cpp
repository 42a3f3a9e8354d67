#include "trust.hpp"

#include <cstdio>

namespace cqc {

std::optional<CalendarDate> CalendarDate::parse(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t count) -> int {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return -1;
      value = value * 10 + (iso[i] - '0');
    }
    return value;
  };
  const int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1) return std::nullopt;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int month_days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > month_days[month - 1]) return std::nullopt;
  return CalendarDate{year, month, day};
}

std::string CalendarDate::iso() const {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

std::string_view token(NoCombinedReason reason) {
  switch (reason) {
    case NoCombinedReason::None: return "";
    case NoCombinedReason::UseOfResourcesNotRated: return "use_of_resources_not_rated";
    case NoCombinedReason::ShadowAssessment: return "shadow_assessment";
    case NoCombinedReason::QualityNotRated: return "quality_not_rated";
  }
  return "";
}

const std::vector<Question>& quality_questions() {
  static const std::vector<Question> questions(kQuestions.begin(),
                                               kQuestions.begin() + kQualityQuestionCount);
  return questions;
}

const std::vector<Question>& all_questions() {
  static const std::vector<Question> questions(kQuestions.begin(), kQuestions.end());
  return questions;
}

namespace {

RatingCounts counts_of(const TrustRatings& ratings, const std::vector<Question>& questions) {
  RatingCounts counts;
  for (Question q : questions) counts.add(ratings.of(q));
  return counts;
}

}  // namespace

RatingCounts TrustRatings::quality_counts() const { return counts_of(*this, quality_questions()); }
RatingCounts TrustRatings::combined_counts() const { return counts_of(*this, all_questions()); }

NoCombinedReason no_combined_reason(const TrustRatings& ratings, const TrustOptions& options,
                                    Rating quality) {
  if (!is_rated(ratings.of(Question::UseOfResources))) return NoCombinedReason::UseOfResourcesNotRated;
  if (options.uor_assessed_on && *options.uor_assessed_on < kCombinedRatingsStart) {
    return NoCombinedReason::ShadowAssessment;
  }
  if (!is_rated(quality)) return NoCombinedReason::QualityNotRated;
  return NoCombinedReason::None;
}

Rating cap_by_quality(Rating combined, Rating quality, const RuleSet& combined_rules) {
  if (!combined_rules.max_steps_above_quality || !is_rated(combined) || !is_rated(quality)) return combined;
  const int best_allowed = static_cast<int>(quality) - *combined_rules.max_steps_above_quality;  // smaller is better
  return static_cast<int>(combined) < best_allowed ? static_cast<Rating>(best_allowed) : combined;
}

TrustOutcome rate_trust(const TrustRatings& ratings, const TrustOptions& options) {
  TrustOutcome outcome;
  outcome.quality = aggregate_rating(ratings.quality_counts(), options.quality_rules);
  if (no_combined_reason(ratings, options, outcome.quality) == NoCombinedReason::None) {
    outcome.combined = cap_by_quality(aggregate_rating(ratings.combined_counts(), options.combined_rules),
                                      outcome.quality, options.combined_rules);
  }
  return outcome;
}

// Adds the quality-first check to a combined explanation, deciding the
// rating when it lowers it.
void apply_quality_cap(Aggregate& combined, Rating quality, const RuleSet& rules) {
  if (!rules.max_steps_above_quality) return;
  const Rating capped = cap_by_quality(combined.rating, quality, rules);
  PrincipleCheck check{Principle::QualityCap, true, capped != combined.rating, false, 0,
                       *rules.max_steps_above_quality, 0, quality};
  if (check.applies) {
    for (PrincipleCheck& c : combined.explanation.checks) c.decided = false;
    check.decided = true;
    combined.explanation.decided_by = Principle::QualityCap;
    combined.rating = capped;
  }
  combined.explanation.checks.push_back(check);
}

TrustResult evaluate_trust(const TrustRatings& ratings, const TrustOptions& options) {
  TrustResult result;
  result.ratings = ratings;
  result.quality = aggregate(ratings.quality_counts(), options.quality_rules);
  result.quality_what_if = what_would_change(ratings, quality_questions(), [&](const TrustRatings& t) {
    return aggregate_rating(t.quality_counts(), options.quality_rules);
  });

  CombinedResult& combined = result.combined;
  combined.no_rating_reason = no_combined_reason(ratings, options, result.quality.rating);
  if (combined.awarded()) {
    const RatingCounts counts = ratings.combined_counts();
    combined.aggregate = aggregate(counts, options.combined_rules);
    apply_quality_cap(combined.aggregate, result.quality.rating, options.combined_rules);
    combined.under_quality_rules = aggregate(counts, options.quality_rules);
    combined.what_if = what_would_change(ratings, all_questions(), [&](const TrustRatings& t) {
      return rate_trust(t, options).combined;
    });
  }
  return result;
}

}  // namespace cqc
