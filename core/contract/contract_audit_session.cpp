// One audit of one or more data files, fed in pieces
// (contract_audit_session.hpp).
#include "contract_audit_session.hpp"

#include <optional>
#include <utility>

#include "contract_cqc_api.hpp"
#include "contract_ratings_export.hpp"

namespace cqc::contract {

DataFileKind sniff_data_file(std::string_view bytes) {
  constexpr std::string_view kZip("PK\x03\x04", 4);
  if (bytes.substr(0, 4) == kZip.substr(0, bytes.size() < 4 ? bytes.size() : 4)) {
    return bytes.size() >= 4 ? DataFileKind::Zip : DataFileKind::Unknown;  // too few bytes to tell
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const std::size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return DataFileKind::Unknown;
  const char c = bytes[first];
  return (c == '{' || c == '[') ? DataFileKind::CqcApiJson : DataFileKind::ExportSheet;
}

class AuditSession::Impl {
 public:
  explicit Impl(AuditOptions options) : options_(std::move(options)) {}

  void begin_file(std::string name) {
    end_file();
    name_ = std::move(name);
    open_ = true;
    kind_ = DataFileKind::Unknown;
    pending_.clear();
    file_bytes_ = 0;
    refused_ = false;
  }

  void feed(std::string_view bytes) {
    if (!open_ || refused_ || bytes.empty()) return;
    bytes_read_ += bytes.size();
    file_bytes_ += bytes.size();
    if (kind_ == DataFileKind::Unknown) {
      // Too few bytes to tell yet (a BOM, white space): keep them until we can.
      pending_.append(bytes);
      kind_ = sniff_data_file(pending_);
      if (kind_ == DataFileKind::Unknown) return;
      start_kind();
      if (refused_) return;
      std::string first;
      first.swap(pending_);
      take(first);
      return;
    }
    take(bytes);
  }

  void add_row(std::size_t line, const std::vector<std::string_view>& cells) {
    if (!open_ || refused_) return;
    if (kind_ == DataFileKind::Unknown) {
      kind_ = DataFileKind::ExportSheet;
      start_kind();
    }
    if (sheet_) sheet_->add_row(line, cells);
  }

  void end_file() {
    if (!open_) return;
    open_ = false;
    if (sheet_) {
      sheet_->finish();
      sheet_.reset();
    } else if (kind_ == DataFileKind::CqcApiJson && !refused_) {
      CqcApiReadOptions read_options;
      read_options.history = options_.history;
      ReadLocations read = read_cqc_api_locations(pending_, read_options);
      std::string().swap(pending_);
      for (PublishedLocation& location : read.locations) data_.add(std::move(location));
      for (ReadProblem& problem : read.problems) {
        problem.source = name_;
        problem.message = prefixed(problem.message);
        data_.problems.push_back(std::move(problem));
      }
    } else if (kind_ == DataFileKind::Unknown) {
      whole_file_problem("the file is empty: give CQC API location records (JSON) or a sheet of CQC's "
                         "Latest ratings export (CSV)");
    }
  }

  const PublishedData& data() const { return data_; }
  std::size_t bytes_read() const { return bytes_read_; }

  Agreement finish() {
    end_file();
    return audit(data_, options_);
  }

 private:
  void start_kind() {
    if (kind_ == DataFileKind::ExportSheet) {
      sheet_ = std::make_unique<RatingsExportReader>(data_, name_);
    } else if (kind_ == DataFileKind::Zip) {
      refuse("is a zip file (an .ods spreadsheet?): it is opened sheet by sheet before it reaches this reader, "
             "so save each sheet as CSV or open the .ods itself");
    }
  }

  void take(std::string_view bytes) {
    if (sheet_) {
      sheet_->feed(bytes);
    } else if (kind_ == DataFileKind::CqcApiJson) {
      if (file_bytes_ > kMaxDataFileBytes) {
        refuse("holds more than " + std::to_string(kMaxDataFileBytes / (1024 * 1024)) +
               " MiB of JSON, the limit for CQC API records: split it into smaller files");
        std::string().swap(pending_);
        return;
      }
      pending_.append(bytes);
    }
  }

  void refuse(const std::string& why) {
    refused_ = true;
    whole_file_problem("the file " + why);
  }

  std::string prefixed(const std::string& message) const {
    return name_.empty() ? message : name_ + ": " + message;
  }

  void whole_file_problem(const std::string& message) {
    ReadProblem problem;
    problem.source = name_;
    problem.message = prefixed(message);
    data_.problems.push_back(std::move(problem));
  }

  AuditOptions options_;
  PublishedData data_;
  std::string name_;
  bool open_ = false;
  bool refused_ = false;
  DataFileKind kind_ = DataFileKind::Unknown;
  std::string pending_;  // JSON until its end; the first bytes until the kind is known
  std::size_t file_bytes_ = 0;
  std::size_t bytes_read_ = 0;
  std::unique_ptr<RatingsExportReader> sheet_;
};

AuditSession::AuditSession(AuditOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
AuditSession::~AuditSession() = default;
void AuditSession::begin_file(std::string name) { impl_->begin_file(std::move(name)); }
void AuditSession::feed(std::string_view bytes) { impl_->feed(bytes); }
void AuditSession::add_row(std::size_t line, const std::vector<std::string_view>& cells) {
  impl_->add_row(line, cells);
}
void AuditSession::end_file() { impl_->end_file(); }
const PublishedData& AuditSession::data() const { return impl_->data(); }
std::size_t AuditSession::bytes_read() const { return impl_->bytes_read(); }
Agreement AuditSession::finish() { return impl_->finish(); }

}  // namespace cqc::contract
