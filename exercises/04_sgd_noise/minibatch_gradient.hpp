#pragma once
// Exercise 4.1: the mini-batch gradient of the chapter's least-squares loss.

#include <Eigen/Core>
#include <stdexcept>
#include <vector>

namespace exercises {

//! [signature]
/// The gradient of the chapter's loss L(w) = (1/N)·Σ_i (x_iᵀw − y_i)², for the rows
/// x_i of X (N × d, no bias) and the targets y, estimated on the samples in `batch` only:
///   g_B(w) = (1/B)·Σ_{i in batch} 2·x_i·(x_iᵀw − y_i),   B = batch.size().
/// Returns d numbers. `batch` holds row numbers of X (each in 0 … N − 1), in any
/// order; a batch drawn with replacement may hold a row twice, and it then counts twice.
/// An empty batch has no mean: throw std::invalid_argument.
inline Eigen::VectorXd minibatch_gradient(const Eigen::MatrixXd& X,
                                          const Eigen::VectorXd& y,
                                          const Eigen::VectorXd& w,
                                          const std::vector<Eigen::Index>& batch) {
//! [signature]
  // BEGIN SOLUTION
  if (batch.empty()) throw std::invalid_argument("minibatch_gradient: an empty batch has no mean");
  const Eigen::MatrixXd rows = X(batch, Eigen::all);  // B by d: a row named twice comes twice
  const Eigen::VectorXd residuals = rows * w - y(batch);
  return (2.0 / static_cast<double>(batch.size())) * rows.transpose() * residuals;
  // END SOLUTION
  // STARTER: (void)X; (void)y; (void)batch; return Eigen::VectorXd::Zero(w.size());
}

}  // namespace exercises
