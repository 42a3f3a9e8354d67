// An .ods file read in the browser, shared by the bindings that read CQC's
// published data (audit.mjs, assessment.mjs): OdsZip (contract_zip.hpp) says
// which bytes of the file to read until content.xml is located; the worker
// reads them (File.slice) and inflates content.xml (DecompressionStream,
// web/src/ods-file.mjs), and its inflated pieces go to the contract's content
// reader, which hands each sheet of the export to an AuditSession.
// Header-only, so each module compiles only what it binds.
#pragma once

#include <emscripten/bind.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "contract_audit_session.hpp"
#include "contract_ods_content.hpp"
#include "contract_zip.hpp"

namespace cqc::wasm {

// The zip's records, one range of the file at a time.
class OdsZipBinding {
 public:
  explicit OdsZipBinding(double file_size) : zip_(static_cast<std::uint64_t>(file_size)) {}
  // "bytes", "inflated", "content" or "failed" (OdsZip::Want).
  std::string want() const {
    switch (zip_.want()) {
      case contract::OdsZip::Want::Bytes: return "bytes";
      case contract::OdsZip::Want::Inflated: return "inflated";
      case contract::OdsZip::Want::Content: return "content";
      case contract::OdsZip::Want::Failed: break;
    }
    return "failed";
  }
  double offset() const { return static_cast<double>(zip_.range().offset); }
  double length() const { return static_cast<double>(zip_.range().length); }
  int method() const { return zip_.entry().method; }  // 0 stored, 8 deflated
  void give(const std::string& bytes) { zip_.give(bytes); }
  void skip() { zip_.skip(); }
  std::string error() const { return zip_.error(); }
  const contract::OdsZip& zip() const { return zip_; }

 private:
  contract::OdsZip zip_;
};

// content.xml's inflated bytes into a session: begin, then input + feed for
// each piece, then end.
class OdsFeed {
 public:
  // An .ods whose content.xml `zip` has located: its inflated bytes follow.
  void begin(contract::AuditSession& session, const std::string& name, const OdsZipBinding& zip) {
    if (zip.zip().want() != contract::OdsZip::Want::Content) return;
    reader_ = std::make_unique<contract::OdsSheetReader>(session, name);
    entry_ = zip.zip().entry();
    // Its size is checked, not its CRC-32: in -Oz wasm that took a quarter
    // of the time (1 s of 3.9 s for 300 000 rows in Chromium); damaged
    // compressed data fails to inflate or gives XML that is not well formed,
    // which the reader reports. The CLI checks the CRC too.
    check_ = std::make_unique<contract::ZipEntryCheck>(entry_, nullptr);
  }
  // Room for `size` bytes of content.xml in wasm memory, as a Uint8Array the
  // worker fills (embind 3.1.6 copies a Uint8Array into a std::string a byte
  // at a time in JS: 13% of the time); valid until the next call.
  emscripten::val input(double size) {
    input_size_ = static_cast<std::size_t>(size);
    if (input_size_ > input_capacity_) {
      input_capacity_ = input_size_;
      input_.reset(new char[input_capacity_]);  // not zero-filled: the worker writes it all
    }
    return emscripten::val(emscripten::typed_memory_view(input_size_, input_.get()));
  }
  // The first `size` bytes of input() read; false once reading has stopped (end says why).
  bool feed(double size) {
    const std::string_view bytes(input_.get(), std::min(input_size_, static_cast<std::size_t>(size)));
    return reader_ && check_->add(bytes) && reader_->feed(bytes);
  }
  // content.xml's end; `inflate_error` is the inflater's words if it failed.
  // "" when the file was read, else the message.
  std::string end(const std::string& inflate_error) {
    if (!reader_) return "the .ods file's content.xml was not located";
    const std::string container =
        !inflate_error.empty() ? contract::zip_inflate_error(entry_, inflate_error) : check_->finish();
    std::string message = reader_->finish(container);
    reader_.reset();
    check_.reset();
    return message;
  }

 private:
  std::unique_ptr<contract::OdsSheetReader> reader_;
  std::unique_ptr<contract::ZipEntryCheck> check_;
  contract::ZipEntry entry_;
  std::unique_ptr<char[]> input_;
  std::size_t input_size_ = 0, input_capacity_ = 0;
};

// The OdsZip class, as ods-file.mjs uses it.
inline void bind_ods_zip() {
  emscripten::class_<OdsZipBinding>("OdsZip")
      .constructor<double>()
      .function("want", &OdsZipBinding::want)
      .function("offset", &OdsZipBinding::offset)
      .function("length", &OdsZipBinding::length)
      .function("method", &OdsZipBinding::method)
      .function("give", &OdsZipBinding::give)
      .function("skip", &OdsZipBinding::skip)
      .function("error", &OdsZipBinding::error);
}

}  // namespace cqc::wasm
