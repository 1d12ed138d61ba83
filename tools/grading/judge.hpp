#pragma once
// The trusted side of grading an exercise: its cases (requests, expected answers, comparison,
// points) and the verdicts, decided from an answer program's answers alone.
//
// A case file (JSON, written by the exercise's case generator, tools/grading/case_main.cpp):
//
//   {"exercise": "descent_path", "seed": 1,
//    "cases": [{"name": "…", "points": 2, "hidden": false, "hint": "…",
//               "tolerance": {"absolute": 1e-12, "relative": 1e-12},
//               "calls": [request, …], "expected": [answer, …]}, …]}
//
// Each case runs in a fresh answer program (tools/grading/answer_main.cpp) that gets all the
// case's calls in order, so state kept between calls shows. The case passes when every answer
// matches its expected answer (or, when the case names "parts", those parts of it: JSON pointers
// such as "/0" or "/3/1", or "size:" plus a pointer for the length of the array there): numbers within the tolerance (|got − expected| ≤ absolute +
// relative·|expected|; infinities and NaN only match themselves), arrays of the same length,
// objects with the same keys, an expected error matched by any error.

#include "grading/grading.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace grading {

using json = nlohmann::json;

struct Tolerance {
  double absolute = 1e-12;
  double relative = 1e-12;
};

/// One graded case, as the trusted side holds it.
struct GradingCase {
  std::string name;  ///< what it checks; for a hidden case, the class of inputs (the student sees it)
  int points = 0;
  bool hidden = false;
  std::string hint;  ///< shown with a public case's failure
  Tolerance tolerance;
  std::vector<std::string> parts;  ///< compare only these parts of each answer (empty: all of it)
  std::vector<json> calls;
  std::vector<json> expected;  ///< the reference's answers, one per call
};

struct CaseFile {
  std::string exercise;
  unsigned long long seed = 0;
  std::vector<GradingCase> cases;
};

/// Reads a case file; throws std::runtime_error naming the file and the problem.
CaseFile read_case_file(const std::filesystem::path& file);
CaseFile case_file_from_json(const json& j);
json to_json(const CaseFile& cases);

/// Why `got` does not match `expected` (e.g. "[3][1]: expected 0.5, got 0.7"), or nothing.
std::optional<std::string> mismatch(const json& expected, const json& got, const Tolerance& tolerance);

/// The parts of `value` named by `parts` (see above) as an object keyed by part, or `value` itself
/// when `parts` is empty. A part `value` lacks is null.
json parts_of(const json& value, const std::vector<std::string>& parts);

/// Where and how one case runs: a folder for the requests and the answers (answers_file(folder),
/// which the program writes; the grader may make it beforehand, so that the program can write
/// nothing else there) and the limits (with a sandbox runner for an instructor's grading).
struct CaseSpace {
  std::filesystem::path folder;
  Limits limits;
};

/// The file a case's answers are written to, in its folder.
std::filesystem::path answers_file(const std::filesystem::path& folder);

enum class CaseSelection { all, public_only, hidden_only };

/// Runs the selected cases of `cases`, each in a fresh run of `program`, and scores them from
/// the answers. `space(k)` prepares case k's folder and limits (k indexes cases.cases).
ExerciseResult grade_answers(const std::string& program, const CaseFile& cases,
                             const std::function<CaseSpace(std::size_t)>& space,
                             CaseSelection selection = CaseSelection::all);

}  // namespace grading
