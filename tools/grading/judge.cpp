#include "grading/judge.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace grading {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t answers_limit = 16u << 20;

// Deeper than any answer of the protocol nests (a list of matrices is three deep). Parsing is
// iterative, but dump() and comparing recurse: feedback quoting an answer nested a million deep
// would overflow the grader's stack and end a whole batch.
constexpr int nesting_limit = 64;

// Whether `j` nests deeper than `levels` (recursing at most `levels` deep itself).
bool nested_deeper_than(const json& j, int levels) {
  if (!j.is_structured()) return false;
  if (levels == 0) return true;
  return std::any_of(j.begin(), j.end(), [&](const json& item) { return nested_deeper_than(item, levels - 1); });
}

// A number of the protocol (finite JSON numbers, or "inf", "-inf", "nan"), if `j` is one.
std::optional<double> protocol_number(const json& j) {
  if (j.is_number()) return j.get<double>();
  if (j == "inf") return HUGE_VAL;
  if (j == "-inf") return -HUGE_VAL;
  if (j == "nan") return std::nan("");
  return std::nullopt;
}

std::string shown_number(double x) {
  std::ostringstream out;
  out.precision(17);
  out << x;
  return out.str();
}

std::string shortened(const std::string& text, std::size_t limit) {
  return text.size() <= limit ? text : text.substr(0, limit) + "…";
}

std::optional<std::string> mismatch_at(const json& expected, const json& got, const Tolerance& t,
                                       const std::string& where) {
  const std::string at = where.empty() ? "" : where + ": ";
  if (const auto e = protocol_number(expected)) {
    const auto g = protocol_number(got);
    if (!g) return at + "expected the number " + shown_number(*e) + ", got " + shortened(got.dump(), 80);
    const bool same = std::isnan(*e) ? std::isnan(*g)
                      : std::isinf(*e) ? *g == *e
                                       : std::isfinite(*g) && std::abs(*g - *e) <= t.absolute + t.relative * std::abs(*e);
    if (same) return std::nullopt;
    return at + "expected " + shown_number(*e) + ", got " + shown_number(*g);
  }
  if (expected.is_array()) {
    if (!got.is_array()) return at + "expected a list of " + std::to_string(expected.size()) + ", got " + shortened(got.dump(), 80);
    if (got.size() != expected.size()) {
      return at + "expected " + std::to_string(expected.size()) + " entries, got " + std::to_string(got.size());
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (auto why = mismatch_at(expected[i], got[i], t, where + "[" + std::to_string(i) + "]")) return why;
    }
    return std::nullopt;
  }
  if (expected.is_object()) {
    if (!got.is_object()) return at + "expected an object, got " + shortened(got.dump(), 80);
    for (const auto& [key, value] : expected.items()) {
      if (!got.contains(key)) return at + "missing '" + key + "'";
      if (auto why = mismatch_at(value, got[key], t, where + (where.empty() ? "" : ".") + key)) return why;
    }
    if (got.size() != expected.size()) return at + "unexpected entries besides " + std::to_string(expected.size());
    return std::nullopt;
  }
  if (expected != got) return at + "expected " + shortened(expected.dump(), 80) + ", got " + shortened(got.dump(), 80);
  return std::nullopt;
}

// Why an answer differs from the expected one: the whole answer, or the case's parts in order.
std::optional<std::string> answer_mismatch(const GradingCase& c, const json& expected, const json& got) {
  if (c.parts.empty()) return mismatch(expected, got, c.tolerance);
  const json want = parts_of(expected, c.parts);
  const json have = parts_of(got, c.parts);
  for (const auto& part : c.parts) {
    if (auto why = mismatch_at(want[part], have[part], c.tolerance, part == "size:" ? "the number of entries" : part)) {
      return why;
    }
  }
  return std::nullopt;
}

// The answers file, read without following links and up to a limit: it was written by the
// answer program, which may have replaced it with anything.
std::string read_answers(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return {};
  struct stat info{};
  std::string text;
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) text = read_up_to(fd, answers_limit);
  ::close(fd);
  return text;
}

std::string failure_of_run(const Outcome& run, const Limits& limits) {
  if (run.over_budget) return "not run to the end: the submission's time budget ran out";
  if (run.timed_out) return "took longer than " + shown_number(limits.timeout_seconds) + " s (an endless loop?)";
  if (run.out_of_memory) {
    return "used more than " + std::to_string(limits.memory_megabytes) + " MB of memory (all its processes together)";
  }
  if (run.forked) return "started other processes: not allowed in a graded case";
  if (run.signal != 0) return std::string("crashed: ") + ::strsignal(run.signal);
  return {};
}

// The first lines the program printed, for a public case's feedback.
std::string printed(const std::string& output) {
  if (output.empty()) return {};
  std::istringstream lines(output);
  std::string shown;
  int kept = 0;
  for (std::string line; std::getline(lines, line);) {
    if (++kept > 8) {
      shown += "  …\n";
      break;
    }
    shown += "  " + shortened(line, 200) + '\n';
  }
  return "your program printed:\n" + shown;
}

