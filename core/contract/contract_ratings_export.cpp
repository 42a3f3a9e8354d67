// Reading CQC's "Latest ratings" export, and writing its Locations and
// Providers sheets (contract_ratings_export.hpp).
#include "contract_ratings_export.hpp"

#include <array>
#include <optional>
#include <utility>

#include "contract_util.hpp"
#include "csv_tokenizer.hpp"

namespace cqc::contract {

std::string_view token(ExportSheet sheet) {
  switch (sheet) {
    case ExportSheet::Unknown: return "";
    case ExportSheet::Locations: return "locations";
    case ExportSheet::Providers: return "providers";
  }
  return "";
}

namespace {

// After this many problems in one sheet the rest are only counted.
constexpr std::size_t kMaxProblemsPerSheet = 1000;
// A value quoted in a message is cut after this many bytes.
constexpr std::size_t kMaxQuotedBytes = 60;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view text) {
  std::size_t first = 0, last = text.size();
  while (first < last && (text[first] == ' ' || text[first] == '\t')) ++first;
  while (last > first && (text[last - 1] == ' ' || text[last - 1] == '\t')) --last;
  return text.substr(first, last - first);
}

// A header cell as compared: lower case, white space collapsed to one space
// and trimmed, and no space beside a slash ("Service/Population group").
std::string header_key(std::string_view cell) {
  std::string key;
  bool space = false;
  for (const char c : cell) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !key.empty();
      continue;
    }
    if (space && c != '/' && key.back() != '/') key += ' ';
    space = false;
    key += lower(c);
  }
  return key;
}

// A value in a message: in quotes, cut short, line breaks shown as \n.
std::string quoted(std::string_view value) {
  std::size_t size = value.size();
  const bool cut = size > kMaxQuotedBytes;
  if (cut) {
    size = kMaxQuotedBytes;
    while (size > 0 && (static_cast<unsigned char>(value[size]) & 0xC0) == 0x80) --size;  // not inside a UTF-8 character
  }
  std::string out = "\"";
  for (const char c : value.substr(0, size)) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c == '"') out += "\\\"";
    else if (static_cast<unsigned char>(c) < 0x20) out += '?';
    else out += c;
  }
  out += cut ? "…\"" : "\"";
  return out;
}

// "a, b and c".
std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// ---- the columns --------------------------------------------------------------

enum Column : std::size_t {
  kLocationId,
  kService,
  kDomain,
  kRating,
  kLocationName,
  kLocationType,
  kLocationCategory,
  kPublicationDate,
  kReportType,
  kInherited,
  kProviderId,
  kProviderName,
  kProviderType,
  kProviderCategory,
  kRegion,  // Region, Location Region or Provider Region, by the sheet
  kColumnCount
};
constexpr std::size_t kRegionNames = 3;  // Region, Location Region, Provider Region

struct ColumnName {
  std::string_view key;  // as header_key gives it
  std::size_t column;
  std::size_t region;    // for kRegion: which of the region names
};
constexpr ColumnName kColumnNames[] = {
    {"location id", kLocationId, 0},
    {"service/population group", kService, 0},
    {"domain", kDomain, 0},
    {"key question", kDomain, 0},
    {"latest rating", kRating, 0},
    {"location name", kLocationName, 0},
    {"location type", kLocationType, 0},
    {"location primary inspection category", kLocationCategory, 0},
    {"publication date", kPublicationDate, 0},
    {"report type", kReportType, 0},
    {"inherited rating (y/n)", kInherited, 0},
    {"provider id", kProviderId, 0},
    {"provider name", kProviderName, 0},
    {"provider type", kProviderType, 0},
    {"provider primary inspection category", kProviderCategory, 0},
    {"region", kRegion, 0},
    {"location region", kRegion, 1},
    {"provider region", kRegion, 2},
};
// The region column each sheet prefers, first to last.
constexpr std::size_t kLocationRegions[kRegionNames] = {1, 0, 2};
constexpr std::size_t kProviderRegions[kRegionNames] = {2, 0, 1};

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// The columns one row names (a header, or a row that may be one).
struct HeaderColumns {
  std::array<std::size_t, kColumnCount> at;
  std::array<std::size_t, kRegionNames> region_at;

