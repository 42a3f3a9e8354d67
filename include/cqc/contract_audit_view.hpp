// Views of one finished audit for a page that shows it piece by piece (the
// browser's audit page, through audit.mjs): the summary with what a page
// needs to offer filters, the rows matching a filter a page at a time, and
// everything about one trust. Each is JSON text; nothing is recomputed per
// view (the rows are the Agreement's, written by audit_row_json).
//
// Part of the contract layer: the binding only passes text through.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "contract_audit.hpp"
#include "published_ratings.hpp"

namespace cqc::contract {

// Problems listed in the summary; the rest are counted.
inline constexpr std::size_t kAuditProblemsShown = 200;
// The most rows one query returns.
inline constexpr std::size_t kAuditRowsPerQuery = 1000;

// {"agreement": audit_summary_json, "rows": N, "departures": N, "locations": N,
//  "providers": N, "rows_read": N,
//  "problems": {"total": N, "shown": [{source, line, column, record, location_id, field, message}]},
//  "trusts": [{provider_id, name, region, locations, departures, own_ratings}]: the providers
//             with a departure or with their own ratings read (trusts), by name then ID,
//  "providers_in_data": N (every provider ID seen),
//  "regions": ["..."] (sorted),
//  "vocabulary": {"questions", "ratings", "principles": [{token, label}]}}
std::string audit_view_summary_json(const PublishedData& data, const Agreement& agreement);

// The problems found reading the data: {"total": N, "shown": [{source, line,
// column, record, location_id, field, message}]} (the first `shown_at_most`).
// Also the assessment import's (contract_assessment_io.hpp).
nlohmann::ordered_json read_problems_json(const PublishedData& data, std::size_t shown_at_most);

// The rows matching a filter given as JSON text {"outcome", "level",
// "provider_id", "region", "offset", "limit"} (each optional; "" or null for
// any): {"total": N, "offset": N, "rows": [audit_row_json...]}; a bad filter
// gives {"error": "...", "errors": [{field, message}]}.
std::string audit_view_rows_json(const Agreement& agreement, std::string_view filter_json);

// One trust (provider) whole: {"provider_id", "name", "region", "provider":
// its own published ratings or null, "locations": [{location_id, name,
// region, report_date, overall, key_questions, services: [{id, name,
// overall, key_questions}]}], "rows": [audit_row_json...]}. A published
// rating is {rating, words, date, inherited} (rating a token, words CQC's);
// key_questions is keyed by question token, absent ones left out. An ID not
// in the data gives {"error": ...}.
std::string audit_view_trust_json(const PublishedData& data, const Agreement& agreement, std::string_view provider_id);

}  // namespace cqc::contract
