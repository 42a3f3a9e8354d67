// The cqc-ratings executable, run as a user would: batch over every input,
// mixed good and bad lines, exit codes, text mode and --rules.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "contract.hpp"
#include "oracle.hpp"
#include "test_support.hpp"

namespace cqc::test {
namespace {

using contract::Json;

struct CliRun {
  int status;
  std::vector<std::string> lines;  // standard output
  std::string err;                 // standard error
};

// A directory of its own for every run (mkdtemp), removed afterwards, so that
// tests running in parallel (ctest -j) never share a file.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = ::testing::TempDir() + "cqc_cli_XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed for " << pattern;
    path_ = pattern;
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs a shell script with `input` on stdin, in which $CLI is the cqc-ratings
// executable and $DIR a scratch directory of this run's own.
CliRun run_shell(const std::string& script, const std::string& input, const ScratchDir& dir) {
  std::ofstream(dir.file("stdin"), std::ios::binary) << input;
  std::ofstream(dir.file("script.sh"), std::ios::binary) << script << "\n";
  // CQC_CLI overrides the executable, to run these tests against another build
  // (an older one, to see a regression test fail).
  const char* cli = std::getenv("CQC_CLI") ? std::getenv("CQC_CLI") : CQC_CLI_PATH;
  const std::string command = "CLI='" + std::string(cli) + "' DIR='" + dir.path() + "' sh '" +
                              dir.file("script.sh") + "' < '" + dir.file("stdin") + "' > '" +
                              dir.file("stdout") + "' 2> '" + dir.file("stderr") + "'";
  const int raw = std::system(command.c_str());
  CliRun run{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, {}, slurp(dir.file("stderr"))};
  std::ifstream out(dir.file("stdout"), std::ios::binary);
  for (std::string line; std::getline(out, line);) run.lines.push_back(line);
  return run;
}
CliRun run_shell(const std::string& script, const std::string& input = "") {
  const ScratchDir dir;
  return run_shell(script, input, dir);
}

// Runs the CLI with `input` on stdin and returns its exit status and output.
CliRun run_cli(const std::string& args, const std::string& input) {
  return run_shell("\"$CLI\" " + args, input);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Cli, BatchGivesTheSpecsRatingForAll4096FullyRatedInputs) {
  std::string input;
  std::vector<TrustRatings> trusts;
  for_each_trust(rated_values(), [&](const TrustRatings& t) {
    trusts.push_back(t);
    input += request_json(t) + "\n";
  });
  const CliRun run = run_cli("batch", input);
  EXPECT_EQ(run.status, 0);
  ASSERT_EQ(run.lines.size(), 4096u);
  for (std::size_t i = 0; i < trusts.size(); ++i) {
    const Json out = Json::parse(run.lines[i]);
    ASSERT_EQ(out["quality"]["rating"], token(oracle_rating(quality_of(trusts[i]), false))) << i;
    ASSERT_EQ(out["combined"]["rating"], token(oracle_rating(all_of(trusts[i]), true))) << i;
  }
}

TEST(Cli, BatchAnswersEveryOneOfThe15625WithNotRatedValues) {
  std::string input;
  for_each_trust(all_values(), [&](const TrustRatings& t) { input += request_json(t) + "\n"; });
  const CliRun run = run_cli("batch", input);
  EXPECT_EQ(run.status, 0);
  ASSERT_EQ(run.lines.size(), 15625u);
  for (const std::string& line : run.lines) {
    const Json out = Json::parse(line);
    ASSERT_FALSE(out.contains("error")) << line;
    ASSERT_TRUE(out["combined"].contains("rating"));
  }
}

TEST(Cli, BatchWithMixedLinesAnswersEachLineInOrderAndFails) {
  const std::string good = request_json(trust(RI, G, G, RI, G, G));
  const std::string input = good + "\n" + "{\"safe\":\n" + "\n" + "[1,2]\n" + good + "\r\n" +
                            R"({"safety":"good"})" + "\n" + good;
  const CliRun run = run_cli("batch", input);
  EXPECT_EQ(run.status, 1);
  ASSERT_EQ(run.lines.size(), 7u);
  const bool expect_error[] = {false, true, true, true, false, true, false};
  for (std::size_t i = 0; i < 7; ++i) {
    const Json out = Json::parse(run.lines[i]);
    EXPECT_EQ(out.contains("error"), expect_error[i]) << i << ": " << run.lines[i];
    if (!expect_error[i]) EXPECT_EQ(out["combined"]["rating"], "good");
  }
  EXPECT_TRUE(contains(Json::parse(run.lines[5])["error"], "unknown field \"safety\"")) << run.lines[5];
}

TEST(Cli, BatchStopsAtALineOverTheLimitAndSaysWhere) {
  const std::string good = request_json(trust(G, G, G, G, G, G));
  const CliRun run = run_cli("batch", good + "\n" + std::string(70000, ' ') + "x\n" + good + "\n");
  EXPECT_EQ(run.status, 1);
  ASSERT_EQ(run.lines.size(), 2u) << "nothing after the long line is read";
  EXPECT_TRUE(contains(Json::parse(run.lines[1])["error"], "larger than the limit of 65536 bytes")) << run.lines[1];
  EXPECT_TRUE(contains(run.err, "line 2 is larger than the limit of 65536 bytes; stopped reading there")) << run.err;
  // A line of exactly the limit plus a "\r" is within the limit.
  const CliRun crlf = run_cli("batch", std::string(65536 - good.size(), ' ') + good + "\r\n" + good + "\n");
  EXPECT_EQ(crlf.status, 0) << crlf.err;
  EXPECT_EQ(crlf.lines.size(), 2u);
}

TEST(Cli, TextAfterANulByteIsCheckedLikeAnyOtherText) {
  const std::string good = request_json(trust(G, G, G, G, G, G));
  const std::string with_nul = good + std::string(1, '\0') + " GARBAGE {{{";
  const CliRun evaluate = run_cli("evaluate", with_nul);
  EXPECT_EQ(evaluate.status, 1);
  ASSERT_EQ(evaluate.lines.size(), 1u);
  EXPECT_TRUE(contains(Json::parse(evaluate.lines[0])["error"], "NUL (zero) byte at line 1, column " +
                                                                  std::to_string(good.size() + 1)))
      << evaluate.lines[0];
  const CliRun batch = run_cli("batch", good + "\n" + with_nul + "\n" + good + "\n");
  EXPECT_EQ(batch.status, 1);
  ASSERT_EQ(batch.lines.size(), 3u);
  EXPECT_TRUE(Json::parse(batch.lines[1]).contains("error")) << batch.lines[1];
  EXPECT_FALSE(Json::parse(batch.lines[2]).contains("error"));
  const CliRun text = run_cli("evaluate --format text", with_nul);
  EXPECT_EQ(text.status, 1);
  EXPECT_TRUE(contains(text.err, "NUL")) << text.err;
}

// Each command's output sent to /dev/full: a message and exit status 3, never 0.
TEST(Cli, AFailedWriteIsAnErrorForEveryCommand) {
  const std::string good = request_json(trust(G, G, G, G, G, G));
  for (const std::string& command : {"rules", "evaluate", "evaluate --format text", "batch", "table",
                                     "table --format jsonl", "compare standard combined_2018",
                                     "compare standard combined_2018 --format csv"}) {
    const CliRun run = run_shell("\"$CLI\" " + command + " > /dev/full", good + "\n");
    EXPECT_EQ(run.status, 3) << command << ": " << run.err;
    EXPECT_EQ(run.err, "cqc-ratings: cannot write the output: No space left on device\n") << command;
  }
}

TEST(Cli, BatchStopsAtTheFirstFailedWriteWhenSigpipeIsIgnored) {
  std::string input;
  for (int i = 0; i < 4000; ++i) input += request_json(trust(G, RI, G, RI, G, G)) + "\n";
  // With SIGPIPE ignored (inherited from the shell), a write to a pipe whose
  // reader has gone fails with EPIPE instead of killing the process.
  const CliRun run = run_shell(
      "trap '' PIPE\n"
      "{ \"$CLI\" batch; echo $? > \"$DIR/status\"; } | head -n 1 > /dev/null\n"
      "exit $(cat \"$DIR/status\")",
      input);
  EXPECT_EQ(run.status, 3) << run.err;
  EXPECT_EQ(run.err, "cqc-ratings: cannot write the output: Broken pipe\n");
}

TEST(Cli, EndlessInputIsCutAtTheLimitAndRejected) {
  // `timeout` only turns a hang (the bug) into a failure; it never decides a pass.
  const CliRun evaluate = run_shell("timeout 60 \"$CLI\" evaluate < /dev/zero");
  EXPECT_EQ(evaluate.status, 1);
  ASSERT_EQ(evaluate.lines.size(), 1u);
  EXPECT_TRUE(contains(evaluate.lines[0], "the input is larger than the limit of 65536 bytes")) << evaluate.lines[0];
  const CliRun rules = run_shell("timeout 60 \"$CLI\" --rules /dev/zero rules");
  EXPECT_EQ(rules.status, 2);
  EXPECT_EQ(rules.err, "cqc-ratings: --rules /dev/zero: the rules file is larger than the limit of 65536 bytes (64 KiB)\n");
  const CliRun table = run_shell("timeout 60 \"$CLI\" table /dev/zero");
  EXPECT_EQ(table.status, 2);
  EXPECT_TRUE(contains(table.err, "/dev/zero: the rules file is larger than the limit")) << table.err;
  const CliRun batch = run_shell("timeout 60 \"$CLI\" batch < /dev/zero");
  EXPECT_EQ(batch.status, 1);
  EXPECT_EQ(batch.lines.size(), 1u);
  EXPECT_TRUE(contains(batch.err, "line 1 is larger than the limit")) << batch.err;
}

TEST(Cli, OversizedInputGetsTheSameAnswerFromStdinAndFromAnArgument) {
  const std::string big = "{\"safe\":\"" + std::string(70000, 'a') + "\"}";
  const CliRun from_stdin = run_cli("evaluate", big);
  const CliRun from_arg = run_shell("\"$CLI\" evaluate \"$(cat)\"", big);
  EXPECT_EQ(from_stdin.status, 1);
  ASSERT_EQ(from_stdin.lines.size(), 1u);
  EXPECT_EQ(from_stdin.lines, from_arg.lines);
  EXPECT_EQ(from_stdin.lines[0], contract::evaluate(big));
}

TEST(Cli, AReadErrorIsReportedAsWhatItIs) {
  const CliRun evaluate = run_shell("\"$CLI\" evaluate < \"$DIR\"");
  EXPECT_EQ(evaluate.status, 1);
  EXPECT_EQ(evaluate.err, "cqc-ratings: cannot read standard input: Is a directory\n");
  const CliRun batch = run_shell("\"$CLI\" batch < \"$DIR\"");
  EXPECT_EQ(batch.status, 1);
  EXPECT_TRUE(contains(batch.err, "cannot read standard input after line 0: Is a directory")) << batch.err;
  const CliRun table = run_shell("\"$CLI\" table \"$DIR\"");
  EXPECT_EQ(table.status, 2);
  EXPECT_TRUE(contains(table.err, ": cannot read the file: Is a directory")) << table.err;
  const CliRun unreadable = run_shell("touch \"$DIR/x.json\"; chmod 000 \"$DIR/x.json\"; \"$CLI\" table \"$DIR/x.json\"");
  EXPECT_EQ(unreadable.status, 2);
  // root may read a mode-000 file; then the file is merely empty.
  EXPECT_TRUE(contains(unreadable.err, "cannot open the file: Permission denied") ||
              (::geteuid() == 0 && contains(unreadable.err, "the rules file is empty")))
      << unreadable.err;
}

TEST(Cli, TextFormatQuotesARationaleSoItCannotForgeALine) {
  const std::string request =
      R"({"safe":"good","effective":"good","caring":"good","responsive":"good","well_led":"good",)"
      R"("use_of_resources":"good","judgement":{"combined":{"rating":"good","rationale":"fine\nCombined rating: Outstanding \"x\""}}})";
  const CliRun run = run_cli("evaluate --format text", request);
  ASSERT_EQ(run.status, 0) << run.err;
  for (const std::string& line : run.lines) EXPECT_NE(line.rfind("Combined rating: Outstanding", 0), 0u) << line;
  std::string all;
  for (const auto& line : run.lines) all += line + "\n";
  EXPECT_TRUE(contains(all, R"(    Rationale (as written): "fine\nCombined rating: Outstanding \"x\"")")) << all;
}

