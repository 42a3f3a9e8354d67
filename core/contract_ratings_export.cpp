// Reading CQC's "Latest ratings" export (contract_ratings_export.hpp).
#include "contract_ratings_export.hpp"

namespace cqc::contract {

std::string_view token(ExportSheet sheet) {
  switch (sheet) {
    case ExportSheet::Unknown: return "";
    case ExportSheet::Locations: return "locations";
    case ExportSheet::Providers: return "providers";
  }
  return "";
}

}  // namespace cqc::contract
