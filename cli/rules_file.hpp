// Reading a rules file ({"quality": rule set or name, "combined": ...}), as
// given to --rules and to `table` / `compare`.
#pragma once

#include <unistd.h>

#include <string>
#include <vector>

#include "contract.hpp"
#include "io.hpp"

namespace cqc::cli {

// Applies the file's rule sets to `options`. The errors say why the file
// could not be opened or read, or name the field that is wrong; reading
// stops past the contract's size limit, so an endless file is rejected.
inline std::vector<contract::FieldError> read_rules_file(const std::string& path, TrustOptions& options) {
  std::string why;
  const int fd = open_for_reading(path, why);
  if (fd < 0) return {{"", "cannot open the file: " + why}};
  ByteSource in(fd);
  const std::string text = read_limited(in, contract::kMaxInputBytes);
  ::close(fd);
  if (!in.error().empty()) return {{"", "cannot read the file: " + in.error()}};
  contract::ParsedJson parsed = contract::parse_json(text, "rules file");
  std::vector<contract::FieldError> errors;
  if (parsed.error) errors.push_back(*parsed.error);
  else contract::apply_rules_config(parsed.value, "", options, errors);
  return errors;
}

}  // namespace cqc::cli
