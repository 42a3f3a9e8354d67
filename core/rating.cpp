#include "rating.hpp"

namespace cqc {
namespace {

struct RatingNames {
  Rating rating;
  std::string_view token, label, phrase;
};
constexpr RatingNames kRatingNames[] = {
    {Rating::Outstanding, "outstanding", "Outstanding", "outstanding"},
    {Rating::Good, "good", "Good", "good"},
    {Rating::RequiresImprovement, "requires_improvement", "Requires improvement",
     "requires improvement"},
    {Rating::Inadequate, "inadequate", "Inadequate", "inadequate"},
    {Rating::NotRated, "not_rated", "Not rated", "not rated"},
};

struct QuestionNames {
  Question question;
  std::string_view token, label;
};
constexpr QuestionNames kQuestionNames[] = {
    {Question::Safe, "safe", "Safe"},
    {Question::Effective, "effective", "Effective"},
    {Question::Caring, "caring", "Caring"},
    {Question::Responsive, "responsive", "Responsive"},
    {Question::WellLed, "well_led", "Well-led"},
    {Question::UseOfResources, "use_of_resources", "Use of resources"},
};

// Folds a written rating to its token form: lower case, and any run of
// spaces, hyphens or underscores becomes one underscore. Anything longer than
// the longest label cannot match, so it is cut short early.
std::string normalise(std::string_view text) {
  std::string out;
  bool pending_separator = false;
  for (char c : text) {
    if (out.size() > 32) break;
    if (c == ' ' || c == '-' || c == '_' || c == '\t') {
      pending_separator = !out.empty();
      continue;
    }
    if (pending_separator) out.push_back('_');
    pending_separator = false;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace

std::string_view token(Rating rating) { return kRatingNames[static_cast<int>(rating)].token; }
std::string_view label(Rating rating) { return kRatingNames[static_cast<int>(rating)].label; }
std::string_view phrase(Rating rating) { return kRatingNames[static_cast<int>(rating)].phrase; }

std::optional<Rating> parse_rating(std::string_view text) {
  const std::string folded = normalise(text);
  for (const auto& names : kRatingNames) {
    if (folded == names.token) return names.rating;
  }
  // CQC also publishes "Inspected but not rated".
  if (folded == "inspected_but_not_rated") return Rating::NotRated;
  return std::nullopt;
}

std::string_view token(Question question) {
  return kQuestionNames[static_cast<int>(question)].token;
}
std::string_view label(Question question) {
  return kQuestionNames[static_cast<int>(question)].label;
}

std::optional<Question> parse_question(std::string_view text) {
  for (const auto& names : kQuestionNames) {
    if (text == names.token) return names.question;
  }
  return std::nullopt;
}

}  // namespace cqc