TEST(Cli, EvaluateFromAnArgumentAndStdin) {
  const std::string request = request_json(trust(O, G, O, G, G, G));
  const CliRun from_arg = run_cli("evaluate '" + request + "'", "");
  const CliRun from_stdin = run_cli("evaluate", request);
  ASSERT_EQ(from_arg.status, 0);
  ASSERT_EQ(from_arg.lines, from_stdin.lines);
  EXPECT_EQ(Json::parse(from_arg.lines[0])["combined"]["rating"], "outstanding");
}

TEST(Cli, EvaluateRejectsBadInputWithAnErrorAndStatusOne) {
  const CliRun run = run_cli("evaluate", R"({"safe":"great"})");
  EXPECT_EQ(run.status, 1);
  ASSERT_FALSE(run.lines.empty());
  EXPECT_NE(run.lines[0].find("unknown rating \\\"great\\\""), std::string::npos) << run.lines[0];
}

TEST(Cli, TextFormatExplainsInSentences) {
  const CliRun run = run_cli("evaluate --format text", request_json(trust(RI, G, G, RI, G, G)));
  ASSERT_EQ(run.status, 0);
  std::string all;
  for (const auto& line : run.lines) all += line + "\n";
  EXPECT_NE(all.find("Quality rating: Requires improvement"), std::string::npos) << all;
  EXPECT_NE(all.find("Combined rating: Good"), std::string::npos) << all;
  EXPECT_NE(all.find("(the rule of two)"), std::string::npos) << all;
  EXPECT_NE(all.find("limited only at 3 or more (the rule of three), so it is good"), std::string::npos) << all;
  EXPECT_NE(all.find("If Safe were good, the quality rating would be good."), std::string::npos) << all;
}

