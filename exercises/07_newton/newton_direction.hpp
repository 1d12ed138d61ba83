#pragma once
// Exercise 7.1: Newton's direction, with the shift that makes an indefinite Hessian usable.

#include <Eigen/Dense>

namespace exercises {

/// What newton_direction returns.
struct ShiftedNewton {
  Eigen::VectorXd direction;  ///< d, the solution of (H + τI)·d = −g
  double shift = 0.0;         ///< τ, the shift used (0 when H itself is positive definite)
};

//! [signature]
/// Newton's direction d from a symmetric Hessian H and a gradient g, made safe:
///   if H is positive definite, τ = 0;
///   else try τ = first_shift, then τ ← shift_growth·τ, until H + τI is;
///   then solve (H + τI)·d = −g, with a factorisation (never form an inverse).
/// Positive definite: every eigenvalue > 0, which is when Cholesky (Eigen's llt())
/// succeeds. Return d and τ. first_shift > 0, shift_growth > 1; each call starts afresh.
inline ShiftedNewton newton_direction(const Eigen::MatrixXd& hessian,
                                      const Eigen::VectorXd& gradient,
                                      double first_shift, double shift_growth) {
//! [signature]
  // BEGIN SOLUTION
  const Eigen::Index n = hessian.rows();
  double tau = 0.0;
  Eigen::LLT<Eigen::MatrixXd> cholesky(hessian);
  while (cholesky.info() != Eigen::Success) {
    tau = tau == 0.0 ? first_shift : tau * shift_growth;
    cholesky.compute(hessian + tau * Eigen::MatrixXd::Identity(n, n));
  }
  return {-cholesky.solve(gradient), tau};
  // END SOLUTION
  // STARTER: (void)hessian; (void)gradient; (void)first_shift; (void)shift_growth; return {};
}

}  // namespace exercises
