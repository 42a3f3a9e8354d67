// Reading a rules file ({"quality": rule set or name, "combined": ...}), as
// given to --rules and to `table` / `compare`.
#pragma once

#include <istream>
#include <vector>

#include "contract.hpp"
#include "line_reader.hpp"

namespace cqc::cli {

// Applies the file's rule sets to `options`; the errors name the field.
inline std::vector<contract::FieldError> read_rules_file(std::istream& file, TrustOptions& options) {
  contract::ParsedJson parsed = contract::parse_json(read_limited(file, contract::kMaxInputBytes), "rules file");
  std::vector<contract::FieldError> errors;
  if (parsed.error) errors.push_back(*parsed.error);
  else contract::apply_rules_config(parsed.value, "", options, errors);
  return errors;
}

}  // namespace cqc::cli
