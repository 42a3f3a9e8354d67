// Native figures for the ratings core (Google Benchmark). Not a test: it
// prints times and never fails on speed. Every per-trust case starts from the
// same input, the six ratings of one trust, so their ratios are comparable;
// the floor is a precomputed 4 096-entry table indexed by the base-4 code of
// the six ratings: what any implementation of the rules must at least cost.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "aggregate.hpp"
#include "contract.hpp"
#include "explore.hpp"
#include "rule_set.hpp"
#include "trust.hpp"

namespace {

using cqc::Question;
using cqc::Rating;
using cqc::TrustRatings;

TrustRatings trust(std::array<Rating, cqc::kQuestionCount> by_question) {
  TrustRatings t;
  t.by_question = by_question;
  return t;
}

constexpr Rating O = Rating::Outstanding, G = Rating::Good, R = Rating::RequiresImprovement,
                 I = Rating::Inadequate, N = Rating::NotRated;

// A few representative trusts (safe, effective, caring, responsive, well-led, UoR).
const std::vector<std::pair<const char*, TrustRatings>> kTrusts = {
    {"example", trust({R, G, G, R, G, G})},       // the page's example: the 2018 change matters
    {"all_good", trust({G, G, G, G, G, G})},      // the common case
    {"outstanding", trust({O, O, G, G, G, O})},   // decided by principle 4
    {"inadequate", trust({I, R, G, R, I, G})},    // decided by principle 1
    {"uor_not_rated", trust({G, R, G, G, O, N})}, // no combined rating at all
};

// All 4 096 fully rated trusts; index == base-4 code of the six ratings.
std::vector<TrustRatings> all_rated() {
  std::vector<TrustRatings> all(4096);
  for (int code = 0; code < 4096; ++code) {
    for (int q = 0, c = code; q < 6; ++q, c /= 4) all[code].by_question[q] = cqc::kRatedValues[c % 4];
  }
  return all;
}
const std::vector<TrustRatings> kAll = all_rated();

int code_of(const TrustRatings& t) {
  int code = 0;
  for (int q = 5; q >= 0; --q) code = code * 4 + static_cast<int>(t.by_question[q]);
  return code;
}

// The answer the floor returns: quality and combined rating, one byte each.
struct Pair {
  std::uint8_t quality, combined;
};

// (b) the two ratings alone: count, then the principles without explanation.
Pair ratings_only(const TrustRatings& t) {
  const Rating q = cqc::aggregate_rating(t.quality_counts(), cqc::standard_rules());
  // Combined only when UoR and quality are rated (core/trust.cpp's order).
  const Rating c = is_rated(t.of(Question::UseOfResources)) && is_rated(q)
                       ? cqc::aggregate_rating(t.combined_counts(), cqc::combined_2018_rules())
                       : Rating::NotRated;
  return {static_cast<std::uint8_t>(q), static_cast<std::uint8_t>(c)};
}

std::array<Pair, 4096> build_table() {
  std::array<Pair, 4096> table{};
  for (const TrustRatings& t : kAll) table[code_of(t)] = ratings_only(t);
  return table;
}
const std::array<Pair, 4096> kTable = build_table();

std::string request_text(const TrustRatings& t) {
  std::string text = "{";
  for (Question q : cqc::kQuestions) {
    if (text.size() > 1) text += ',';
    text += '"' + std::string(token(q)) + "\":\"" + std::string(token(t.of(q))) + '"';
  }
  return text + '}';
}

// ---- the cases --------------------------------------------------------------

void evaluate_trust_one(benchmark::State& state, TrustRatings t) {  // (a)
  const cqc::TrustOptions options;  // built once: it copies the rule sets
  for (auto _ : state) {
    benchmark::DoNotOptimize(t);  // the compiler must assume it changed
    cqc::TrustResult result = cqc::evaluate_trust(t, options);
    benchmark::DoNotOptimize(result);
  }
}

void aggregate_rating_one(benchmark::State& state, TrustRatings t) {  // (b)
  for (auto _ : state) {
    benchmark::DoNotOptimize(t);
    Pair p = ratings_only(t);
    benchmark::DoNotOptimize(p);
  }
}

void evaluate_trust_all(benchmark::State& state) {  // (c)
  const cqc::TrustOptions options;
  for (auto _ : state) {
    for (const TrustRatings& t : kAll) {
      cqc::TrustResult result = cqc::evaluate_trust(t, options);
      benchmark::DoNotOptimize(result);
    }
  }
  state.SetItemsProcessed(state.iterations() * 4096);
}

// What the explorer computes: two variants (the standard rules and the 2018 combined rules) over
// all 15 625 inputs, each rated by rate_trust().
void explore_all(benchmark::State& state) {
  std::vector<cqc::TrustOptions> variants(2);
  variants[0].combined_rules = cqc::standard_rules();
  for (auto _ : state) {
    cqc::Exploration exploration = cqc::explore(variants, true);
    benchmark::DoNotOptimize(exploration);
  }
  state.SetItemsProcessed(state.iterations() * 15625);
}

void aggregate_rating_all(benchmark::State& state) {  // (d)
  for (auto _ : state) {
    for (const TrustRatings& t : kAll) {
      Pair p = ratings_only(t);
      benchmark::DoNotOptimize(p);
    }
  }
  state.SetItemsProcessed(state.iterations() * 4096);
}

void contract_one(benchmark::State& state, std::string text) {  // (e)
  for (auto _ : state) {
    benchmark::DoNotOptimize(text.data());
    std::string out = cqc::contract::evaluate(text);
    benchmark::DoNotOptimize(out);
  }
}

// (e'') the output alone, side by side: the result as a JSON tree then dumped
// (how it was written until issue 10) against written directly (write_result).
void output_tree(benchmark::State& state, TrustRatings t) {
  const cqc::TrustOptions options;
  const cqc::TrustResult result = cqc::evaluate_trust(t, options);
  for (auto _ : state) {
    std::string out = cqc::contract::dump(cqc::contract::to_json(result, options));
    benchmark::DoNotOptimize(out);
  }
}
void output_direct(benchmark::State& state, TrustRatings t) {
  const cqc::TrustOptions options;
  const cqc::TrustResult result = cqc::evaluate_trust(t, options);
  for (auto _ : state) {
    std::string out = cqc::contract::write_result(result, options);
    benchmark::DoNotOptimize(out);
  }
}

// (e') the contract for all 4 096: the native counterpart of the JS "all
// 4 096 through the API" figure, so that ratio compares like with like.
void contract_all(benchmark::State& state) {
  std::vector<std::string> texts;
  for (const TrustRatings& t : kAll) texts.push_back(request_text(t));
  for (auto _ : state) {
    for (const std::string& text : texts) {
      std::string out = cqc::contract::evaluate(text);
      benchmark::DoNotOptimize(out);
    }
  }
  state.SetItemsProcessed(state.iterations() * 4096);
}

void lookup_one(benchmark::State& state, TrustRatings t) {  // (f) the floor
  for (auto _ : state) {
    benchmark::DoNotOptimize(t);
    Pair p = kTable[code_of(t)];
    benchmark::DoNotOptimize(p);
  }
}

void lookup_all(benchmark::State& state) {  // (f) the floor, 4 096 times
  for (auto _ : state) {
    for (const TrustRatings& t : kAll) {
      Pair p = kTable[code_of(t)];
      benchmark::DoNotOptimize(p);
    }
  }
  state.SetItemsProcessed(state.iterations() * 4096);
}

}  // namespace

int main(int argc, char** argv) {
  // Registered by name so the JSON output names each case as the tables do.
  for (const auto& [name, t] : kTrusts) {
    benchmark::RegisterBenchmark((std::string("evaluate_trust/") + name).c_str(), evaluate_trust_one, t);
  }
  for (const auto& [name, t] : kTrusts) {
    benchmark::RegisterBenchmark((std::string("aggregate_rating/") + name).c_str(), aggregate_rating_one, t);
  }
  const TrustRatings& example = kTrusts.front().second;
  benchmark::RegisterBenchmark("contract/example", contract_one, request_text(example));
  benchmark::RegisterBenchmark("output_tree/example", output_tree, example);
  benchmark::RegisterBenchmark("output_direct/example", output_direct, example);
  benchmark::RegisterBenchmark("lookup/example", lookup_one, example);
  benchmark::RegisterBenchmark("evaluate_trust/all_4096", evaluate_trust_all);
  benchmark::RegisterBenchmark("aggregate_rating/all_4096", aggregate_rating_all);
  benchmark::RegisterBenchmark("explore/two_variants_15625", explore_all);
  benchmark::RegisterBenchmark("contract/all_4096", contract_all);
  benchmark::RegisterBenchmark("lookup/all_4096", lookup_all);

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
