// The audit binding: one AuditSession (contract_audit_session.hpp) fed a
// file's bytes in pieces, finished once, then asked for views of the result
// (contract_audit_view.hpp). A module of its own, loaded in the audit page's
// worker only (web/size-budget.json).
//
// An .ods: OdsZip (contract_zip.hpp) says which bytes of the file to read
// until content.xml is located; the worker reads them (File.slice) and
// inflates content.xml (DecompressionStream), and its inflated pieces go to
// the contract's content reader through beginOds / odsInput + feedOdsInput /
// endOds.
//
// Bytes cross as a Uint8Array: embind's std::string takes one and copies it
// into wasm memory in one set() (no per-byte work).
#include <emscripten/bind.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "contract_audit_session.hpp"
#include "contract_audit_view.hpp"
#include "contract_ods_content.hpp"
#include "contract_ratings_export.hpp"
#include "contract_zip.hpp"

namespace {

using cqc::contract::Agreement;
using cqc::contract::AuditOptions;
using cqc::contract::AuditSession;
using cqc::contract::OdsZip;

// The zip's records, one range of the file at a time.
class Zip {
 public:
  explicit Zip(double file_size) : zip_(static_cast<std::uint64_t>(file_size)) {}
  // "bytes", "inflated", "content" or "failed" (OdsZip::Want).
  std::string want() const {
    switch (zip_.want()) {
      case OdsZip::Want::Bytes: return "bytes";
      case OdsZip::Want::Inflated: return "inflated";
      case OdsZip::Want::Content: return "content";
      case OdsZip::Want::Failed: break;
    }
    return "failed";
  }
  double offset() const { return static_cast<double>(zip_.range().offset); }
  double length() const { return static_cast<double>(zip_.range().length); }
  int method() const { return zip_.entry().method; }  // 0 stored, 8 deflated
  void give(const std::string& bytes) { zip_.give(bytes); }
  void skip() { zip_.skip(); }
  std::string error() const { return zip_.error(); }
  const OdsZip& zip() const { return zip_; }

 private:
  OdsZip zip_;
};

class Audit {
 public:
  explicit Audit(bool history) : session_(options(history)) {}

  void beginFile(const std::string& name) {
    if (!agreement_) session_.begin_file(name);
  }
  void feed(const std::string& bytes) {
    if (!agreement_) session_.feed(bytes);
  }
  void endFile() {
    if (!agreement_) session_.end_file();
  }
  double bytesRead() const { return static_cast<double>(session_.bytes_read()); }

  // An .ods whose content.xml `zip` has located: its inflated bytes follow.
  void beginOds(const std::string& name, const Zip& zip) {
    if (agreement_ || zip.zip().want() != OdsZip::Want::Content) return;
    ods_ = std::make_unique<cqc::contract::OdsSheetReader>(session_, name);
    entry_ = zip.zip().entry();
    // Its size is checked, not its CRC-32: in -Oz wasm that took a quarter
    // of the time (1 s of 3.9 s for 300 000 rows in Chromium); damaged
    // compressed data fails to inflate or gives XML that is not well formed,
    // which the reader reports. The CLI checks the CRC too.
    check_ = std::make_unique<cqc::contract::ZipEntryCheck>(entry_, nullptr);
  }
  // Room for `size` bytes of content.xml in wasm memory, as a Uint8Array the
  // worker fills (embind 3.1.6 copies a Uint8Array into a std::string a byte
  // at a time in JS: 13% of the time); valid until the next call.
  emscripten::val odsInput(double size) {
    input_size_ = static_cast<std::size_t>(size);
    if (input_size_ > input_capacity_) {
      input_capacity_ = input_size_;
      input_.reset(new char[input_capacity_]);  // not zero-filled: the worker writes it all
    }
    return emscripten::val(emscripten::typed_memory_view(input_size_, input_.get()));
  }
  // The first `size` bytes of odsInput read; false once reading has stopped (endOds says why).
  bool feedOdsInput(double size) {
    const std::string_view bytes(input_.get(), std::min(input_size_, static_cast<std::size_t>(size)));
    return ods_ && check_->add(bytes) && ods_->feed(bytes);
  }
  // content.xml's end; `inflate_error` is the inflater's words if it failed.
  // "" when the file was read, else the message.
  std::string endOds(const std::string& inflate_error) {
    if (!ods_) return "the .ods file's content.xml was not located";
    const std::string container =
        !inflate_error.empty() ? cqc::contract::zip_inflate_error(entry_, inflate_error) : check_->finish();
    std::string message = ods_->finish(container);
    ods_.reset();
    check_.reset();
    return message;
  }

  // The summary; the audit is made at the first call and kept.
  std::string finish() {
    if (!agreement_) agreement_ = session_.finish();
    return cqc::contract::audit_view_summary_json(session_.data(), *agreement_);
  }
  std::string rows(const std::string& filter_json) {
    if (!agreement_) finish();
    return cqc::contract::audit_view_rows_json(*agreement_, filter_json);
  }
  std::string trust(const std::string& provider_id) {
    if (!agreement_) finish();
    return cqc::contract::audit_view_trust_json(session_.data(), *agreement_, provider_id);
  }

 private:
  static AuditOptions options(bool history) {
    AuditOptions out;
    out.history = history;
    return out;
  }

  AuditSession session_;
  std::optional<Agreement> agreement_;
  std::unique_ptr<cqc::contract::OdsSheetReader> ods_;
  std::unique_ptr<cqc::contract::ZipEntryCheck> check_;
  cqc::contract::ZipEntry entry_;
  std::unique_ptr<char[]> input_;
  std::size_t input_size_ = 0, input_capacity_ = 0;
};

double file_limit() { return static_cast<double>(cqc::contract::kMaxExportBytes); }

}  // namespace

EMSCRIPTEN_BINDINGS(cqc_audit) {
  emscripten::class_<Audit>("AuditSession")
      .constructor<bool>()
      .function("beginFile", &Audit::beginFile)
      .function("feed", &Audit::feed)
      .function("endFile", &Audit::endFile)
      .function("bytesRead", &Audit::bytesRead)
      .function("beginOds", &Audit::beginOds)
      .function("odsInput", &Audit::odsInput)
      .function("feedOdsInput", &Audit::feedOdsInput)
      .function("endOds", &Audit::endOds)
      .function("finish", &Audit::finish)
      .function("rows", &Audit::rows)
      .function("trust", &Audit::trust);
  emscripten::class_<Zip>("OdsZip")
      .constructor<double>()
      .function("want", &Zip::want)
      .function("offset", &Zip::offset)
      .function("length", &Zip::length)
      .function("method", &Zip::method)
      .function("give", &Zip::give)
      .function("skip", &Zip::skip)
      .function("error", &Zip::error);
  emscripten::function("fileLimit", &file_limit);
}
