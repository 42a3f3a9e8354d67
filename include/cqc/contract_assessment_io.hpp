// The assessment document (contract version 2) to and from CQC's published
// data: written as the Locations and Providers sheets of CQC's Latest-ratings export, and made
// from published ratings (API location records or the export, read by the
// audit's readers) with every published rating kept beside the rules-based
// one. Part of the contract layer: the CLI (`assess --to-csv`, `assess --from`)
// and the assessment module (assessment.mjs) share it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contract_audit_session.hpp"
#include "contract_ratings_export.hpp"
#include "published_ratings.hpp"
#include "rating.hpp"

namespace cqc::contract {

// The assessment as CQC publishes it, in the layouts of CQC's Latest-ratings
// export that write_locations_sheet and write_providers_sheet write. Each
// rating is the final one (a judgement or an enforcement limit applied, as
// CQC publishes), dated by its input (an aggregate: the latest date below
// it); inputs never rated and aggregates with nothing rated below are left
// out. The inspection category follows the trust type.
//  - Locations: per location, a row per service x key question, per service
//    "Overall", and the location's key questions and overall (Service /
//    Population Group "Overall"); Provider ID and Name are the trust's.
//  - Providers: the trust's own ratings (its key questions, the trust-wide
//    well-led among them, its quality rating as "Overall", use of resources
//    and the combined rating where the trust type has them) and, for a trust
//    type without locations, its core services.
// Each sheet is its CSV, or `error` (the error JSON) instead: for a bad
// document (both), a trust type without locations (Locations: its services
// are the provider's), or a trust without its CQC provider ID (Providers:
// the sheet names the trust by it).
struct SheetCsv {
  std::string csv;
  std::string error;
};
struct ExportSheets {
  SheetCsv locations, providers;
  const SheetCsv& of(ExportSheet sheet) const;  // Unknown: the Locations sheet
};
ExportSheets assessment_to_export_sheets(std::string_view document,
                                         const std::optional<CalendarDate>& as_at = std::nullopt);

// The trust type CQC's inspection category names ("Acute hospital - NHS
// non-specialist" -> "acute_non_specialist"; "Acute hospital - NHS
// specialist", "Mental health - ...", "Community health - ...", "Ambulance
// service"), or "" when it names none of them.
std::string_view trust_type_from_category(std::string_view category);

// The providers in the data an assessment can be made of, each with the
// trust type it would get and what it holds, and the problems met reading:
// {"providers": [{"provider_id", "name", "trust_type", "trust_type_from",
//   "locations", "services", "own_ratings"}], "locations": N, "rows_read": N,
//  "problems": read_problems_json}. Providers with nothing rated are left out.
std::string published_providers_json(const PublishedData& data);

// An assessment document (JSON text) of one provider's published ratings:
// its locations with service ratings (acute trusts) or its own core services,
// each service x key question as published (rating, date, CQC's words when
// they are not a rating), the trust-wide well-led and use of resources from
// its own ratings (a single location's well-led when the provider's is not
// in the data), and the "published" block: every published rating by node id,
// which assess() echoes beside the rules-based rating. The trust type comes
// from the inspection category (acute non-specialist when none is known).
// Nothing is judged: the rules-based ratings are computed from the bottom.
// An ID not in the data gives the error JSON.
std::string assessment_from_published(const PublishedData& data, std::string_view provider_id, bool* ok = nullptr);

// Published data read for an import: files fed in pieces through the audit's
// AuditSession (CQC API records or a sheet of the export, told apart by their
// first bytes), then the providers found, then one provider's document.
class PublishedImport {
 public:
  void begin_file(std::string name);
  void feed(std::string_view bytes);
  void add_row(std::size_t line, const std::vector<std::string_view>& cells);
  void end_file();
  // Ends an open file; published_providers_json of everything read.
  std::string finish();
  std::string document(std::string_view provider_id, bool* ok = nullptr);
  const PublishedData& data() const { return session_.data(); }
  AuditSession& session() { return session_; }  // for a caller with its own file reader (the CLI's .ods)

 private:
  AuditSession session_;
};

}  // namespace cqc::contract
