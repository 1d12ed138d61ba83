// score_exercises: runs exercise grading tests one case at a time and adds up the points.
//
//   score_exercises [--timeout SECONDS] [--memory MB] [--expect POINTS] TEST_BINARY…
//
// Each TEST_BINARY is a Catch2 program whose test cases carry a tag `[points=N]`. Every case
// runs in its own process, with a wall-clock limit and an address-space limit, so one case
// that crashes, hangs or eats memory loses only its own points. A case passes only if its
// process exits with status 0 *and* Catch2 reports the case passed. The report lists every
// case with its points and, for failures, what the test expected.
//
// --expect POINTS makes the exit status 1 unless the total is exactly POINTS (used by the
// project's own tests: the reference scores full marks, the starter zero, each plausible
// wrong solution a known lower score).

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

struct Options {
  double timeout_seconds = 10.0;
  long memory_megabytes = 1024;
  std::optional<int> expected_points;
  std::vector<std::string> binaries;
};

struct Outcome {
  int exit_status = -1;      // -1 when killed by a signal or the time limit
  bool timed_out = false;
  int signal = 0;
  std::string output;        // stdout and stderr together
};

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "score_exercises: " << message << '\n';
  std::exit(2);
}

// Runs `argv` with the limits, capturing its output. The child gets its own process group so
// that a timeout kills anything it started too.
Outcome run_limited(const std::vector<std::string>& argv, const Options& options) {
  char capture_name[] = "/tmp/score-exercises-XXXXXX";
  const int capture = ::mkstemp(capture_name);
  if (capture < 0) usage_error(std::string("cannot make a temporary file: ") + std::strerror(errno));
  ::unlink(capture_name);
  const pid_t child = ::fork();
  if (child < 0) usage_error(std::string("cannot fork: ") + std::strerror(errno));
  if (child == 0) {
    ::setpgid(0, 0);
    const rlim_t bytes = static_cast<rlim_t>(options.memory_megabytes) * 1024 * 1024;
    const rlimit memory{bytes, bytes};
    ::setrlimit(RLIMIT_AS, &memory);
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    ::dup2(capture, STDOUT_FILENO);
    ::dup2(capture, STDERR_FILENO);
    const int null_input = ::open("/dev/null", O_RDONLY);
    ::dup2(null_input, STDIN_FILENO);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::_Exit(127);
  }
  ::setpgid(child, child);
  Outcome outcome;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(options.timeout_seconds);
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-child, SIGKILL);
      ::waitpid(child, &status, 0);
      outcome.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(-child, SIGKILL);  // nothing the case started outlives it
  if (!outcome.timed_out && WIFEXITED(status)) outcome.exit_status = WEXITSTATUS(status);
  if (!outcome.timed_out && WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  ::lseek(capture, 0, SEEK_SET);
  char buffer[4096];
  for (ssize_t n; (n = ::read(capture, buffer, sizeof buffer)) > 0 && outcome.output.size() < 200000;) {
    outcome.output.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(capture);
  return outcome;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Catch2 reads ',' '[' ']' and '\' in a test spec as syntax; escape them to name one case.
std::string test_spec(const std::string& name) {
  std::string spec;
  for (const char c : name) {
    if (c == ',' || c == '[' || c == ']' || c == '\\') spec += '\\';
    spec += c;
  }
  return spec;
}

// "ex_descent_path_student" → "descent_path": the exercise a grading program tests.
std::string exercise_name(const std::string& binary) {
  std::string name = std::filesystem::path(binary).filename().string();
  if (name.rfind("ex_", 0) == 0) name.erase(0, 3);
  for (const char* suffix : {"_reference", "_starter", "_student", "_mutant_"}) {
    if (const auto at = name.find(suffix); at != std::string::npos) name.erase(at);
  }
  return name;
}

std::optional<int> points_of(const std::string& binary, const std::string& name, const Options& options) {
  const Outcome tags = run_limited({binary, test_spec(name), "--list-tags"}, options);
  const std::string key = "[points=";
  const auto at = tags.output.find(key);
  if (at == std::string::npos) return std::nullopt;
  return std::atoi(tags.output.c_str() + at + key.size());
}

// The part of Catch2's console report that tells the student what went wrong.
std::string failure_details(const std::string& output) {
  std::string details;
  int kept = 0;
  bool started = false;
  for (const auto& line : lines_of(output)) {
    if (line.find("FAILED:") != std::string::npos || line.find("due to unexpected exception") != std::string::npos ||
        line.find("due to a fatal error") != std::string::npos) {
      started = true;
    }
    if (!started || line.find_first_not_of("=-~ ") == std::string::npos) continue;
    if (line.rfind("test cases:", 0) == 0) break;
    std::string shown = line;
    // "/any/path/tests/x_test.cpp:53: FAILED:" → "x_test.cpp:53: FAILED:": no machine paths in reports.
    if (const auto colon = shown.find(".cpp:"); colon != std::string::npos) {
      const auto slash = shown.rfind('/', colon);
      if (slash != std::string::npos) shown.erase(shown.find_first_not_of(' '), slash + 1 - shown.find_first_not_of(' '));
    }
    details += "         " + shown + '\n';
    if (++kept == 14) {
      details += "         …\n";
      break;
    }
  }
  return details;
}

Options parse(int argc, char* argv[]) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(word + " needs a value");
      return argv[++i];
    };
    try {
      if (word == "--timeout") {
        options.timeout_seconds = std::stod(value());
        if (!(options.timeout_seconds > 0)) usage_error("--timeout must be positive");
      } else if (word == "--memory") {
        options.memory_megabytes = std::stol(value());
        if (options.memory_megabytes < 16) usage_error("--memory must be at least 16 (MB)");
      } else if (word == "--expect") {
        options.expected_points = std::stoi(value());
      } else if (word.rfind("--", 0) == 0) {
        usage_error("unknown option " + word);
      } else {
        options.binaries.push_back(word);
      }
    } catch (const std::logic_error&) {
      usage_error(word + " needs a number");
    }
  }
  if (options.binaries.empty()) usage_error("usage: score_exercises [--timeout S] [--memory MB] [--expect N] TEST_BINARY…");
  return options;
}

}  // namespace

