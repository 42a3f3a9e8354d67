// CQC's monthly "Latest ratings" export, each sheet saved as CSV (or its
// .ods rows handed over one by one), read into PublishedData; and the
// Locations and Providers sheets written back from it.
//
// Locations sheet columns, as CQC names them: Location ID, Location ODS Code,
// Location Name, Care Home?, Location Type, Location Primary Inspection
// Category, address and region columns, Service / Population Group, Domain
// (older files: Key Question), Latest Rating, Publication Date, Report Type,
// Inherited Rating (Y/N), URL, Provider ID, Provider Name, Brand ID, Brand
// Name: one row per location x service (or "Overall") x key question (or
// "Overall"). Providers sheet: the same shape keyed by Provider ID, with
// Provider Type and Report Type "Provider" or "CoreService".
//
// Columns are found by name (case and spacing ignored), in any order; the
// header may follow banner rows (a title, a date); a BOM, CRLF line ends and
// quoted fields (with commas, quotes and line breaks inside) are read. A row
// that cannot be used is reported by line and column and the rest is still
// read. Input arrives in pieces of any size, so a file is never held whole:
// memory grows with the ratings kept, not with the file.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "published_ratings.hpp"

namespace cqc::contract {

// A sheet larger than this is refused before it is read (the real export is
// about 100 MB as CSV).
inline constexpr std::size_t kMaxExportBytes = std::size_t{1} << 30;  // 1 GiB
// Banner rows allowed above the header before the sheet is called unreadable.
inline constexpr std::size_t kMaxBannerRows = 20;

enum class ExportSheet { Unknown, Locations, Providers };
std::string_view token(ExportSheet sheet);  // "", "locations", "providers"

class RatingsExportReader {
 public:
  // Reads into `into`, which may already hold other sheets or API records.
  // `source` names the file in messages ("Locations.csv"); may be "".
  RatingsExportReader(PublishedData& into, std::string source);
  ~RatingsExportReader();
  RatingsExportReader(const RatingsExportReader&) = delete;
  RatingsExportReader& operator=(const RatingsExportReader&) = delete;

  // CSV bytes (UTF-8), in pieces of any size: a piece may end inside a field.
  void feed(std::string_view bytes);
  // One row whose cells are already split (an .ods row); `line` is its
  // 1-based row number in the sheet, used in messages.
  void add_row(std::size_t line, const std::vector<std::string_view>& cells);
  // The end of the sheet: reports an unfinished quoted field, or a sheet
  // without a header row. Nothing is read after it.
  void finish();

  ExportSheet sheet() const;   // Unknown until the header row is found
  std::size_t bytes_read() const;
  std::size_t rows_read() const;  // data rows, banner and header not counted

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The whole text of one sheet, read at once.
void read_ratings_export(std::string_view csv, PublishedData& into, const std::string& source = "");

// The Locations sheet for these locations, as CSV with CQC's column names
// (CRLF line ends, quoted where needed): a row per location x service x key
// question and for each "Overall", so read_ratings_export gives the same
// ratings back. Ratings without a date have an empty Publication Date.
std::string write_locations_sheet(const std::vector<PublishedLocation>& locations);

// The Providers sheet for these providers, in the same way: per provider, its
// own ratings (Service / Population Group "Overall", Report Type "Provider":
// the overall, the five key questions, "Use of resources" and "Combined
// quality and use of resources"), then each core service's overall and key
// questions (Report Type "CoreService"), so read_ratings_export gives them
// back as the provider's.
std::string write_providers_sheet(const std::vector<PublishedProvider>& providers);

}  // namespace cqc::contract
