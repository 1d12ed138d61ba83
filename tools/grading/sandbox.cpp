#include "sandbox.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace grading {

namespace {

namespace fs = std::filesystem;

constexpr const char* bwrap = "/usr/bin/bwrap";
constexpr const char* setpriv = "/usr/bin/setpriv";

bool write_text(const fs::path& file, const std::string& text) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// A cgroup (v1) per run in the memory and pids hierarchies: the case's processes together.
struct Cgroup {
  std::vector<fs::path> dirs;
  fs::path memory;
  fs::path pids;

  static bool usable() {
    return ::access("/sys/fs/cgroup/memory/cgroup.procs", W_OK) == 0 &&
           ::access("/sys/fs/cgroup/pids/cgroup.procs", W_OK) == 0;
  }

  // `overhead`: processes of the sandbox itself (bwrap and its init in a PID namespace).
  Cgroup(const SandboxLimits& limits, bool enabled, int overhead) {
    if (!enabled) return;
    static std::atomic<int> counter{0};
    const std::string name = "descent-grade-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    std::error_code error;
    memory = fs::path("/sys/fs/cgroup/memory") / name;
    pids = fs::path("/sys/fs/cgroup/pids") / name;
    if (fs::create_directory(memory, error)) dirs.push_back(memory);
    if (fs::create_directory(pids, error)) dirs.push_back(pids);
    if (dirs.size() != 2) {
      remove();
      return;
    }
    write_text(memory / "memory.limit_in_bytes", std::to_string(limits.memory_bytes));
    write_text(memory / "memory.memsw.limit_in_bytes", std::to_string(limits.memory_bytes));  // no swap
    // Exactly the processes allowed: a fork beyond them fails, and pids.events counts the attempt,
    // so a case that tries to start a process is caught however short-lived that process is.
    write_text(pids / "pids.max", std::to_string(limits.processes + overhead));
  }
  [[nodiscard]] bool active() const { return dirs.size() == 2; }

  // In the child, before exec: this process and all it starts belong to the cgroup.
  void join() const {
    if (!active()) return;
    const std::string pid = std::to_string(::getpid());
    write_text(memory / "cgroup.procs", pid);
    write_text(pids / "cgroup.procs", pid);
  }

  std::vector<pid_t> members() const {
    std::vector<pid_t> found;
    std::ifstream procs(pids / "cgroup.procs");
    for (pid_t pid; procs >> pid;) found.push_back(pid);
    return found;
  }

