#pragma once
// Exercise 8.2: softmax with cross-entropy, its mean loss and its gradient, safe for any logits.

#include <Eigen/Core>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace exercises {

//! [types]
/// The batch's mean loss and its gradient with respect to the logits.
struct LossAndGradient {
  double loss = 0.0;          ///< L = (1/B)·Σ_i ℓ_i
  Eigen::MatrixXd gradient;   ///< ∂L/∂Z, B × C like the logits
};
//! [types]

//! [signature]
/// Logits Z (B × C, one sample per row, B ≥ 1, C ≥ 1) and the class of each sample,
/// labels[i] in 0 … C − 1. Sample i's probabilities are the softmax of its row,
/// p_ij = e^(z_ij) / Σ_k e^(z_ik), and its loss is ℓ_i = −log p_i,y_i with
/// y_i = labels[i]. Returns the mean L = (1/B)·Σ_i ℓ_i and ∂L/∂Z = (P − Y)/B, where Y
/// is the one-hot matrix (Y_ij = 1 when j = y_i, else 0). Both must be finite and
/// accurate for logits of any size: ℓ_i = log Σ_k e^(z_ik − m_i) − (z_i,y_i − m_i),
/// with m_i the row's largest logit (logits (1000, 0) with label 1 give the loss
/// 1000, not infinity). Throws std::invalid_argument when a label is outside
/// 0 … C − 1 or when there is not exactly one label per row.
inline LossAndGradient softmax_cross_entropy(const Eigen::MatrixXd& logits,
                                             const std::vector<int>& labels) {
//! [signature]
  // BEGIN SOLUTION
  const Eigen::Index batch = logits.rows(), classes = logits.cols();
  if (static_cast<Eigen::Index>(labels.size()) != batch) {
    throw std::invalid_argument("softmax_cross_entropy: one label per row of the logits");
  }
  for (const int label : labels) {
    if (label < 0 || label >= classes) {
      throw std::invalid_argument("softmax_cross_entropy: a label outside 0 ... C - 1");
    }
  }
  // Shifted by each row's largest logit, every exponent is at most 0: nothing overflows,
  // and the largest term is 1, so the sum is at least 1 and its logarithm is finite.
  const Eigen::MatrixXd shifted = logits.colwise() - logits.rowwise().maxCoeff();
  const Eigen::ArrayXXd exponentials = shifted.array().exp();
  const Eigen::ArrayXd sums = exponentials.rowwise().sum();
  LossAndGradient result{.loss = 0.0,
                         .gradient = (exponentials.colwise() / sums).matrix()};
  for (Eigen::Index i = 0; i < batch; ++i) {
    const Eigen::Index label = labels[static_cast<std::size_t>(i)];
    result.loss += std::log(sums[i]) - shifted(i, label);
    result.gradient(i, label) -= 1.0;
  }
  result.loss /= static_cast<double>(batch);
  result.gradient /= static_cast<double>(batch);
  return result;
  // END SOLUTION
  // STARTER: (void)logits; (void)labels; return {};
}

}  // namespace exercises