TEST(Cli, RulesFileChangesTheCombinedRuleAndBadFilesAreNamed) {
  const ScratchDir dir;
  std::ofstream(dir.file("rule_of_two.json")) << R"({"combined": "standard"})";
  const CliRun run = run_cli("--rules " + dir.file("rule_of_two.json") + " evaluate",
                          request_json(trust(RI, G, G, RI, G, G)));
  ASSERT_EQ(run.status, 0);
  EXPECT_EQ(Json::parse(run.lines[0])["combined"]["rating"], "requires_improvement");

  std::ofstream(dir.file("bad_rules.json")) << R"({"combined": {"name": "x", "bands": []}})";
  const CliRun bad = run_cli("--rules " + dir.file("bad_rules.json") + " evaluate", request_json(trust(G, G, G, G, G, G)));
  EXPECT_EQ(bad.status, 2);
  EXPECT_TRUE(bad.lines.empty());
  EXPECT_TRUE(contains(bad.err, "combined.bands")) << bad.err;
}

TEST(Cli, RulesPrintsAConfigThatLoadsBack) {
  const CliRun printed = run_cli("rules", "");
  ASSERT_EQ(printed.status, 0);
  std::string text;
  for (const auto& line : printed.lines) text += line + "\n";
  const ScratchDir dir;
  std::ofstream(dir.file("printed_rules.json")) << text;
  const CliRun reloaded = run_cli("--rules " + dir.file("printed_rules.json") + " rules", "");
  EXPECT_EQ(reloaded.status, 0);
  EXPECT_EQ(reloaded.lines, printed.lines);
  EXPECT_NE(text.find("\"combined_2018\""), std::string::npos);
}

}  // namespace
}  // namespace cqc::test

