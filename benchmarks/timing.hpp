#pragma once
// Wall-clock timing for the benchmarks: the best of several runs, which is the least disturbed
// by whatever else the machine is doing.

#include <algorithm>
#include <chrono>
#include <ctime>

namespace benchmarks {

template <class F>
double best_seconds(int repeats, F&& work) {
  double best = 1e300;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

/// The same in CPU time of the calling thread: on a machine shared with other busy programs,
/// wall time counts the moments the thread waited for a core, CPU time only its own work.
template <class F>
double best_cpu_seconds(int repeats, F&& work) {
  const auto now = [] {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
  };
  double best = 1e300;
  for (int i = 0; i < repeats; ++i) {
    const double start = now();
    work();
    best = std::min(best, now() - start);
  }
  return best;
}

}  // namespace benchmarks
