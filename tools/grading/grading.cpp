#include "grading.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace grading {

namespace {

constexpr int channel_fd = 200;  // where the trusted main finds its pipe in the child
constexpr std::size_t output_limit = 200000;

// Kills every process that is (or was re-parented to be) a child of this one, then reaps it.
// Returns how many it found.
int kill_descendants() {
  int killed = 0;
  const pid_t self = ::getpid();
  for (int pass = 0; pass < 3; ++pass) {
    bool found = false;
    if (DIR* proc = ::opendir("/proc")) {
      while (const dirent* entry = ::readdir(proc)) {
        const pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
        if (pid <= 0) continue;
        std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
        std::string line;
        std::getline(stat, line);
        const auto close = line.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream rest(line.substr(close + 2));
        char state = 0;
        pid_t parent = 0;
        rest >> state >> parent;
        if (parent == self) {
          ::kill(pid, SIGKILL);
          found = true;
          ++killed;
        }
      }
      ::closedir(proc);
    }
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    if (!found) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return killed;
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

// The part of Catch2's console report that tells the student what went wrong, with machine
// paths cut to file names.
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
    if (const auto at = shown.find(".cpp:"); at != std::string::npos) {
      const auto first = shown.find_first_not_of(' ');
      const auto slash = shown.rfind('/', at);
      if (slash != std::string::npos && first != std::string::npos && slash > first) shown.erase(first, slash + 1 - first);
    }
    details += shown + '\n';
    if (++kept == 14) {
      details += "…\n";
      break;
    }
  }
  return details;
}

}  // namespace

std::string random_nonce() {
  unsigned char bytes[16] = {};
  std::ifstream random("/dev/urandom", std::ios::binary);
  random.read(reinterpret_cast<char*>(bytes), sizeof bytes);
  static constexpr char hex[] = "0123456789abcdef";
  std::string nonce;
  for (const unsigned char b : bytes) {
    nonce += hex[b >> 4];
    nonce += hex[b & 15];
  }
  return nonce;
}

