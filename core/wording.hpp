// Plain-English sentences for explanations, written once here so that the
// CLI, the JSON contract and the page all say the same thing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aggregate.hpp"
#include "trust.hpp"

namespace cqc {

// What is being aggregated, for use inside sentences.
struct Subject {
  std::string_view name;     // "the combined rating"
  std::string_view ratings;  // "ratings", "quality ratings"
};
inline constexpr Subject kQualitySubject{"the quality rating", "quality ratings"};
inline constexpr Subject kCombinedSubject{"the combined rating", "ratings"};
inline constexpr Subject kGenericSubject{"the aggregate rating", "ratings"};

// One sentence on whether a principle applied and why, with the counts.
std::string describe(const PrincipleCheck& check, const Explanation& explanation, Subject subject);
// The headline: the rating and the principle that decided it.
std::string summarise(const Aggregate& aggregate, Subject subject);
// "If Safe were good, the combined rating would be good."
std::string describe(const WhatIf& what_if, Subject subject);
// What the quality rule set (the rule of two) would have given for the six.
std::string describe_rule_of_two(const CombinedResult& combined, const TrustOptions& options);
// Why no combined rating is awarded.
std::string describe_no_combined(NoCombinedReason reason,
                                 const std::optional<CalendarDate>& assessed_on);
// A recorded professional judgement beside the rules-based rating.
std::string describe(const Judgement& judgement, Rating rules_based, Subject subject);

// "one" ... "twelve", else digits: for "the rule of two".
std::string number_word(int n);

}  // namespace cqc
