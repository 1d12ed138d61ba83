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

}  // namespace

std::string read_up_to(int fd, std::size_t limit) {
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0 && text.size() < limit;) {
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

void become_subreaper() { ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }

Outcome run_limited(const std::vector<std::string>& argv, const Limits& limits) {
  if (limits.runner) {
    if (limits.deadline && std::chrono::steady_clock::now() >= *limits.deadline) {
      Outcome late;
      late.timed_out = late.over_budget = true;
      return late;
    }
    return limits.runner(argv, limits);
  }
  char capture_name[] = "/tmp/descent-grade-XXXXXX";
  const int capture = ::mkstemp(capture_name);
  if (capture < 0) throw std::runtime_error(std::string("cannot make a temporary file: ") + std::strerror(errno));
  ::unlink(capture_name);

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
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::_Exit(127);
  }
  ::setpgid(child, child);

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
