#pragma once
// Running student programs under limits and reporting scores: shared by score_exercises
// (students, the project's own tests) and grade (instructors, Gradescope). What a case is and
// how it is judged is in judge.hpp.
//
// Without a runner, each run is its own process group with a wall-clock limit, an address-space
// limit and no core dumps. The grader is a child subreaper, so processes a run forks (even ones
// that leave the process group) come back to it and are killed after every run. The instructor's
// grade passes a sandboxed runner instead (sandbox.hpp).

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace grading {

struct Outcome;
struct Limits;
/// Runs a program for run_limited instead of the default (grade: sandbox.hpp's sandboxed_runner).
using Runner = std::function<Outcome(const std::vector<std::string>& argv, const Limits& limits)>;

struct Limits {
  Limits() = default;
  Limits(double timeout, long memory) : timeout_seconds(timeout), memory_megabytes(memory) {}
  double timeout_seconds = 10.0;  ///< wall clock per test case
  long memory_megabytes = 1024;   ///< address space per test case (in a sandbox: all its processes together)
  /// When set, every run goes through it (grade: a sandbox); otherwise it runs as a child
  /// process group of this one (score_exercises on a student's machine).
  Runner runner;
  /// When set, no run goes past it and cases not started by then score 0 (a submission's budget).
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

/// What one run of a program did.
struct Outcome {
  int exit_status = -1;   ///< -1 when it did not exit normally
  bool timed_out = false;
  int signal = 0;         ///< the signal that ended it, or 0
  bool forked = false;    ///< it left processes behind (they were killed)
  bool out_of_memory = false;  ///< in a sandbox: the case's memory limit was hit
  bool over_budget = false;    ///< not run, or cut short: the deadline had passed
  std::string output;     ///< stdout and stderr together (first 200 kB)
};

/// What `fd` gives until end of file, stopping once at least `limit` bytes have been read.
std::string read_up_to(int fd, std::size_t limit);

/// Runs `argv` under the limits, standard input from /dev/null.
Outcome run_limited(const std::vector<std::string>& argv, const Limits& limits);

/// One graded test case.
struct CaseResult {
  std::string name;
  int points = 0;      ///< points earned
  int max_points = 0;
  bool hidden = false; ///< only the instructor's grading runs it
  bool passed = false;
  std::string feedback;  ///< why it failed (the answer that differs, the hint, what it printed)
};

/// All cases of one exercise, or why none could run.
struct ExerciseResult {
  std::string exercise;
  std::vector<CaseResult> cases;
  std::string error;  ///< e.g. a compile error (then every case scores 0)
  [[nodiscard]] int points() const;
  [[nodiscard]] int max_points() const;
};

/// The readable report: per exercise, per case, points and feedback, and the total.
std::string report(const std::vector<ExerciseResult>& results);

/// Becomes a child subreaper (Linux), so orphaned descendants of graded runs are re-parented
/// to this process and can be cleaned up. Call once at start-up.
void become_subreaper();

}  // namespace grading