namespace cqc::test {
namespace {

TEST(CliExplore, TableWritesEveryCombinationOnce) {
  const CliRun csv = run_cli("table", "");
  ASSERT_EQ(csv.status, 0);
  ASSERT_EQ(csv.lines.size(), 4097u);  // header + 4 096
  EXPECT_EQ(csv.lines[0], "safe,effective,caring,responsive,well_led,use_of_resources,quality,combined");
  const CliRun all = run_cli("table standard combined_2018 --include-not-rated --format jsonl", "");
  ASSERT_EQ(all.lines.size(), 15625u);
  const Json row = Json::parse(all.lines[0]);
  EXPECT_EQ(row["ratings"]["safe"], "outstanding");
  EXPECT_TRUE(row.contains("standard") && row.contains("combined_2018"));
}

TEST(CliExplore, CompareAnswersTheRuleOfTwoAgainstTheRuleOfThree) {
  const CliRun text = run_cli("compare standard combined_2018", "");
  ASSERT_EQ(text.status, 0);
  std::string all;
  for (const auto& line : text.lines) all += line + "\n";
  EXPECT_NE(all.find("The combined rating differs for 240 of the 4096 fully rated combinations"), std::string::npos) << all;
  EXPECT_NE(all.find("combined: requires_improvement -> good: 240"), std::string::npos) << all;
  const CliRun csv = run_cli("compare standard combined_2018 --format csv", "");
  EXPECT_EQ(csv.lines.size(), 241u);
  const CliRun same = run_cli("compare combined_2018 combined_2018 --format csv", "");
  EXPECT_EQ(same.lines.size(), 1u) << "only the header";
}

TEST(CliExplore, ARuleSetNameThatWouldBreakTheCsvHeaderIsRefused) {
  const ScratchDir dir;
  std::ofstream(dir.file("comma.json")) << R"({"combined": {"name": "a,b\nquality", "bands": [)"
                                            R"({"min_rated": 1, "inadequate": 1, "requires_improvement": 1, "outstanding": 1}]}})";
  const CliRun run = run_cli("table standard " + dir.file("comma.json"), "");
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(run.lines.empty());
  EXPECT_TRUE(contains(run.err, "field \"combined.name\" must be 1 to 64 characters, each a letter")) << run.err;
}

// What CLI11 rejects is a usage error like any other (2), and --help succeeds.
TEST(Cli, ACommandLineItCannotUseIsAUsageError) {
  for (const char* args : {"audit --format xml x.json", "no-such-command", "evaluate --no-such-option"}) {
    const CliRun run = run_cli(args, "");
    EXPECT_EQ(run.status, 2) << args << "\n" << run.err;
    EXPECT_FALSE(run.err.empty()) << args;
  }
  EXPECT_EQ(run_cli("--help", "").status, 0);
  EXPECT_EQ(run_cli("audit --help", "").status, 0);
}

TEST(CliExplore, UnknownVariantIsNamed) {
  const CliRun run = run_cli("compare standard rule_of_four", "");
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "rule_of_four: neither a rules file nor a built-in rule set")) << run.err;
}

}  // namespace
}  // namespace cqc::test

