#include "text_report.hpp"

#include "contract.hpp"
#include "wording.hpp"

namespace cqc::cli {
namespace {

void explain(std::string& out, const Aggregate& aggregate, const RuleSet& rules,
             const WhatIfs& what_if, const std::optional<Judgement>& judgement, Subject subject) {
  out += "  " + summarise(aggregate, subject) + "\n";
  out += "  The principles, in order (rule set \"" + rules.name + "\"):\n";
  for (const PrincipleCheck& check : aggregate.explanation.checks) {
    out += std::string(check.decided ? "  > " : "    ") + std::string(label(check.principle)) +
           ": " + describe(check, aggregate.explanation, subject) + "\n";
  }
  auto list = [&](const char* heading, const std::vector<WhatIf>& items, const char* none) {
    out += std::string("  ") + heading + "\n";
    if (items.empty()) out += std::string("    ") + none + "\n";
    for (const WhatIf& w : items) out += "    - " + describe(w, subject) + "\n";
  };
  list("What would raise it:", what_if.up, "No change of one or two ratings would raise it.");
  list("What would lower it:", what_if.down, "No change of one or two ratings would lower it.");
  // The rationale is the user's text: quoted and escaped as a JSON string, so
  // that a line break in it cannot start a line that looks like a result.
  if (judgement) out += "  " + describe(*judgement, aggregate.rating, subject) + "\n    Rationale (as written): " +
                        contract::dump(contract::Json(judgement->rationale)) + "\n";
}

}  // namespace

std::string text_report(const TrustResult& result, const TrustOptions& options) {
  std::string out = "Ratings:";
  for (Question q : kQuestions) {
    out += std::string(q == kQuestions.front() ? " " : ", ") + std::string(label(q)) + " " +
           std::string(phrase(result.ratings.of(q)));
  }
  out += "\n\nQuality rating: " + std::string(label(result.quality.rating)) + "\n";
  explain(out, result.quality, options.quality_rules, result.quality_what_if,
          options.quality_judgement, kQualitySubject);

  out += "\nUse of resources: " + std::string(label(result.ratings.of(Question::UseOfResources))) +
         (options.uor_assessed_on ? " (assessed " + options.uor_assessed_on->iso() + ")" : "") + "\n";

  const CombinedResult& combined = result.combined;
  if (!combined.awarded()) {
    out += "\nCombined rating: none\n  " +
           describe_no_combined(combined.no_rating_reason, options.uor_assessed_on) + "\n";
    return out;
  }
  out += "\nCombined rating: " + std::string(label(combined.aggregate.rating)) + "\n";
  explain(out, combined.aggregate, options.combined_rules, combined.what_if,
          options.combined_judgement, kCombinedSubject);
  out += "  " + describe_rule_of_two(combined, options) + "\n";
  return out;
}

}  // namespace cqc::cli
