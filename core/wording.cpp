#include "wording.hpp"

namespace cqc {
namespace {

using std::to_string;

std::string capitalised(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// "2 of the 6 ratings are requires improvement" / "1 of the 6 ratings is ...".
std::string count_of(int n, int total, Subject subject, Rating rating) {
  return to_string(n) + " of the " + to_string(total) + " " + std::string(subject.ratings) +
         (n == 1 ? " is " : " are ") + std::string(phrase(rating));
}

std::string rule_of(int threshold) { return "the rule of " + number_word(threshold); }
// " (the rule of two)" after a threshold; nothing for a threshold of one,
// which no one calls a rule ("the rule of one" only confused readers).
std::string named_rule(int threshold) { return threshold == 1 ? "" : " (" + rule_of(threshold) + ")"; }

// How far a quality-first cap lets the combined rating rise above quality.
std::string steps_above(int steps) {
  return steps == 0 ? "no better than the quality rating"
                    : "at most " + to_string(steps) + (steps == 1 ? " step" : " steps") +
                          " above the quality rating";
}

std::string why_not_outstanding(const Explanation& e, const PrincipleCheck& check) {
  const int rated = e.counts.rated();
  if (check.count >= check.threshold && check.blocking > 0) {
    return count_of(check.count, rated, kGenericSubject, Rating::Outstanding) + ", but " +
           to_string(check.blocking) + (check.blocking == 1 ? " is" : " are") +
           " requires improvement or inadequate, and outstanding needs every other rating to be good";
  }
  return count_of(check.count, rated, kGenericSubject, Rating::Outstanding) + ", and it takes " +
         to_string(check.threshold) + " or more" +
         (e.outstanding_needs_rest_good ? ", with the rest good," : "") + " to be outstanding";
}

}  // namespace

std::string number_word(int n) {
  static const char* const words[] = {"zero", "one", "two",   "three", "four",   "five",  "six",
                                      "seven", "eight", "nine", "ten",  "eleven", "twelve"};
  return n >= 0 && n <= 12 ? words[n] : to_string(n);
}

std::string describe(const PrincipleCheck& check, const Explanation& e, Subject subject) {
  const int rated = e.counts.rated();
  const std::string name(subject.name);
  const std::string also =
      check.applies && !check.decided ? " This also holds, but an earlier principle decided." : "";
  switch (check.principle) {
    case Principle::NothingRated:
      return "None of the " + std::string(subject.ratings) +
             " is rated, so there is nothing to combine and " + name + " is not rated.";
    case Principle::Inadequate:
      return capitalised(count_of(check.count, rated, subject, Rating::Inadequate)) +
             (check.applies ? "; " + to_string(check.threshold) + " or more make " + name +
                                  " inadequate."
                            : "; it takes " + to_string(check.threshold) + " or more to make " +
                                  name + " inadequate, so this does not apply.") +
             also;
    case Principle::InadequateLimiter:
      if (!check.enabled) {
        return "This rule set does not limit " + name + " for a single inadequate rating.";
      }
      return check.applies ? capitalised(count_of(check.count, rated, subject, Rating::Inadequate)) +
                                 "; any inadequate rating limits " + name +
                                 " to requires improvement at best." + also
                           : "No rating is inadequate, so this limiter does not apply.";
    case Principle::RequiresImprovementLimiter:
      return capitalised(count_of(check.count, rated, subject, Rating::RequiresImprovement)) +
             (check.applies ? "; " + to_string(check.threshold) + " or more limit " + name +
                                  " to requires improvement" + named_rule(check.threshold) + "."
                            : "; " + name + " is limited only at " + to_string(check.threshold) +
                                  " or more, so this limiter does not apply.") +
             also;
    case Principle::Outstanding:
      if (check.applies) {
        return capitalised(count_of(check.count, rated, subject, Rating::Outstanding)) +
               (e.outstanding_needs_rest_good ? " and the rest are good" : "") + "; " +
               to_string(check.threshold) + " or more make " + name + " outstanding." + also;
      }
      return capitalised(why_not_outstanding(e, check)) + ", so this does not apply.";
    case Principle::Good:
      if (!check.applies) return "Good applies only when none of the principles above does.";
      return "None of the principles above applies, so " + name +
             (check.decided ? " is good." : " would be good, but for the limit below.");
    case Principle::QualityCap:
      return "The quality rating is " + std::string(phrase(check.quality)) + ", and this rule set lets " +
             name + " be " + steps_above(check.threshold) + (check.applies ? ", so it is lowered to " +
                                                std::string(phrase(static_cast<Rating>(
                                                    static_cast<int>(check.quality) - check.threshold))) + "."
                                          : "; this limit does not lower it.");
  }
  return "";
}

std::string summarise(const Aggregate& aggregate, Subject subject) {
  const Explanation& e = aggregate.explanation;
  const int rated = e.counts.rated();
  const std::string head =
      capitalised(subject.name) + " is " + std::string(phrase(aggregate.rating)) + ": ";
  const PrincipleCheck* check = e.check(e.decided_by);
  switch (e.decided_by) {
    case Principle::NothingRated:
      return capitalised(subject.name) + " is not rated: none of the " +
             std::string(subject.ratings) + " is rated.";
    case Principle::Inadequate:
      return head + count_of(check->count, rated, subject, Rating::Inadequate) + ", and " +
             to_string(check->threshold) + " or more make it inadequate.";
    case Principle::InadequateLimiter:
      return head + count_of(check->count, rated, subject, Rating::Inadequate) +
             ", and any inadequate rating limits it to requires improvement.";
    case Principle::RequiresImprovementLimiter:
      return head + count_of(check->count, rated, subject, Rating::RequiresImprovement) +
             ", and " + to_string(check->threshold) + " or more limit it to requires improvement" +
             named_rule(check->threshold) + ".";
    case Principle::Outstanding:
      return head + count_of(check->count, rated, subject, Rating::Outstanding) +
             (e.outstanding_needs_rest_good ? " and the rest are good." : ".");
    case Principle::QualityCap:
      return head + "the quality rating is " + std::string(phrase(check->quality)) +
             ", and this rule set lets it be " + steps_above(check->threshold) + ".";
    case Principle::Good: {
      std::string text = head + "no principle limits it.";
      const PrincipleCheck* ri = e.check(Principle::RequiresImprovementLimiter);
      if (ri->count > 0) {
        text += " " + capitalised(count_of(ri->count, rated, subject, Rating::RequiresImprovement)) +
                ", and " + std::string(subject.name) + " is limited only at " +
                to_string(ri->threshold) + " or more" + named_rule(ri->threshold) + ".";
      }
      const PrincipleCheck* outstanding = e.check(Principle::Outstanding);
      if (outstanding->count > 0) {
        text += " It is not outstanding: " + why_not_outstanding(e, *outstanding) + ".";
      }
      return text;
    }
  }
  return "";
}

std::string describe(const WhatIf& what_if, Subject subject) {
  std::string text = "If ";
  for (std::size_t i = 0; i < what_if.changes.size(); ++i) {
    const Change& change = what_if.changes[i];
    if (i > 0) text += " and ";
    text += std::string(label(change.question())) + (is_rated(change.from) ? " were " : " were rated ") +
            std::string(phrase(change.to));
  }
  return text + ", " + std::string(subject.name) + " would be " +
         std::string(phrase(what_if.result)) + ".";
}

std::string describe_rule_of_two(const CombinedResult& combined, const TrustOptions& options) {
  const Aggregate& two = combined.under_quality_rules;
  const Aggregate& actual = combined.aggregate;
  const std::string quality_rule =
      rule_of(two.explanation.band.requires_improvement) + " used for the quality rating";
  if (two.rating == actual.rating) {
    return "Under " + quality_rule + ", the combined rating would also be " +
           std::string(phrase(actual.rating)) + ".";
  }
  const PrincipleCheck* ri = two.explanation.check(Principle::RequiresImprovementLimiter);
  const int combined_threshold = actual.explanation.band.requires_improvement;
  if (two.explanation.decided_by == Principle::RequiresImprovementLimiter &&
      ri->count < combined_threshold) {
    return "Under " + quality_rule + ", the combined rating would be requires improvement, because " +
           count_of(ri->count, two.explanation.counts.rated(), kCombinedSubject,
                    Rating::RequiresImprovement) +
           ". The combined rating is limited only at " + to_string(combined_threshold) +
           " or more (" + rule_of(combined_threshold) + "), so it is " +
           std::string(phrase(actual.rating)) + ".";
  }
  return "Under the quality rating's rule set (" + options.quality_rules.name +
         "), the combined rating would be " + std::string(phrase(two.rating)) +
         "; under the combined rule set (" + options.combined_rules.name + ") it is " +
         std::string(phrase(actual.rating)) + ".";
}

std::string describe_no_combined(NoCombinedReason reason,
                                 const std::optional<CalendarDate>& assessed_on) {
  switch (reason) {
    case NoCombinedReason::None: return "";
    case NoCombinedReason::UseOfResourcesNotRated:
      return "No combined rating is awarded because Use of resources is not rated: the combined "
             "rating brings the Use of resources rating together with the five quality ratings.";
    case NoCombinedReason::ShadowAssessment:
      return "No combined rating is awarded because the Use of resources assessment (" +
             (assessed_on ? assessed_on->iso() : std::string("date unknown")) +
             ") was made before 5 March 2018, when it gave only an indicative (shadow) rating. A "
             "combined rating comes from a later assessment.";
    case NoCombinedReason::QualityNotRated:
      return "No combined rating is awarded because none of the five quality questions is rated.";
  }
  return "";
}

std::string describe(const Judgement& judgement, Rating rules_based, Subject subject) {
  return "A final rating of " + std::string(phrase(judgement.rating)) + " for " +
         std::string(subject.name) + " was recorded by professional judgement; " +
         (judgement.rating == rules_based
              ? std::string("the rules give the same rating.")
              : "the rules give " + std::string(phrase(rules_based)) + ".");
}

}  // namespace cqc