namespace cqc::test {
namespace {

const char* kOneHospital = R"({"trust": {"name": "One", "type": "acute_non_specialist"}, "locations": [{"id": "A",
  "services": [{"id": "s", "key_questions": {"safe": {"rating": "good"}, "effective": {"rating": "requires_improvement",
  "date": "2020-01-01", "history": [{"rating": "inadequate", "date": "2016-01-01"}]}, "caring": {"rating": "good"},
  "responsive": {"rating": "requires_improvement"}, "well_led": {"rating": "good"}}}]}],
  "well_led": {"rating": "good"}, "use_of_resources": {"rating": "good", "date": "2019-01-01"}})";

TEST(Cli, AssessReadsAFileOrStdinAndWritesJsonOrText) {
  const CliRun json = run_cli("assess -", kOneHospital);
  EXPECT_EQ(json.status, 0) << json.err;
  ASSERT_EQ(json.lines.size(), 1u);
  EXPECT_EQ(json.lines[0], contract::assess(kOneHospital));
  const CliRun text = run_shell("cat > \"$DIR/a.json\" && \"$CLI\" assess \"$DIR/a.json\" --format text", kOneHospital);
  EXPECT_EQ(text.status, 0) << text.err;
  const std::string all = [&] { std::string s; for (const auto& l : text.lines) s += l + "\n"; return s; }();
  EXPECT_NE(all.find("the quality rating: Requires improvement\n"), std::string::npos) << all;
  EXPECT_NE(all.find("the combined rating: Good\n"), std::string::npos) << all;
  // As at 2017 the effective rating was inadequate.
  const CliRun then = run_cli("assess --as-at 2017-06-01 --format text", kOneHospital);
  EXPECT_NE(then.lines[0].find("as at 2017-06-01"), std::string::npos);
}

TEST(Cli, AssessSaysWhatIsWrong) {
  const CliRun bad_date = run_cli("assess --as-at 2017-02-30", kOneHospital);
  EXPECT_EQ(bad_date.status, 2);
  EXPECT_NE(bad_date.err.find("--as-at must be a real date"), std::string::npos);
  const CliRun bad_doc = run_cli("assess", R"({"trust": {"type": "teaching"}})");
  EXPECT_EQ(bad_doc.status, 1);
  EXPECT_NE(bad_doc.lines.at(0).find("trust.type"), std::string::npos);
  const CliRun missing = run_shell("\"$CLI\" assess \"$DIR/nothing.json\"");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("cannot open"), std::string::npos);
}


// ---- audit: CQC's published ratings against the principles ---------------------------

const std::string kApiFixture = std::string(CQC_SHARED_DATA_DIR) + "/cqc-api-hospitals-2021/locations.json";

std::string joined(const std::vector<std::string>& lines) {
  std::string all;
  for (const std::string& line : lines) all += line + "\n";
  return all;
}

// Runs `audit` with the fixture as $F.
CliRun run_audit(const std::string& args, const std::string& input = "") {
  return run_shell("F='" + kApiFixture + "'\n\"$CLI\" audit " + args, input);
}

