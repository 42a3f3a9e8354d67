// The audit of CQC's published ratings: every published aggregate whose
// inputs are in the data, recomputed from the level below by the principles
// and set beside the published rating (spec section 6).
//
//   service                a service's overall from its five key questions
//   location_key_question  a location's key question from that question across its services
//   location               a location's overall from its five key questions
//   trust_key_question     a trust's safe .. responsive from its locations' ratings of that
//                          question (or, for a trust without a location level, its core
//                          services'); well-led is the trust-wide assessment, never audited
//   trust                  a trust's overall (quality) from its five key questions
//   combined               the combined rating from the five and use of resources
//
// Part of the contract layer: it reads PublishedData and hands the rules
// engine counts. The writers below are shared by the CLI and the browser.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aggregate.hpp"
#include "published_ratings.hpp"
#include "rule_set.hpp"

namespace cqc::contract {

enum class AuditLevel { Service, LocationKeyQuestion, Location, TrustKeyQuestion, Trust, Combined };
inline constexpr std::size_t kAuditLevelCount = 6;
// "service", "location_key_question", "location", "trust_key_question", "trust", "combined".
std::string_view token(AuditLevel level);

enum class AuditOutcome {
  Follows,            // the rules give the published rating
  Departs,            // they give another: professional judgement, or a mistake
  PublishedNotRated,  // skipped: the published rating is absent or not rated
  NothingRated,       // skipped: none of the inputs is rated
};
// "follows", "departs", "published_not_rated", "nothing_rated".
std::string_view token(AuditOutcome outcome);

struct AuditRow {
  AuditLevel level = AuditLevel::Service;
  std::string provider_id, provider_name, location_id, location_name, region;
  std::string service, service_name;     // Service level only: the API's id or the export's name, and its name
  std::optional<Question> key_question;  // LocationKeyQuestion and TrustKeyQuestion only
  std::optional<PublishedRating> published;
  std::optional<CalendarDate> rating_date;  // the published rating's date
  bool current = true;                      // false: from an earlier report (history)
  Aggregate rules;  // the rules-based rating with its counts, band and deciding principle
  AuditOutcome outcome = AuditOutcome::NothingRated;

  int n() const { return rules.explanation.counts.rated(); }
};

struct AgreementTally {
  int follows = 0;
  int departs = 0;
};

struct LevelAgreement {
  std::vector<Band> bands;              // the rule set's bands used at this level
  std::vector<AgreementTally> by_band;  // one per band, in its order
  int published_not_rated = 0;          // skipped (counted first when both apply)
  int nothing_rated = 0;                // skipped
};

struct AuditOptions {
  bool history = false;  // also audit the API's earlier reports (the export has none)
  RuleSet quality_rules = standard_rules();        // every level but the combined rating
  RuleSet combined_rules = combined_2018_rules();  // the combined rating
};

struct Agreement {
  std::array<LevelAgreement, kAuditLevelCount> by_level;  // indexed by AuditLevel
  // Every aggregate looked at, skipped ones included, in the input's order:
  // per location, its services, then its key questions, then its overall;
  // then per provider, its core services, key questions, overall, combined.
  std::vector<AuditRow> rows;
  // Locations without service ratings: their key questions have no inputs in
  // the data, so no LocationKeyQuestion rows are made for them.
  int locations_without_services = 0;

  const LevelAgreement& of(AuditLevel level) const { return by_level[static_cast<int>(level)]; }
  std::vector<const AuditRow*> departures() const;
};

Agreement audit(const PublishedData& data, const AuditOptions& options = {});

// The locations' current ratings only, under `rules` (what the API reader's
// first figures used; kept for them).
Agreement check_agreement(const std::vector<PublishedLocation>& locations,
                          const RuleSet& rules = standard_rules());

// "1-3", "4-8", "9+": the range of N a band of `bands` covers.
std::string band_label(const std::vector<Band>& bands, std::size_t index);

// ---- writers, shared by the CLI and the browser ----------------------------------

// One JSON Lines row (no line end): level, provider_id, provider_name,
// location_id, location_name, region, service, service_name, key_question,
// rating_date, current, n, band, counts, published, published_words, rules,
// principle, follows (null when skipped), outcome.
std::string audit_row_json(const AuditRow& row, const Agreement& agreement);
// The same fields as CSV (RFC 4180, CRLF), header first.
std::string audit_csv_header();
std::string audit_row_csv(const AuditRow& row, const Agreement& agreement);
// The summary: per level and band, follows and departs; the skipped counts.
std::string audit_summary_json(const Agreement& agreement);

}  // namespace cqc::contract
