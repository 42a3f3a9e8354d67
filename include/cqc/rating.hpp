// The vocabulary of CQC ratings: the four ratings plus "not rated", and the six
// trust-level questions. Tokens are the machine names used in JSON and URLs;
// labels are what people read.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace cqc {

// Ordered best to worst, so a smaller value is a better rating. NotRated is
// last and is never compared with the others: it is left out of every count.
enum class Rating { Outstanding, Good, RequiresImprovement, Inadequate, NotRated };

inline constexpr std::array<Rating, 4> kRatedValues = {
    Rating::Outstanding, Rating::Good, Rating::RequiresImprovement, Rating::Inadequate};
inline constexpr std::array<Rating, 5> kAllRatings = {
    Rating::Outstanding, Rating::Good, Rating::RequiresImprovement, Rating::Inadequate,
    Rating::NotRated};

// "outstanding", "good", "requires_improvement", "inadequate", "not_rated".
std::string_view token(Rating rating);
// "Outstanding", "Good", "Requires improvement", "Inadequate", "Not rated".
std::string_view label(Rating rating);
// Lower case label for use inside a sentence: "requires improvement".
std::string_view phrase(Rating rating);

// Accepts the tokens and the labels people write, case-insensitively, with
// spaces, hyphens or underscores between words ("Requires improvement",
// "requires-improvement", "GOOD"). Returns nothing for anything else.
std::optional<Rating> parse_rating(std::string_view text);

inline bool is_rated(Rating rating) { return rating != Rating::NotRated; }
// True when a is a strictly better rating than b (both rated).
inline bool better(Rating a, Rating b) { return static_cast<int>(a) < static_cast<int>(b); }

// The six trust-level questions of a non-specialist acute trust, in CQC's order.
enum class Question { Safe, Effective, Caring, Responsive, WellLed, UseOfResources };

inline constexpr std::size_t kQuestionCount = 6;
inline constexpr std::size_t kQualityQuestionCount = 5;
inline constexpr std::array<Question, kQuestionCount> kQuestions = {
    Question::Safe,       Question::Effective, Question::Caring,
    Question::Responsive, Question::WellLed,   Question::UseOfResources};

// "safe", "effective", "caring", "responsive", "well_led", "use_of_resources".
std::string_view token(Question question);
// "Safe", "Effective", "Caring", "Responsive", "Well-led", "Use of resources".
std::string_view label(Question question);
std::optional<Question> parse_question(std::string_view token);

}  // namespace cqc