TEST(CliAudit, JsonLinesListEveryPublishedAggregateOfTheFixture) {
  const CliRun run = run_audit("\"$F\" --format jsonl");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  ASSERT_EQ(run.lines.size(), 163u);  // 72 services, 55 location key questions, 36 locations
  int departs = 0;
  bool wonford = false, torbay = false;
  for (const std::string& line : run.lines) {
    const Json row = Json::parse(line);
    for (const char* field : {"level", "provider_id", "location_id", "service", "key_question", "rating_date", "n",
                              "published", "rules", "follows", "outcome", "counts", "band", "principle"}) {
      ASSERT_TRUE(row.contains(field)) << field << " in " << line;
    }
    EXPECT_EQ(row["current"], true);
    if (row["outcome"] != "departs") continue;
    ++departs;
    EXPECT_EQ(row["follows"], false);
    EXPECT_EQ(row["level"], "location_key_question");
    if (row["location_id"] == "RH801" && row["key_question"] == "safe") {
      wonford = true;
      EXPECT_EQ(row["published"], "requires_improvement");
      EXPECT_EQ(row["rules"], "good");
      EXPECT_EQ(row["n"], 7);
    }
    if (row["location_id"] == "RA901" && row["key_question"] == "responsive") {
      torbay = true;
      EXPECT_EQ(row["published"], "requires_improvement");
      EXPECT_EQ(row["rules"], "good");
      EXPECT_EQ(row["band"], "9+");
      EXPECT_EQ(row["counts"]["requires_improvement"], 2);
    }
  }
  EXPECT_EQ(departs, 6);
  EXPECT_TRUE(wonford && torbay);
  // Standard input gives the same rows.
  const CliRun from_stdin = run_shell("\"$CLI\" audit - --format jsonl < '" + kApiFixture + "'");
  EXPECT_EQ(from_stdin.status, 0) << from_stdin.err;
  EXPECT_EQ(from_stdin.lines, run.lines);
}

TEST(CliAudit, CsvHasAHeaderAndARowPerAggregate) {
  const CliRun run = run_audit("\"$F\" --format csv");
  EXPECT_EQ(run.status, 0) << run.err;
  ASSERT_EQ(run.lines.size(), 164u);
  EXPECT_EQ(run.lines[0],
            "level,provider_id,provider_name,location_id,location_name,region,service,service_name,key_question,"
            "rating_date,current,n,band,count_outstanding,count_good,count_requires_improvement,count_inadequate,"
            "count_not_rated,published,published_words,rules,principle,follows,outcome\r");
  for (const std::string& line : run.lines) EXPECT_EQ(line.back(), '\r') << line;  // CRLF
  EXPECT_TRUE(contains(joined(run.lines),
                       "location_key_question,RA9,,RA901,Torbay Hospital,,,,responsive,2020-07-02,true,9,9+,0,7,2,0,0,"
                       "requires_improvement,Requires improvement,good,good,false,departs\r"));
}

TEST(CliAudit, TextSummarisesByLevelAndBandThenListsTheDepartures) {
  const CliRun run = run_audit("\"$F\"");  // text is the default
  EXPECT_EQ(run.status, 0) << run.err;
  const std::string text = joined(run.lines);
  for (const char* part : {
           "163 published aggregates looked at; 113 follow the principles, 6 depart from them, 44 skipped",
           "Service overall from its key questions: 60 of 60 follow the principles\n",
           "Location key question from its services: 42 of 48 follow the principles\n"
           "  N 1-3: 10 of 13 follow, 3 depart\n  N 4-8: 25 of 27 follow, 2 depart\n  N 9+: 7 of 8 follow, 1 departs\n",
           "Location overall from its key questions: 11 of 11 follow the principles\n",
           "Trust overall from its key questions: none in the data",
           "Departures from the principles (6):\n",
           "- Location key question from its services: provider RA9, location RA901 \"Torbay Hospital\", key question "
           "Responsive, rated 2020-07-02: published Requires improvement, by the principles Good; N = 9 (7 good, 2 "
           "requires improvement), band 9+, decided by: Otherwise good\n",
           "location RH801 \"Royal Devon & Exeter Hospital (Wonford)\", key question Safe",
       }) {
    EXPECT_TRUE(contains(text, part)) << part << "\n---\n" << text;
  }
}

TEST(CliAudit, HistoryAddsTheEarlierReports) {
  const CliRun current = run_audit("\"$F\" --format jsonl");
  const CliRun all = run_audit("\"$F\" --format jsonl --history");
  EXPECT_EQ(all.status, 0) << all.err;
  ASSERT_EQ(all.lines.size(), 163u + 243u);
  std::vector<std::string> now;
  int earlier_departures = 0;
  for (const std::string& line : all.lines) {
    const Json row = Json::parse(line);
    if (row["current"] == true) now.push_back(line);
    else earlier_departures += row["outcome"] == "departs";
  }
  EXPECT_EQ(now, current.lines);
  EXPECT_EQ(earlier_departures, 4);
  const CliRun text = run_audit("\"$F\" --history");
  EXPECT_TRUE(contains(joined(text.lines), "location RK950 \"Derriford Hospital\", key question Well-led, earlier "
                                           "report of 2018-08-15: published Good"))
      << joined(text.lines);
}

