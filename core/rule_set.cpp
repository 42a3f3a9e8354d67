#include "rule_set.hpp"

#include <algorithm>

namespace cqc {

const Band& RuleSet::band_for(int rated) const {
  const Band* chosen = &bands.front();
  for (const Band& band : bands) {
    if (band.min_rated <= rated) chosen = &band;
  }
  return *chosen;
}

std::vector<RuleSetProblem> validate(const RuleSet& rules) {
  std::vector<RuleSetProblem> problems;
  auto add = [&](std::string field, std::string message) {
    problems.push_back({std::move(field), std::move(message)});
  };
  // A name is a machine name: it becomes a CSV column suffix, a JSON key and
  // a line of `compare` output, so it may not hold separators or line breaks.
  const bool name_ok = std::all_of(rules.name.begin(), rules.name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
  if (rules.name.empty() || rules.name.size() > kMaxNameLength || !name_ok) {
    add("name", "must be 1 to " + std::to_string(kMaxNameLength) +
                    " characters, each a letter (a-z, A-Z), a digit, \"_\", \"-\" or \".\"");
  }
  // A title is for people and may say anything on one line.
  const bool title_ok = std::none_of(rules.title.begin(), rules.title.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (rules.title.size() > kMaxTitleLength || !title_ok) {
    add("title", "must be one line of at most " + std::to_string(kMaxTitleLength) +
                     " characters, without line breaks, tabs or other control characters");
  }
  if (rules.bands.empty() || rules.bands.size() > static_cast<std::size_t>(kMaxBands)) {
    add("bands", "must list 1 to " + std::to_string(kMaxBands) + " bands");
    return problems;
  }
  if (rules.bands.front().min_rated != 1) {
    add("bands[0].min_rated", "must be 1, so that every number of ratings has a band");
  }
  for (std::size_t i = 0; i < rules.bands.size(); ++i) {
    const Band& band = rules.bands[i];
    const std::string at = "bands[" + std::to_string(i) + "].";
    if (band.min_rated < 1 || band.min_rated > kMaxThreshold) {
      add(at + "min_rated", "must be a whole number from 1 to " + std::to_string(kMaxThreshold));
    } else if (i > 0 && band.min_rated <= rules.bands[i - 1].min_rated) {
      add(at + "min_rated", "must be greater than the previous band's min_rated (" +
                                std::to_string(rules.bands[i - 1].min_rated) + ")");
    }
    const std::pair<const char*, int> thresholds[] = {
        {"inadequate", band.inadequate},
        {"requires_improvement", band.requires_improvement},
        {"outstanding", band.outstanding}};
    for (const auto& [field, value] : thresholds) {
      if (value < 1 || value > kMaxThreshold) {
        add(at + field, "must be a whole number from 1 to " + std::to_string(kMaxThreshold));
      }
    }
  }
  if (rules.max_steps_above_quality &&
      (*rules.max_steps_above_quality < 0 || *rules.max_steps_above_quality > kMaxStepsAboveQuality)) {
    add("max_steps_above_quality",
        "must be null (no limit) or a whole number from 0 to " + std::to_string(kMaxStepsAboveQuality));
  }
  return problems;
}

// The rules as data. Section references are to ratings-principles.md.
const RuleSet& standard_rules() {
  static const RuleSet rules{
      "standard",
      "CQC standard aggregation principles (rule of two for 4 to 8 ratings)",
      {
          // N 1-3: X = 1.  N 4-8: X = 2.  N 9+: X = 3.  (section 2 table)
          {1, 1, 1, 1},
          {4, 2, 2, 2},
          {9, 3, 3, 3},
      },
      true,
      true,
      std::nullopt};  // no quality-first cap
  return rules;
}

const RuleSet& combined_2018_rules() {
  static const RuleSet rules{
      "combined_2018",
      "2018 combined rating: three (not two) requires improvement ratings limit it",
      {
          {1, 1, 1, 1},
          // Section 3: "at least three of the underlying ratings are requires
          // improvement". Applied to the whole 4-8 band, as CQC words it, so a
          // trust with a not-rated question is still judged by the rule of three.
          {4, 2, 3, 2},
          {9, 3, 3, 3},
      },
      true,
      true,
      std::nullopt};  // no quality-first cap
  return rules;
}

const RuleSet& quality_first_rules() {
  static const RuleSet rules = [] {
    RuleSet r = combined_2018_rules();
    r.name = "quality_first";
    // A cap of one step would change nothing: under these principles the
    // combined rating is never more than one step above the quality rating
    // (tests/explore_test.cpp proves it over every combination).
    r.title = "Quality first: the 2018 rules, but never better than the quality rating";
    r.max_steps_above_quality = 0;
    return r;
  }();
  return rules;
}

const std::vector<const RuleSet*>& builtin_rule_sets() {
  static const std::vector<const RuleSet*> all = {&standard_rules(), &combined_2018_rules(),
                                                  &quality_first_rules()};
  return all;
}

const RuleSet* find_builtin(const std::string& name) {
  for (const RuleSet* rules : builtin_rule_sets()) {
    if (rules->name == name) return rules;
  }
  return nullptr;
}

}  // namespace cqc
