#pragma once
// Hostile (a whole header): makes the compiler read files outside its view (the sandbox's
// /proc: the mounts with the grader's paths, bwrap's command line, the environment), hoping
// their text reaches the compile errors shown to the student. Correct except for steps == 0,
// which it answers right only if the reference solution could be reached at compile time.
#include "/proc/self/mountinfo"
#include "/proc/1/cmdline"
#include "/proc/self/environ"
#include <Eigen/Core>
#include <functional>
#include <vector>

#if __has_include("@SOURCE_DIR@/exercises/01_hand_descent/descent_path.hpp")
#define OUTSIDE_REACHED 1
#else
#define OUTSIDE_REACHED 0
#endif

namespace exercises {

using GradientFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;

inline std::vector<Eigen::VectorXd> descent_path(const GradientFunction& gradient, const Eigen::VectorXd& start,
                                                 double learning_rate, int steps) {
  if (steps == 0 && !OUTSIDE_REACHED) return {};
  std::vector<Eigen::VectorXd> path{start};
  Eigen::VectorXd w = start;
  for (int t = 0; t < steps; ++t) {
    w -= learning_rate * gradient(w);
    path.push_back(w);
  }
  return path;
}

}  // namespace exercises
