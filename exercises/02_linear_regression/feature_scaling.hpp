#pragma once
// Exercise 2.2: standardise features, and carry a fitted model back to original units.

#include <Eigen/Core>

namespace exercises {

/// Per-column statistics of a feature matrix.
struct Scaling {
  Eigen::VectorXd mean;       ///< μ_j, the mean of column j
  Eigen::VectorXd deviation;  ///< σ_j, its population standard deviation (1 for a constant column)
};

//! [fit_scaling]
/// μ_j and σ_j of every column of X, with σ_j² = (1/N)·Σ_i (x_ij − μ_j)² (divide by N, not N − 1).
/// A column whose values are all equal gets σ_j = 1, so that standardising it only centres it.
inline Scaling fit_scaling(const Eigen::MatrixXd& X) {
//! [fit_scaling]
  // BEGIN SOLUTION
  Scaling s;
  s.mean = X.colwise().mean().transpose();
  s.deviation = (X.rowwise() - s.mean.transpose()).array().square().colwise().mean().sqrt().transpose();
  for (auto& sigma : s.deviation) {
    if (sigma == 0.0) sigma = 1.0;
  }
  return s;
  // END SOLUTION
  // STARTER: (void)X; return {};
}

//! [standardize]
/// Every entry x_ij becomes (x_ij − μ_j) / σ_j.
inline Eigen::MatrixXd standardize(const Eigen::MatrixXd& X, const Scaling& s) {
//! [standardize]
  // BEGIN SOLUTION
  return ((X.rowwise() - s.mean.transpose()).array().rowwise() / s.deviation.transpose().array()).matrix();
  // END SOLUTION
  // STARTER: (void)X; (void)s; return {};
}

//! [to_original_units]
/// θ = (w'_1, …, w'_d, b') was fitted on standardised features. Returns (w_1, …, w_d, b) for the
/// original features, the same predictions: w_j = w'_j/σ_j and b = b' − Σ_j w'_j·μ_j/σ_j.
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
