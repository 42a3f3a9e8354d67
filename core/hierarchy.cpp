#include "hierarchy.hpp"

#include <algorithm>
#include <cctype>

namespace cqc {

std::string_view token(TrustType type) {
  switch (type) {
    case TrustType::AcuteNonSpecialist: return "acute_non_specialist";
    case TrustType::AcuteSpecialist: return "acute_specialist";
    case TrustType::MentalHealth: return "mental_health";
    case TrustType::Community: return "community";
    case TrustType::Ambulance: return "ambulance";
  }
  return "";
}

bool has_locations(TrustType type) {
  return type == TrustType::AcuteNonSpecialist || type == TrustType::AcuteSpecialist;
}

std::string_view token(Enforcement enforcement) {
  switch (enforcement) {
    case Enforcement::None: return "";
    case Enforcement::RequirementNotice: return "requirement_notice";
    case Enforcement::WarningNotice: return "warning_notice";
    case Enforcement::ConditionOfRegistration: return "condition_of_registration";
  }
  return "";
}

namespace node_id {
std::string service_key_question(const std::string& location, const std::string& service, Question q) {
  return node_id::service(location, service) + "/" + std::string(token(q));
}
std::string service(const std::string& location, const std::string& service) {
  return (location.empty() ? "" : "location:" + location + "/") + "service:" + service;
}
std::string location_key_question(const std::string& location, Question q) {
  return "location:" + location + "/" + std::string(token(q));
}
std::string location(const std::string& location) { return "location:" + location; }
std::string trust_key_question(Question q) { return "trust." + std::string(token(q)); }
}  // namespace node_id

namespace {

const Question kQualityQuestions[] = {Question::Safe, Question::Effective, Question::Caring, Question::Responsive,
                                      Question::WellLed};
constexpr int kWellLed = 4;

// Months from `from` to `to`, counting only whole months.
int whole_months(const CalendarDate& from, const CalendarDate& to) {
  int months = (to.year - from.year) * 12 + (to.month - from.month);
  if (to.day < from.day) --months;
  return months;
}

class Builder {
 public:
  Builder(const TrustAssessment& trust, const HierarchyOptions& options) : trust_(trust), options_(options) {
    // "Now", for exclusions after a merger: the as-at date, else the latest date in the assessment.
    now_ = options.as_at;
    if (!now_) visit_dates([&](const CalendarDate& d) { if (!now_ || *now_ < d) now_ = d; });
  }

  HierarchyModel build() {
    const RuleSet& quality = options_.quality_rules;
    h_.rules = {{{"service", quality}, {"location_key_question", quality}, {"location", quality},
                 {"trust_key_question", quality}, {"quality", quality}, {"combined", options_.combined_rules}}};
    // The trust-wide well-led assessment: an input, never an aggregate.
    KeyQuestionAssessment well_led = trust_.well_led;
    if (trust_.key_question_judgements[kWellLed]) well_led.judgement = trust_.key_question_judgements[kWellLed];
    well_led_ = input(node_id::trust_key_question(Question::WellLed), "the trust's well-led rating", well_led,
                      "trust_key_question");

    std::array<std::vector<NodeIndex>, kQualityQuestionCount> trust_inputs;
    if (has_locations(trust_.type)) {
      for (const LocationAssessment& location : trust_.locations) add_location(location, trust_inputs);
    } else {
      for (const ServiceAssessment& service : trust_.services) {
        const auto kqs = add_service("", service);
        if (kqs) for (int q = 0; q < kWellLed; ++q) trust_inputs[q].push_back((*kqs)[q]);
      }
    }
    std::vector<NodeIndex> trust_questions;
    for (int q = 0; q < kWellLed; ++q) {
      const Question question = kQualityQuestions[q];
      trust_questions.push_back(aggregate(node_id::trust_key_question(question),
                                          "the trust's " + lower(label(question)) + " rating", trust_inputs[q],
                                          "trust_key_question", trust_.key_question_judgements[q]));
    }
    trust_questions.push_back(well_led_);
    const bool acute = has_locations(trust_.type);
    const NodeIndex quality_node = aggregate(node_id::kTrustQuality, acute ? "the quality rating" : "the trust's overall rating",
                                             trust_questions, "quality", trust_.quality_judgement);
    add_use_of_resources_and_combined(trust_questions, quality_node);
    return std::move(h_);
  }

 private:
  static std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }

