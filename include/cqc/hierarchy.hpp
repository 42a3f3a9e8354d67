// CQC's levels of ratings (spec section 6) written as a RatingModel: from
// each core service's key questions up to the trust's quality and combined
// ratings. Where the public text leaves a choice open, the choice is a
// documented default in HierarchyOptions (spec 6.1).
//
// Acute trusts, per location: service x key question (level 1) -> service
// overall (2) -> location key question across its services (3) -> location
// overall (4); then the trust's key questions (5: safe to responsive from the
// locations' ratings of that question; well-led is the trust-wide
// assessment, an input, never aggregated), quality (6), use of resources (7),
// combined (8). Mental health, community and ambulance trusts have no
// location level: core service x key question -> core service -> trust key
// question -> trust overall, and no use of resources or combined rating.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"

namespace cqc {

enum class TrustType { AcuteNonSpecialist, AcuteSpecialist, MentalHealth, Community, Ambulance };
std::string_view token(TrustType type);  // "acute_non_specialist", ...
bool has_locations(TrustType type);      // acute trusts only

enum class Enforcement { None, RequirementNotice, WarningNotice, ConditionOfRegistration };
std::string_view token(Enforcement enforcement);  // "requirement_notice", ...

// One rating as given at one date; a key question may carry several (its
// history), and an evaluation "as at" a date uses the latest on or before it.
struct DatedRating {
  Rating rating = Rating::NotRated;
  std::optional<CalendarDate> date;
  std::string as_published;  // "Inspected but not rated" and the like, kept distinguishable
};

struct KeyQuestionAssessment {
  std::vector<DatedRating> ratings;  // any order; empty means no rating
  Enforcement enforcement = Enforcement::None;
  std::optional<Judgement> judgement;  // a final rating for this service's key question
};

struct ServiceAssessment {
  std::string id;    // CQC's inspection-area id or service name: "urgent", "Maternity"
  std::string name;  // for wording
  std::array<KeyQuestionAssessment, kQualityQuestionCount> key_questions;
  std::optional<Judgement> judgement;  // a final overall rating for the service
  // Left out of the level above, with the reason shown (spec 6.1).
  bool significantly_small = false;
  std::string significantly_small_rationale;
  std::optional<CalendarDate> joined_on;  // came from a previously separate provider on this date
};

struct LocationAssessment {
  std::string id;
  std::string name;
  std::vector<ServiceAssessment> services;
  std::array<std::optional<Judgement>, kQualityQuestionCount> key_question_judgements;
  std::optional<Judgement> judgement;  // a final overall rating for the location
  std::optional<CalendarDate> joined_on;
};

struct TrustAssessment {
  TrustType type = TrustType::AcuteNonSpecialist;
  std::string name;
  std::vector<LocationAssessment> locations;  // acute trusts
  std::vector<ServiceAssessment> services;    // trusts without a location level
  KeyQuestionAssessment well_led;             // the trust-wide well-led assessment
  KeyQuestionAssessment use_of_resources;     // its date decides shadow or not
  std::array<std::optional<Judgement>, kQualityQuestionCount> key_question_judgements;
  std::optional<Judgement> quality_judgement;
  std::optional<Judgement> combined_judgement;
};

struct HierarchyOptions {
  std::optional<CalendarDate> as_at;  // none: every latest rating
  int joined_exclusion_months = 24;   // "for up to two years" after a merger or acquisition
  // How the trust's safe to responsive are informed by the locations: by the
  // locations' ratings of that question (default), or by every service of
  // every location as one set.
  bool trust_key_questions_from_services = false;
  RuleSet quality_rules = standard_rules();     // every level up to the trust's quality rating
  RuleSet combined_rules = combined_2018_rules();
};

// Something the evaluation wants a reader to know: a level that does not
// apply, a rating left out of the level above, a rating carried forward.
struct HierarchyNote {
  std::string node;  // the node's id, or "" for the whole trust
  std::string code;  // stable token: "no_combined_rating", "significantly_small", ...
  std::string text;  // plain words
};

struct HierarchyModel {
  RatingModel model;
  std::vector<NodeValue> values;
  RuleSetsByRole rules;
  std::vector<HierarchyNote> notes;
};

// The model of one trust's assessment, with its values as at options.as_at.
HierarchyModel build_hierarchy(const TrustAssessment& trust, const HierarchyOptions& options = {});

// Node ids, so callers and tests need not spell them.
namespace node_id {
std::string service_key_question(const std::string& location, const std::string& service, Question q);
std::string service(const std::string& location, const std::string& service);
std::string location_key_question(const std::string& location, Question q);
std::string location(const std::string& location);
std::string trust_key_question(Question q);
inline constexpr const char* kTrustQuality = "trust.quality";
inline constexpr const char* kUseOfResources = "trust.use_of_resources";
inline constexpr const char* kTrustCombined = "trust.combined";
}  // namespace node_id

}  // namespace cqc
