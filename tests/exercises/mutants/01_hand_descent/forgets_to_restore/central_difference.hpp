#pragma once
// A plausible WRONG solution of Exercise 1.2, kept to prove the grading tests catch it.
#include <Eigen/Core>
#include <functional>
namespace exercises {
using LossFunction = std::function<double(const Eigen::VectorXd&)>;
inline Eigen::VectorXd central_difference_gradient(const LossFunction& f, const Eigen::VectorXd& x, double delta) {
  // Mistake: leaves each coordinate at x_i - delta when moving on to the next one.
  Eigen::VectorXd gradient(x.size());
  Eigen::VectorXd probe = x;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    probe[i] = x[i] + delta;
    const double above = f(probe);
    probe[i] = x[i] - delta;
    const double below = f(probe);
    gradient[i] = (above - below) / (2.0 * delta);
  }
  return gradient;
}
}  // namespace exercises
