#pragma once
// A plausible WRONG solution of Exercise 1.1, kept to prove the grading tests catch it.
#include <Eigen/Core>
#include <functional>
#include <vector>
namespace exercises {
using GradientFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;
inline std::vector<Eigen::VectorXd> descent_path(const GradientFunction& gradient, const Eigen::VectorXd& start,
                                                 double learning_rate, int steps) {
  // Mistake: silently stops once a step makes w larger (the caller asked for every step).
  std::vector<Eigen::VectorXd> path{start};
  Eigen::VectorXd w = start;
  for (int t = 0; t < steps; ++t) {
    const Eigen::VectorXd next = w - learning_rate * gradient(w);
    if (next.norm() > w.norm()) break;
    w = next;
    path.push_back(w);
  }
  return path;
}
}  // namespace exercises
