#pragma once
/// \file stability.hpp
/// \brief The largest learning rate plain descent survives on a quadratic: η < 2/λ_max.
///
/// On a quadratic with Hessian H, one descent step multiplies the offset from the minimum
/// along each eigenvector by (1 − ηλ). The run settles only if every |1 − ηλ| < 1, that is
/// η < 2/λ_max, where λ_max is H's largest eigenvalue.

#include "descent/objective.hpp"

#include <Eigen/Eigenvalues>

namespace descent {

/// λ_max of a symmetric matrix (Eigen's self-adjoint eigensolver).
[[nodiscard]] inline double largest_curvature(const Matrix& hessian) {
  return Eigen::SelfAdjointEigenSolver<Matrix>(hessian, Eigen::EigenvaluesOnly).eigenvalues().maxCoeff();
}

/// 2/λ_max: plain descent on a quadratic with this Hessian converges for η below it.
[[nodiscard]] inline double largest_stable_learning_rate(const Matrix& hessian) {
  return 2.0 / largest_curvature(hessian);
}

}  // namespace descent
