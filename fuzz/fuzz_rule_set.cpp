// Bytes -> a --rules file (parse_json + apply_rules_config). A config that
// loads gives valid rule sets that evaluate to valid ratings and explanations,
// and each rule set survives to_json -> rule_set_from_json unchanged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contract.hpp"
#include "fuzz_check.hpp"

namespace {

using namespace cqc;
using contract::FieldError;

bool valid(Rating r) { return static_cast<int>(r) >= 0 && static_cast<int>(r) <= 4; }

// A few fixed trusts: all good, the rule of two against three, inadequate,
// outstanding, not-rated questions, nothing rated.
const std::vector<TrustRatings>& trusts() {
  constexpr Rating O = Rating::Outstanding, G = Rating::Good, RI = Rating::RequiresImprovement,
                   I = Rating::Inadequate, NR = Rating::NotRated;
  static const std::vector<TrustRatings> all = {
      {{G, G, G, G, G, G}},     {{RI, G, G, RI, G, G}},  {{RI, RI, G, G, G, RI}},
      {{I, G, G, G, G, G}},     {{I, I, RI, G, O, I}},   {{O, O, G, G, G, O}},
      {{O, O, O, O, O, RI}},    {{NR, G, NR, O, G, G}},  {{NR, NR, NR, NR, NR, G}},
      {{G, RI, O, NR, I, NR}},  {{NR, NR, NR, NR, NR, NR}}};
  return all;
}

void check_round_trip(const RuleSet& rules) {
  FUZZ_CHECK(validate(rules).empty());
  // As a value...
  std::vector<FieldError> errors;
  const auto back = contract::rule_set_from_json(contract::to_json(rules), "rules", errors);
  FUZZ_CHECK(errors.empty() && back && *back == rules);
  // ...and as text, as a researcher edits it.
  const contract::ParsedJson text =
      contract::parse_json(contract::dump(contract::to_json(rules)), "rules file");
  FUZZ_CHECK(!text.error);
  const auto reread = contract::rule_set_from_json(text.value, "", errors);
  FUZZ_CHECK(errors.empty() && reread && *reread == rules);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const contract::ParsedJson parsed = contract::parse_json(text, "rules file");
  if (parsed.error) return 0;

  TrustOptions options;
  std::vector<FieldError> errors;
  const bool ok = contract::apply_rules_config(parsed.value, "", options, errors);
  FUZZ_CHECK(ok == errors.empty());
  for (const FieldError& e : errors) FUZZ_CHECK(!e.message.empty());
  if (!ok) return 0;

  check_round_trip(options.quality_rules);
  check_round_trip(options.combined_rules);

  // The whole config round-trips too (the `cqc-ratings rules` output).
  TrustOptions again;
  FUZZ_CHECK(contract::apply_rules_config(contract::rules_config_to_json(options), "", again, errors));
  FUZZ_CHECK(again.quality_rules == options.quality_rules &&
             again.combined_rules == options.combined_rules);

  for (const TrustRatings& trust : trusts()) {
    const TrustResult result = evaluate_trust(trust, options);
    FUZZ_CHECK(valid(result.quality.rating));
    // The explained aggregate and the fast path agree.
    FUZZ_CHECK(result.quality.rating ==
               aggregate_rating(trust.quality_counts(), options.quality_rules));
    FUZZ_CHECK(is_rated(result.quality.rating) == (trust.quality_counts().rated() > 0));
    if (result.combined.awarded()) {
      FUZZ_CHECK(valid(result.combined.aggregate.rating) && is_rated(result.combined.aggregate.rating));
      FUZZ_CHECK(valid(result.combined.under_quality_rules.rating));
    }
    for (const auto* list : {&result.quality_what_if.up, &result.quality_what_if.down,
                             &result.combined.what_if.up, &result.combined.what_if.down}) {
      for (const WhatIf& w : *list) FUZZ_CHECK(valid(w.result) && is_rated(w.result));
    }
    // The explanation wording copes with any thresholds the rules allow.
    const std::string out = contract::dump(contract::to_json(result, options));
    FUZZ_CHECK(!out.empty() && out.front() == '{');
  }
  return 0;
}