std::string read_up_to(int fd, std::size_t limit) {
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0 && text.size() < limit;) {
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

void become_subreaper() { ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }

Outcome run_limited(const std::vector<std::string>& argv, const Limits& limits, bool channel) {
  if (limits.runner) {
    if (limits.deadline && std::chrono::steady_clock::now() >= *limits.deadline) {
      Outcome late;
      late.timed_out = late.over_budget = true;
      return late;
    }
    return limits.runner(argv, limits, channel);
  }
  char capture_name[] = "/tmp/descent-grade-XXXXXX";
  const int capture = ::mkstemp(capture_name);
  if (capture < 0) throw std::runtime_error(std::string("cannot make a temporary file: ") + std::strerror(errno));
  ::unlink(capture_name);
  int verdict_pipe[2] = {-1, -1};
  if (channel && ::pipe2(verdict_pipe, O_CLOEXEC) != 0) throw std::runtime_error("cannot make a pipe");
  const std::string nonce = channel ? random_nonce() : "";

  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error(std::string("cannot fork: ") + std::strerror(errno));
  if (child == 0) {
    ::setpgid(0, 0);
    const rlim_t bytes = static_cast<rlim_t>(limits.memory_megabytes) * 1024 * 1024;
    const rlimit memory{bytes, bytes};
    ::setrlimit(RLIMIT_AS, &memory);
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    ::dup2(capture, STDOUT_FILENO);
    ::dup2(capture, STDERR_FILENO);
    const int null_input = ::open("/dev/null", O_RDONLY);
    ::dup2(null_input, STDIN_FILENO);
    if (channel) {
      ::dup2(verdict_pipe[1], channel_fd);  // dup2 clears close-on-exec on the copy
      ::setenv("DESCENT_GRADE_CHANNEL", (std::to_string(channel_fd) + ":" + nonce).c_str(), 1);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::_Exit(127);
  }
  ::setpgid(child, child);
  if (channel) ::close(verdict_pipe[1]);

  Outcome outcome;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(limits.timeout_seconds);
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
  // Anything still alive now was started by the case: it forked. Nothing it started outlives it,
  // not even a process that left the process group (it was re-parented to this subreaper).
  outcome.forked = ::kill(-child, 0) == 0;
  ::kill(-child, SIGKILL);
  outcome.forked = kill_descendants() > 0 || outcome.forked;
  if (!outcome.timed_out && WIFEXITED(status)) outcome.exit_status = WEXITSTATUS(status);
  if (!outcome.timed_out && WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  ::lseek(capture, 0, SEEK_SET);
  outcome.output = read_up_to(capture, output_limit);
  ::close(capture);
  if (channel) {
    ::fcntl(verdict_pipe[0], F_SETFL, O_NONBLOCK);  // every writer is dead: read what is there
    const std::string verdict = read_up_to(verdict_pipe[0], output_limit);
    ::close(verdict_pipe[0]);
    outcome.passed = !outcome.timed_out && !outcome.forked && verdict == "PASS " + nonce + "\n";
  }
  return outcome;
}

int ExerciseResult::points() const {
  int sum = 0;
  for (const auto& c : cases) sum += c.points;
  return sum;
}

int ExerciseResult::max_points() const {
  int sum = 0;
  for (const auto& c : cases) sum += c.max_points;
  return sum;
}

ExerciseResult grade_program(const std::string& program, const std::string& exercise, const Limits& limits) {
  ExerciseResult result{exercise, {}, {}};
  const Outcome listing = run_limited({program, "--list-test-names-only"}, limits);
  if (listing.over_budget) throw std::runtime_error("the submission's time budget ran out before " + exercise + " ran");
  if (listing.exit_status < 0) throw std::runtime_error(program + ": cannot list its test cases");
  for (const auto& name : lines_of(listing.output)) {
    if (name.empty()) continue;
    // Catch2 would read such a name as a command-line option and run something else.
    if (name[0] == '-') throw std::runtime_error(program + ": test case '" + name + "' must not start with '-'");
    const Outcome tags = run_limited({program, test_spec(name), "--list-tags"}, limits);
    if (tags.over_budget) throw std::runtime_error("the submission's time budget ran out during " + exercise);
    const auto at = tags.output.find("[points=");
    if (at == std::string::npos) throw std::runtime_error(program + ": test case '" + name + "' has no [points=N] tag");
    CaseResult c;
    c.name = name;
    c.max_points = std::atoi(tags.output.c_str() + at + 8);
    c.hidden = tags.output.find("[hidden]") != std::string::npos;
    const Outcome run = run_limited({program, test_spec(name)}, limits, true);
    c.passed = run.passed;
    c.points = c.passed ? c.max_points : 0;
    if (!c.passed) {
      if (run.over_budget) {
        c.feedback = "not run to the end: the submission's time budget ran out\n";
      } else if (run.timed_out) {
        c.feedback = "took longer than " + std::to_string(static_cast<int>(limits.timeout_seconds)) +
                     " s (an endless loop?)\n";
      } else if (run.out_of_memory) {
        c.feedback = "used more than " + std::to_string(limits.memory_megabytes) + " MB of memory (all its processes together)\n";
      } else if (run.signal != 0) {
        c.feedback = std::string("crashed: ") + ::strsignal(run.signal) + "\n";
      } else if (run.forked) {
        c.feedback = "started other processes (fork): not allowed in a graded test\n";
      }
      std::string details = failure_details(run.output);
      if (details.empty() && c.feedback.empty()) {
        details = "the test case did not finish (the program exited with status " + std::to_string(run.exit_status) +
                  " before the grader's verdict)\n";
      }
      c.feedback += details;
    }
    result.cases.push_back(std::move(c));
  }
  return result;
}

std::string report(const std::vector<ExerciseResult>& results) {
  std::ostringstream out;
  int total = 0;
  int maximum = 0;
  for (const auto& e : results) {
    out << e.exercise << ": " << e.points() << "/" << e.max_points() << " points\n";
    if (!e.error.empty()) {
      std::istringstream lines(e.error);
      for (std::string line; std::getline(lines, line);) out << "         " << line << '\n';
    }
    for (const auto& c : e.cases) {
      out << (c.passed ? "  [pass] " : "  [FAIL] ") << c.points << "/" << c.max_points << "  " << c.name
          << (c.hidden ? "  (hidden)" : "") << '\n';
      std::istringstream lines(c.feedback);
      for (std::string line; std::getline(lines, line);) out << "         " << line << '\n';
    }
    total += e.points();
    maximum += e.max_points();
  }
  out << "score: " << total << "/" << maximum << '\n';
  return out.str();
}

}  // namespace grading
