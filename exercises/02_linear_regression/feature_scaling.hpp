#pragma once
// Exercise 2.2: standardise features, and carry a fitted model back to original units.

#include <Eigen/Core>

namespace exercises {

/// Per-column statistics of a feature matrix.
struct Scaling {
  Eigen::VectorXd mean;       ///< μ_j, the mean of column j
  Eigen::VectorXd deviation;  ///< σ_j, its population deviation (1 for a constant column)
};

//! [fit_scaling]
/// μ_j and σ_j of every column of X (N ≥ 1 rows), with σ_j² = (1/N)·Σ_i (x_ij − μ_j)²
/// (divide by N, not N − 1). Computed stably: in two passes (the mean, then the squared
/// distances to it) or with Welford's update, not as (1/N)·Σ_i x_ij² − μ_j², which
/// loses a small spread under a large mean (values 1e8 + 0.5, 1e8 + 1.5, …).
/// Column j is constant when its spread is negligible against its size:
/// σ_j ≤ 1e-10 · max_i |x_ij|. So a column of zeros is constant, and so is a column of
/// equal values whose computed σ_j is only rounding noise. A constant column gets
/// σ_j = 1, so that standardising it only centres it.
inline Scaling fit_scaling(const Eigen::MatrixXd& X) {
//! [fit_scaling]
  // BEGIN SOLUTION
  // A spread this small against the column's size is rounding noise (or 0).
  constexpr double negligible_spread = 1e-10;
  Scaling s;
  s.mean = X.colwise().mean().transpose();
  // Second pass: squared distances to the mean, free of the cancellation in sum(x^2) - N mean^2.
  s.deviation = (X.rowwise() - s.mean.transpose()).array().square().colwise().mean().sqrt().transpose();
  const Eigen::VectorXd size = X.cwiseAbs().colwise().maxCoeff().transpose();
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    if (s.deviation[j] <= negligible_spread * size[j]) s.deviation[j] = 1.0;
  }
  return s;
  // END SOLUTION
  // STARTER: (void)X; return {};
}

//! [standardize]
/// Every entry x_ij becomes (x_ij − μ_j) / σ_j, with the μ and σ of `s` as given,
/// whatever rows they were fitted on (new rows are scaled with the training data's
/// statistics).
inline Eigen::MatrixXd standardize(const Eigen::MatrixXd& X, const Scaling& s) {
//! [standardize]
  // BEGIN SOLUTION
  return ((X.rowwise() - s.mean.transpose()).array().rowwise() / s.deviation.transpose().array()).matrix();
  // END SOLUTION
  // STARTER: (void)X; (void)s; return {};
}

//! [to_original_units]
/// θ = (w'_1, …, w'_d, b') was fitted on standardised features. Returns (w_1, …, w_d, b)
/// for the original features, the same predictions: w_j = w'_j/σ_j and
/// b = b' − Σ_j w'_j·μ_j/σ_j, with the μ and σ of `s` as given.
inline Eigen::VectorXd to_original_units(const Eigen::VectorXd& theta, const Scaling& s) {
//! [to_original_units]
  // BEGIN SOLUTION
  const Eigen::Index d = s.mean.size();
  Eigen::VectorXd original(d + 1);
  original.head(d) = theta.head(d).cwiseQuotient(s.deviation);
  original[d] = theta[d] - original.head(d).dot(s.mean);
  return original;
  // END SOLUTION
  // STARTER: (void)theta; (void)s; return {};
}

}  // namespace exercises
