#pragma once
// Exercise 8.1: the backward pass of one dense layer on a batch.

#include <Eigen/Core>
#include <cmath>

namespace exercises {

//! [types]
/// The function f a layer applies to each of its pre-activations.
enum class Activation { identity, sigmoid, tanh, relu };

/// What the backward pass returns: the gradients of the loss L with respect to the layer's
/// weights, bias and input.
struct DenseGradients {
  Eigen::MatrixXd weights;  ///< ∂L/∂W, n_in × n_out like W
  Eigen::VectorXd bias;     ///< ∂L/∂b, n_out entries like b
  Eigen::MatrixXd input;    ///< ∂L/∂X, B × n_in like X
};
//! [types]

//! [signature]
/// A dense layer on a batch, one sample per row: X is B × n_in, W is n_in × n_out,
/// b has n_out entries. The layer computes Z = X·W + 1·bᵀ (b added to every row), then
/// A = f(Z) entry by entry. `output_gradient` is G = ∂L/∂A (B × n_out), the gradient
/// of the batch's mean loss L: its 1/B is already in G, so the layer sums over the
/// batch and divides by nothing. Returns
///   ∂L/∂W = Xᵀ·D,   ∂L/∂b = Σ over the rows of D,   ∂L/∂X = D·Wᵀ,
/// where D = G ⊙ f′(Z) (⊙ multiplies entry by entry) and f′ is taken at z:
/// identity 1; sigmoid σ(z)(1 − σ(z)) with σ(z) = 1/(1 + e^(−z)); tanh 1 − tanh²(z);
/// ReLU 1 where z > 0 and 0 where z ≤ 0.
inline DenseGradients dense_backward(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W,
                                     const Eigen::VectorXd& b, Activation f,
                                     const Eigen::MatrixXd& output_gradient) {
//! [signature]
  // BEGIN SOLUTION
  // The forward pass again: the derivative is taken at the pre-activation Z.
  const Eigen::ArrayXXd z = ((X * W).rowwise() + b.transpose()).array();
  Eigen::ArrayXXd slope;
  switch (f) {
    case Activation::identity: slope = Eigen::ArrayXXd::Ones(z.rows(), z.cols()); break;
    case Activation::sigmoid: {
      const Eigen::ArrayXXd s = 1.0 / (1.0 + (-z).exp());
      slope = s * (1.0 - s);
      break;
    }
    case Activation::tanh: slope = 1.0 - z.tanh().square(); break;
    case Activation::relu: slope = (z > 0.0).cast<double>(); break;
  }
  const Eigen::MatrixXd d = (output_gradient.array() * slope).matrix();
  return {.weights = X.transpose() * d,
          .bias = d.colwise().sum().transpose(),
          .input = d * W.transpose()};
  // END SOLUTION
  // STARTER: (void)X; (void)W; (void)b; (void)f; (void)output_gradient; return {};
}

}  // namespace exercises