int main(int argc, char* argv[]) {
  const Options options = parse(argc, argv);
  int total = 0;
  int maximum = 0;
  for (const auto& binary : options.binaries) {
    if (::access(binary.c_str(), X_OK) != 0) usage_error(binary + ": not an executable test program");
    const Outcome listing = run_limited({binary, "--list-test-names-only"}, options);
    if (listing.exit_status < 0) usage_error(binary + ": cannot list its test cases");
    int exercise_points = 0;
    int exercise_max = 0;
    std::string report;
    for (const auto& name : lines_of(listing.output)) {
      if (name.empty()) continue;
      // Catch2 would read such a name as a command-line option and run something else.
      if (name[0] == '-') usage_error(binary + ": test case '" + name + "' must not start with '-'");
      const auto points = points_of(binary, name, options);
      if (!points) usage_error(binary + ": test case '" + name + "' has no [points=N] tag");
      const Outcome run = run_limited({binary, test_spec(name)}, options);
      // Exit status 0 alone is not enough: the case must also have been run and reported passed.
      const bool passed = run.exit_status == 0 && run.output.find("All tests passed") != std::string::npos;
      exercise_max += *points;
      exercise_points += passed ? *points : 0;
      report += std::string(passed ? "  [pass] " : "  [FAIL] ") + std::to_string(passed ? *points : 0) + "/" +
                std::to_string(*points) + "  " + name + '\n';
      if (!passed) {
        if (run.timed_out) {
          report += "         took longer than " + std::to_string(options.timeout_seconds) + " s (infinite loop?)\n";
        } else if (run.signal != 0) {
          report += std::string("         crashed: ") + ::strsignal(run.signal) + '\n';
        }
        report += failure_details(run.output);
      }
    }
    std::cout << exercise_name(binary) << ": " << exercise_points << "/" << exercise_max
              << " points\n"
              << report;
    total += exercise_points;
    maximum += exercise_max;
  }
  std::cout << "score: " << total << "/" << maximum << '\n';
  if (options.expected_points && *options.expected_points != total) {
    std::cerr << "score_exercises: expected " << *options.expected_points << " points, got " << total << '\n';
    return 1;
  }
  return 0;
}
