// The cqc-ratings executable, run as a user would: batch over every input,
// mixed good and bad lines, exit codes, text mode and --rules.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "contract.hpp"
#include "oracle.hpp"
#include "test_support.hpp"

namespace cqc::test {
namespace {

using contract::Json;

struct CliRun {
  int status;
  std::vector<std::string> lines;
};

// Runs the CLI with `input` on stdin and returns its exit status and output lines.
CliRun run_cli(const std::string& args, const std::string& input) {
  const std::string dir = ::testing::TempDir();
  const std::string in_path = dir + "cli_in.txt", out_path = dir + "cli_out.txt";
  std::ofstream(in_path, std::ios::binary) << input;
  const std::string command =
      std::string(CQC_CLI_PATH) + " " + args + " < " + in_path + " > " + out_path + " 2>&1";
  const int raw = std::system(command.c_str());
  CliRun run{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, {}};
  std::ifstream out(out_path);
  for (std::string line; std::getline(out, line);) run.lines.push_back(line);
  return run;
}

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
                            R"({"safety":"good"})" + "\n" + std::string(70000, ' ') + "x\n" + good;
  const CliRun run = run_cli("batch", input);
  EXPECT_EQ(run.status, 1);
  ASSERT_EQ(run.lines.size(), 8u);
  const bool expect_error[] = {false, true, true, true, false, true, true, false};
  for (std::size_t i = 0; i < 8; ++i) {
    const Json out = Json::parse(run.lines[i]);
    EXPECT_EQ(out.contains("error"), expect_error[i]) << i << ": " << run.lines[i];
    if (!expect_error[i]) EXPECT_EQ(out["combined"]["rating"], "good");
  }
  EXPECT_NE(Json::parse(run.lines[5])["error"].get<std::string>().find("unknown field \"safety\""),
            std::string::npos);
  EXPECT_NE(Json::parse(run.lines[6])["error"].get<std::string>().find("limit is 65536"),
            std::string::npos);
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
  const std::string dir = ::testing::TempDir();
  std::ofstream(dir + "rule_of_two.json") << R"({"combined": "standard"})";
  const CliRun run = run_cli("--rules " + dir + "rule_of_two.json evaluate",
                          request_json(trust(RI, G, G, RI, G, G)));
  ASSERT_EQ(run.status, 0);
  EXPECT_EQ(Json::parse(run.lines[0])["combined"]["rating"], "requires_improvement");

  std::ofstream(dir + "bad_rules.json") << R"({"combined": {"name": "x", "bands": []}})";
  const CliRun bad = run_cli("--rules " + dir + "bad_rules.json evaluate", request_json(trust(G, G, G, G, G, G)));
  EXPECT_EQ(bad.status, 2);
  ASSERT_FALSE(bad.lines.empty());
  EXPECT_NE(bad.lines[0].find("combined.bands"), std::string::npos) << bad.lines[0];
}

TEST(Cli, RulesPrintsAConfigThatLoadsBack) {
  const CliRun printed = run_cli("rules", "");
  ASSERT_EQ(printed.status, 0);
  std::string text;
  for (const auto& line : printed.lines) text += line + "\n";
  const std::string path = ::testing::TempDir() + "printed_rules.json";
  std::ofstream(path) << text;
  const CliRun reloaded = run_cli("--rules " + path + " rules", "");
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

TEST(CliExplore, UnknownVariantIsNamed) {
  const CliRun run = run_cli("compare standard rule_of_four", "");
  EXPECT_EQ(run.status, 2);
  ASSERT_FALSE(run.lines.empty());
  EXPECT_NE(run.lines[0].find("rule_of_four: neither a readable rules file nor a built-in rule set"), std::string::npos);
}

}  // namespace
}  // namespace cqc::test
