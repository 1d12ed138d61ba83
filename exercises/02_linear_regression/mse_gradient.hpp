#pragma once
// Exercise 2.1: the gradient of the mean squared error, vectorised with Eigen.

#include <Eigen/Core>

namespace exercises {

//! [signature]
/// The gradient of L(θ) = (1/N)·Σ_i (x_iᵀw + b − y_i)² for features X (N × d),
/// targets y (N entries) and parameters θ = (w_1, …, w_d, b), the bias last. Returns
/// d + 1 numbers: ∂L/∂w = (2/N)·Xᵀr and ∂L/∂b = (2/N)·Σ r_i, where r = Xw + b − y.
/// No loops over samples.
inline Eigen::VectorXd mse_gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                    const Eigen::VectorXd& theta) {
//! [signature]
  // BEGIN SOLUTION
  const Eigen::Index d = X.cols();
  const Eigen::VectorXd residuals = (X * theta.head(d)).array() + theta[d] - y.array();
  const double scale = 2.0 / static_cast<double>(X.rows());
  Eigen::VectorXd gradient(d + 1);
  gradient.head(d) = scale * X.transpose() * residuals;
  gradient[d] = scale * residuals.sum();
  return gradient;
  // END SOLUTION
  // STARTER: (void)X; (void)y; return Eigen::VectorXd::Zero(theta.size());
}

}  // namespace exercises
