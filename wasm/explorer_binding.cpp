// The explorer page's binding: every combination under one or two rule
// variants. A module of its own, so the calculator page does not download
// the enumeration code (web/size-budget.json).
#include <emscripten/bind.h>

#include "contract.hpp"

namespace {

std::string explore(const std::string& request) { return cqc::contract::explore(request); }

std::string builtin_rule_sets() {
  cqc::contract::OrderedJson all = cqc::contract::OrderedJson::array();
  for (const cqc::RuleSet* rules : cqc::builtin_rule_sets()) all.push_back(cqc::contract::to_json(*rules));
  return cqc::contract::dump(all);
}

std::string vocabulary() { return cqc::contract::dump(cqc::contract::vocabulary_to_json()); }

std::string read_rule_set(const std::string& text) { return cqc::contract::read_rule_set(text); }

std::string read_variant(const std::string& text) { return cqc::contract::read_rules_variant(text); }

// As in binding.cpp: lets JavaScript cut a longer string before it is copied.
double input_limit() { return static_cast<double>(cqc::contract::kMaxInputBytes); }

}  // namespace

EMSCRIPTEN_BINDINGS(cqc_explorer) {
  emscripten::function("explore", &explore);
  emscripten::function("builtinRuleSets", &builtin_rule_sets);
  emscripten::function("vocabulary", &vocabulary);
  emscripten::function("readRuleSet", &read_rule_set);
  emscripten::function("readVariant", &read_variant);
  emscripten::function("inputLimit", &input_limit);
}
