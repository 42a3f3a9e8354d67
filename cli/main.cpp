// cqc-ratings: the ratings core on the command line.
//   evaluate  one JSON object (argument or stdin) -> result JSON or text
//   batch     JSON Lines on stdin -> one JSON line per input line, in order
//   rules     print the rule sets in use, as JSON a researcher can edit
//   assess    a trust's assessment document, from its services up -> every level's rating
//   audit     CQC's published ratings (API records, the Latest ratings export) against the principles
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "assess_command.hpp"
#include "audit_command.hpp"
#include "contract.hpp"
#include "explore_commands.hpp"
#include "io.hpp"
#include "rules_file.hpp"
#include "text_report.hpp"

namespace {

using cqc::contract::FieldError;

constexpr int kInputError = 1;  // some input was rejected (the output says why)
constexpr int kUsageError = 2;  // the command line or the --rules file is wrong
constexpr int kOutputError = 3;  // the output could not be written (a full disk, a closed pipe)

void print_errors(const std::string& where, const std::vector<FieldError>& errors) {
  for (const FieldError& e : errors) std::cerr << "cqc-ratings: " << where << e.message << "\n";
}

// The exit status once a command has written its output: kOutputError, with
// the reason on stderr, when any of it could not be written.
int finish_output(int status) { return cqc::cli::output_ok(std::cout) ? status : kOutputError; }

// Loads --rules FILE into the options; false (with messages) when unusable.
bool load_rules(const std::string& path, cqc::TrustOptions& options) {
  if (path.empty()) return true;
  const std::vector<FieldError> errors = cqc::cli::read_rules_file(path, options);
  print_errors("--rules " + path + ": ", errors);
  return errors.empty();
}

int run_evaluate(const std::string& argument, const std::string& format,
                 const cqc::TrustOptions& defaults) {
  std::string text = argument;
  if (argument.empty()) {
    cqc::cli::ByteSource in(STDIN_FILENO);
    text = cqc::cli::read_limited(in, cqc::contract::kMaxInputBytes);
    if (!in.error().empty()) {
      std::cerr << "cqc-ratings: cannot read standard input: " << in.error() << "\n";
      return kInputError;
    }
  }
  int status = 0;
  if (format == "text") {
    const auto parsed = cqc::contract::parse_request(text, defaults);
    if (!parsed.request) {
      print_errors("", parsed.errors);
      return kInputError;
    }
    const cqc::TrustResult result = cqc::evaluate_trust(parsed.request->ratings, parsed.request->options);
    std::cout << cqc::cli::text_report(result, parsed.request->options);
  } else {
    bool ok = true;
    std::cout << cqc::contract::evaluate(text, defaults, &ok) << "\n";
    status = ok ? 0 : kInputError;
  }
  return finish_output(status);
}

// One output line per input line, written as it goes; stops at the first
// failed write and at a line over the size limit (whose end may never come).
int run_batch(const cqc::TrustOptions& defaults) {
  bool all_ok = true;
  cqc::cli::ByteSource in(STDIN_FILENO);
  cqc::cli::LineReader reader(in, cqc::contract::kMaxInputBytes);
  std::string line;
  for (auto status = reader.next(line); status != cqc::cli::LineReader::Status::End; status = reader.next(line)) {
    bool ok = true;
    std::cout << cqc::contract::evaluate(line, defaults, &ok) << '\n';
    if (!std::cout) break;  // a failed write: say why and stop, below
    all_ok = all_ok && ok;
    if (status == cqc::cli::LineReader::Status::TooLong) {
      std::cerr << "cqc-ratings: batch: line " << reader.line_number() << " is larger than the limit of "
                << cqc::contract::kMaxInputBytes << " bytes; stopped reading there (each line must be one "
                << "request)\n";
    }
  }
  if (!in.error().empty()) {
    std::cerr << "cqc-ratings: batch: cannot read standard input after line " << reader.line_number() << ": "
              << in.error() << "\n";
    all_ok = false;
  }
  return finish_output(all_ok ? 0 : kInputError);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Aggregates an NHS trust's CQC ratings and explains every step."};
  app.require_subcommand(1);
  // On a usage error, print the help too, so the commands and options are listed.
  app.failure_message(CLI::FailureMessage::help);
  std::string rules_path;
  app.add_option("--rules", rules_path,
                 "JSON file {\"quality\": rule set or name, \"combined\": rule set or name}")
      ->check(CLI::ExistingFile);

  CLI::App* evaluate = app.add_subcommand("evaluate", "Evaluate one JSON object (argument or stdin)");
  std::string input, format = "json";
  evaluate->add_option("json", input, "The request as JSON text; read from stdin when absent");
  evaluate->add_option("--format", format, "Output format")->check(CLI::IsMember({"json", "text"}));

  CLI::App* batch = app.add_subcommand(
      "batch", "Evaluate JSON Lines from stdin; one JSON line out per line in, bad lines give {\"error\": ...}");
  CLI::App* rules = app.add_subcommand("rules", "Print the rule sets in use as JSON, to start a variant from");

  CLI::App* table = app.add_subcommand(
      "table", "Every combination of the six ratings with its ratings under one or two variants");
  std::vector<std::string> table_variants;
  bool include_not_rated = false;
  std::string table_format = "csv";
  table->add_option("variants", table_variants, "Up to two rules files or built-in rule set names (default: CQC's rules)")
      ->expected(0, 2);
  table->add_flag("--include-not-rated", include_not_rated, "All 15 625 combinations, not just the 4 096 fully rated");
  table->add_option("--format", table_format, "Output format")->check(CLI::IsMember({"csv", "jsonl"}));

  CLI::App* compare = app.add_subcommand("compare", "The combinations whose rating differs between two variants");
  std::string compare_a, compare_b, compare_format = "text";
  compare->add_option("A", compare_a, "Rules file or built-in rule set name")->required();
  compare->add_option("B", compare_b, "Rules file or built-in rule set name")->required();
  compare->add_flag("--include-not-rated", include_not_rated, "All 15 625 combinations, not just the 4 096 fully rated");
  compare->add_option("--format", compare_format, "Output format")->check(CLI::IsMember({"text", "csv", "jsonl"}));

  CLI::App* assess = app.add_subcommand(
      "assess", "Evaluate a trust's assessment document (its services' ratings up to the trust's) through CQC's levels of ratings");
  cqc::cli::AssessArgs assess_args;
  assess->add_option("file", assess_args.path, "The assessment document (JSON); - or absent: standard input");
  assess->add_option("--format", assess_args.format, "Output format")->check(CLI::IsMember({"json", "text"}));
  assess->add_option("--as-at", assess_args.as_at, "Use the latest rating given on or before this date (YYYY-MM-DD)");
  assess->add_flag("--what-matters", assess_args.what_matters,
                   "The smallest sets of service ratings (one, else two) that would move the trust's quality and "
                   "combined ratings up or down");
  assess->add_option("--target", assess_args.targets, "With --what-matters: a node id to explain instead (repeatable)");
  assess->add_option("--view", assess_args.view,
                     "full: every node with its explanation; ratings: every node's ratings only (the workbench's live "
                     "view, JSON)")
      ->check(CLI::IsMember({"full", "ratings"}));
  assess->add_option("--explain", assess_args.explain, "With --view ratings: a node id to write in full (repeatable)");
  assess->add_flag("--to-csv", assess_args.to_csv,
                   "Write the assessment as a sheet of CQC's Latest ratings export (CSV): the Locations sheet, or "
                   "the one --sheet names");
  assess->add_option("--sheet", assess_args.sheet,
                     "With --to-csv: locations (each location's ratings) or providers (the trust's own ratings: its "
                     "key questions, overall, use of resources, combined rating and, without locations, its core "
                     "services)")
      ->check(CLI::IsMember({"locations", "providers"}));
  assess->add_option("--from", assess_args.from,
                     "Make the document from CQC's published data (API records, export sheets as CSV or .ods)");
  assess->add_option("--provider", assess_args.provider, "With --from: the provider (trust) ID; absent: list the providers");
  assess->add_flag("--evaluate", assess_args.evaluate, "With --from: evaluate the document instead of printing it");

  CLI::App* audit = app.add_subcommand(
      "audit", "Recompute CQC's published ratings (API location records, the Latest ratings export as CSV or .ods) "
               "from the level below and list where they follow the principles and where they depart");
  std::vector<std::string> audit_paths;
  std::string audit_format = "text";
  bool audit_history = false;
  audit->add_option("files", audit_paths, "Data files; - for standard input");
  audit->add_option("--format", audit_format, "Output format (summary: the figures by level and band as JSON)")
      ->check(CLI::IsMember({"text", "jsonl", "csv", "summary"}));
  audit->add_flag("--history", audit_history, "Also audit the API records' earlier reports");

  // A command line CLI11 cannot use is a usage error (2), as for every other
  // usage error, not CLI11's own codes (105, 106, ...); --help is success.
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kUsageError;
  }

