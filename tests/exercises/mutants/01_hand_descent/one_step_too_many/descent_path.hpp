#pragma once
// A plausible WRONG solution of Exercise 1.1, kept to prove the grading tests catch it.
#include <Eigen/Core>
#include <functional>
#include <vector>
namespace exercises {
using GradientFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;
inline std::vector<Eigen::VectorXd> descent_path(const GradientFunction& gradient, const Eigen::VectorXd& start,
                                                 double learning_rate, int steps) {
  // Mistake: the loop runs steps + 1 times.
  std::vector<Eigen::VectorXd> path{start};
  Eigen::VectorXd w = start;
  for (int t = 0; t <= steps; ++t) {
    w -= learning_rate * gradient(w);
    path.push_back(w);
  }
  return path;
}
}  // namespace exercises
