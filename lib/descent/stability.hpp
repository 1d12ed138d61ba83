#pragma once
/// \file stability.hpp
/// \brief The largest learning rate plain descent survives on a quadratic: η < 2/λ_max.
///
/// On a quadratic with Hessian H, one descent step multiplies the offset from the minimum
/// along each eigenvector by (1 − ηλ). The run settles only if every |1 − ηλ| < 1, that is
/// η < 2/λ_max, where λ_max is H's largest eigenvalue.

#include "descent/minimize.hpp"
#include "descent/objective.hpp"

#include <Eigen/Eigenvalues>
#include <array>
#include <cmath>

namespace descent {

/// λ_max of a symmetric matrix (Eigen's self-adjoint eigensolver).
[[nodiscard]] inline double largest_curvature(const Matrix& hessian) {
  return Eigen::SelfAdjointEigenSolver<Matrix>(hessian, Eigen::EigenvaluesOnly).eigenvalues().maxCoeff();
}

/// 2/λ_max: plain descent on a quadratic with this Hessian converges for η below it.
[[nodiscard]] inline double largest_stable_learning_rate(const Matrix& hessian) {
  return 2.0 / largest_curvature(hessian);
}

/// Whether plain descent at `learning_rate` grows on `f` from `start`: after `steps` steps the
/// loss is compared with the loss two steps earlier (an oscillation that grows shows in every
/// second step). A run that overflows grows too.
template <Objective F>
bool descent_grows(const F& f, const Vector& start, double learning_rate, int steps) {
  std::array<double, 3> last{};  // the losses of the last three steps
  const RunResult run = minimize(f, start, ConstantRate{learning_rate},
                                 StopRules{.max_steps = steps, .record_every = 0}, GradientDescent{},
                                 [&](const TraceRow& row) {
                                   last = {last[1], last[2], row.loss};
                                   return true;
                                 });
  return run.diverged() || last[2] > last[0];
}

/// The stability edge found by experiment: bisection on η between `stable` (where descent
/// does not grow) and `unstable` (where it does), each probe a real run of `steps` steps,
/// until the bracket is narrower than `relative_tolerance` × η.
template <Objective F>
double stability_edge_by_bisection(const F& f, const Vector& start, double stable, double unstable,
                                   double relative_tolerance = 1e-9, int steps = 4000) {
  while (unstable - stable > relative_tolerance * unstable) {
    const double middle = 0.5 * (stable + unstable);
    (descent_grows(f, start, middle, steps) ? unstable : stable) = middle;
  }
  return 0.5 * (stable + unstable);
}

}  // namespace descent
