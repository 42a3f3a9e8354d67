// The flat six-rating contract's answers (evaluate, batch, the calculator's
// module), pinned byte for byte, so that computing them another way (through
// the rating model, issue 10: the compatibility view) can be proven to change
// nothing: a digest of the answers to every one of the 15 625 inputs under
// each built-in combined rule set, without a date, with a shadow date and on
// 5 March 2018, and to every 7th with judgements and with the same rule set for
// quality too, taken from the calculator's own engine at commit 8e3bc7c; and
// tests/data/six-rating-results.txt, a few answers in full, readable.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>

#include "contract.hpp"

namespace cqc::test {
namespace {

std::string request(const TrustRatings& ratings, const std::string& rest) {
  std::string text = "{";
  for (Question q : kQuestions) {
    text += '"' + std::string(token(q)) + "\":\"" + std::string(token(ratings.of(q))) + "\",";
  }
  return text + rest + '}';
}

TrustRatings decoded(int code) {
  TrustRatings ratings;
  for (int q = 0; q < kQuestionCount; ++q, code /= 5) ratings.set(static_cast<Question>(q), static_cast<Rating>(code % 5));
  return ratings;
}

// FNV-1a, 64 bits: enough to notice any changed byte, small enough to pin.
struct Digest {
  std::uint64_t value = 14695981039346656037ull;
  void add(const std::string& bytes) {
    for (unsigned char c : bytes) value = (value ^ c) * 1099511628211ull;
    value = (value ^ '\n') * 1099511628211ull;
  }
};

struct Sweep {
  std::string combined;      // a built-in rule set's name
  std::uint64_t old_digest;  // of every answer below, as the calculator gave them at 8e3bc7c
};

void PrintTo(const Sweep& sweep, std::ostream* out) { *out << sweep.combined; }

class SixRatingView : public ::testing::TestWithParam<Sweep> {};

TEST_P(SixRatingView, AnswersByteForByteAsAtCommit8e3bc7c) {
  const std::string rules = "\"rules\":{\"combined\":\"" + GetParam().combined + "\"}";
  const std::string judged =
      "\"judgement\":{\"quality\":{\"rating\":\"good\",\"rationale\":\"Board said \\\"yes\\\"\\n\\t\\u0001 caf\xc3\xa9\"},"
      "\"combined\":{\"rating\":\"outstanding\",\"rationale\":\"Seen on inspection\"}}";
  const std::vector<std::string> variants = {
      rules, rules + ",\"uor_assessed_on\":\"2017-06-01\"", rules + ",\"uor_assessed_on\":\"2018-03-05\"",
      rules + "," + judged,  // every 7th input from here on
      "\"rules\":{\"quality\":\"" + GetParam().combined + "\",\"combined\":\"" + GetParam().combined + "\"}"};
  Digest digest;
  int compared = 0;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    for (int code = 0; code < 15625; code += v < 3 ? 1 : 7) {
      bool ok = false;
      digest.add(contract::evaluate(request(decoded(code), variants[v]), {}, &ok));
      ASSERT_TRUE(ok) << request(decoded(code), variants[v]);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 3 * 15625 + 2 * 2233);
  EXPECT_EQ(digest.value, GetParam().old_digest)
      << "the answers differ from those pinned; if the change is intended, list it and pin the new digest";
}

INSTANTIATE_TEST_SUITE_P(BuiltInRuleSets, SixRatingView,
                         ::testing::Values(Sweep{"standard", 411071432859253392ull},
                                           Sweep{"combined_2018", 13367499460851743264ull},
                                           Sweep{"quality_first", 8242431256779149656ull}),
                         [](const auto& info) { return info.param.combined; });

// A few answers in full, as pinned: a request line, then its
// answer line (the page's example, a shadow assessment, the quality-first cap
// deciding, judgements with no combined rating, an input with errors).
TEST(SixRatingView, GivesTheRecordedAnswersInFull) {
  std::ifstream file(std::string(CQC_SOURCE_DIR) + "/tests/data/six-rating-results.txt");
  ASSERT_TRUE(file) << "tests/data/six-rating-results.txt";
  std::string line, text;
  int pairs = 0;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (text.empty()) {
      text = line;
      continue;
    }
    EXPECT_EQ(contract::evaluate(text), line) << text;
    text.clear();
    ++pairs;
  }
  EXPECT_TRUE(text.empty()) << "a request without its answer";
  EXPECT_GE(pairs, 8);
}

}  // namespace
}  // namespace cqc::test
