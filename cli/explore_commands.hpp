// `cqc-ratings table` and `cqc-ratings compare`: every combination under one
// or two rule variants, for notebooks and papers.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "trust.hpp"

namespace cqc::cli {

// A variant named on the command line: a rules file or a built-in rule set
// name (meaning that rule set for the combined rating).
struct NamedVariant {
  std::string name;
  TrustOptions options;
};
// False (with a message on stderr) when the argument is neither.
bool load_variant(const std::string& argument, NamedVariant& variant);

// Every combination, one row each: CSV (header first) or JSON Lines.
// Stops as soon as a write to `out` fails.
void write_table(std::ostream& out, const std::vector<NamedVariant>& variants, bool include_not_rated,
                 const std::string& format);

// The differences between two variants: a text report, or the differing
// combinations as CSV or JSON Lines. Stops as soon as a write fails.
void write_comparison(std::ostream& out, const NamedVariant& a, const NamedVariant& b,
                      bool include_not_rated, const std::string& format);

}  // namespace cqc::cli
