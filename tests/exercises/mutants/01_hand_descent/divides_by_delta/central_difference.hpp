#pragma once
// A plausible WRONG solution of Exercise 1.2, kept to prove the grading tests catch it.
#include <Eigen/Core>
#include <functional>
namespace exercises {
using LossFunction = std::function<double(const Eigen::VectorXd&)>;
inline Eigen::VectorXd central_difference_gradient(const LossFunction& f, const Eigen::VectorXd& x, double delta) {
  // Mistake: divides the two-sided difference by delta instead of 2 delta.
  Eigen::VectorXd gradient(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    Eigen::VectorXd above = x, below = x;
    above[i] += delta;
    below[i] -= delta;
    gradient[i] = (f(above) - f(below)) / delta;
  }
  return gradient;
}
}  // namespace exercises
