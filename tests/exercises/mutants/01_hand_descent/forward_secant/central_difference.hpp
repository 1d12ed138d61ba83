#pragma once
// A plausible WRONG solution of Exercise 1.2, kept to prove the grading tests catch it.
#include <Eigen/Core>
#include <functional>
namespace exercises {
using LossFunction = std::function<double(const Eigen::VectorXd&)>;
inline Eigen::VectorXd central_difference_gradient(const LossFunction& f, const Eigen::VectorXd& x, double delta) {
  // Mistake: a forward secant (error proportional to delta, and n + 1 evaluations).
  Eigen::VectorXd gradient(x.size());
  const double here = f(x);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    Eigen::VectorXd probe = x;
    probe[i] += delta;
    gradient[i] = (f(probe) - here) / delta;
  }
  return gradient;
}
}  // namespace exercises