  template <typename F>
  void visit_dates(F&& f) const {
    auto kq = [&](const KeyQuestionAssessment& a) {
      for (const DatedRating& r : a.ratings) if (r.date) f(*r.date);
    };
    auto service = [&](const ServiceAssessment& s) { for (const auto& a : s.key_questions) kq(a); };
    for (const auto& l : trust_.locations) for (const auto& s : l.services) service(s);
    for (const auto& s : trust_.services) service(s);
    kq(trust_.well_led);
    kq(trust_.use_of_resources);
  }

  // The latest rating on or before the as-at date (an undated one counts as always given).
  std::optional<DatedRating> as_at(const KeyQuestionAssessment& a) const {
    std::optional<DatedRating> best;
    for (const DatedRating& r : a.ratings) {
      if (options_.as_at && r.date && *options_.as_at < *r.date) continue;
      const bool later = !best || (r.date && (!best->date || *best->date < *r.date));
      if (later) best = r;
    }
    return best;
  }

  NodeIndex input(const std::string& id, const std::string& subject, const KeyQuestionAssessment& a,
                  const std::string& level) {
    const NodeIndex i = h_.model.add({id, subject, ModelNode::Kind::Input, {}, "", {}, {}, level});
    NodeValue value;
    if (const auto given = as_at(a)) {
      value.rating = given->rating;
      value.date = given->date;
    }
    switch (a.enforcement) {
      case Enforcement::None: break;
      case Enforcement::RequirementNotice:
        value.limit = RatingLimit{Rating::RequiresImprovement, std::string(token(a.enforcement))};
        break;
      case Enforcement::WarningNotice:
      case Enforcement::ConditionOfRegistration:
        value.limit = RatingLimit{Rating::Inadequate, std::string(token(a.enforcement))};
        break;
    }
    value.judgement = a.judgement;
    h_.values.push_back(std::move(value));
    return i;
  }

  NodeIndex aggregate(const std::string& id, const std::string& subject, std::vector<NodeIndex> inputs,
                      const std::string& role, const std::optional<Judgement>& judgement,
                      std::vector<GateCondition> gate = {}, std::optional<NodeIndex> capped_by = std::nullopt) {
    const NodeIndex i = h_.model.add({id, subject, ModelNode::Kind::Aggregate, std::move(inputs), role, std::move(gate),
                                      capped_by, role});
    NodeValue value;
    value.judgement = judgement;
    h_.values.push_back(std::move(value));
    return i;
  }

  void note(const std::string& node, const std::string& code, const std::string& text) {
    h_.notes.push_back({node, code, text});
  }

  bool joined_recently(const std::optional<CalendarDate>& joined_on) const {
    return joined_on && now_ && whole_months(*joined_on, *now_) < options_.joined_exclusion_months;
  }

  // The service's five key questions and its overall rating; returns the key
  // questions when they count in the level above.
  std::optional<std::array<NodeIndex, kQualityQuestionCount>> add_service(const std::string& location,
                                                                          const ServiceAssessment& service) {
    std::array<NodeIndex, kQualityQuestionCount> kqs{};
    const std::string name = service.name.empty() ? service.id : service.name;
    for (int q = 0; q < static_cast<int>(kQualityQuestionCount); ++q) {
      const Question question = kQualityQuestions[q];
      kqs[q] = input(node_id::service_key_question(location, service.id, question),
                     std::string(label(question)) + " in " + name, service.key_questions[q], "service_key_question");
    }
    const std::string id = node_id::service(location, service.id);
    aggregate(id, name, {kqs.begin(), kqs.end()}, "service", service.judgement);
    if (service.significantly_small) {
      note(id, "significantly_small", name + " is marked significantly small (" + service.significantly_small_rationale +
                                          "), so it is left out of the level above.");
      return std::nullopt;
    }
    if (joined_recently(service.joined_on)) {
      note(id, "joined_recently", name + " came from a previously separate provider on " + service.joined_on->iso() +
                                      ", less than " + std::to_string(options_.joined_exclusion_months) +
                                      " months ago, so it is left out of the level above.");
      return std::nullopt;
    }
    return kqs;
  }

  // When a service was last rated (as at the evaluation's date), if known.
  std::optional<CalendarDate> last_rated(const ServiceAssessment& service) const {
    std::optional<CalendarDate> last;
    for (const KeyQuestionAssessment& kq : service.key_questions) {
      const auto given = as_at(kq);
      if (given && given->date && (!last || *last < *given->date)) last = given->date;
    }
    return last;
  }

