#pragma once
// A plausible WRONG solution of Exercise 1.1, kept to prove the grading tests catch it.
#include <Eigen/Core>
#include <functional>
#include <vector>
namespace exercises {
using GradientFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;
inline std::vector<Eigen::VectorXd> descent_path(const GradientFunction& gradient, const Eigen::VectorXd& start,
                                                 double learning_rate, int steps) {
  // Mistake: updates coordinate i, then measures the next slope at the half-updated point.
  std::vector<Eigen::VectorXd> path{start};
  Eigen::VectorXd w = start;
  for (int t = 0; t < steps; ++t) {
    for (Eigen::Index i = 0; i < w.size(); ++i) w[i] -= learning_rate * gradient(w)[i];
    path.push_back(w);
  }
  return path;
}
}  // namespace exercises
