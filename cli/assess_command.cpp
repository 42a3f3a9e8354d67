#include "assess_command.hpp"

#include <unistd.h>

#include <iostream>

#include "contract.hpp"
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

}  // namespace

int run_assess(const std::string& path, const std::string& format, const std::string& as_at_text, std::ostream& out) {
  std::optional<CalendarDate> as_at;
  if (!as_at_text.empty()) {
    as_at = CalendarDate::parse(as_at_text);
    if (!as_at) {
      std::cerr << "cqc-ratings: assess: --as-at must be a real date written YYYY-MM-DD; got \"" << as_at_text << "\"\n";
      return 2;
    }
  }
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
  const std::string text = read_limited(in, contract::kMaxInputBytes);
  if (fd != STDIN_FILENO) ::close(fd);
  if (!in.error().empty()) {
    std::cerr << "cqc-ratings: assess: cannot read " << (fd == STDIN_FILENO ? "standard input" : path) << ": " << in.error() << "\n";
    return 2;
  }
  bool ok = false;
  const std::string result = contract::assess(text, as_at, &ok);
  if (!ok || format == "json") {
    out << result << "\n";
  } else {
    write_text(contract::Json::parse(result), out);
  }
  return ok ? 0 : 1;
}

}  // namespace cqc::cli
