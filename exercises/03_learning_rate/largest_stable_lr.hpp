#pragma once
// Exercise 3.2: the largest stable learning rate of a quadratic.

#include <Eigen/Core>
#include <Eigen/Eigenvalues>

namespace exercises {

//! [signature]
/// For a quadratic loss with symmetric positive-definite Hessian H, plain gradient
/// descent converges exactly when η < 2/λ_max, where λ_max is H's largest eigenvalue.
/// Return 2/λ_max.
inline double largest_stable_learning_rate(const Eigen::MatrixXd& hessian) {
//! [signature]
  // BEGIN SOLUTION
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(hessian, Eigen::EigenvaluesOnly);
  return 2.0 / eigen.eigenvalues().maxCoeff();
  // END SOLUTION
  // STARTER: (void)hessian; return 0.0;
}

}  // namespace exercises
