#pragma once
/// \file softmax.hpp
/// \brief Softmax with cross-entropy: the loss of a network that picks one of K classes.
///
/// The network's last layer gives K scores (logits) z per sample. Softmax turns them into
/// probabilities p_k = e^(z_k) / Σ_j e^(z_j); the loss of a sample of class y is −log p_y.
/// Computed as written, e^(z_k) overflows to infinity for a logit above 709, and the loss
/// becomes NaN. Subtracting the largest logit m first changes nothing mathematically
/// (numerator and denominator are both multiplied by e^(−m)) and keeps every exponent ≤ 0:
/// −log p_y = m + log Σ_j e^(z_j − m) − z_y. The gradient of the loss with respect to the
/// logits is the neat p − onehot(y): backprop starts from there.

#include <Eigen/Core>
#include <span>

namespace descent {

/// Softmax probabilities of each column of `logits` (classes × samples), max-shifted.
[[nodiscard]] Eigen::MatrixXd softmax(const Eigen::MatrixXd& logits);

/// The mean loss of a batch and its gradient with respect to the logits.
struct LossAndSlope {
  double loss = 0.0;         ///< (1/B) Σ_b −log p_(y_b)
  Eigen::MatrixXd slope;     ///< ∂loss/∂logits = (p − onehot(y)) / B, classes × B
};

/// Cross-entropy of softmax(`logits`) against `labels` (one per column), averaged over the
/// batch, with its gradient. Finite for any finite logits.
[[nodiscard]] LossAndSlope softmax_cross_entropy(const Eigen::MatrixXd& logits, std::span<const int> labels);

}  // namespace descent
