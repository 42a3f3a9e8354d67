// The assessment binding: a trust's assessment document (contract version 2)
// evaluated through CQC's levels of ratings (in full, or as the workbench's
// live view of ratings with the explanations asked for, kept loaded and changed
// one entered rating at a time), what matters most to its trust ratings, the
// document as CQC's Locations or Providers sheet, and a document made from
// CQC's published data (PublishedImport over the audit's AuditSession; an
// .ods read as the audit reads it, ods_binding.hpp). A
// module of its own, so neither the calculator nor the explorer downloads the
// hierarchy (web/size-budget.json). Strings in, strings out; the contract
// answers every bad input as data.
#include <emscripten/bind.h>

#include <optional>
#include <string>
#include <vector>

#include "contract.hpp"
#include "contract_assessment_io.hpp"
#include "contract_live_assessment.hpp"
#include "ods_binding.hpp"

namespace {

using cqc::CalendarDate;

// `as_at` "" for the document's own; false (and the contract's error answer in `error`) for a bad date.
bool as_at_date(const std::string& as_at, std::optional<CalendarDate>& date, std::string& error) {
  if (as_at.empty()) return true;
  date = CalendarDate::parse(as_at);
  if (date) return true;
  error = cqc::contract::dump(cqc::contract::errors_to_json(
      {{"as_at", "the \"as at\" date must be a real date written YYYY-MM-DD; got \"" + as_at.substr(0, 40) + "\""}}));
  return false;
}

std::string assess(const std::string& document, const std::string& as_at) {
  std::optional<CalendarDate> date;
  std::string error;
  return as_at_date(as_at, date, error) ? cqc::contract::assess(document, date) : error;
}

// Node ids one per line ("" for none).
std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> ids;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    ids.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return ids;
}

// The workbench's live view: every node's ratings, and the `explain` nodes (ids one per line) in full.
std::string assess_ratings(const std::string& document, const std::string& as_at, const std::string& explain) {
  std::optional<CalendarDate> date;
  std::string error;
  return as_at_date(as_at, date, error) ? cqc::contract::assess_ratings(document, date, lines(explain)) : error;
}

// `targets`: node ids one per line ("" for the trust's quality and combined ratings).
std::string what_matters(const std::string& document, const std::string& as_at, const std::string& targets) {
  std::optional<CalendarDate> date;
  std::string error;
  if (!as_at_date(as_at, date, error)) return error;
  return cqc::contract::what_matters(document, date, lines(targets));
}

// `sheet` "locations" or "providers": that sheet of CQC's export as CSV, or the error JSON (which starts
// with "{", a CSV from here never does).
std::string export_sheet(const std::string& document, const std::string& as_at, const std::string& sheet) {
  std::optional<CalendarDate> date;
  std::string error;
  if (!as_at_date(as_at, date, error)) return error;
  const auto which = sheet == "providers" ? cqc::contract::ExportSheet::Providers : cqc::contract::ExportSheet::Locations;
  const cqc::contract::ExportSheets sheets = cqc::contract::assessment_to_export_sheets(document, date);
  const cqc::contract::SheetCsv& out = sheets.of(which);
  return out.error.empty() ? out.csv : out.error;
}

// The workbench's live assessment: the document loaded once, then one entered rating at a time.
class Live {
 public:
  std::string load(const std::string& document, const std::string& as_at, const std::string& explain) {
    std::optional<CalendarDate> date;
    std::string error;
    return as_at_date(as_at, date, error) ? live_.load(document, date, lines(explain)) : error;
  }
  std::string setEntry(const std::string& node, const std::string& entry, const std::string& explain) {
    return live_.set_entry(node, entry, lines(explain));
  }
  bool loaded() const { return live_.loaded(); }

 private:
  cqc::contract::LiveAssessment live_;
};

class Import {
 public:
  void beginFile(const std::string& name) { import_.begin_file(name); }
  void feed(const std::string& bytes) { import_.feed(bytes); }
  void endFile() { import_.end_file(); }
  // CQC's .ods, as the audit reads it (ods_binding.hpp, web/src/ods-file.mjs).
  void beginOds(const std::string& name, const cqc::wasm::OdsZipBinding& zip) { ods_.begin(import_.session(), name, zip); }
  emscripten::val odsInput(double size) { return ods_.input(size); }
  bool feedOdsInput(double size) { return ods_.feed(size); }
  std::string endOds(const std::string& inflate_error) { return ods_.end(inflate_error); }
  std::string finish() { return import_.finish(); }
  std::string document(const std::string& provider_id) { return import_.document(provider_id); }

 private:
  cqc::contract::PublishedImport import_;
  cqc::wasm::OdsFeed ods_;
};

double input_limit() { return static_cast<double>(cqc::contract::kMaxAssessmentBytes); }

}  // namespace

EMSCRIPTEN_BINDINGS(cqc_assessment) {
  emscripten::function("assess", &assess);
  emscripten::function("assessRatings", &assess_ratings);
  emscripten::function("whatMatters", &what_matters);
  emscripten::function("exportSheet", &export_sheet);
  emscripten::function("inputLimit", &input_limit);
  emscripten::class_<Live>("LiveAssessment")
      .constructor<>()
      .function("load", &Live::load)
      .function("setEntry", &Live::setEntry)
      .function("loaded", &Live::loaded);
  emscripten::class_<Import>("PublishedImport")
      .constructor<>()
      .function("beginFile", &Import::beginFile)
      .function("feed", &Import::feed)
      .function("endFile", &Import::endFile)
      .function("beginOds", &Import::beginOds)
      .function("odsInput", &Import::odsInput)
      .function("feedOdsInput", &Import::feedOdsInput)
      .function("endOds", &Import::endOds)
      .function("finish", &Import::finish)
      .function("document", &Import::document);
  cqc::wasm::bind_ods_zip();
}