  explicit HeaderColumns(const std::vector<std::string_view>& cells) {
    at.fill(kNone);
    region_at.fill(kNone);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string key = header_key(cells[i]);
      for (const ColumnName& name : kColumnNames) {
        if (key != name.key) continue;
        std::size_t& slot = name.column == kRegion ? region_at[name.region] : at[name.column];
        if (slot == kNone) slot = i;
      }
    }
  }
  bool has(std::size_t column) const { return at[column] != kNone; }
  std::size_t common_required() const { return has(kService) + has(kDomain) + has(kRating); }
  ExportSheet sheet() const {
    if (common_required() < 3) return ExportSheet::Unknown;
    if (has(kLocationId)) return ExportSheet::Locations;
    if (has(kProviderId)) return ExportSheet::Providers;
    return ExportSheet::Unknown;
  }
  // How much of a header this row is: the required columns it names.
  std::size_t score() const { return common_required() + (has(kLocationId) || has(kProviderId)); }
  // The required columns it lacks, in plain words.
  std::vector<std::string> missing() const {
    std::vector<std::string> out;
    if (!has(kLocationId) && !has(kProviderId)) out.push_back("Location ID (or Provider ID)");
    if (!has(kService)) out.push_back("Service / Population Group");
    if (!has(kDomain)) out.push_back("Domain (or Key Question)");
    if (!has(kRating)) out.push_back("Latest Rating");
    return out;
  }
};

// ---- the values -----------------------------------------------------------------

// Where a rating goes: the overall, a key question, or (a provider's own)
// use of resources and combined.
enum Slot : std::size_t { kOverall, kSafe, kEffective, kCaring, kResponsive, kWellLed, kUseOfResources, kCombined,
                          kSlotCount };

struct DomainWord {
  std::string_view word;
  Slot slot;
};
constexpr DomainWord kDomainWords[] = {
    {"Overall", kOverall},
    {"Safe", kSafe},
    {"Effective", kEffective},
    {"Caring", kCaring},
    {"Responsive", kResponsive},
    {"Well-led", kWellLed},
    {"Well led", kWellLed},
    {"Use of resources", kUseOfResources},
    {"Combined quality and use of resources", kCombined},
    {"Combined", kCombined},
};
constexpr std::string_view kSlotNames[kSlotCount] = {
    "Overall", "Safe", "Effective", "Caring", "Responsive", "Well-led", "Use of resources",
    "Combined quality and use of resources"};
constexpr std::string_view kLocationDomains = "Overall, Safe, Effective, Caring, Responsive, Well-led";
constexpr std::string_view kProviderDomains =
    "Overall, Safe, Effective, Caring, Responsive, Well-led, Use of resources, Combined quality and use of resources";

std::optional<Slot> domain_slot(std::string_view word) {
  for (const DomainWord& known : kDomainWords) {
    if (same_words(word, known.word)) return known.slot;
  }
  return std::nullopt;
}

bool digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// YYYY-MM-DD; the date of an ISO date and time (2019-04-30T00:00:00); DD/MM/YYYY
// (the day and month may have one digit).
std::optional<CalendarDate> export_date(std::string_view text) {
  if (text.size() > 10 && text[4] == '-' && (text[10] == 'T' || text[10] == ' ')) text = text.substr(0, 10);
  if (text.find('/') == std::string_view::npos) return CalendarDate::parse(text);
  const std::size_t first = text.find('/'), second = text.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const std::string_view day = text.substr(0, first), month = text.substr(first + 1, second - first - 1),
                         year = text.substr(second + 1);
  if (!digits(day) || !digits(month) || !digits(year) || day.size() > 2 || month.size() > 2 || year.size() != 4) {
    return std::nullopt;
  }
  char iso[10] = {year[0], year[1], year[2], year[3], '-', '0', '0', '-', '0', '0'};
  iso[7 - month.size()] = month[0];
  if (month.size() == 2) iso[6] = month[1];
  iso[10 - day.size()] = day[0];
  if (day.size() == 2) iso[9] = day[1];
  return CalendarDate::parse(std::string_view(iso, sizeof iso));
}

// Where each rating of one location or provider was first given in this
// sheet (0: not yet), to report a repeat with the line it repeats.
using SlotLines = std::array<std::size_t, kSlotCount>;
struct SeenLines {
  SlotLines own{};
  std::vector<SlotLines> services;  // by the service's position in its list
};

