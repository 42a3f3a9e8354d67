#include "audit_command.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <iostream>

#include "contract_audit.hpp"
#include "contract_audit_session.hpp"
#include "contract_ratings_export.hpp"
#include "io.hpp"
#include "ods_reader.hpp"

namespace cqc::cli {
namespace {

using contract::Agreement;
using contract::AuditLevel;
using contract::AuditRow;

constexpr std::size_t kPiece = std::size_t{1} << 20;  // the bytes handed to the session at a time

// The next piece of `in`: up to kPiece bytes; fewer only at the end (or a
// failed read, which `in` keeps).
void next_piece(ByteSource& in, std::string& piece) {
  piece.resize(kPiece);
  std::size_t n = 0;
  for (int c; n < kPiece && (c = in.get()) >= 0;) piece[n++] = static_cast<char>(c);
  piece.resize(n);
}

class Problems {
 public:
  void add(const std::string& message) {
    std::cerr << "cqc-ratings: " << message << "\n";
    any_ = true;
  }
  bool any() const { return any_; }

 private:
  bool any_ = false;
};

std::string gib(unsigned long long bytes) {
  const unsigned long long tenths = (bytes * 10 + (1ull << 29)) >> 30;  // rounded to a tenth of a GiB
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " GiB";
}

// One file (or standard input) into the session: its first piece read
// before anything else, so a zip goes to the .ods reader and a file that
// cannot be read at all reaches the session not as an empty file but as a
// message; the rest in pieces of kPiece bytes, never more than
// kMaxExportBytes.
void read_file(const std::string& path, contract::AuditSession& session, Problems& problems) {
  const bool from_stdin = path == "-";
  const std::string name = from_stdin ? "standard input" : path;
  int fd = STDIN_FILENO;
  if (!from_stdin) {
    std::string why;
    fd = open_for_reading(path, why);
    if (fd < 0) {
      problems.add(name + ": cannot open the file: " + why);
      return;
    }
  }
  struct FdCloser {
    int fd;
    ~FdCloser() {
      if (fd != STDIN_FILENO) ::close(fd);
    }
  } closer{fd};

  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
      static_cast<unsigned long long>(info.st_size) > contract::kMaxExportBytes) {
    problems.add(name + ": the file is " + std::to_string(info.st_size) + " bytes (" + gib(info.st_size) +
                 "), larger than the limit of " + std::to_string(contract::kMaxExportBytes) +
                 " bytes (1 GiB) for one data file, so it was not read: CQC's whole Latest ratings export is "
                 "about 100 MB as CSV; split a larger file into smaller ones");
    return;
  }

  ByteSource in(fd);
  std::string piece;
  next_piece(in, piece);
  if (!in.error().empty()) {
    problems.add(name + ": cannot read the file: " + in.error());
    return;
  }
  if (contract::sniff_data_file(piece) == contract::DataFileKind::Zip) {
    if (from_stdin) {
      problems.add(name + ": is a zip file (an .ods spreadsheet?): give its file name rather than -, so that it "
                          "can be opened sheet by sheet");
      return;
    }
    const std::string why = read_ods(path, session);
    if (!why.empty()) problems.add(name + ": " + why);
    return;
  }

