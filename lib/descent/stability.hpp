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
#include <algorithm>
#include <vector>
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

/// Whether descent (plain, or with `optimizer`) at `learning_rate` grows on `f` from `start`:
/// the largest loss over the last 64 of `steps` steps is compared with the largest over 64
/// steps from the middle of the run. Comparing window maxima, not single steps, lets momentum's
/// rotating decay count as decay. A run that overflows grows too.
template <Objective F, Optimizer O = GradientDescent>
bool descent_grows(const F& f, const Vector& start, double learning_rate, int steps, O optimizer = {}) {
  constexpr int window = 64;
  std::vector<double> losses;
  losses.reserve(static_cast<std::size_t>(steps));
  const RunResult run = minimize(f, start, ConstantRate{learning_rate},
                                 StopRules{.max_steps = steps, .record_every = 0}, std::move(optimizer),
                                 [&](const TraceRow& row) {
                                   losses.push_back(row.loss);
                                   return true;
                                 });
  if (run.diverged()) return true;
  const auto middle = losses.begin() + static_cast<std::ptrdiff_t>(losses.size() / 2);
  const double earlier = *std::max_element(middle, middle + window);
  const double later = *std::max_element(losses.end() - window, losses.end());
  return later > earlier;
}

/// The stability edge found by experiment: bisection on η between `stable` (where descent
/// does not grow) and `unstable` (where it does), each probe a real run of `steps` steps,
/// until the bracket is narrower than `relative_tolerance` × η.
template <Objective F, Optimizer O = GradientDescent>
double stability_edge_by_bisection(const F& f, const Vector& start, double stable, double unstable,
                                   double relative_tolerance = 1e-9, int steps = 4000, const O& optimizer = {}) {
  while (unstable - stable > relative_tolerance * unstable) {
    const double middle = 0.5 * (stable + unstable);
    (descent_grows(f, start, middle, steps, optimizer) ? unstable : stable) = middle;
  }
  return 0.5 * (stable + unstable);
}

/// The best constant settings of plain descent and of momentum (the heavy ball) on a quadratic
/// whose Hessian eigenvalues lie in [λmin, λmax], with the factor by which each shrinks the
/// error per step (Chapter 6's theory; κ = λmax/λmin).
struct TunedSettings {
  double descent_learning_rate = 0.0;   ///< α = 2/(λmin + λmax)
  double descent_rate = 0.0;            ///< (κ − 1)/(κ + 1)
  double momentum_learning_rate = 0.0;  ///< (2/(√λmin + √λmax))²
  double momentum = 0.0;                ///< β = ((√κ − 1)/(√κ + 1))²
  double momentum_rate = 0.0;           ///< (√κ − 1)/(√κ + 1)
};

/// The settings for eigenvalues between `smallest` and `largest` (both > 0).
[[nodiscard]] inline TunedSettings best_constant_settings(double smallest, double largest) {
  const double kappa = largest / smallest;
  TunedSettings best;
  // [optimal_parameters]
  best.descent_learning_rate = 2.0 / (smallest + largest);
  best.descent_rate = (kappa - 1) / (kappa + 1);
  const double root = std::sqrt(kappa);
  best.momentum_rate = (root - 1) / (root + 1);  // heavy ball, tuned
  const double root_sum = std::sqrt(smallest) + std::sqrt(largest);
  best.momentum_learning_rate = std::pow(2.0 / root_sum, 2);
  best.momentum = best.momentum_rate * best.momentum_rate;
  // [optimal_parameters]
  return best;
}

}  // namespace descent