template <typename Holder>
std::optional<PublishedRating>& slot_of(Holder& holder, Slot slot) {
  return slot == kOverall ? holder.overall : holder.key_questions.by_question[slot - kSafe];
}
std::optional<PublishedRating>& provider_slot(PublishedProvider& provider, Slot slot) {
  if (slot == kUseOfResources) return provider.use_of_resources;
  if (slot == kCombined) return provider.combined;
  return slot_of(provider, slot);
}

void fill(std::string& into, std::string_view value) {
  if (into.empty() && !value.empty()) into.assign(value);
}

}  // namespace

// ---- the reader -------------------------------------------------------------------

class RatingsExportReader::Impl final : public CsvHandler {
 public:
  Impl(PublishedData& into, std::string source) : data_(into), source_(std::move(source)), csv_(*this) {}

  void feed(std::string_view bytes) {
    if (finished_ || refused_) return;
    if (bytes.size() > kMaxExportBytes - bytes_read_) {
      const std::size_t fits = kMaxExportBytes - bytes_read_;
      bytes_read_ += fits;
      csv_.feed(bytes.substr(0, fits));
      refused_ = true;
      sheet_problem(" is larger than 1 GiB, the limit for one sheet of the export: the rows after its first "
                    "1 GiB were not read. Split the sheet into smaller files");
      return;
    }
    bytes_read_ += bytes.size();
    csv_.feed(bytes);
  }

  void finish() {
    if (finished_) return;
    if (!refused_) {
      csv_.finish();
      if (sheet_ == ExportSheet::Unknown && !unreadable_) no_header();
    }
    finished_ = true;
    if (unlisted_ > 0) {
      sheet_problem(": and " + std::to_string(unlisted_) + " more problem" + (unlisted_ == 1 ? "" : "s") +
                    " (only the first " + std::to_string(kMaxProblemsPerSheet) + " are listed)");
    }
  }

  void add_row(std::size_t line, const std::vector<std::string_view>& cells) {
    if (finished_ || refused_) return;
    // A spreadsheet's row leaves out the empty cells at its end (the .ods reader counts them, no more):
    // those columns are empty, not missing.
    rows_are_trimmed_ = true;
    on_record(line, cells);
  }

  ExportSheet sheet() const { return sheet_; }
  std::size_t bytes_read() const { return bytes_read_; }
  std::size_t rows_read() const { return rows_read_; }

  void on_record(std::size_t line, const std::vector<std::string_view>& cells) override {
    if (unreadable_) return;
    bool blank = true;
    for (const std::string_view cell : cells) blank = blank && trim(cell).empty();
    if (blank) return;
    if (sheet_ == ExportSheet::Unknown) {
      header_row(line, cells);
      return;
    }
    ++rows_read_;
    ++data_.rows_read;
    if (cells.size() < needed_cells_ && !rows_are_trimmed_) {
      const std::size_t column = cells.size() + 1;
      problem(line, column, name_of(column), "", "the row ends after " + std::to_string(cells.size()) + " cell" +
                                                     (cells.size() == 1 ? "" : "s") + ", before the columns the reader needs (up to column " +
                                                     std::to_string(needed_cells_) + "); the row was skipped");
      return;
    }
    if (sheet_ == ExportSheet::Locations) {
      location_row(line, cells);
    } else {
      provider_row(line, cells);
    }
  }

  void on_fault(CsvFault fault, std::size_t line, std::size_t column) override {
    if (unreadable_) return;
    std::string what;
    switch (fault) {
      case CsvFault::TextAfterQuote:
        what = "text follows the closing quote of a quoted field, which must end at a comma or the line's end "
               "(a quote inside it is written twice: \"\"); the row was skipped";
        break;
      case CsvFault::QuoteInUnquotedField:
        what = "a quote (\") inside a field that does not start with one (a field holding quotes is put in "
               "quotes, each quote inside written twice: \"\"); the row was skipped";
        break;
      case CsvFault::UnterminatedQuote:
        what = "a quoted field starts here and is never closed: the file ends inside it, so nothing from here on "
               "was read";
        break;
      case CsvFault::RecordTooLong:
        what = "the row is longer than " + std::to_string(kMaxCsvRecordBytes / (1024 * 1024)) +
               " MiB, far longer than any row of the export (a quote never closed?); the row was skipped";
        break;
    }
    if (sheet_ != ExportSheet::Unknown) {
      ++rows_read_;
      ++data_.rows_read;
    } else {
      ++banner_rows_;  // it might have been the header: it counts as a row above it
    }
    problem(line, column, name_of(column), "", what);
    if (sheet_ == ExportSheet::Unknown && banner_rows_ > kMaxBannerRows) no_header();
  }