TEST(CliAudit, TwoFilesAreReadIntoOneAudit) {
  const std::string extra =
      R"({"locationId":"X1","providerId":"RX1","name":"Extra","currentRatings":{"overall":{"rating":"Good",)"
      R"("reportDate":"2020-01-01","keyQuestionRatings":[{"name":"Safe","rating":"Requires improvement"},)"
      R"({"name":"Effective","rating":"Requires improvement"},{"name":"Caring","rating":"Good"}]}}})";
  const CliRun run = run_audit("\"$F\" - --format jsonl", extra);
  EXPECT_EQ(run.status, 0) << run.err;
  ASSERT_EQ(run.lines.size(), 164u);
  const Json last = Json::parse(run.lines.back());
  EXPECT_EQ(last["location_id"], "X1");
  EXPECT_EQ(last["outcome"], "departs");  // two RI of three: the rules give RI
  // The same records twice are merged by ID: one audit of them.
  const CliRun twice = run_audit("\"$F\" \"$F\" --format jsonl");
  EXPECT_EQ(twice.lines.size(), 163u);
}

TEST(CliAudit, BadFilesAreNamedAndTheRestIsStillAudited) {
  const CliRun missing = run_audit("\"$F\" \"$DIR/nothing.json\" --format jsonl");
  EXPECT_EQ(missing.status, 1);
  EXPECT_EQ(missing.lines.size(), 163u);
  EXPECT_TRUE(contains(missing.err, "/nothing.json: cannot open the file: No such file or directory\n")) << missing.err;

  const CliRun directory = run_audit("\"$DIR\" --format jsonl");
  EXPECT_EQ(directory.status, 1);
  EXPECT_TRUE(directory.lines.empty());
  EXPECT_TRUE(contains(directory.err, ": cannot read the file: Is a directory\n")) << directory.err;

  const CliRun empty = run_shell(": > \"$DIR/empty.csv\"\n\"$CLI\" audit \"$DIR/empty.csv\"");
  EXPECT_EQ(empty.status, 1);
  EXPECT_TRUE(contains(empty.err, "empty.csv: the file is empty")) << empty.err;
  // Text output is still written: the summary of nothing.
  EXPECT_TRUE(contains(joined(empty.lines), "0 published aggregates looked at")) << joined(empty.lines);

  const CliRun garbage = run_shell("printf 'hello\\001world\\n\\377\\376 \"unclosed\\n' > \"$DIR/garbage\"\n"
                                   "\"$CLI\" audit \"$DIR/garbage\" --format jsonl");
  EXPECT_EQ(garbage.status, 1);
  EXPECT_TRUE(garbage.lines.empty());
  // One problem a line, each naming the file.
  std::istringstream problems(garbage.err);
  int lines = 0;
  for (std::string line; std::getline(problems, line); ++lines) {
    EXPECT_EQ(line.rfind("cqc-ratings: " + std::string(::testing::TempDir()), 0), 0u) << line;
    EXPECT_TRUE(contains(line, "garbage")) << line;
  }
  EXPECT_GE(lines, 1);

  const CliRun none = run_shell("\"$CLI\" audit");
  EXPECT_EQ(none.status, 2);
  EXPECT_TRUE(contains(none.err, "give one or more files")) << none.err;
}

TEST(CliAudit, AFileLargerThanTheLimitIsRefusedByItsSizeAtOnce) {
  // A sparse file: 2 GiB long, nothing on disk. `timeout` only turns reading
  // it (the bug) into a failure.
  const CliRun run = run_shell("truncate -s 2G \"$DIR/big.csv\"\ntimeout 5 \"$CLI\" audit \"$DIR/big.csv\"");
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_TRUE(contains(run.err, "big.csv: the file is 2147483648 bytes (2.0 GiB), larger than the limit of "
                                "1073741824 bytes (1 GiB) for one data file, so it was not read"))
      << run.err;
}

TEST(CliAudit, AFailedWriteIsAnError) {
  for (const char* format : {"text", "jsonl", "csv"}) {
    const CliRun run = run_audit("\"$F\" --format " + std::string(format) + " > /dev/full");
    EXPECT_EQ(run.status, 3) << format << ": " << run.err;
    EXPECT_EQ(run.err, "cqc-ratings: cannot write the output: No space left on device\n") << format;
  }
  const CliRun pipe = run_shell("trap '' PIPE\nF='" + kApiFixture +
                                "'\n{ \"$CLI\" audit \"$F\" --history --format jsonl; echo $? > \"$DIR/status\"; } "
                                "| head -c 1 > /dev/null\nexit $(cat \"$DIR/status\")");
  EXPECT_EQ(pipe.status, 3) << pipe.err;
  EXPECT_EQ(pipe.err, "cqc-ratings: cannot write the output: Broken pipe\n");
}