  cqc::TrustOptions defaults;
  if (!load_rules(rules_path, defaults)) return kUsageError;
  if (*evaluate) return run_evaluate(input, format, defaults);
  if (*batch) return run_batch(defaults);
  if (*assess) return finish_output(cqc::cli::run_assess(assess_args, std::cout));
  if (*audit) return finish_output(cqc::cli::run_audit(audit_paths, audit_format, audit_history, defaults, std::cout));
  if (*table) {
    std::vector<cqc::cli::NamedVariant> variants;
    for (const std::string& argument : table_variants) {
      variants.emplace_back();
      if (!cqc::cli::load_variant(argument, variants.back())) return kUsageError;
    }
    if (variants.empty()) variants.push_back({"cqc", defaults});
    cqc::cli::write_table(std::cout, variants, include_not_rated, table_format);
    return finish_output(0);
  }
  if (*compare) {
    cqc::cli::NamedVariant a, b;
    if (!cqc::cli::load_variant(compare_a, a) || !cqc::cli::load_variant(compare_b, b)) return kUsageError;
    if (a.name == b.name) { a.name += "_a"; b.name += "_b"; }
    cqc::cli::write_comparison(std::cout, a, b, include_not_rated, compare_format);
    return finish_output(0);
  }
  if (*rules) {
    std::cout << cqc::contract::rules_config_to_json(defaults).dump(2) << "\n";
    return finish_output(0);
  }
  return kUsageError;
}