 private:
  // ---- the header ----
  void header_row(std::size_t line, const std::vector<std::string_view>& cells) {
    const HeaderColumns found(cells);
    const ExportSheet sheet = found.sheet();
    if (sheet == ExportSheet::Unknown) {
      if (found.score() > best_score_) {
        best_score_ = found.score();
        best_line_ = line;
        best_missing_ = found.missing();
      }
      if (++banner_rows_ > kMaxBannerRows) no_header();
      return;
    }
    sheet_ = sheet;
    columns_ = found.at;
    const std::size_t* preferred = sheet == ExportSheet::Locations ? kLocationRegions : kProviderRegions;
    for (std::size_t i = 0; i < kRegionNames && columns_[kRegion] == kNone; ++i) {
      columns_[kRegion] = found.region_at[preferred[i]];
    }
    for (const std::size_t at : columns_) {
      if (at != kNone && at + 1 > needed_cells_) needed_cells_ = at + 1;
    }
    for (const std::string_view cell : cells) header_.emplace_back(trim(cell));
  }

  void no_header() {
    unreadable_ = true;
    const std::string needs =
        "A Locations sheet needs the columns Location ID, Service / Population Group, Domain and Latest Rating; "
        "a Providers sheet, Provider ID and the same three. The sheet was not read";
    const std::string rows =
        banner_rows_ > kMaxBannerRows ? "its first " + std::to_string(kMaxBannerRows + 1) + " rows" : "its rows";
    if (banner_rows_ == 0) {
      sheet_problem(" is empty: it has no header row. " + needs);
    } else if (best_score_ == 0) {
      sheet_problem(" has no header row: none of " + rows + " names any of the columns it needs. " + needs);
    } else {
      sheet_problem(" has no header row: line " + std::to_string(best_line_) +
                    ", the row most like one, lacks the column" + (best_missing_.size() == 1 ? " " : "s ") +
                    listed(best_missing_) + ". " + needs);
    }
  }

  // ---- the rows ----
  std::string_view cell(const std::vector<std::string_view>& cells, Column column) const {
    const std::size_t at = columns_[column];
    return at == kNone || at >= cells.size() ? std::string_view() : trim(cells[at]);
  }

  // The row's column `column` by its name, for a problem.
  void cell_problem(std::size_t line, Column column, std::string_view id, const std::string& what) {
    const std::size_t at = columns_[column];
    problem(line, at + 1, name_of(at + 1), id, what);
  }

  // The fields every row has, read and checked; nullopt (reported) when the row cannot be used.
  struct RowRating {
    std::string_view id, service;
    Slot slot;
    PublishedRating rating;
  };
  std::optional<RowRating> row_rating(std::size_t line, const std::vector<std::string_view>& cells, Column id_column,
                                      std::string_view domains) {
    RowRating row{cell(cells, id_column), cell(cells, kService), kOverall, {}};
    if (row.id.empty()) {
      cell_problem(line, id_column, "", std::string("is empty: every row needs the ") +
                                            (id_column == kLocationId ? "location's" : "provider's") +
                                            " ID; the row was skipped");
      return std::nullopt;
    }
    if (row.service.empty()) {
      cell_problem(line, kService, row.id, "is empty: give \"Overall\" or the service's name; the row was skipped");
      return std::nullopt;
    }
    const std::string_view domain = cell(cells, kDomain);
    const std::optional<Slot> slot = domain_slot(domain);
    if (!slot || (id_column == kLocationId && *slot > kWellLed)) {
      cell_problem(line, kDomain, row.id, quoted(domain) + " is not a key question CQC rates here; accepted: " +
                                              std::string(domains) + "; the row was skipped");
      return std::nullopt;
    }
    row.slot = *slot;
    const std::string_view word = cell(cells, kRating);
    std::optional<PublishedRating> rating = published_rating_from_word(word);
    if (!rating) {
      cell_problem(line, kRating, row.id, (word.empty() ? std::string("is empty") : quoted(word) + " is not a rating CQC uses") +
                                              "; accepted: " + published_rating_words() + "; the row was skipped");
      return std::nullopt;
    }
    row.rating = std::move(*rating);
    if (const std::string_view date = cell(cells, kPublicationDate); !date.empty()) {
      row.rating.date = export_date(date);
      if (!row.rating.date) {
        cell_problem(line, kPublicationDate, row.id,
                     quoted(date) + " is not a real date; accepted: YYYY-MM-DD, DD/MM/YYYY or an ISO date and time; "
                                    "the rating was kept without a date");
      }
    }
    const std::string_view inherited = cell(cells, kInherited);
    if (same_words(inherited, "Y") || same_words(inherited, "Yes")) {
      row.rating.inherited = true;
    } else if (!inherited.empty() && !same_words(inherited, "N") && !same_words(inherited, "No")) {
      cell_problem(line, kInherited, row.id,
                   quoted(inherited) + " is not Y or N; the rating was kept as not inherited");
    }
    return row;
  }

