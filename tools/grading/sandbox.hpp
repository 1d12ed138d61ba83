#pragma once
// A sandbox for every student process the instructor's grader starts (compiling and running).
//
// With namespaces (Debian's bubblewrap): a new PID, network, IPC, UTS and mount namespace, a
// read-only view of the system (/usr) plus only the files the step needs (SandboxView), a
// private size-limited /tmp, and the command run as an unprivileged user id of its own (setpriv,
// no capabilities, no new privileges). When the command ends or its wall-clock time is up, the
// namespace's first process is killed and every process of the case goes with it.
//
// Everywhere: rlimits (CPU seconds, file size, process count, address space, no core dumps),
// a cgroup (v1, when mounted) bounding the memory and the process count of all the case's
// processes together, output read through a pipe and truncated at a limit (nothing on disk).
//
// Without namespaces (bwrap cannot start, e.g. in some containers) the same command runs
// without the view: still under the unprivileged uid (when the grader is root), the rlimits,
// the cgroup and the wall clock. sandbox_status() says which holds.

#include "grading/grading.hpp"

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace grading {

struct SandboxLimits {
  double cpu_seconds = 10;       ///< RLIMIT_CPU per process
  double wall_seconds = 10;      ///< the whole sandbox is killed after this
  long long memory_bytes = 1LL << 30;  ///< all processes of the case together (cgroup), and each one's address space
  int processes = 32;            ///< processes of the sandbox's uid (RLIMIT_NPROC) and of the case (cgroup pids)
  std::size_t output_bytes = 200000;   ///< stdout+stderr kept; the rest is read and dropped
  long long file_bytes = 64LL << 20;   ///< RLIMIT_FSIZE, and the size of the private /tmp
};

/// What the sandboxed command sees besides /usr, /proc, /dev and its private /tmp. Paths are
/// mounted at the same path inside (so one command line works with and without namespaces).
struct SandboxView {
  std::vector<std::filesystem::path> read_only;  ///< files or folders, read-only
  std::filesystem::path writable;  ///< a folder the grader made for this step (chowned to the uid), or empty
  std::filesystem::path workdir;   ///< the working directory (default: /tmp)
  uid_t uid = 0;                   ///< the unprivileged user (and group) id the command runs as
  std::vector<std::string> environment;  ///< "NAME=value" pairs; nothing else is inherited
};

struct SandboxResult {
  int status = -1;             ///< exit status, -1 when it did not exit normally
  int signal = 0;              ///< the signal that ended it, or 0
  bool timed_out = false;      ///< killed at the wall-clock limit
  bool out_of_memory = false;  ///< the case's memory limit was hit (cgroup OOM kill)
  bool output_truncated = false;
  bool forked = false;         ///< more processes than the command were seen (sampled every 10 ms; needs cgroups)
  std::string output;          ///< stdout and stderr together, at most output_bytes
};

/// Runs `argv` (argv[0] an absolute path) in the sandbox. Never throws for what the command
/// does; throws std::runtime_error when the grader itself cannot fork or make a pipe.
SandboxResult run_sandboxed(const std::vector<std::string>& argv, const SandboxView& view,
                            const SandboxLimits& limits);

/// Whether namespaces (bubblewrap) work here, probed once; `why` says why not.
struct SandboxStatus {
  bool namespaces = false;
  bool cgroups = false;       ///< memory and pids controllers usable (v1)
  bool drops_uid = false;     ///< the grader is root, so the command runs under its own uid
  std::string why;            ///< when !namespaces: bwrap's message
};
const SandboxStatus& sandbox_status();

/// A Runner for grading::Limits that runs every program in this sandbox: limits.timeout_seconds is the CPU and wall limit, memory_megabytes
/// the case's memory, and a run never goes past limits.deadline.
Runner sandboxed_runner(SandboxView view, int processes, long long file_bytes);

/// Makes `folder` (created if needed) owned by `uid` and private to it: the sandbox's writable folder.
void make_sandbox_folder(const std::filesystem::path& folder, uid_t uid);

/// Makes `folder` (created if needed) the grader's, readable by all, with one empty file `file`
/// in it owned by `uid`: a step that must write only that file (a case, its answers) can neither
/// replace it nor create files of its own there, on the grader's disk, beyond the file-size limit.
/// (When the grader is not root the step runs as the grader's user, which this cannot stop.)
void make_answer_folder(const std::filesystem::path& folder, const std::filesystem::path& file, uid_t uid);

}  // namespace grading
