// Helpers shared by the test files: short rating names and enumeration.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "rating.hpp"
#include "trust.hpp"

namespace cqc::test {

constexpr Rating O = Rating::Outstanding, G = Rating::Good, RI = Rating::RequiresImprovement,
                 I = Rating::Inadequate, NR = Rating::NotRated;

inline TrustRatings trust(Rating safe, Rating effective, Rating caring, Rating responsive,
                          Rating well_led, Rating uor) {
  return TrustRatings{{safe, effective, caring, responsive, well_led, uor}};
}

inline std::vector<Rating> quality_of(const TrustRatings& t) {
  return {t.by_question.begin(), t.by_question.begin() + 5};
}
inline std::vector<Rating> all_of(const TrustRatings& t) {
  return {t.by_question.begin(), t.by_question.end()};
}

// Calls visit for every combination of six ratings drawn from `values`
// (4^6 = 4 096 fully rated, 5^6 = 15 625 with not rated).
inline void for_each_trust(const std::vector<Rating>& values,
                           const std::function<void(const TrustRatings&)>& visit) {
  const std::size_t k = values.size();
  std::size_t total = 1;
  for (int i = 0; i < 6; ++i) total *= k;
  for (std::size_t code = 0; code < total; ++code) {
    TrustRatings t;
    std::size_t rest = code;
    for (int q = 0; q < 6; ++q) {
      t.by_question[q] = values[rest % k];
      rest /= k;
    }
    visit(t);
  }
}

inline const std::vector<Rating>& rated_values() {
  static const std::vector<Rating> v{O, G, RI, I};
  return v;
}
inline const std::vector<Rating>& all_values() {
  static const std::vector<Rating> v{O, G, RI, I, NR};
  return v;
}

// The contract's JSON request for six ratings.
inline std::string request_json(const TrustRatings& t) {
  std::string json = "{";
  for (Question q : kQuestions) {
    if (q != kQuestions.front()) json += ",";
    json += "\"" + std::string(token(q)) + "\":\"" + std::string(token(t.of(q))) + "\"";
  }
  return json + "}";
}

}  // namespace cqc::test
