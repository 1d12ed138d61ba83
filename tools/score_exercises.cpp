// score_exercises: runs exercise grading programs one test case at a time and adds up the points.
//
//   score_exercises [--timeout SECONDS] [--memory MB] [--expect POINTS] TEST_PROGRAM…
//
// Each TEST_PROGRAM is a grading program (Catch2 tests linked with the trusted grading main)
// whose test cases carry a tag `[points=N]`. Every case runs in its own process with a time
// and memory limit (see grading/grading.hpp); a case passes only on the grading main's verdict.
// --expect POINTS makes the exit status 1 unless the total is exactly POINTS (used by the
// project's own tests: the reference scores full marks, the starter zero, each plausible wrong
// solution a known lower score).

#include "grading/grading.hpp"

#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <unistd.h>

namespace {

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "score_exercises: " << message << '\n';
  std::exit(2);
}

// "ex_descent_path_student" → "descent_path": the exercise a grading program tests.
std::string exercise_name(const std::string& program) {
  std::string name = std::filesystem::path(program).filename().string();
  if (name.rfind("ex_", 0) == 0) name.erase(0, 3);
  for (const char* suffix : {"_reference", "_starter", "_student", "_mutant_"}) {
    if (const auto at = name.find(suffix); at != std::string::npos) name.erase(at);
  }
  return name;
}

}  // namespace

int main(int argc, char* argv[]) {
  grading::Limits limits;
  std::optional<int> expected;
  std::vector<std::string> programs;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(word + " needs a value");
      return argv[++i];
    };
    try {
      if (word == "--timeout") {
        limits.timeout_seconds = std::stod(value());
        if (!(limits.timeout_seconds > 0)) usage_error("--timeout must be positive");
      } else if (word == "--memory") {
        limits.memory_megabytes = std::stol(value());
        if (limits.memory_megabytes < 16) usage_error("--memory must be at least 16 (MB)");
      } else if (word == "--expect") {
        expected = std::stoi(value());
      } else if (word.rfind("--", 0) == 0) {
        usage_error("unknown option " + word);
      } else {
        programs.push_back(word);
      }
    } catch (const std::logic_error&) {
      usage_error(word + " needs a number");
    }
  }
  if (programs.empty()) usage_error("usage: score_exercises [--timeout S] [--memory MB] [--expect N] TEST_PROGRAM…");
  grading::become_subreaper();
  std::vector<grading::ExerciseResult> results;
  for (const auto& program : programs) {
    if (::access(program.c_str(), X_OK) != 0) usage_error(program + ": not an executable test program");
    try {
      results.push_back(grading::grade_program(program, exercise_name(program), limits));
    } catch (const std::runtime_error& error) {
      usage_error(error.what());
    }
  }
  std::cout << grading::report(results);
  int total = 0;
  for (const auto& r : results) total += r.points();
  if (expected && *expected != total) {
    std::cerr << "score_exercises: expected " << *expected << " points, got " << total << '\n';
    return 1;
  }
  return 0;
}
