// Bytes -> a sheet of CQC's Latest-ratings export (RatingsExportReader), fed
// whole and again in pieces whose sizes come from the first byte: both reads
// give exactly the same data and problems; problems stay bounded; and the
// Locations sheet written from what was read (write_locations_sheet) reads
// back without a problem to the same ratings, names and IDs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../tests/published_text.hpp"
#include "contract_ratings_export.hpp"
#include "fuzz_check.hpp"

namespace {

using cqc::contract::PublishedData;
using cqc::contract::RatingsExportReader;

// The locations' ratings, names and IDs: what a written sheet carries.
std::string locations_text(const PublishedData& data) {
  std::string out;
  for (const auto& l : data.locations) {
    out += l.location_id + " [" + l.name + "|" + l.type + "|" + l.inspection_category + "|" + l.region + "|" +
           l.provider_id + "|" + l.provider_name + "] " + cqc::test::rating_text(l.overall) +
           cqc::test::key_questions_text(l.key_questions) + "\n" + cqc::test::services_text(l.services);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  unsigned seed = data[0];
  const std::string_view csv(reinterpret_cast<const char*>(data) + 1, size - 1);

  PublishedData whole;
  cqc::contract::read_ratings_export(csv, whole, "Locations.csv");

  PublishedData pieces;
  RatingsExportReader reader(pieces, "Locations.csv");
  for (std::size_t at = 0; at < csv.size();) {
    seed = seed * 1103515245u + 12345u;
    const std::size_t piece = seed % 2 == 0 ? 1 : 1 + (seed >> 16) % 97;  // half the pieces a single byte
    reader.feed(csv.substr(at, piece));
    at += piece;
  }
  reader.finish();
  reader.finish();  // a second finish changes nothing
  reader.feed("1-1,Overall,Overall,Good\n");  // nor does anything fed after it
  FUZZ_CHECK(reader.bytes_read() == csv.size());
  FUZZ_CHECK(cqc::test::published_text(pieces) == cqc::test::published_text(whole));
  FUZZ_CHECK(whole.problems.size() <= 1001);
  FUZZ_CHECK(reader.rows_read() == whole.rows_read);
  for (const auto& problem : whole.problems) FUZZ_CHECK(!problem.message.empty() && problem.source == "Locations.csv");

  const std::string written = cqc::contract::write_locations_sheet(whole.locations);
  PublishedData back;
  cqc::contract::read_ratings_export(written, back, "written.csv");
  FUZZ_CHECK(back.problems.empty());
  FUZZ_CHECK(locations_text(back) == locations_text(whole));
  return 0;
}
