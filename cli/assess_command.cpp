#include "assess_command.hpp"

#include <unistd.h>

#include <iostream>

#include "audit_command.hpp"
#include "contract.hpp"
#include "contract_assessment_io.hpp"
#include "io.hpp"

namespace cqc::cli {
namespace {

// The evaluated tree as text, from the trust down: the trust's ratings, then
// each location with its key questions and services, each service with its
// key questions. One line per node: its rating, a limit, a final rating by
// judgement, and the reason.
void write_node(const contract::Json& n, int depth, std::ostream& out) {
  const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
  out << indent << n["subject"].get<std::string>() << ": ";
  if (!n["not_awarded"].is_null()) {
    out << "not awarded (" << n["not_awarded"].get<std::string>() << ")\n";
    return;
  }
  out << n["label"].get<std::string>();
  if (!n["limit"].is_null()) {
    out << " (limited by a " << n["limit"]["reason"].get<std::string>() << "; before: " << n["limit"]["before"].get<std::string>() << ")";
  }
  if (!n["judgement"].is_null()) out << "; final rating by judgement: " << n["judgement"]["rating"].get<std::string>();
  if (!n["summary"].is_null()) out << "\n" << indent << "  " << n["summary"].get<std::string>();
  out << "\n";
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

void write_text(const contract::Json& result, std::ostream& out) {
  out << "Trust: " << result["trust"]["name"].get<std::string>() << " (" << result["trust"]["type"].get<std::string>()
      << ")";
  if (!result["as_at"].is_null()) out << ", as at " << result["as_at"].get<std::string>();
  out << "\n";
  const auto& nodes = result["nodes"];
  // The model lists each node after its inputs, so the trust's come last: read them backwards.
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
    const std::string id = (*it)["id"].get<std::string>();
    if (starts_with(id, "trust.")) write_node(*it, (*it)["level"] == "trust_key_question" ? 1 : 0, out);
  }
  for (const auto& n : nodes) {
    const std::string level = n["level"].get<std::string>();
    if (level != "location" && !(level == "service" && !starts_with(n["id"].get<std::string>(), "location:"))) continue;
    const std::string prefix = n["id"].get<std::string>() + "/";
    write_node(n, 1, out);
    auto below = [&](const std::string& parent, auto&& write) {
      for (const auto& m : nodes) {
        const std::string id = m["id"].get<std::string>();
        if (starts_with(id, parent) && id.find('/', parent.size()) == std::string::npos) write(m, id);
      }
    };
    // Its key questions, then each service with its own key questions.
    below(prefix, [&](const contract::Json& m, const std::string& id) {
      if (!starts_with(id.substr(prefix.size()), "service:")) write_node(m, 2, out);
    });
    below(prefix, [&](const contract::Json& m, const std::string& id) {
      if (!starts_with(id.substr(prefix.size()), "service:")) return;
      write_node(m, 2, out);
      below(id + "/", [&](const contract::Json& q, const std::string&) { write_node(q, 3, out); });
    });
  }
  for (const auto& note : result["notes"]) out << "Note: " << note["text"].get<std::string>() << "\n";
}

// "What matters most" as sentences: per target, each direction's smallest changes.
void write_what_matters_text(const contract::Json& result, std::ostream& out) {
  for (const auto& target : result["targets"]) {
    const std::string subject = target["subject"].get<std::string>();
    out << "What would change " << subject << " ("
        << (target["label"].is_null() ? std::string("not awarded") : target["label"].get<std::string>()) << "):\n";
    for (const char* direction : {"up", "down"}) {
      const auto& d = target[direction];
      if (d["total"] == 0) {
        out << "  " << direction << ": no change of one or two ratings moves it\n";
        continue;
      }
      out << "  " << direction << " (" << d["total"].get<std::size_t>() << " sets of " << d["size"].get<int>()
          << " change" << (d["size"] == 1 ? "" : "s") << "):\n";
      for (const auto& w : d["shown"]) out << "    " << w["text"].get<std::string>() << "\n";
      if (d["more"] != 0) out << "    ... and " << d["more"].get<std::size_t>() << " more\n";
    }
  }
}

// The document from published data, or what the import says instead (the providers found, or an
// error); `document` is set when there is one to go on with.
int import_document(const AssessArgs& args, std::string& document, std::ostream& out) {
  contract::PublishedImport import;
  bool clean = true;
  for (const std::string& path : args.from) clean = read_data_file(path, import.session()) && clean;
  const std::string providers = import.finish();
  for (const contract::ReadProblem& problem : import.data().problems) {
    std::cerr << "cqc-ratings: " << problem.message << "\n";
    clean = false;
  }
  if (args.provider.empty()) {
    out << providers << "\n";
    return clean ? 0 : 1;
  }
  bool ok = false;
  std::string text = import.document(args.provider, &ok);
  if (!ok) {
    out << text << "\n";
    return 1;
  }
  document = std::move(text);
  return clean ? 0 : 1;
}

// The document's text (at most kMaxAssessmentBytes + 1 bytes, so a larger one is refused by the
// contract with its own message); 2 when the file cannot be read.
int read_document(const std::string& path, std::string& text) {
  int fd = STDIN_FILENO;
  if (!path.empty() && path != "-") {
    std::string why;
    fd = open_for_reading(path, why);
    if (fd < 0) {
      std::cerr << "cqc-ratings: assess: cannot open " << path << ": " << why << "\n";
      return 2;
    }
  }
  ByteSource in(fd);
  text = read_limited(in, contract::kMaxAssessmentBytes);
  if (fd != STDIN_FILENO) ::close(fd);
  if (!in.error().empty()) {
    std::cerr << "cqc-ratings: assess: cannot read " << (fd == STDIN_FILENO ? "standard input" : path) << ": " << in.error() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace

int run_assess(const AssessArgs& args, std::ostream& out) {
  const std::string& path = args.path;
  const std::string& format = args.format;
  const std::string& as_at_text = args.as_at;
  std::optional<CalendarDate> as_at;
  if (args.view == "ratings" && (format != "json" || args.what_matters || args.to_csv)) {
    std::cerr << "cqc-ratings: assess: --view ratings writes JSON; it cannot be used with --format text, "
                 "--what-matters or --to-csv\n";
    return 2;
  }
  if (args.sheet != "locations" && !args.to_csv) {
    std::cerr << "cqc-ratings: assess: --sheet is for --to-csv (which sheet of CQC's export to write)\n";
    return 2;
  }
  if (!args.explain.empty() && args.view != "ratings") {
    std::cerr << "cqc-ratings: assess: --explain is for --view ratings (the full view explains every node)\n";
    return 2;
  }
  if (!as_at_text.empty()) {
    as_at = CalendarDate::parse(as_at_text);
    if (!as_at) {
      std::cerr << "cqc-ratings: assess: --as-at must be a real date written YYYY-MM-DD; got \"" << as_at_text << "\"\n";
      return 2;
    }
  }
  std::string text;
  int status = 0;
  if (!args.from.empty()) {
    if (!path.empty()) {
      std::cerr << "cqc-ratings: assess: give a document FILE or --from data files, not both\n";
      return 2;
    }
    status = import_document(args, text, out);
    if (text.empty()) return status;
    if (!args.evaluate && !args.what_matters && !args.to_csv) {
      out << text << "\n";
      return status;
    }
  } else {
    const int read = read_document(path, text);
    if (read != 0) return read;
  }
  bool ok = false;
  if (args.to_csv) {
    const contract::ExportSheet which =
        args.sheet == "providers" ? contract::ExportSheet::Providers : contract::ExportSheet::Locations;
    const contract::ExportSheets sheets = contract::assessment_to_export_sheets(text, as_at);
    const contract::SheetCsv& sheet = sheets.of(which);
    out << (sheet.error.empty() ? sheet.csv : sheet.error + "\n");
    return sheet.error.empty() ? status : 1;
  }
  if (args.what_matters) {
    const std::string result = contract::what_matters(text, as_at, args.targets, &ok);
    if (!ok || format == "json") out << result << "\n";
    else write_what_matters_text(contract::Json::parse(result), out);
    return ok ? status : 1;
  }
  if (args.view == "ratings") {  // the workbench's live view: JSON only (checked with the arguments)
    out << contract::assess_ratings(text, as_at, args.explain, &ok) << "\n";
    return ok ? status : 1;
  }
  const std::string result = contract::assess(text, as_at, &ok);
  if (!ok || format == "json") {
    out << result << "\n";
  } else {
    write_text(contract::Json::parse(result), out);
  }
  return ok ? status : 1;
}

}  // namespace cqc::cli
