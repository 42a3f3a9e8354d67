#include "aggregate.hpp"

namespace cqc {

RatingCounts RatingCounts::of_ratings(const std::vector<Rating>& ratings) {
  RatingCounts counts;
  for (Rating rating : ratings) counts.add(rating);
  return counts;
}

std::string_view token(Principle principle) {
  switch (principle) {
    case Principle::NothingRated: return "nothing_rated";
    case Principle::Inadequate: return "inadequate";
    case Principle::InadequateLimiter: return "inadequate_limiter";
    case Principle::RequiresImprovementLimiter: return "requires_improvement_limiter";
    case Principle::Outstanding: return "outstanding";
    case Principle::Good: return "good";
    case Principle::QualityCap: return "quality_cap";
  }
  return "";
}

std::string_view label(Principle principle) {
  switch (principle) {
    case Principle::NothingRated: return "Nothing rated";
    case Principle::Inadequate: return "Inadequate";
    case Principle::InadequateLimiter: return "Limiter: an inadequate rating";
    case Principle::RequiresImprovementLimiter: return "Limiter: requires improvement";
    case Principle::Outstanding: return "Outstanding";
    case Principle::Good: return "Otherwise good";
    case Principle::QualityCap: return "Limiter: quality first";
  }
  return "";
}

const PrincipleCheck* Explanation::check(Principle principle) const {
  for (const PrincipleCheck& c : checks) {
    if (c.principle == principle) return &c;
  }
  return nullptr;
}

namespace {

// Each principle's condition, written once and shared by aggregate() and
// aggregate_rating() so the fast path cannot drift from the explained one.
struct Conditions {
  int inadequate, requires_improvement, outstanding, blocking;
  bool inadequate_applies, inadequate_limiter_applies, ri_limiter_applies, outstanding_applies;
};

Conditions conditions(const RatingCounts& counts, const RuleSet& rules, const Band& band) {
  Conditions c{};
  c.inadequate = counts.of(Rating::Inadequate);
  c.requires_improvement = counts.of(Rating::RequiresImprovement);
  c.outstanding = counts.of(Rating::Outstanding);
  c.blocking = c.inadequate + c.requires_improvement;
  c.inadequate_applies = c.inadequate >= band.inadequate;
  c.inadequate_limiter_applies = rules.single_inadequate_limits && c.inadequate >= 1;
  c.ri_limiter_applies = c.requires_improvement >= band.requires_improvement;
  c.outstanding_applies =
      c.outstanding >= band.outstanding && (!rules.outstanding_needs_rest_good || c.blocking == 0);
  return c;
}

}  // namespace

Rating aggregate_rating(const RatingCounts& counts, const RuleSet& rules) {
  if (counts.rated() == 0) return Rating::NotRated;
  const Conditions c = conditions(counts, rules, rules.band_for(counts.rated()));
  if (c.inadequate_applies) return Rating::Inadequate;
  if (c.inadequate_limiter_applies || c.ri_limiter_applies) return Rating::RequiresImprovement;
  if (c.outstanding_applies) return Rating::Outstanding;
  return Rating::Good;
}

Aggregate aggregate(const RatingCounts& counts, const RuleSet& rules) {
  Aggregate result;
  Explanation& explanation = result.explanation;
  explanation.counts = counts;
  explanation.outstanding_needs_rest_good = rules.outstanding_needs_rest_good;
  if (counts.rated() == 0) {
    explanation.band = rules.bands.front();
    explanation.checks.push_back({Principle::NothingRated, true, true, true, 0, 0, 0, Rating::NotRated});
    explanation.decided_by = Principle::NothingRated;
    return result;
  }
  explanation.band = rules.band_for(counts.rated());
  const Band& band = explanation.band;
  const Conditions c = conditions(counts, rules, band);

  explanation.checks = {
      {Principle::Inadequate, true, c.inadequate_applies, false, c.inadequate, band.inadequate, 0},
      {Principle::InadequateLimiter, rules.single_inadequate_limits, c.inadequate_limiter_applies,
       false, c.inadequate, 1, 0},
      {Principle::RequiresImprovementLimiter, true, c.ri_limiter_applies, false,
       c.requires_improvement, band.requires_improvement, 0},
      {Principle::Outstanding, true, c.outstanding_applies, false, c.outstanding, band.outstanding,
       rules.outstanding_needs_rest_good ? c.blocking : 0},
      // Good is the fallback: it applies only when nothing above does.
      {Principle::Good, true,
       !(c.inadequate_applies || c.inadequate_limiter_applies || c.ri_limiter_applies ||
         c.outstanding_applies),
       false, counts.of(Rating::Good), 0, 0},
  };
  const Rating outcome[] = {Rating::Inadequate, Rating::RequiresImprovement,
                            Rating::RequiresImprovement, Rating::Outstanding, Rating::Good};
  for (std::size_t i = 0; i < explanation.checks.size(); ++i) {
    PrincipleCheck& check = explanation.checks[i];
    if (check.applies) {
      check.decided = true;
      explanation.decided_by = check.principle;
      result.rating = outcome[i];
      break;
    }
  }
  return result;
}

Aggregate aggregate(const std::vector<Rating>& ratings, const RuleSet& rules) {
  return aggregate(RatingCounts::of_ratings(ratings), rules);
}

}  // namespace cqc
