// Native figures for the assessment contract (Google Benchmark; prints times,
// never fails on speed): a workbench trust of 10 locations x 12 services
// (tests/data/large-assessment.mjs, dated, and with a 200-character rationale
// on every rating), through contract::assess() as the CLI and the module call
// it (the answer written directly), beside the JSON tree it used to build and
// dump, and the parts: parse and read, build and evaluate, write.
//   cqc-bench-assessment [benchmark flags] DOCUMENT.json...
// bench/native.sh writes the documents to build/bench/ and passes them.
#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <iostream>
#include <sstream>

#include "contract.hpp"
#include "contract_assess.hpp"
#include "contract_live_assessment.hpp"

namespace {

namespace detail = cqc::contract::assess_detail;

detail::ReadDocument read(const std::string& text) {
  std::string error;
  std::optional<detail::ReadDocument> doc = detail::read_document(text, std::nullopt, error);
  if (!doc) std::cerr << "not an assessment: " << error << "\n";
  return doc ? std::move(*doc) : detail::ReadDocument{};
}

void register_cases(const std::string& name, const std::string& text) {
  // The whole call, as the CLI and the module make it: text in, text out.
  benchmark::RegisterBenchmark(("assess/writer/" + name).c_str(), [text](benchmark::State& state) {
    std::size_t bytes = 0;
    for (auto _ : state) {
      const std::string out = cqc::contract::assess(text);
      bytes = out.size();
      benchmark::DoNotOptimize(out.data());
    }
    state.counters["out_bytes"] = static_cast<double>(bytes);
  })->Unit(benchmark::kMillisecond);
  // The same answer as before this writer: the tree built and dumped.
  benchmark::RegisterBenchmark(("assess/tree/" + name).c_str(), [text](benchmark::State& state) {
    for (auto _ : state) {
      std::string error;
      const std::optional<detail::ReadDocument> doc = detail::read_document(text, std::nullopt, error);
      const std::string out = cqc::contract::dump(detail::assessment_to_json(*doc, detail::assess_document(*doc)));
      benchmark::DoNotOptimize(out.data());
    }
  })->Unit(benchmark::kMillisecond);
  // The workbench's live path: the ratings view of the whole document, and one entered rating
  // changed in a loaded LiveAssessment (a key press in a grid), good and requires improvement in turn.
  benchmark::RegisterBenchmark(("live/ratings_view/" + name).c_str(), [text](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(cqc::contract::assess_ratings(text).size());
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("live/set_entry/" + name).c_str(), [text](benchmark::State& state) {
    cqc::contract::LiveAssessment live;
    live.load(text, std::nullopt, {});
    bool good = false;
    std::size_t bytes = 0;
    for (auto _ : state) {
      good = !good;
      const std::string out = live.set_entry("location:L3/service:surgery/safe",
                                             good ? R"({"rating": "good"})" : R"({"rating": "requires_improvement"})", {});
      bytes = out.size();
      benchmark::DoNotOptimize(out.data());
    }
    state.counters["out_bytes"] = static_cast<double>(bytes);
  })->Unit(benchmark::kMillisecond);
  // The parts.
  benchmark::RegisterBenchmark(("part/parse_read/" + name).c_str(), [text](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(read(text).trust.locations.size());
  })->Unit(benchmark::kMillisecond);
  const auto doc = std::make_shared<detail::ReadDocument>(read(text));
  benchmark::RegisterBenchmark(("part/build_evaluate/" + name).c_str(), [doc](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(detail::assess_document(*doc).results.size());
  })->Unit(benchmark::kMillisecond);
  const auto assessed = std::make_shared<detail::Assessed>(detail::assess_document(*doc));
  benchmark::RegisterBenchmark(("part/write/" + name).c_str(), [doc, assessed](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(detail::write_assessment(*doc, *assessed).size());
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("part/tree_dump/" + name).c_str(), [doc, assessed](benchmark::State& state) {
    for (auto _ : state) {
      benchmark::DoNotOptimize(cqc::contract::dump(detail::assessment_to_json(*doc, *assessed)).size());
    }
  })->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc < 2) {
    std::cerr << "usage: cqc-bench-assessment [benchmark flags] DOCUMENT.json...\n";
    return 2;
  }
  for (int i = 1; i < argc; ++i) {
    std::ifstream file(argv[i]);
    std::stringstream text;
    text << file.rdbuf();
    std::string name = argv[i];
    name = name.substr(name.find_last_of('/') + 1);
    name = name.substr(0, name.find('.'));
    register_cases(name, text.str());
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
