#pragma once
// A plausible WRONG solution of Exercise 1.2, kept to prove the grading tests catch it.
#include <Eigen/Core>
#include <functional>
namespace exercises {
using LossFunction = std::function<double(const Eigen::VectorXd&)>;
inline Eigen::VectorXd central_difference_gradient(const LossFunction& f, const Eigen::VectorXd& x, double delta) {
  // Mistake: nudges every coordinate at once, measuring a directional slope for each entry.
  Eigen::VectorXd gradient(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const Eigen::VectorXd above = (x.array() + delta).matrix();
    const Eigen::VectorXd below = (x.array() - delta).matrix();
    gradient[i] = (f(above) - f(below)) / (2.0 * delta);
  }
  return gradient;
}
}  // namespace exercises