  // Kills every process still in the cgroup (the fallback's only complete sweep).
  void kill_all() const {
    if (!active()) return;
    for (int pass = 0; pass < 200; ++pass) {
      const auto left = members();
      if (left.empty()) return;
      for (const pid_t pid : left) ::kill(pid, SIGKILL);
      while (::waitpid(-1, nullptr, WNOHANG) > 0) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

  // Whether a fork was refused because the case had used up its processes.
  [[nodiscard]] bool fork_refused() const {
    if (!active()) return false;
    std::ifstream events(pids / "pids.events");
    for (std::string key; events >> key;) {
      long long value = 0;
      events >> value;
      if (key == "max" && value > 0) return true;
    }
    return false;
  }

  [[nodiscard]] bool oom_killed() const {
    if (!active()) return false;
    std::ifstream control(memory / "memory.oom_control");
    for (std::string key; control >> key;) {
      long long value = 0;
      control >> value;
      if (key == "oom_kill" && value > 0) return true;
    }
    return false;
  }

  void remove() {
    for (const auto& dir : dirs) ::rmdir(dir.c_str());
    dirs.clear();
  }
};

std::vector<std::string> namespace_prefix(const SandboxView& view, const SandboxLimits& limits) {
  std::vector<std::string> a = {bwrap,
                                "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                                "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--clearenv",
                                "--ro-bind", "/usr", "/usr",
                                "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
                                "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
                                "--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
                                "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
                                "--proc", "/proc", "--dev", "/dev",
                                "--perms", "1777", "--size", std::to_string(limits.file_bytes), "--tmpfs", "/tmp"};
  // bwrap makes missing parent folders private to root: make them readable first (sorted, so
  // parents come before children).
  std::vector<std::string> parents;
  std::vector<fs::path> mounted = view.read_only;
  if (!view.writable.empty()) mounted.push_back(view.writable);
  for (const auto& path : mounted) {
    for (fs::path p = path.parent_path(); p.has_relative_path(); p = p.parent_path()) {
      if (p == "/usr" || p.string().rfind("/usr/", 0) == 0 || p == "/tmp") continue;
      parents.push_back(p.string());
    }
  }
  std::sort(parents.begin(), parents.end());
  parents.erase(std::unique(parents.begin(), parents.end()), parents.end());
  for (const auto& p : parents) a.insert(a.end(), {"--perms", "0755", "--dir", p});
  for (const auto& path : view.read_only) a.insert(a.end(), {"--ro-bind", path.string(), path.string()});
  if (!view.writable.empty()) a.insert(a.end(), {"--bind", view.writable.string(), view.writable.string()});
  a.insert(a.end(), {"--chdir", view.workdir.empty() ? "/tmp" : view.workdir.string()});
  for (const auto& variable : view.environment) {
    const auto eq = variable.find('=');
    a.insert(a.end(), {"--setenv", variable.substr(0, eq), variable.substr(eq + 1)});
  }
  a.emplace_back("--");
  return a;
}

std::vector<std::string> uid_prefix(uid_t uid) {
  const std::string id = std::to_string(uid);
  return {setpriv, "--reuid=" + id, "--regid=" + id, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all",
          "--no-new-privs", "--"};
}

void set_limit(int resource, rlim_t value) {
  const rlimit limit{value, value};
  ::setrlimit(resource, &limit);
}

SandboxResult run(const std::vector<std::string>& argv, const SandboxView& view, const SandboxLimits& limits,
                  bool namespaces, bool cgroups) {
  std::vector<std::string> full;
  if (namespaces) full = namespace_prefix(view, limits);
  const bool drop = ::geteuid() == 0 && view.uid != 0;
  if (drop) {
    const auto p = uid_prefix(view.uid);
    full.insert(full.end(), p.begin(), p.end());
  }
  full.insert(full.end(), argv.begin(), argv.end());
  std::vector<char*> args;
  for (auto& a : full) args.push_back(a.data());
  args.push_back(nullptr);
  // Without namespaces the environment is still only what the view gives.
  std::vector<std::string> environment = view.environment;
  if (!namespaces && std::none_of(environment.begin(), environment.end(), [](const std::string& v) { return v.rfind("PATH=", 0) == 0; })) {
    environment.emplace_back("PATH=/usr/bin:/bin");
  }
  std::vector<char*> env;
  for (auto& v : environment) env.push_back(v.data());
  env.push_back(nullptr);
  const std::string workdir = view.workdir.empty() ? std::string() : view.workdir.string();

  int output_pipe[2];
  if (::pipe2(output_pipe, O_CLOEXEC) != 0) throw std::runtime_error("cannot make a pipe");
  Cgroup group(limits, cgroups, namespaces ? 2 : 0);

  const pid_t child = ::fork();
  if (child < 0) {
    ::close(output_pipe[0]);
    ::close(output_pipe[1]);
    throw std::runtime_error(std::string("cannot fork: ") + std::strerror(errno));
  }
  if (child == 0) {
    ::setpgid(0, 0);
    group.join();
    set_limit(RLIMIT_CORE, 0);
    const auto cpu = static_cast<rlim_t>(std::ceil(limits.cpu_seconds));
    const rlimit cpu_limit{cpu, cpu + 1};
    ::setrlimit(RLIMIT_CPU, &cpu_limit);
    set_limit(RLIMIT_FSIZE, static_cast<rlim_t>(limits.file_bytes));
    set_limit(RLIMIT_AS, static_cast<rlim_t>(limits.memory_bytes));
    // A backstop one above the cgroup's exact limit: the cgroup refuses first and counts the attempt.
    set_limit(RLIMIT_NPROC, static_cast<rlim_t>(limits.processes + 1));
    ::dup2(output_pipe[1], STDOUT_FILENO);
    ::dup2(output_pipe[1], STDERR_FILENO);
    const int null_input = ::open("/dev/null", O_RDONLY);
    ::dup2(null_input, STDIN_FILENO);
    if (!namespaces && !workdir.empty() && ::chdir(workdir.c_str()) != 0) std::_Exit(126);
    // Only stdin, stdout and stderr stay open.
    for (int fd = 3; fd < 1024; ++fd) ::close(fd);
    ::execve(args[0], args.data(), env.data());
    std::_Exit(127);
  }
  ::setpgid(child, child);
  ::close(output_pipe[1]);
  ::fcntl(output_pipe[0], F_SETFL, O_NONBLOCK);

  SandboxResult result;
  const auto keep = [&](const char* data, std::size_t n) {
    const std::size_t room = limits.output_bytes - std::min(limits.output_bytes, result.output.size());
    result.output.append(data, std::min(room, n));
    if (n > room) result.output_truncated = true;
  };
  char buffer[65536];
  const auto drain = [&] {
    for (ssize_t n; (n = ::read(output_pipe[0], buffer, sizeof buffer)) > 0;) keep(buffer, static_cast<std::size_t>(n));
  };
  // Processes of the case besides the command itself (sampled): bwrap and its init, or none.
  const long long baseline = namespaces ? 3 : 1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(limits.wall_seconds);
  int status = 0;
  while (true) {
    pollfd waiting{output_pipe[0], POLLIN, 0};
    ::poll(&waiting, 1, 10);
    drain();
    if (group.active() && static_cast<long long>(group.members().size()) > baseline) result.forked = true;
    if (::waitpid(child, &status, WNOHANG) == child) break;
    if (std::chrono::steady_clock::now() > deadline) {
      result.timed_out = true;
      ::kill(-child, SIGKILL);
      ::kill(child, SIGKILL);  // bwrap: --die-with-parent takes the namespace's init, and so every process in it
      ::waitpid(child, &status, 0);
      break;
    }
  }
  // Nothing of the case outlives it: the PID namespace is gone with its init; without
  // namespaces, the process group and the cgroup are swept.
  ::kill(-child, SIGKILL);
  group.kill_all();
  drain();
  ::close(output_pipe[0]);
  result.out_of_memory = group.oom_killed();
  if (group.fork_refused()) result.forked = true;
  group.remove();
  if (!result.timed_out && WIFEXITED(status)) result.status = WEXITSTATUS(status);
  if (!result.timed_out && WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  // bwrap reports its child's death by a signal as exit status 128+N.
  if (namespaces && result.status > 128 && result.status < 128 + 65) {
    result.signal = result.status - 128;
    result.status = -1;
  }
  return result;
}

// run_limited in a sandbox.
Outcome run_in_sandbox(const std::vector<std::string>& argv, const Limits& limits, const SandboxView& view,
                       int processes, long long file_bytes) {
  SandboxLimits sandbox;
  sandbox.cpu_seconds = limits.timeout_seconds;
  sandbox.wall_seconds = limits.timeout_seconds;
  sandbox.memory_bytes = static_cast<long long>(limits.memory_megabytes) * 1024 * 1024;
  sandbox.processes = processes;
  sandbox.output_bytes = 200000;
  sandbox.file_bytes = file_bytes;
  Outcome outcome;
  if (limits.deadline) {
    const double left = std::chrono::duration<double>(*limits.deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      outcome.timed_out = outcome.over_budget = true;
      return outcome;
    }
    if (left < sandbox.wall_seconds) {
      sandbox.wall_seconds = left;
      outcome.over_budget = true;  // cleared below if it finished in time
    }
  }
  const SandboxResult run = run_sandboxed(argv, view, sandbox);
  outcome.exit_status = run.status;
  outcome.signal = run.signal;
  outcome.timed_out = run.timed_out;
  outcome.over_budget = outcome.over_budget && run.timed_out;
  outcome.out_of_memory = run.out_of_memory;
  outcome.forked = run.forked;
  outcome.output = run.output;
  return outcome;
}


}  // namespace

Runner sandboxed_runner(SandboxView view, int processes, long long file_bytes) {
  return [view = std::move(view), processes, file_bytes](const std::vector<std::string>& argv, const Limits& limits) {
    return run_in_sandbox(argv, limits, view, processes, file_bytes);
  };
}

void make_sandbox_folder(const fs::path& folder, uid_t uid) {
  fs::create_directories(folder);
  if (::geteuid() == 0 && ::chown(folder.c_str(), uid, uid) != 0) {
    throw std::runtime_error("cannot give " + folder.string() + " to the sandbox's user");
  }
  ::chmod(folder.c_str(), ::geteuid() == 0 ? 0700 : 0777);
}

void make_answer_folder(const fs::path& folder, const fs::path& file, uid_t uid) {
  fs::create_directories(folder);
  ::chmod(folder.c_str(), 0755);
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot make " + file.string());
  const bool given = ::geteuid() != 0 || ::fchown(fd, uid, uid) == 0;
  ::close(fd);
  if (!given) throw std::runtime_error("cannot give " + file.string() + " to the sandbox's user");
}

const SandboxStatus& sandbox_status() {
  static const SandboxStatus status = [] {
    SandboxStatus s;
    s.cgroups = Cgroup::usable();
    s.drops_uid = ::geteuid() == 0;
    const char* off = std::getenv("DESCENT_GRADE_NO_NAMESPACES");
    if (off != nullptr && *off != '\0' && std::string(off) != "0") {
      s.why = "DESCENT_GRADE_NO_NAMESPACES is set";
      return s;
    }
    if (::access(bwrap, X_OK) != 0) {
      s.why = std::string(bwrap) + " is not installed (apt-get install bubblewrap)";
      return s;
    }
    SandboxView view;
    view.uid = 65534;
    SandboxLimits limits;
    limits.wall_seconds = 20;
    const SandboxResult probe = run({"/usr/bin/true"}, view, limits, true, s.cgroups);
    s.namespaces = probe.status == 0;
    if (!s.namespaces) s.why = probe.output.empty() ? "bwrap exited with " + std::to_string(probe.status) : probe.output;
    while (!s.why.empty() && s.why.back() == '\n') s.why.pop_back();
    return s;
  }();
  return status;
}

SandboxResult run_sandboxed(const std::vector<std::string>& argv, const SandboxView& view,
                            const SandboxLimits& limits) {
  const SandboxStatus& status = sandbox_status();
  return run(argv, view, limits, status.namespaces, status.cgroups);
}

}  // namespace grading
