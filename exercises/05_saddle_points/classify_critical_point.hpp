#pragma once
// Exercise 5.1: what kind of critical point, read from the eigenvalues of its Hessian.

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <string>

namespace exercises {

//! [signature]
/// Classifies a critical point (∇f = 0) by the eigenvalues λ of its Hessian. Use the
/// symmetric part S = ½(H + Hᵀ): a Hessian estimated from finite differences is not
/// exactly symmetric, and only S shapes f near the point (wᵀHw = wᵀSw). Eigenvalues
/// with |λ| ≤ tolerance count as zero (the tolerance is absolute, not scaled). Returns
///   "saddle"      if some λ < −tolerance and some λ > tolerance, even if one is zero;
///   "degenerate"  otherwise, if some |λ| ≤ tolerance (second derivatives cannot decide);
///   "minimum"     if every λ > tolerance;   "maximum"  if every λ < −tolerance.
inline std::string classify_critical_point(const Eigen::MatrixXd& hessian,
                                           double tolerance) {
//! [signature]
  // BEGIN SOLUTION
  const Eigen::MatrixXd symmetric = 0.5 * (hessian + hessian.transpose());
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(symmetric, Eigen::EigenvaluesOnly);
  const Eigen::ArrayXd lambda = eigen.eigenvalues().array();
  const bool curves_down = (lambda < -tolerance).any();
  const bool curves_up = (lambda > tolerance).any();
  if (curves_down && curves_up) return "saddle";
  if ((lambda.abs() <= tolerance).any()) return "degenerate";
  return curves_up ? "minimum" : "maximum";
  // END SOLUTION
  // STARTER: (void)hessian; (void)tolerance; return "";
}

}  // namespace exercises