  // A service not re-inspected keeps its ratings ("the inspection report will show the date when
  // each service was rated"): say so where a location's services were rated on different dates.
  void note_carried_forward(const LocationAssessment& location) {
    std::optional<CalendarDate> latest;
    for (const ServiceAssessment& service : location.services) {
      const auto date = last_rated(service);
      if (date && (!latest || *latest < *date)) latest = date;
    }
    for (const ServiceAssessment& service : location.services) {
      const auto date = last_rated(service);
      if (!date || !(*date < *latest)) continue;
      const std::string name = service.name.empty() ? service.id : service.name;
      note(node_id::service(location.id, service.id), "carried_forward",
           name + " was last rated on " + date->iso() + ", before the latest ratings at " +
               (location.name.empty() ? location.id : location.name) + " (" + latest->iso() +
               "): its ratings are carried forward.");
    }
  }

  void add_location(const LocationAssessment& location,
                    std::array<std::vector<NodeIndex>, kQualityQuestionCount>& trust_inputs) {
    std::array<std::vector<NodeIndex>, kQualityQuestionCount> inputs;
    note_carried_forward(location);
    for (const ServiceAssessment& service : location.services) {
      const auto kqs = add_service(location.id, service);
      if (!kqs) continue;
      for (int q = 0; q < static_cast<int>(kQualityQuestionCount); ++q) inputs[q].push_back((*kqs)[q]);
      if (options_.trust_key_questions_from_services) {
        for (int q = 0; q < kWellLed; ++q) trust_inputs[q].push_back((*kqs)[q]);
      }
    }
    const std::string name = location.name.empty() ? location.id : location.name;
    const bool single = trust_.locations.size() == 1;
    std::vector<NodeIndex> questions;
    for (int q = 0; q < static_cast<int>(kQualityQuestionCount); ++q) {
      const Question question = kQualityQuestions[q];
      if (q == kWellLed && single) {
        // One hospital: its well-led is the trust-wide well-led (spec 6.1).
        questions.push_back(well_led_);
        note(node_id::location_key_question(location.id, question), "single_location_well_led",
             "With one location, the location's well-led rating is the trust-wide well-led rating.");
        continue;
      }
      questions.push_back(aggregate(node_id::location_key_question(location.id, question),
                                    lower(label(question)) + " at " + name, inputs[q], "location_key_question",
                                    location.key_question_judgements[q]));
    }
    const std::string id = node_id::location(location.id);
    aggregate(id, name, questions, "location", location.judgement);
    if (joined_recently(location.joined_on)) {
      note(id, "joined_recently", name + " came from a previously separate provider on " +
                                      location.joined_on->iso() + ", less than " +
                                      std::to_string(options_.joined_exclusion_months) +
                                      " months ago, so it is left out of the trust's ratings.");
      return;
    }
    if (!options_.trust_key_questions_from_services) {
      for (int q = 0; q < kWellLed; ++q) trust_inputs[q].push_back(questions[q]);
    }
  }

  void add_use_of_resources_and_combined(std::vector<NodeIndex> trust_questions, NodeIndex quality_node) {
    if (!has_locations(trust_.type)) {
      note("", "no_combined_rating", std::string("A ") + (trust_.type == TrustType::MentalHealth ? "mental health"
                                                         : trust_.type == TrustType::Community ? "community"
                                                                                               : "ambulance") +
                                         " trust has no location level, no use of resources rating and no combined rating.");
      return;
    }
    const NodeIndex uor = input(node_id::kUseOfResources, "the use of resources rating", trust_.use_of_resources,
                                "use_of_resources");
    if (trust_.type == TrustType::AcuteSpecialist) {
      note("", "no_combined_rating", "A specialist acute trust gets no combined rating; its use of resources "
                                     "rating, if any, is shown on its own.");
      return;
    }
    trust_questions.push_back(uor);
    std::vector<GateCondition> gate = {
        {GateCondition::Kind::Rated, uor, {}, std::string(token(NoCombinedReason::UseOfResourcesNotRated))},
        {GateCondition::Kind::DatedOnOrAfter, uor, kCombinedRatingsStart,
         std::string(token(NoCombinedReason::ShadowAssessment))},
        {GateCondition::Kind::Rated, quality_node, {}, std::string(token(NoCombinedReason::QualityNotRated))},
    };
    aggregate(node_id::kTrustCombined, "the combined rating", trust_questions, "combined", trust_.combined_judgement,
              std::move(gate), quality_node);
  }

  const TrustAssessment& trust_;
  const HierarchyOptions& options_;
  std::optional<CalendarDate> now_;
  NodeIndex well_led_ = 0;
  HierarchyModel h_;
};

}  // namespace

HierarchyModel build_hierarchy(const TrustAssessment& trust, const HierarchyOptions& options) {
  return Builder(trust, options).build();
}

}  // namespace cqc