  // The position of `id` in data_'s locations or providers, remembered for
  // the next row (a sheet lists each one's rows together).
  std::size_t holder_index(std::string_view id) {
    if (id != last_id_ || last_index_ == kNone) {
      last_id_.assign(id);
      if (sheet_ == ExportSheet::Locations) {
        const PublishedLocation& found = data_.location(last_id_);
        last_index_ = static_cast<std::size_t>(&found - data_.locations.data());
      } else {
        const PublishedProvider& found = data_.provider(last_id_);
        last_index_ = static_cast<std::size_t>(&found - data_.providers.data());
      }
      if (seen_.size() <= last_index_) seen_.resize(last_index_ + 1);
    }
    return last_index_;
  }

  // The service named `name` in `services`, added at the end when new.
  static std::size_t service_index(std::vector<PublishedService>& services, std::string_view name) {
    for (std::size_t i = 0; i < services.size(); ++i) {
      if (services[i].id == name) return i;
    }
    services.emplace_back();
    services.back().id.assign(name);
    services.back().name.assign(name);
    return services.size() - 1;
  }

  // Stores the rating, or reports the row as a repeat of an earlier one.
  void store(std::size_t line, RowRating& row, std::size_t& first_line, std::optional<PublishedRating>& into) {
    if (first_line != 0) {
      problem(line, 0, "", row.id, "repeats line " + std::to_string(first_line) + " (" + std::string(row.id) +
                                       ", " + std::string(row.service) + ", " +
                                       std::string(kSlotNames[row.slot]) +
                                       "): the first was kept and this row skipped");
      return;
    }
    first_line = line;
    into = std::move(row.rating);
  }

  // A service's rating: the service named by the row, added when new.
  void store_service(std::size_t line, RowRating& row, SeenLines& seen, std::vector<PublishedService>& services) {
    const std::size_t service = service_index(services, row.service);
    if (seen.services.size() <= service) seen.services.resize(service + 1);
    store(line, row, seen.services[service][row.slot], slot_of(services[service], row.slot));
  }

  void location_row(std::size_t line, const std::vector<std::string_view>& cells) {
    std::optional<RowRating> row = row_rating(line, cells, kLocationId, kLocationDomains);
    if (!row) return;
    const std::size_t index = holder_index(row->id);
    PublishedLocation& location = data_.locations[index];
    if (location.line == 0) location.line = line;
    fill(location.name, cell(cells, kLocationName));
    fill(location.type, cell(cells, kLocationType));
    fill(location.inspection_category, cell(cells, kLocationCategory));
    fill(location.region, cell(cells, kRegion));
    fill(location.provider_id, cell(cells, kProviderId));
    fill(location.provider_name, cell(cells, kProviderName));
    SeenLines& seen = seen_[index];
    if (same_words(row->service, "Overall")) {
      store(line, *row, seen.own[row->slot], slot_of(location, row->slot));
    } else {
      store_service(line, *row, seen, location.services);
    }
  }

  void provider_row(std::size_t line, const std::vector<std::string_view>& cells) {
    std::optional<RowRating> row = row_rating(line, cells, kProviderId, kProviderDomains);
    if (!row) return;
    const bool own = same_words(cell(cells, kReportType), "Provider") || same_words(row->service, "Overall");
    if (!own && row->slot > kWellLed) {
      cell_problem(line, kDomain, row->id,
                   quoted(cell(cells, kDomain)) + " is rated for the provider as a whole, not for a service (" +
                       quoted(row->service) + "); the row was skipped");
      return;
    }
    const std::size_t index = holder_index(row->id);
    PublishedProvider& provider = data_.providers[index];
    if (provider.line == 0) provider.line = line;
    fill(provider.name, cell(cells, kProviderName));
    fill(provider.type, cell(cells, kProviderType));
    fill(provider.inspection_category, cell(cells, kProviderCategory));
    fill(provider.region, cell(cells, kRegion));
    SeenLines& seen = seen_[index];
    if (own) {
      store(line, *row, seen.own[row->slot], provider_slot(provider, row->slot));
    } else {
      store_service(line, *row, seen, provider.services);
    }
  }

