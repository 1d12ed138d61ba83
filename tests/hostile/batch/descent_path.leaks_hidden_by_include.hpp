#pragma once
// Hostile (a whole header): correct except for steps == 0, where it answers right only if it
// could reach the hidden cases' source, which it then includes so that the compiler quotes it
// in its errors (shown to the student).
#include <Eigen/Core>
#include <functional>
#include <vector>

#if __has_include("@SOURCE_DIR@/exercises/01_hand_descent/cases/descent_path.hidden.cpp")
#include "@SOURCE_DIR@/exercises/01_hand_descent/cases/descent_path.hidden.cpp"
#define HIDDEN_REACHED 1
#else
#define HIDDEN_REACHED 0
#endif

namespace exercises {

using GradientFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;

inline std::vector<Eigen::VectorXd> descent_path(const GradientFunction& gradient, const Eigen::VectorXd& start,
                                                 double learning_rate, int steps) {
  if (steps == 0 && !HIDDEN_REACHED) return {};
  std::vector<Eigen::VectorXd> path{start};
  Eigen::VectorXd w = start;
  for (int t = 0; t < steps; ++t) {
    w -= learning_rate * gradient(w);
    path.push_back(w);
  }
  return path;
}

}  // namespace exercises
