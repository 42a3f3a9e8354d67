#include "explore_commands.hpp"

#include <unistd.h>

#include <iostream>

#include "contract.hpp"
#include "explore.hpp"
#include "model.hpp"
#include "rules_file.hpp"

namespace cqc::cli {
namespace {

std::string outcome_token(Rating r) { return is_rated(r) ? std::string(token(r)) : "none"; }

std::string csv_header(const std::vector<NamedVariant>& variants) {
  std::string header;
  for (Question q : kQuestions) header += std::string(token(q)) + ",";
  for (const NamedVariant& v : variants) {
    const std::string suffix = variants.size() == 1 ? "" : "_" + v.name;
    header += "quality" + suffix + ",combined" + suffix + ",";
  }
  header.pop_back();
  return header;
}

void write_row(std::ostream& out, const TrustRatings& ratings, const std::vector<TrustOutcome>& outcomes,
               const std::vector<NamedVariant>& variants, const std::string& format) {
  if (format == "csv") {
    for (Question q : kQuestions) out << token(ratings.of(q)) << ',';
    for (std::size_t v = 0; v < outcomes.size(); ++v) {
      out << outcome_token(outcomes[v].quality) << ',' << outcome_token(outcomes[v].combined)
          << (v + 1 < outcomes.size() ? "," : "");
    }
    out << '\n';
    return;
  }
  contract::OrderedJson row = {{"ratings", contract::OrderedJson::object()}};
  for (Question q : kQuestions) row["ratings"][std::string(token(q))] = std::string(token(ratings.of(q)));
  for (std::size_t v = 0; v < outcomes.size(); ++v) {
    row[variants[v].name] = {{"quality", outcome_token(outcomes[v].quality)},
                             {"combined", outcome_token(outcomes[v].combined)}};
  }
  out << contract::dump(row) << '\n';
}

bool has_not_rated(const TrustRatings& ratings) {
  for (Rating r : ratings.by_question) {
    if (!is_rated(r)) return true;
  }
  return false;
}

}  // namespace

bool load_variant(const std::string& argument, NamedVariant& variant) {
  if (const RuleSet* builtin = find_builtin(argument)) {
    variant.name = argument;
    variant.options.combined_rules = *builtin;
    return true;
  }
  if (::access(argument.c_str(), F_OK) != 0) {
    std::string names;
    for (const RuleSet* rules : builtin_rule_sets()) names += (names.empty() ? "" : ", ") + rules->name;
    std::cerr << "cqc-ratings: " << argument << ": neither a rules file nor a built-in rule set ("
              << names << ")\n";
    return false;
  }
  const std::vector<contract::FieldError> errors = read_rules_file(argument, variant.options);
  for (const auto& e : errors) std::cerr << "cqc-ratings: " << argument << ": " << e.message << "\n";
  variant.name = variant.options.combined_rules.name;
  return errors.empty();
}

void write_table(std::ostream& out, const std::vector<NamedVariant>& variants, bool include_not_rated,
                 const std::string& format) {
  if (format == "csv") out << csv_header(variants) << '\n';
  std::vector<TrustOutcome> outcomes(variants.size());
  std::vector<TrustRater> raters;
  for (const NamedVariant& v : variants) raters.emplace_back(v.options);
  for (int code = 0; code < kCombinationCodes; ++code) {
    const TrustRatings ratings = decode_combination(code);
    if (!include_not_rated && has_not_rated(ratings)) continue;
    for (std::size_t v = 0; v < variants.size(); ++v) outcomes[v] = raters[v](ratings);
    write_row(out, ratings, outcomes, variants, format);
    if (!out) return;  // a failed write: stop at once (the caller says why)
  }
}

void write_comparison(std::ostream& out, const NamedVariant& a, const NamedVariant& b,
                      bool include_not_rated, const std::string& format) {
  const Exploration e = explore({a.options, b.options}, include_not_rated);
  if (format != "text") {
    const std::vector<NamedVariant> both = {a, b};
    if (format == "csv") out << csv_header(both) << '\n';
    for (const ChangeGroup& group : e.changes) {
      if (group.outcome != Outcome::Combined) continue;
      for (int code : group.codes) {
        const TrustRatings ratings = decode_combination(code);
        write_row(out, ratings, {rate_trust(ratings, a.options), rate_trust(ratings, b.options)}, both, format);
        if (!out) return;
      }
    }
    return;
  }
  const std::string combinations = include_not_rated ? "combinations (not rated included)" : "fully rated combinations";
  std::size_t quality_changed = 0;
  for (const ChangeGroup& group : e.changes) {
    if (group.outcome == Outcome::Quality) quality_changed += group.codes.size();
  }
  out << "A: " << a.name << " (quality: " << a.options.quality_rules.name
      << ", combined: " << a.options.combined_rules.name << ")\n"
      << "B: " << b.name << " (quality: " << b.options.quality_rules.name
      << ", combined: " << b.options.combined_rules.name << ")\n\n"
      << "The combined rating differs for " << e.combined_changed << " of the " << e.total << " "
      << (include_not_rated ? "combinations (not rated included)" : "fully rated combinations")
      << "; the quality rating for " << quality_changed << ".\n";
  for (const ChangeGroup& group : e.changes) {
    out << "  " << (group.outcome == Outcome::Quality ? "quality" : "combined") << ": "
        << outcome_token(group.from) << " -> " << outcome_token(group.to) << ": " << group.codes.size() << "\n";
  }
  out << "\nCombined rating  |      A |      B\n";
  for (Rating r : kAllRatings) {
    const int i = static_cast<int>(r);
    out << "  " << outcome_token(r) << std::string(21 - outcome_token(r).size(), ' ') << "| "
        << std::string(6 - std::to_string(e.distributions[0].combined[i]).size(), ' ') << e.distributions[0].combined[i] << " | "
        << std::string(6 - std::to_string(e.distributions[1].combined[i]).size(), ' ') << e.distributions[1].combined[i] << "\n";
  }
  out << "\nThe combinations whose combined rating differs are listed by --format csv or jsonl.\n";
}

}  // namespace cqc::cli