  session.begin_file(name);
  std::size_t total = 0;
  while (!piece.empty()) {
    if (total + piece.size() > contract::kMaxExportBytes) {
      session.feed(std::string_view(piece).substr(0, contract::kMaxExportBytes - total));
      problems.add(name + ": holds more than " + std::to_string(contract::kMaxExportBytes) +
                   " bytes (1 GiB), the limit for one data file: stopped reading there");
      break;
    }
    total += piece.size();
    session.feed(piece);
    if (piece.size() < kPiece) break;  // the end (or a failed read, said below)
    next_piece(in, piece);
  }
  if (!in.error().empty()) {
    problems.add(name + ": cannot read the file after " + std::to_string(total) + " bytes: " + in.error());
  }
  session.end_file();
}

// ---- text --------------------------------------------------------------------------

std::string_view heading(AuditLevel level) {
  switch (level) {
    case AuditLevel::Service: return "Service overall from its key questions";
    case AuditLevel::LocationKeyQuestion: return "Location key question from its services";
    case AuditLevel::Location: return "Location overall from its key questions";
    case AuditLevel::TrustKeyQuestion: return "Trust key question from its locations and core services";
    case AuditLevel::Trust: return "Trust overall from its key questions";
    case AuditLevel::Combined: return "Combined rating from the key questions and use of resources";
  }
  return "";
}

// Text from the data in double quotes, with quotes, backslashes and control
// characters escaped, so a name can never start a line of its own.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7F) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

// An ID as it is when it is plain (letters, digits, "-", "_", "."), else quoted.
std::string id_text(const std::string& id) {
  for (char c : id) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.';
    if (!plain) return quoted(id);
  }
  return id;
}

std::string where(const AuditRow& row) {
  std::string out;
  auto part = [&](const std::string& text) { out += (out.empty() ? "" : ", ") + text; };
  if (!row.provider_id.empty()) {
    part("provider " + id_text(row.provider_id) +
         (row.provider_name.empty() ? "" : " " + quoted(row.provider_name)));
  }
  if (!row.location_id.empty()) {
    part("location " + id_text(row.location_id) +
         (row.location_name.empty() ? "" : " " + quoted(row.location_name)));
  }
  if (!row.service.empty()) {
    part("service " + quoted(row.service) + (row.service_name.empty() || row.service_name == row.service
                                                 ? ""
                                                 : " " + quoted(row.service_name)));
  }
  if (row.key_question) part("key question " + std::string(label(*row.key_question)));
  return out;
}

std::string counts_text(const RatingCounts& counts) {
  std::string out;
  for (Rating r : kAllRatings) {
    if (counts.of(r) == 0) continue;
    out += (out.empty() ? "" : ", ") + std::to_string(counts.of(r)) + " " + std::string(phrase(r));
  }
  return out.empty() ? "no ratings" : out;
}

