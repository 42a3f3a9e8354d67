// Properties of the levels of ratings over generated trusts (a fixed seed,
// so a failure is the same on every run): improving any lowest-level rating
// never lowers any node; a single-location trust's ratings are its
// location's (well-led apart); the order of locations and services never
// matters.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "hierarchy.hpp"

namespace cqc::test {
namespace {

class Generator {
 public:
  explicit Generator(unsigned seed) : random_(seed) {}

  Rating rating() {
    // Mostly rated, sometimes not: as in CQC's published grids.
    const int r = pick(0, 11);
    return r < 2 ? Rating::Outstanding : r < 7 ? Rating::Good : r < 9 ? Rating::RequiresImprovement
                 : r < 10 ? Rating::Inadequate : Rating::NotRated;
  }

  KeyQuestionAssessment key_question() {
    KeyQuestionAssessment a;
    a.ratings.push_back({rating(), CalendarDate{2019 + pick(0, 2), 1 + pick(0, 11), 1}, ""});
    const int e = pick(0, 30);
    a.enforcement = e == 0 ? Enforcement::RequirementNotice : e == 1 ? Enforcement::WarningNotice : Enforcement::None;
    return a;
  }

  TrustAssessment trust(int locations) {
    TrustAssessment t;
    t.name = "Generated";
    for (int l = 0; l < locations; ++l) {
      LocationAssessment location;
      location.id = "L" + std::to_string(l);
      const int services = pick(1, 10);
      for (int s = 0; s < services; ++s) {
        ServiceAssessment service;
        service.id = "S" + std::to_string(s);
        for (auto& kq : service.key_questions) kq = key_question();
        location.services.push_back(service);
      }
      t.locations.push_back(location);
    }
    t.well_led = key_question();
    t.use_of_resources = key_question();
    return t;
  }

  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  std::mt19937& engine() { return random_; }

 private:
  std::mt19937 random_;
};

// Every node's rating (and whether it is awarded), by id.
std::map<std::string, std::pair<Rating, bool>> ratings_by_id(const TrustAssessment& trust) {
  const HierarchyModel h = build_hierarchy(trust);
  const std::vector<NodeResult> results = evaluate(h.model, h.values, h.rules);
  std::map<std::string, std::pair<Rating, bool>> out;
  for (NodeIndex i = 0; i < h.model.size(); ++i) out[h.model.node(i).id] = {results[i].used_upward, results[i].awarded};
  return out;
}

// Smaller Rating values are better; not rated compares as nothing.
bool no_worse(Rating after, Rating before) {
  if (!is_rated(before) || !is_rated(after)) return is_rated(before) == is_rated(after);
  return after <= before;
}

TEST(HierarchyProperties, ImprovingAnyLowestLevelRatingNeverLowersAnyNode) {
  Generator g(20261123);
  int checked = 0;
  for (int trial = 0; trial < 150; ++trial) {
    TrustAssessment trust = g.trust(g.pick(1, 3));
    const auto before = ratings_by_id(trust);
    // Each service key question in turn, one step better.
    for (auto& location : trust.locations) {
      for (auto& service : location.services) {
        for (auto& kq : service.key_questions) {
          Rating& r = kq.ratings.front().rating;
          if (!is_rated(r) || r == Rating::Outstanding) continue;
          const Rating was = r;
          r = static_cast<Rating>(static_cast<int>(r) - 1);
          for (const auto& [id, after] : ratings_by_id(trust)) {
            const auto& old = before.at(id);
            ASSERT_EQ(after.second, old.second) << id << " changed whether it is awarded";
            ASSERT_TRUE(no_worse(after.first, old.first))
                << id << " got worse when " << location.id << "/" << service.id << " improved from " << token(was);
          }
          r = was;
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 3000);
}

TEST(HierarchyProperties, ASingleLocationTrustsRatingsAreItsLocationsExceptWellLed) {
  Generator g(7);
  for (int trial = 0; trial < 300; ++trial) {
    const TrustAssessment trust = g.trust(1);
    const auto by_id = ratings_by_id(trust);
    for (Question q : {Question::Safe, Question::Effective, Question::Caring, Question::Responsive}) {
      ASSERT_EQ(by_id.at(node_id::trust_key_question(q)).first,
                by_id.at(node_id::location_key_question("L0", q)).first) << token(q);
    }
    ASSERT_EQ(by_id.at(node_id::kTrustQuality).first, by_id.at(node_id::location("L0")).first);
  }
}

TEST(HierarchyProperties, TheOrderOfLocationsAndServicesNeverMatters) {
  Generator g(11);
  for (int trial = 0; trial < 200; ++trial) {
    TrustAssessment trust = g.trust(g.pick(1, 3));
    const auto before = ratings_by_id(trust);
    std::shuffle(trust.locations.begin(), trust.locations.end(), g.engine());
    for (auto& location : trust.locations) std::shuffle(location.services.begin(), location.services.end(), g.engine());
    ASSERT_EQ(ratings_by_id(trust), before);
  }
}

}  // namespace
}  // namespace cqc::test
