#pragma once
// Exercise 7.2: the L-BFGS direction by the two-loop recursion.

#include <Eigen/Dense>
#include <vector>

namespace exercises {

//! [signature]
/// The L-BFGS direction d = −H·g for the gradient g, from the stored pairs
/// sᵢ = x_{i+1} − x_i (a step) and yᵢ = g_{i+1} − g_i (the gradient's change),
/// oldest first: s[0], y[0] the oldest, s.back(), y.back() the newest. H is the
/// inverse-Hessian estimate that starts as H = γ·I, γ = sᵀy / yᵀy of the newest
/// pair, and takes one BFGS update per pair, oldest to newest (ρ = 1 / yᵀs):
///   H ← (I − ρ·s·yᵀ)·H·(I − ρ·y·sᵀ) + ρ·s·sᵀ.
/// With no pairs, H = I and d = −g. Every pair has sᵀy > 0. The two-loop recursion
/// gives H·g in about 4·k·n multiplications, without forming H.
inline Eigen::VectorXd lbfgs_direction(const Eigen::VectorXd& gradient,
                                       const std::vector<Eigen::VectorXd>& s,
                                       const std::vector<Eigen::VectorXd>& y) {
//! [signature]
  // BEGIN SOLUTION
  const int k = static_cast<int>(s.size());
  std::vector<double> rho(k), alpha(k);
  Eigen::VectorXd q = gradient;
  for (int i = k - 1; i >= 0; --i) {  // newest to oldest
    rho[i] = 1.0 / y[i].dot(s[i]);
    alpha[i] = rho[i] * s[i].dot(q);
    q -= alpha[i] * y[i];
  }
  if (k > 0) q *= s.back().dot(y.back()) / y.back().squaredNorm();  // H0 = gamma I
  for (int i = 0; i < k; ++i) {  // oldest to newest
    const double beta = rho[i] * y[i].dot(q);
    q += (alpha[i] - beta) * s[i];
  }
  return -q;
  // END SOLUTION
  // STARTER: (void)gradient; (void)s; (void)y; return {};
}

}  // namespace exercises