// A zip of stored (uncompressed) parts: enough of an .ods for the CLI's way to the .ods reader.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  auto crc32 = [](const std::string& data) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char c : data) {
      crc ^= c;
      for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
  };
  auto put = [](std::string& out, std::uint32_t v, int bytes) {
    // Little-endian; bytes past the fourth are zero (a 32-bit value spread over 8 bytes).
    for (int i = 0; i < bytes; ++i) out += static_cast<char>(i < 4 ? (v >> (8 * i)) & 0xFF : 0);
  };
  std::string out, central;
  for (const auto& [name, data] : parts) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    for (int in_central = 0; in_central < 2; ++in_central) {
      std::string& to = in_central ? central : out;
      put(to, in_central ? 0x02014b50 : 0x04034b50, 4);
      if (in_central) put(to, 20, 2);
      put(to, 20, 2);  // version needed
      put(to, 0, 2);   // flags
      put(to, 0, 2);   // stored
      put(to, 0, 4);   // time and date
      put(to, crc32(data), 4);
      put(to, static_cast<std::uint32_t>(data.size()), 4);
      put(to, static_cast<std::uint32_t>(data.size()), 4);
      put(to, static_cast<std::uint32_t>(name.size()), 2);
      put(to, 0, 2);  // extra
      if (in_central) {
        put(to, 0, 2 + 2 + 2 + 4);  // comment, disk, attributes
        put(to, offset, 4);
      }
      to += name;
      if (!in_central) to += data;
    }
  }
  const auto central_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put(out, 0x06054b50, 4);
  put(out, 0, 4);
  put(out, static_cast<std::uint32_t>(parts.size()), 2);
  put(out, static_cast<std::uint32_t>(parts.size()), 2);
  put(out, static_cast<std::uint32_t>(central.size()), 4);
  put(out, central_offset, 4);
  put(out, 0, 2);
  return out;
}

TEST(CliAudit, AnOdsFileGoesToTheOdsReaderSheetBySheet) {
  auto row = [](const std::vector<std::string>& cells) {
    std::string out = "<table:table-row>";
    for (const std::string& c : cells) {
      out += "<table:table-cell office:value-type=\"string\"><text:p>" + c + "</text:p></table:table-cell>";
    }
    return out + "</table:table-row>";
  };
  std::string rows = row({"Location ID", "Location Name", "Service / Population Group", "Domain", "Latest Rating"});
  const char* ratings[][2] = {{"Overall", "Good"}, {"Safe", "Requires improvement"}, {"Effective", "Requires improvement"},
                              {"Caring", "Good"}, {"Responsive", "Good"}, {"Well-led", "Good"}};
  for (const auto& [domain, rating] : ratings) rows += row({"1-100", "Royal", "Overall", domain, rating});
  const std::string content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:spreadsheet>"
      "<table:table table:name=\"Locations\">" + rows + "</table:table></office:spreadsheet></office:body>"
      "</office:document-content>\n";
  const ScratchDir dir;
  std::ofstream(dir.file("latest.ods"), std::ios::binary)
      << stored_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", content}});
  const CliRun run = run_shell("\"$CLI\" audit \"$DIR/latest.ods\" --format jsonl", "", dir);
  EXPECT_EQ(run.status, 0) << run.err;
  ASSERT_EQ(run.lines.size(), 1u) << run.err;
  const Json location = Json::parse(run.lines[0]);
  EXPECT_EQ(location["location_id"], "1-100");
  EXPECT_EQ(location["rules"], "requires_improvement");  // two RI of five
  EXPECT_EQ(location["outcome"], "departs");
  // From standard input a zip cannot be opened (its directory is at its end): said so.
  const CliRun piped = run_shell("\"$CLI\" audit - < \"$DIR/latest.ods\"", "", dir);
  EXPECT_EQ(piped.status, 1);
  EXPECT_TRUE(contains(piped.err, "standard input: is a zip file (an .ods spreadsheet?): give its file name")) << piped.err;
  // A file cut short is the .ods reader's to describe, named by the CLI.
  const CliRun cut = run_shell("head -c 200 \"$DIR/latest.ods\" > \"$DIR/cut.ods\"\n\"$CLI\" audit \"$DIR/cut.ods\"", "", dir);
  EXPECT_EQ(cut.status, 1);
  EXPECT_EQ(cut.err.rfind("cqc-ratings: " + dir.file("cut.ods") + ": ", 0), 0u) << cut.err;
}

}  // namespace
}  // namespace cqc::test