// Runs one case and returns why it failed, or an empty string.
std::string run_case(const std::string& program, const GradingCase& c, const CaseSpace& space) {
  const fs::path requests = space.folder / "requests.jsonl";
  const fs::path answers = answers_file(space.folder);
  {
    std::ofstream out(requests, std::ios::trunc);
    for (const auto& call : c.calls) out << call.dump() << '\n';
    if (!out) throw std::runtime_error("cannot write " + requests.string());
  }
  ::chmod(requests.c_str(), 0644);
  const Outcome run = run_limited({program, requests.string(), answers.string()}, space.limits);
  std::istringstream lines(read_answers(answers));
  std::string why;
  std::size_t k = 0;
  for (; k < c.calls.size() && why.empty(); ++k) {
    const std::string call = "call " + std::to_string(k + 1) + " of " + std::to_string(c.calls.size());
    std::string line;
    if (!std::getline(lines, line)) break;
    const json answer = json::parse(line, nullptr, false);
    if (answer.is_discarded() || !answer.is_object() || answer.size() != 1 || nested_deeper_than(answer, nesting_limit)) {
      why = call + ": not an answer of the protocol";
    } else if (c.expected[k].contains("error")) {
      if (!answer.contains("error")) why = call + ": expected an error (an exception), got an answer";
    } else if (answer.contains("error")) {
      why = call + ": threw " + shortened(answer["error"].is_string() ? answer["error"].get<std::string>() : answer["error"].dump(), 200);
    } else if (!answer.contains("value")) {
      why = call + ": not an answer of the protocol";
    } else if (auto different = answer_mismatch(c, c.expected[k]["value"], answer["value"])) {
      why = call + ": " + *different;
    }
  }
  if (why.empty() && k < c.calls.size()) {
    const std::string failure = failure_of_run(run, space.limits);
    why = "no answer to call " + std::to_string(k + 1) + " of " + std::to_string(c.calls.size()) + ": " +
          (failure.empty() ? "the program ended (status " + std::to_string(run.exit_status) + ")" : failure);
  } else if (why.empty()) {
    // Every answer is right; the run itself must also have ended well.
    why = failure_of_run(run, space.limits);
    if (why.empty() && run.exit_status != 0) why = "the program ended with status " + std::to_string(run.exit_status);
  }
  if (why.empty()) return {};
  if (!c.hint.empty()) why += "\n" + c.hint;
  if (c.calls.size() <= 3) {
    for (std::size_t i = 0; i < c.calls.size(); ++i) why += "\nrequest " + std::to_string(i + 1) + ": " + shortened(c.calls[i].dump(), 400);
  }
  why += "\n" + printed(run.output);
  return why;
}

}  // namespace

fs::path answers_file(const fs::path& folder) { return folder / "answers.jsonl"; }

std::optional<std::string> mismatch(const json& expected, const json& got, const Tolerance& tolerance) {
  return mismatch_at(expected, got, tolerance, "");
}

json parts_of(const json& value, const std::vector<std::string>& parts) {
  if (parts.empty()) return value;
  json picked = json::object();
  for (const auto& part : parts) {
    const bool size = part.rfind("size:", 0) == 0;
    const json::json_pointer pointer(size ? part.substr(5) : part);
    const json* at = value.contains(pointer) ? &value.at(pointer) : nullptr;
    picked[part] = at == nullptr ? json() : size ? (at->is_array() ? json(at->size()) : json()) : *at;
  }
  return picked;
}

json to_json(const CaseFile& file) {
  json cases = json::array();
  for (const auto& c : file.cases) {
    cases.push_back({{"name", c.name},
                     {"points", c.points},
                     {"hidden", c.hidden},
                     {"hint", c.hint},
                     {"tolerance", {{"absolute", c.tolerance.absolute}, {"relative", c.tolerance.relative}}},
                     {"parts", c.parts},
                     {"calls", c.calls},
                     {"expected", c.expected}});
  }
  return {{"exercise", file.exercise}, {"seed", file.seed}, {"cases", cases}};
}

CaseFile case_file_from_json(const json& j) {
  CaseFile file;
  file.exercise = j.at("exercise").get<std::string>();
  file.seed = j.at("seed").get<unsigned long long>();
  for (const auto& c : j.at("cases")) {
    GradingCase g;
    g.name = c.at("name").get<std::string>();
    g.points = c.at("points").get<int>();
    g.hidden = c.at("hidden").get<bool>();
    g.hint = c.at("hint").get<std::string>();
    g.tolerance = {c.at("tolerance").at("absolute").get<double>(), c.at("tolerance").at("relative").get<double>()};
    g.parts = c.value("parts", std::vector<std::string>{});
    for (const auto& part : g.parts) json::json_pointer(part.rfind("size:", 0) == 0 ? part.substr(5) : part);  // checks it
    g.calls = c.at("calls").get<std::vector<json>>();
    g.expected = c.at("expected").get<std::vector<json>>();
    if (g.points <= 0 || g.calls.empty() || g.calls.size() != g.expected.size()) {
      throw std::runtime_error("case '" + g.name + "': needs points > 0 and one expected answer per call");
    }
    file.cases.push_back(std::move(g));
  }
  return file;
}

CaseFile read_case_file(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot read the case file");
  try {
    return case_file_from_json(json::parse(in));
  } catch (const std::exception& error) {
    throw std::runtime_error(file.string() + ": not a valid case file: " + error.what());
  }
}

ExerciseResult grade_answers(const std::string& program, const CaseFile& cases,
                             const std::function<CaseSpace(std::size_t)>& space, CaseSelection selection) {
  ExerciseResult result{cases.exercise, {}, {}};
  for (std::size_t k = 0; k < cases.cases.size(); ++k) {
    const GradingCase& c = cases.cases[k];
    if ((selection == CaseSelection::public_only && c.hidden) || (selection == CaseSelection::hidden_only && !c.hidden)) {
      continue;
    }
    CaseResult r;
    r.name = c.name;
    r.max_points = c.points;
    r.hidden = c.hidden;
    r.feedback = run_case(program, c, space(k));
    r.passed = r.feedback.empty();
    r.points = r.passed ? c.points : 0;
    result.cases.push_back(std::move(r));
  }
  return result;
}

}  // namespace grading
