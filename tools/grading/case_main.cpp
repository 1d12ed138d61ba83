// The case generator of one exercise: the trusted side's source of truth for its grading cases.
// Built with the exercise's reference solution (through its adapter, DESCENT_EXERCISE_IO) and its
// case sources, it computes every case's expected answers from the reference and prints the case
// file (grading/judge.hpp):
//
//   cases_<exercise> [--seed N] [--public] [--out FILE] [--check [--audit FILE]]
//
// The case file goes to standard output, or to FILE with --out (written whole or not at all).
// --public prints only the public cases (what a student pack carries, with their expected answers);
// --check instead compares the reference with every closed form the cases state and fails (exit 1)
// on a disagreement; with --audit it also checks the exercise's audit table (cases/<name>.audit.md:
// a Markdown table, one row per sentence of the statement that constrains behaviour, its last
// column naming in `backticks` the cases that test it): every row names at least one case and
// every name is a real case. The seed (default 1) drives the differential cases' inputs.

#include "grading/cases.hpp"

#include DESCENT_EXERCISE_IO

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <cstdio>
#include <set>
#include <sstream>
#include <string>

namespace {

// Whether `j` holds a null anywhere: what a non-finite double becomes in JSON. A request must
// carry such numbers as "inf", "-inf" or "nan" (protocol::number), never as null.
bool holds_null(const grading::json& j) {
  if (j.is_null()) return true;
  if (j.is_structured()) {
    for (const auto& item : j) {
      if (holds_null(item)) return true;
    }
  }
  return false;
}

grading::json reference_answer(const grading::json& request) {
  try {
    return {{"value", exercise_io::answer(request)}};
  } catch (const std::exception& error) {
    return {{"error", error.what()}};
  }
}

// The audit's problems: rows naming no case or a case that does not exist. Empty when sound.
std::vector<std::string> audit_problems(const std::string& file, const std::set<std::string>& names) {
  std::ifstream in(file);
  if (!in) return {file + ": cannot read the audit"};
  std::vector<std::string> problems;
  int rows = 0;
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    // Table rows only; the header row and the |---| separator name no cases.
    if (line.rfind("|", 0) != 0 || line.find("---") != std::string::npos) continue;
    const std::string cases = line.substr(line.rfind('|', line.size() - 2) + 1);
    if (rows++ == 0) continue;
    int named = 0;
    for (auto open = cases.find('`'); open != std::string::npos; open = cases.find('`', open + 1)) {
      const auto close = cases.find('`', open + 1);
      if (close == std::string::npos) break;
      const std::string name = cases.substr(open + 1, close - open - 1);
      if (names.count(name) == 0) problems.push_back(file + ":" + std::to_string(line_number) + ": no case named '" + name + "'");
      ++named;
      open = close;
    }
    if (named == 0) problems.push_back(file + ":" + std::to_string(line_number) + ": the row names no case");
  }
  if (rows < 2) problems.push_back(file + ": no audit rows");
  return problems;
}

}  // namespace

int main(int argc, char* argv[]) {
  unsigned long long seed = 1;
  bool public_only = false;
  bool check = false;
  std::string audit;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--public") {
      public_only = true;
    } else if (word == "--check") {
      check = true;
    } else if (word == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else if (word == "--audit" && i + 1 < argc) {
      audit = argv[++i];
    } else if (word == "--seed" && i + 1 < argc) {
      try {
        seed = std::stoull(argv[++i]);
      } catch (const std::exception&) {
        std::cerr << argv[0] << ": --seed needs a whole number\n";
        return 2;
      }
    } else {
      std::cerr << "usage: " << argv[0] << " [--seed N] [--public] [--out FILE] [--check [--audit FILE]]\n";
      return 2;
    }
  }
  grading::CaseFile file{DESCENT_EXERCISE_NAME, seed, {}};
  std::set<std::string> names;
  bool agrees = true;
  const auto collect = [&](void (*define)(grading::CaseBook&), bool hidden) {
    grading::CaseBook book(seed + (hidden ? 7919 : 0));
    define(book);
    for (const grading::Case& c : book.cases()) {
      // Names go into audit tables (Markdown, `backticks`) and reports: no '|', '`' or line break.
      if (!names.insert(c.name).second || c.points <= 0 || c.calls.empty() ||
          c.name.find_first_of("|`\n") != std::string::npos) {
        std::cerr << argv[0] << ": case '" << c.name
                  << "' is named twice, has no points or no calls, or its name holds '|', '`' or a line break\n";
        std::exit(1);
      }
      grading::GradingCase g{c.name, c.points, hidden, c.hint, c.tolerance, c.parts, c.calls, {}};
      for (const auto& call : c.calls) {
        if (holds_null(call)) {
          std::cerr << argv[0] << ": case '" << c.name << "': a request holds null (a non-finite number? write it with "
                    << "protocol::number): " << call.dump() << '\n';
          std::exit(1);
        }
        g.expected.push_back(reference_answer(call));
        if (g.expected.back().contains("error") && !c.reference_throws) {
          std::cerr << argv[0] << ": case '" << c.name << "': the reference threw (" << g.expected.back()["error"]
                    << ") for " << call.dump() << "; a case that expects it says reference_throws\n";
          std::exit(1);
        }
      }
      for (std::size_t k = 0; check && k < c.closed_form.size(); ++k) {
        const bool both_errors = g.expected[k].contains("error") && c.closed_form[k].contains("error");
        const auto why = both_errors ? std::nullopt
                         : g.expected[k].contains("value") && c.closed_form[k].contains("value")
                             ? grading::mismatch(c.closed_form[k]["value"], grading::parts_of(g.expected[k]["value"], c.parts),
                                                 c.tolerance)
                             : std::optional<std::string>("one is an error, the other an answer");
        if (why) {
          std::cerr << argv[0] << ": case '" << c.name << "', call " << k + 1
                    << ": the reference disagrees with the closed form: " << *why << '\n';
          agrees = false;
        }
      }
      file.cases.push_back(std::move(g));
    }
  };
  collect(public_cases, false);
  if (!public_only) collect(hidden_cases, true);
  if (check) {
    if (!audit.empty()) {
      for (const auto& problem : audit_problems(audit, names)) {
        std::cerr << argv[0] << ": " << problem << '\n';
        agrees = false;
      }
    }
    if (!agrees) return 1;
    std::cout << argv[0] << ": the reference agrees with every closed form" << (audit.empty() ? "" : "; the audit names real cases")
              << '\n';
    return 0;
  }
  // One case per line: a case file stays readable and diffable.
  const grading::json j = grading::to_json(file);
  std::ostringstream text;
  text << "{\"exercise\": " << j["exercise"].dump() << ", \"seed\": " << seed << ", \"cases\": [\n";
  for (std::size_t k = 0; k < j["cases"].size(); ++k) {
    text << j["cases"][k].dump(-1, ' ', false, grading::json::error_handler_t::replace)
         << (k + 1 < j["cases"].size() ? ",\n" : "\n");
  }
  text << "]}\n";
  if (out.empty()) {
    std::cout << text.str();
    return 0;
  }
  const std::string partial = out + ".partial";
  std::ofstream(partial) << text.str();
  if (std::rename(partial.c_str(), out.c_str()) != 0) {
    std::cerr << argv[0] << ": cannot write " << out << '\n';
    return 1;
  }
  return 0;
}
