// Uses the installed headers the way another project would: <cqc/...>.
#include <cqc/contract.hpp>
#include <cqc/hierarchy.hpp>

#include <iostream>

int main() {
  cqc::TrustAssessment trust;
  cqc::LocationAssessment location;
  location.id = "A";
  cqc::ServiceAssessment service;
  service.id = "urgent";
  for (auto& kq : service.key_questions) kq.ratings.push_back({cqc::Rating::Good, std::nullopt, ""});
  service.key_questions[0].ratings.front().rating = cqc::Rating::RequiresImprovement;
  location.services.push_back(service);
  trust.locations.push_back(location);
  trust.well_led.ratings.push_back({cqc::Rating::RequiresImprovement, std::nullopt, ""});
  const cqc::HierarchyModel h = cqc::build_hierarchy(trust);
  const auto results = cqc::evaluate(h.model, h.values, h.rules);
  const auto quality = results[static_cast<std::size_t>(*h.model.find(cqc::node_id::kTrustQuality))];
  // Safe and well-led requires improvement: the rule of two.
  std::cout << "quality: " << cqc::token(quality.rating) << "\n";
  std::cout << cqc::contract::evaluate(R"({"safe":"good","effective":"good","caring":"good","responsive":"good",)"
                                       R"("well_led":"good","use_of_resources":"good"})").substr(0, 40) << "\n";
  return quality.rating == cqc::Rating::RequiresImprovement ? 0 : 1;
}
