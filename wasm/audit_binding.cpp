// The audit binding: one AuditSession (contract_audit_session.hpp) fed a
// file's bytes in pieces, finished once, then asked for views of the result
// (contract_audit_view.hpp). A module of its own, loaded in the audit page's
// worker only (web/size-budget.json).
//
// An .ods (ods_binding.hpp): OdsZip says which bytes of the file to read
// until content.xml is located, and its inflated pieces go to the contract's
// content reader through beginOds / odsInput + feedOdsInput / endOds.
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
#include "contract_ratings_export.hpp"
#include "ods_binding.hpp"

namespace {

using cqc::contract::Agreement;
using cqc::contract::AuditOptions;
using cqc::contract::AuditSession;
using cqc::wasm::OdsZipBinding;

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

  // An .ods (ods_binding.hpp): content.xml's inflated bytes follow.
  void beginOds(const std::string& name, const OdsZipBinding& zip) {
    if (!agreement_) ods_.begin(session_, name, zip);
  }
  emscripten::val odsInput(double size) { return ods_.input(size); }
  bool feedOdsInput(double size) { return ods_.feed(size); }
  std::string endOds(const std::string& inflate_error) { return ods_.end(inflate_error); }

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
  cqc::wasm::OdsFeed ods_;
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
  cqc::wasm::bind_ods_zip();
  emscripten::function("fileLimit", &file_limit);
}
