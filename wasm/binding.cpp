// The embind binding: the JSON contract exposed to JavaScript, nothing more.
// Strings in, strings out, so errors come back as data (never an abort) and
// no embind enum or value_object leniency can creep in (toolchain P18-P20).
#include <emscripten/bind.h>

#include "contract.hpp"

namespace {

std::string evaluate(const std::string& request) { return cqc::contract::evaluate(request); }

std::string read_params(const std::string& pairs) {
  return cqc::contract::dump(cqc::contract::read_params(pairs));
}

std::string default_rules() {
  return cqc::contract::dump(cqc::contract::rules_config_to_json(cqc::TrustOptions{}));
}

std::string vocabulary() { return cqc::contract::dump(cqc::contract::vocabulary_to_json()); }

// The contract's size limit, so the JavaScript side can cut a longer string
// before embind copies it into wasm memory (the core then rejects it).
double input_limit() { return static_cast<double>(cqc::contract::kMaxInputBytes); }

}  // namespace

EMSCRIPTEN_BINDINGS(cqc_ratings) {
  emscripten::function("evaluate", &evaluate);
  emscripten::function("readParams", &read_params);
  emscripten::function("defaultRules", &default_rules);
  emscripten::function("vocabulary", &vocabulary);
  emscripten::function("inputLimit", &input_limit);
}
