// score_exercises: grades answer programs against case files and adds up the points.
//
//   score_exercises [--timeout SECONDS] [--memory MB] [--expect POINTS] CASES PROGRAM [CASES PROGRAM…]
//
// CASES is an exercise's case file (grading/judge.hpp: requests, the reference's answers,
// tolerances, points) and PROGRAM the answer program built from an exercise file (the student's,
// the reference, a starter, a pinned wrong solution). Every case runs in a fresh run of the
// program with a time and memory limit; the verdict is decided here, from its answers alone.
// --expect POINTS makes the exit status 1 unless the total is exactly POINTS (the project's own
// tests: the reference scores full marks, the starter zero, each wrong solution a known score).

#include "grading/judge.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "score_exercises: " << message << '\n';
  std::exit(2);
}

// A private scratch folder, removed when the scorer ends.
struct Scratch {
  fs::path folder;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "descent-score-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) usage_error("cannot make a temporary folder");
    folder = pattern;
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(folder, ignored);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
};

}  // namespace

int main(int argc, char* argv[]) {
  grading::Limits limits;
  std::optional<int> expected;
  std::vector<std::string> files;
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
        files.push_back(word);
      }
    } catch (const std::logic_error&) {
      usage_error(word + " needs a number");
    }
  }
  if (files.empty() || files.size() % 2 != 0) {
    usage_error("usage: score_exercises [--timeout S] [--memory MB] [--expect N] CASES PROGRAM [CASES PROGRAM…]");
  }
  grading::become_subreaper();
  const Scratch scratch;
  std::vector<grading::ExerciseResult> results;
  for (std::size_t k = 0; k < files.size(); k += 2) {
    const std::string& program = files[k + 1];
    if (::access(program.c_str(), X_OK) != 0) usage_error(program + ": not an answer program");
    grading::CaseFile cases;
    try {
      cases = grading::read_case_file(files[k]);
    } catch (const std::runtime_error& error) {
      usage_error(error.what());
    }
    const auto space = [&](std::size_t index) {
      const fs::path folder = scratch.folder / (cases.exercise + "-" + std::to_string(index));
      fs::remove_all(folder);
      fs::create_directories(folder);
      return grading::CaseSpace{folder, limits};
    };
    results.push_back(grading::grade_answers(program, cases, space));
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