void write_text(const Agreement& agreement, std::ostream& out) {
  int follows = 0, departs = 0, not_rated = 0, nothing = 0;
  for (const contract::LevelAgreement& level : agreement.by_level) {
    for (const contract::AgreementTally& tally : level.by_band) {
      follows += tally.follows;
      departs += tally.departs;
    }
    not_rated += level.published_not_rated;
    nothing += level.nothing_rated;
  }
  out << "Audit of CQC's published ratings: " << agreement.rows.size() << " published aggregates looked at; "
      << follows << " follow the principles, " << departs << " depart from them, " << (not_rated + nothing)
      << " skipped (" << not_rated << " published as not rated, " << nothing << " with nothing rated below them).\n\n";

  for (std::size_t l = 0; l < contract::kAuditLevelCount; ++l) {
    const auto level = static_cast<AuditLevel>(l);
    const contract::LevelAgreement& agreed = agreement.of(level);
    int level_follows = 0, level_departs = 0;
    for (const contract::AgreementTally& tally : agreed.by_band) {
      level_follows += tally.follows;
      level_departs += tally.departs;
    }
    const int skipped = agreed.published_not_rated + agreed.nothing_rated;
    if (level_follows + level_departs + skipped == 0) {
      out << heading(level) << ": none in the data"
          << (l >= static_cast<std::size_t>(AuditLevel::TrustKeyQuestion)
                  ? " (providers' own ratings come from the export's Providers sheet)\n"
                  : "\n");
      continue;
    }
    out << heading(level) << ": " << level_follows << " of " << (level_follows + level_departs)
        << " follow the principles\n";
    for (std::size_t b = 0; b < agreed.bands.size() && b < agreed.by_band.size(); ++b) {
      const contract::AgreementTally& tally = agreed.by_band[b];
      out << "  N " << contract::band_label(agreed.bands, b) << ": ";
      if (tally.follows + tally.departs == 0) {
        out << "none\n";
      } else {
        out << tally.follows << " of " << (tally.follows + tally.departs) << " follow";
        if (tally.departs > 0) out << ", " << tally.departs << (tally.departs == 1 ? " departs" : " depart");
        out << "\n";
      }
    }
    if (skipped > 0) {
      out << "  Skipped: " << agreed.published_not_rated << " published as not rated, " << agreed.nothing_rated
          << " with nothing rated below them\n";
    }
  }
  if (agreement.locations_without_services > 0) {
    out << "\n" << agreement.locations_without_services
        << " locations have no service ratings in the data, so their key questions were not recomputed.\n";
  }

  const auto departures = agreement.departures();
  if (departures.empty()) {
    out << "\nNo published rating departs from the principles.\n";
    return;
  }
  out << "\nDepartures from the principles (" << departures.size() << "):\n";
  for (const AuditRow* row : departures) {
    const contract::LevelAgreement& agreed = agreement.of(row->level);
    std::size_t band = 0;
    for (std::size_t b = 0; b < agreed.bands.size(); ++b) {
      if (agreed.bands[b].min_rated <= row->n()) band = b;
    }
    out << "- " << heading(row->level) << ": " << where(*row);
    if (row->rating_date) out << (row->current ? ", rated " : ", earlier report of ") << row->rating_date->iso();
    else if (!row->current) out << ", earlier report";
    out << ": published " << label(row->published->rating) << ", by the principles " << label(row->rules.rating)
        << "; N = " << row->n() << " (" << counts_text(row->rules.explanation.counts) << "), band "
        << contract::band_label(agreed.bands, band) << ", decided by: " << label(row->rules.explanation.decided_by)
        << "\n";
    if (!out) return;
  }
}

// ---- rows --------------------------------------------------------------------------

// JSON Lines or CSV, written in blocks; stops at the first failed write.
void write_rows(const Agreement& agreement, bool csv, std::ostream& out) {
  std::string block;
  block.reserve(kPiece + 4096);
  if (csv) block += contract::audit_csv_header();
  for (const AuditRow& row : agreement.rows) {
    if (csv) {
      block += contract::audit_row_csv(row, agreement);
    } else {
      block += contract::audit_row_json(row, agreement);
      block += '\n';
    }
    if (block.size() >= kPiece) {
      out.write(block.data(), static_cast<std::streamsize>(block.size()));
      block.clear();
      if (!out) return;
    }
  }
  out.write(block.data(), static_cast<std::streamsize>(block.size()));
}

}  // namespace

bool read_data_file(const std::string& path, contract::AuditSession& session) {
  Problems problems;
  read_file(path, session, problems);
  return !problems.any();
}

int run_audit(const std::vector<std::string>& paths, const std::string& format, bool history,
              const TrustOptions& rules, std::ostream& out) {
  if (paths.empty()) {
    std::cerr << "cqc-ratings: audit: give one or more files (CQC API location records as JSON, sheets of the "
                 "Latest ratings export as CSV, or the export's .ods), or - for standard input\n";
    return 2;
  }
  contract::AuditOptions options;
  options.history = history;
  options.quality_rules = rules.quality_rules;
  options.combined_rules = rules.combined_rules;
  contract::AuditSession session(options);
  Problems problems;
  for (const std::string& path : paths) read_file(path, session, problems);
  const Agreement agreement = session.finish();

  if (format == "text") write_text(agreement, out);
  else if (format == "summary") out << contract::audit_summary_json(agreement) << "\n";
  else write_rows(agreement, format == "csv", out);
  for (const contract::ReadProblem& problem : session.data().problems) problems.add(problem.message);
  return problems.any() ? 1 : 0;
}

}  // namespace cqc::cli
