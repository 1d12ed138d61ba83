#pragma once
// Exercise 6.2: Adam with bias correction, and AdamW's decoupled weight decay.

#include <Eigen/Core>
#include <cmath>

namespace exercises {

/// Adam's state: the two moving averages and the number of steps taken so far.
struct AdamState {
  Eigen::VectorXd m;  ///< first moment, zeros at the start
  Eigen::VectorXd v;  ///< second moment, zeros at the start
  int t = 0;          ///< steps taken so far
};

//! [signature]
/// One AdamW step, as PyTorch's AdamW writes it (weight_decay = 0 gives plain Adam):
///   t ← t + 1
///   w ← w − η·λ·w                                   (decoupled weight decay, first)
///   m ← β1·m + (1 − β1)·g,    v ← β2·v + (1 − β2)·g²  (element-wise square)
///   m̂ = m / (1 − β1ᵗ),        v̂ = v / (1 − β2ᵗ)
///   w ← w − η·m̂ / (√v̂ + ε)                           (element-wise)
/// The gradient g is used as given: the decay never enters m or v.
inline void adamw_step(Eigen::VectorXd& w, AdamState& state, const Eigen::VectorXd& g,
                       double learning_rate, double beta1, double beta2, double eps,
                       double weight_decay) {
//! [signature]
  // BEGIN SOLUTION
  state.t += 1;
  w *= 1.0 - learning_rate * weight_decay;
  state.m = beta1 * state.m + (1.0 - beta1) * g;
  state.v = beta2 * state.v + (1.0 - beta2) * g.cwiseProduct(g);
  const Eigen::ArrayXd m_hat = state.m.array() / (1.0 - std::pow(beta1, state.t));
  const Eigen::ArrayXd v_hat = state.v.array() / (1.0 - std::pow(beta2, state.t));
  w.array() -= learning_rate * m_hat / (v_hat.sqrt() + eps);
  // END SOLUTION
  // STARTER: (void)w; (void)state; (void)g; (void)learning_rate; (void)beta1; (void)beta2; (void)eps; (void)weight_decay;
}

}  // namespace exercises
