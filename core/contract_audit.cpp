// The audit of CQC's published ratings against the principles
// (contract_audit.hpp).
#include "contract_audit.hpp"

namespace cqc::contract {


std::string_view token(AuditLevel level) {
  switch (level) {
    case AuditLevel::Service: return "service";
    case AuditLevel::LocationKeyQuestion: return "location_key_question";
    case AuditLevel::Location: return "location";
    case AuditLevel::TrustKeyQuestion: return "trust_key_question";
    case AuditLevel::Trust: return "trust";
    case AuditLevel::Combined: return "combined";
  }
  return "";
}

std::string_view token(AuditOutcome outcome) {
  switch (outcome) {
    case AuditOutcome::Follows: return "follows";
    case AuditOutcome::Departs: return "departs";
    case AuditOutcome::PublishedNotRated: return "published_not_rated";
    case AuditOutcome::NothingRated: return "nothing_rated";
  }
  return "";
}

std::string band_label(const std::vector<Band>& bands, std::size_t index) {
  if (index >= bands.size()) return "";
  const std::string from = std::to_string(bands[index].min_rated);
  if (index + 1 == bands.size()) return from + "+";
  const int to = bands[index + 1].min_rated - 1;
  return to == bands[index].min_rated ? from : from + "-" + std::to_string(to);
}

std::vector<const AuditRow*> Agreement::departures() const {
  std::vector<const AuditRow*> out;
  for (const AuditRow& row : rows) {
    if (row.outcome == AuditOutcome::Departs) out.push_back(&row);
  }
  return out;
}

namespace {

// The index of the band of `rules` that applies to n rated ratings (n >= 1).
std::size_t band_index(const RuleSet& rules, int n) {
  std::size_t chosen = 0;
  for (std::size_t i = 0; i < rules.bands.size(); ++i) {
    if (rules.bands[i].min_rated <= n) chosen = i;
  }
  return chosen;
}

void add_input(RatingCounts& counts, const std::optional<PublishedRating>& rating) {
  if (rating) counts.add(rating->rating);  // absent: not an input at all
}

void record(Agreement& agreement, const RuleSet& rules, AuditRow row, const RatingCounts& counts) {
  row.rules = aggregate(counts, rules);
  if (row.published) row.rating_date = row.published->date;
  LevelAgreement& level = agreement.by_level[static_cast<int>(row.level)];
  if (!row.published || !is_rated(row.published->rating)) {
    row.outcome = AuditOutcome::PublishedNotRated;
    ++level.published_not_rated;
  } else if (row.n() == 0) {
    row.outcome = AuditOutcome::NothingRated;
    ++level.nothing_rated;
  } else {
    const bool follows = row.rules.rating == row.published->rating;
    row.outcome = follows ? AuditOutcome::Follows : AuditOutcome::Departs;
    AgreementTally& tally = level.by_band[band_index(rules, row.n())];
    ++(follows ? tally.follows : tally.departs);
  }
  agreement.rows.push_back(std::move(row));
}

}  // namespace

Agreement audit(const PublishedData& data, const AuditOptions& options) {
  const std::vector<PublishedLocation>& locations = data.locations;
  const RuleSet& rules = options.quality_rules;
  Agreement agreement;
  for (LevelAgreement& level : agreement.by_level) {
    level.bands = rules.bands;
    level.by_band.resize(rules.bands.size());
  }

  for (const PublishedLocation& location : locations) {
    AuditRow base;
    base.provider_id = location.provider_id;
    base.location_id = location.location_id;
    base.location_name = location.name;
    base.provider_name = location.provider_name;
    base.region = location.region;

    // Level 2: each service's overall from its key questions.
    for (const PublishedService& service : location.services) {
      AuditRow row = base;
      row.level = AuditLevel::Service;
      row.service = service.id;
      row.service_name = service.name;
      row.published = service.overall;
      RatingCounts counts;
      for (const auto& rating : service.key_questions.by_question) add_input(counts, rating);
      record(agreement, rules, std::move(row), counts);
    }

    // Level 3: each key question across the location's services.
    if (location.services.empty()) {
      ++agreement.locations_without_services;
    } else {
      for (std::size_t q = 0; q < kQualityQuestionCount; ++q) {
        AuditRow row = base;
        row.level = AuditLevel::LocationKeyQuestion;
        row.key_question = static_cast<Question>(q);
        row.published = location.key_questions.by_question[q];
        RatingCounts counts;
        for (const PublishedService& service : location.services) {
          add_input(counts, service.key_questions.by_question[q]);
        }
        record(agreement, rules, std::move(row), counts);
      }
    }

    // Level 4: the location's overall from its five key questions.
    AuditRow row = base;
    row.level = AuditLevel::Location;
    row.published = location.overall;
    RatingCounts counts;
    for (const auto& rating : location.key_questions.by_question) add_input(counts, rating);
    record(agreement, rules, std::move(row), counts);
  }
  return agreement;
}

Agreement check_agreement(const std::vector<PublishedLocation>& locations, const RuleSet& rules) {
  PublishedData data;
  for (const PublishedLocation& location : locations) data.add(location);
  AuditOptions options;
  options.quality_rules = rules;
  return audit(data, options);
}
}  // namespace cqc::contract