  // ---- problems ----
  std::string name_of(std::size_t column) const {
    return column >= 1 && column <= header_.size() ? header_[column - 1] : std::string();
  }

  void problem(std::size_t line, std::size_t column, const std::string& field, std::string_view id,
               const std::string& what) {
    if (problems_ >= kMaxProblemsPerSheet) {
      ++unlisted_;
      return;
    }
    ++problems_;
    std::string where = source_.empty() ? "" : source_ + " ";
    where += "line " + std::to_string(line);
    if (column > 0) where += ", column " + std::to_string(column);
    if (!field.empty()) where += " (" + field + ")";
    data_.problems.push_back({std::nullopt, line, std::string(id), field, where + ": " + what, source_, column});
  }

  // A problem with the whole sheet; `what` follows its name.
  void sheet_problem(const std::string& what) {
    const std::string subject = source_.empty() ? "the sheet" : source_;
    data_.problems.push_back({std::nullopt, 0, "", "", subject + what, source_, 0});
  }

  PublishedData& data_;
  std::string source_;
  CsvTokenizer csv_;
  ExportSheet sheet_ = ExportSheet::Unknown;
  std::array<std::size_t, kColumnCount> columns_{};
  std::vector<std::string> header_;  // the header's cells as CQC writes them
  std::size_t needed_cells_ = 0;     // a row needs this many cells to reach every column used
  // Before the header: the rows seen, and the one most like a header.
  std::size_t banner_rows_ = 0, best_score_ = 0, best_line_ = 0;
  std::vector<std::string> best_missing_;
  bool unreadable_ = false;  // no header: the rest is ignored
  bool refused_ = false;     // over kMaxExportBytes
  bool finished_ = false;
  bool rows_are_trimmed_ = false;  // rows handed over split (add_row), their empty last cells left out
  std::size_t bytes_read_ = 0, rows_read_ = 0;
  std::size_t problems_ = 0, unlisted_ = 0;
  std::string last_id_;
  std::size_t last_index_ = kNone;
  std::vector<SeenLines> seen_;  // by position in data_'s locations or providers
};

RatingsExportReader::RatingsExportReader(PublishedData& into, std::string source)
    : impl_(std::make_unique<Impl>(into, std::move(source))) {}
RatingsExportReader::~RatingsExportReader() = default;
void RatingsExportReader::feed(std::string_view bytes) { impl_->feed(bytes); }
void RatingsExportReader::add_row(std::size_t line, const std::vector<std::string_view>& cells) {
  impl_->add_row(line, cells);
}
void RatingsExportReader::finish() { impl_->finish(); }
ExportSheet RatingsExportReader::sheet() const { return impl_->sheet(); }
std::size_t RatingsExportReader::bytes_read() const { return impl_->bytes_read(); }
std::size_t RatingsExportReader::rows_read() const { return impl_->rows_read(); }

void read_ratings_export(std::string_view csv, PublishedData& into, const std::string& source) {
  RatingsExportReader reader(into, source);
  reader.feed(csv);
  reader.finish();
}

// ---- the writer -------------------------------------------------------------------

