// The six-rating calculator's flat view: evaluate_trust() and rate_trust()
// answer through the rating model (trust_model(), model.cpp), so the model is
// the one engine that decides; this file only reads its nodes back into the
// six questions' terms. Also the dates and the quality-first cap the model uses.
#include "trust.hpp"

#include <cstdio>

#include "model.hpp"

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

RatingCounts TrustRatings::quality_counts() const {
  RatingCounts counts;
  for (std::size_t q = 0; q < kQualityQuestionCount; ++q) counts.add(by_question[q]);
  return counts;
}

RatingCounts TrustRatings::combined_counts() const {
  RatingCounts counts;
  for (Rating r : by_question) counts.add(r);
  return counts;
}

Rating cap_by_quality(Rating combined, Rating quality, const RuleSet& combined_rules) {
  if (!combined_rules.max_steps_above_quality || !is_rated(combined) || !is_rated(quality)) return combined;
  const int best_allowed = static_cast<int>(quality) - *combined_rules.max_steps_above_quality;  // smaller is better
  return static_cast<int>(combined) < best_allowed ? static_cast<Rating>(best_allowed) : combined;
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

namespace {

// The combined node's gate names its failed condition by the reason's token.
NoCombinedReason reason_of(const NodeResult& combined) {
  for (NoCombinedReason reason : {NoCombinedReason::UseOfResourcesNotRated, NoCombinedReason::ShadowAssessment,
                                  NoCombinedReason::QualityNotRated}) {
    if (combined.not_awarded_reason == token(reason)) return reason;
  }
  return NoCombinedReason::None;
}

}  // namespace

TrustResult evaluate_trust(const TrustRatings& ratings, const TrustOptions& options) {
  const RatingModel& model = trust_model();
  const std::vector<NodeValue> values = trust_values(ratings, options);
  const RuleSetsByRole rules = trust_rule_sets(options);
  std::vector<NodeResult> nodes = evaluate(model, values, rules);

  TrustResult result;
  result.ratings = ratings;
  result.quality = std::move(*nodes[kTrustQualityNode].aggregate);
  result.quality_what_if = what_would_change(model, values, rules, kTrustQualityNode);

  CombinedResult& combined = result.combined;
  NodeResult& node = nodes[kTrustCombinedNode];
  if (!node.awarded) {
    combined.no_rating_reason = reason_of(node);
    return result;
  }
  combined.aggregate = std::move(*node.aggregate);
  // Not a node: what the rule of two would have given the same six, so the 2018 change is visible.
  combined.under_quality_rules = aggregate(combined.aggregate.explanation.counts, options.quality_rules);
  combined.what_if = what_would_change(model, values, rules, kTrustCombinedNode);
  return result;
}

TrustOutcome rate_trust(const TrustRatings& ratings, const TrustOptions& options) {
  return TrustRater(options)(ratings);
}

}  // namespace cqc
