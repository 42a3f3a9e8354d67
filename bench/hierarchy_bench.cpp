// Native figures for the levels of ratings (Google Benchmark; prints times,
// never fails on speed). The worst case issue 10 names: a trust of 3
// locations x 10 services, every rating good, where no single change moves
// the trust's ratings, so "what would change it" tries every pair of the 152
// inputs (11 476 pairs, up to 9 value pairs each).
#include <benchmark/benchmark.h>

#include "hierarchy.hpp"

namespace {

cqc::TrustAssessment all_good_trust(int locations, int services) {
  cqc::TrustAssessment t;
  for (int l = 0; l < locations; ++l) {
    cqc::LocationAssessment location;
    location.id = "L" + std::to_string(l);
    for (int s = 0; s < services; ++s) {
      cqc::ServiceAssessment service;
      service.id = "S" + std::to_string(s);
      for (auto& kq : service.key_questions) kq.ratings.push_back({cqc::Rating::Good, cqc::CalendarDate{2020, 1, 1}, ""});
      location.services.push_back(service);
    }
    t.locations.push_back(location);
  }
  t.well_led.ratings.push_back({cqc::Rating::Good, cqc::CalendarDate{2020, 1, 1}, ""});
  t.use_of_resources.ratings.push_back({cqc::Rating::Good, cqc::CalendarDate{2020, 1, 1}, ""});
  return t;
}

void evaluate_hierarchy(benchmark::State& state) {
  const cqc::TrustAssessment trust = all_good_trust(3, 10);
  for (auto _ : state) {
    const cqc::HierarchyModel h = cqc::build_hierarchy(trust);
    benchmark::DoNotOptimize(cqc::evaluate(h.model, h.values, h.rules));
  }
}

void what_would_change(benchmark::State& state, const char* target) {
  const cqc::TrustAssessment trust = all_good_trust(3, 10);
  const cqc::HierarchyModel h = cqc::build_hierarchy(trust);
  const cqc::NodeIndex node = *h.model.find(target);
  std::size_t found = 0;
  for (auto _ : state) {
    const cqc::ModelWhatIfs whatifs = cqc::what_would_change(h.model, h.values, h.rules, node);
    found = whatifs.up.size() + whatifs.down.size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["what_ifs"] = static_cast<double>(found);
}

}  // namespace

BENCHMARK(evaluate_hierarchy)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(what_would_change, trust_quality, cqc::node_id::kTrustQuality)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(what_would_change, trust_combined, cqc::node_id::kTrustCombined)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
