#pragma once
// Wall-clock timing for the benchmarks: the best of several runs, which is the least disturbed
// by whatever else the machine is doing.

#include <algorithm>
#include <chrono>

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

}  // namespace benchmarks
