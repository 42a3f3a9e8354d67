// evaluate_trust(): the three trust-level results CQC publishes for a
// non-specialist acute trust (spec sections 3 to 5) from its six ratings, in
// the flat six-question terms the calculator's contract speaks. It is a view:
// the rating model's trust_model() (model.hpp) decides every rating,
// explanation and what-if, and trust.cpp reads its nodes back.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aggregate.hpp"
#include "rating.hpp"
#include "rule_set.hpp"

namespace cqc {

// A calendar date without time zone, enough to compare assessment dates.
struct CalendarDate {
  int year = 1970, month = 1, day = 1;

  // Strict ISO 8601 "YYYY-MM-DD" of a real date (leap years included).
  static std::optional<CalendarDate> parse(std::string_view iso);
  std::string iso() const;
  bool operator<(const CalendarDate& o) const {
    return year != o.year ? year < o.year : month != o.month ? month < o.month : day < o.day;
  }
};

// From this date every UoR assessment gives a combined rating; assessments
// before it gave a "shadow" UoR rating and no combined rating (section 5).
inline constexpr CalendarDate kCombinedRatingsStart{2018, 3, 5};

struct TrustRatings {
  std::array<Rating, kQuestionCount> by_question{};  // indexed by Question

  Rating of(Question q) const { return by_question[static_cast<int>(q)]; }
  void set(Question q, Rating r) { by_question[static_cast<int>(q)] = r; }
  RatingCounts quality_counts() const;   // the five quality questions
  RatingCounts combined_counts() const;  // all six
};

// A final rating recorded by professional judgement, shown beside the
// rules-based rating and never in its place (section 4).
struct Judgement {
  Rating rating = Rating::NotRated;
  std::string rationale;
};

struct TrustOptions {
  std::optional<CalendarDate> uor_assessed_on;
  std::optional<Judgement> quality_judgement;
  std::optional<Judgement> combined_judgement;
  RuleSet quality_rules = standard_rules();
  RuleSet combined_rules = combined_2018_rules();
};

// A node of a rating model (model.hpp). trust_model()'s first six nodes are
// the six questions, each at its Question's index.
using NodeIndex = int;

// One input's rating changed, for "what would change it" (the rating model's
// what-ifs; in the six-rating view the input is a question).
struct Change {
  NodeIndex node;
  Rating from, to;
  Question question() const { return static_cast<Question>(node); }  // in the six-rating view
};

// A set of changes (one, else two) and the rating they would lead to.
struct WhatIf {
  std::vector<Change> changes;
  Rating result;
};

struct WhatIfs {
  std::vector<WhatIf> up;    // smallest changes that give a better rating
  std::vector<WhatIf> down;  // smallest changes that give a worse rating
};

enum class NoCombinedReason { None, UseOfResourcesNotRated, ShadowAssessment, QualityNotRated };
std::string_view token(NoCombinedReason reason);

struct CombinedResult {
  NoCombinedReason no_rating_reason = NoCombinedReason::None;
  Aggregate aggregate;     // meaningful only when awarded()
  // The same six ratings under the quality rule set: what the standard rule
  // of two would have given, so the 2018 change is visible.
  Aggregate under_quality_rules;
  WhatIfs what_if;

  bool awarded() const { return no_rating_reason == NoCombinedReason::None; }
};

struct TrustResult {
  TrustRatings ratings;
  Aggregate quality;
  WhatIfs quality_what_if;
  CombinedResult combined;
};

TrustResult evaluate_trust(const TrustRatings& ratings, const TrustOptions& options);

// The two ratings alone, without explanations: the fast path for enumerating
// every combination. Combined is NotRated when no combined rating is awarded.
struct TrustOutcome {
  Rating quality = Rating::NotRated;
  Rating combined = Rating::NotRated;
};
TrustOutcome rate_trust(const TrustRatings& ratings, const TrustOptions& options);

// The combined rating after a rule set's quality-first cap, if it has one.
Rating cap_by_quality(Rating combined, Rating quality, const RuleSet& combined_rules);
// The same cap as a principle in an explanation: checked, and deciding the
// rating when it lowers it (a rule set without a cap adds nothing).
void apply_quality_cap(Aggregate& aggregate, Rating quality, const RuleSet& rules);

}  // namespace cqc