namespace {

constexpr std::string_view kLocationsColumns[] = {
    "Location ID", "Location ODS Code", "Location Name", "Care Home?", "Location Type",
    "Location Primary Inspection Category", "Location Street Address", "Location Address Line 2", "Location City",
    "Location Post Code", "Location Local Authority", "Location Region", "Location NHS Region",
    "Location ONSPD CCG Code", "Location ONSPD CCG", "Location Commissioning CCG Code", "Location Commissioning CCG",
    "Service / Population Group", "Domain", "Latest Rating", "Publication Date", "Report Type",
    "Inherited Rating (Y/N)", "URL", "Provider ID", "Provider Name", "Brand ID", "Brand Name"};

void write_cell(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += value;
    return;
  }
  out += '"';
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// The columns of the Providers sheet: the Locations sheet's, keyed by the provider (bench/make-ratings-export.mjs
// writes the same).
constexpr std::string_view kProvidersColumns[] = {
    "Provider ID", "Provider Name", "Provider Type", "Provider Primary Inspection Category", "Provider Street Address",
    "Provider Address Line 2", "Provider City", "Provider Post Code", "Provider Local Authority", "Provider Region",
    "Provider NHS Region", "Service / Population Group", "Domain", "Latest Rating", "Publication Date", "Report Type",
    "URL", "Brand ID", "Brand Name"};

template <std::size_t N>
void write_line(std::string& out, const std::string_view (&cells)[N]) {
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += ',';
    write_cell(out, cells[i]);
  }
  out += "\r\n";
}

// A rating's cells as CQC writes them: its word and its date ("" when undated).
struct RatingCells {
  std::string date;
  std::string_view word;
  explicit RatingCells(const PublishedRating& rating)
      : date(rating.date ? rating.date->iso() : ""),
        word(rating.as_published.empty() ? label(rating.rating) : std::string_view(rating.as_published)) {}
};

void write_row(std::string& out, const PublishedLocation& location, std::string_view service, std::string_view domain,
               const PublishedRating& rating) {
  const RatingCells r(rating);
  const std::string_view cells[] = {
      location.location_id, "", location.name, "", location.type, location.inspection_category, "", "", "", "", "",
      location.region, "", "", "", "", "", service, domain, r.word, r.date, "Location", rating.inherited ? "Y" : "N", "",
      location.provider_id, location.provider_name, "", ""};
  static_assert(std::size(cells) == std::size(kLocationsColumns));
  write_line(out, cells);
}

// `report_type`: "Provider" for its own ratings, "CoreService" for a core service's.
void write_row(std::string& out, const PublishedProvider& provider, std::string_view service, std::string_view domain,
               const PublishedRating& rating, std::string_view report_type) {
  const RatingCells r(rating);
  const std::string_view cells[] = {
      provider.provider_id, provider.name, provider.type, provider.inspection_category, "", "", "", "", "",
      provider.region, "", service, domain, r.word, r.date, report_type, "", "", ""};
  static_assert(std::size(cells) == std::size(kProvidersColumns));
  write_line(out, cells);
}

// The overall and the five key questions of a location, a service or a provider, each through `row(domain, rating)`.
template <typename Holder, typename Row>
void write_ratings(const Holder& holder, Row&& row) {
  if (holder.overall) row("Overall", *holder.overall);
  for (const Question question : kQuestions) {
    if (question == Question::UseOfResources) continue;
    if (const auto& rating = holder.key_questions.of(question)) row(label(question), *rating);
  }
}

template <std::size_t N>
std::string header_line(const std::string_view (&columns)[N]) {
  std::string out;
  write_line(out, columns);
  return out;
}

}  // namespace

std::string write_locations_sheet(const std::vector<PublishedLocation>& locations) {
  std::string out = header_line(kLocationsColumns);
  for (const PublishedLocation& location : locations) {
    auto rows_of = [&](std::string_view service) {
      return [&, service](std::string_view domain, const PublishedRating& rating) {
        write_row(out, location, service, domain, rating);
      };
    };
    write_ratings(location, rows_of("Overall"));
    for (const PublishedService& service : location.services) {
      write_ratings(service, rows_of(service.name.empty() ? service.id : service.name));
    }
  }
  return out;
}

std::string write_providers_sheet(const std::vector<PublishedProvider>& providers) {
  std::string out = header_line(kProvidersColumns);
  for (const PublishedProvider& provider : providers) {
    auto own = [&](std::string_view domain, const PublishedRating& rating) {
      write_row(out, provider, "Overall", domain, rating, "Provider");
    };
    write_ratings(provider, own);
    if (provider.use_of_resources) own(kSlotNames[kUseOfResources], *provider.use_of_resources);
    if (provider.combined) own(kSlotNames[kCombined], *provider.combined);
    for (const PublishedService& service : provider.services) {
      const std::string_view name = service.name.empty() ? service.id : service.name;
      write_ratings(service, [&](std::string_view domain, const PublishedRating& rating) {
        write_row(out, provider, name, domain, rating, "CoreService");
      });
    }
  }
  return out;
}

}  // namespace cqc::contract
