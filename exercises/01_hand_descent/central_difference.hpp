#pragma once
// Exercise 1.2: a gradient measured with central secants.

#include <Eigen/Core>
#include <functional>

namespace exercises {

/// L: takes a point, returns the loss there.
using LossFunction = std::function<double(const Eigen::VectorXd&)>;

//! [signature]
/// Estimates ∇f(x) one coordinate at a time:
///   ∂f/∂x_i ≈ [f(x + Δ·e_i) − f(x − Δ·e_i)] / (2Δ),
/// where e_i is the unit vector along coordinate i. Calls f exactly 2n times for n
/// coordinates.
inline Eigen::VectorXd central_difference_gradient(const LossFunction& f,
                                                   const Eigen::VectorXd& x,
                                                   double delta) {
//! [signature]
  // BEGIN SOLUTION
  Eigen::VectorXd gradient(x.size());
  Eigen::VectorXd probe = x;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    probe[i] = x[i] + delta;
    const double above = f(probe);
    probe[i] = x[i] - delta;
    const double below = f(probe);
    probe[i] = x[i];  // put the coordinate back before moving to the next
    gradient[i] = (above - below) / (2.0 * delta);
  }
  return gradient;
  // END SOLUTION
  // STARTER: (void)f; (void)delta; return Eigen::VectorXd::Zero(x.size());
}

}  // namespace exercises
