#pragma once
// Exercise 6.1: momentum, in PyTorch's form.

#include <Eigen/Core>

namespace exercises {

//! [signature]
/// Heavy-ball momentum with coefficient μ, as PyTorch's SGD writes it:
///   b ← μ·b + g,   then   w ← w − η·b.
/// `velocity` (b) is the optimizer's state: it starts as a vector of zeros the size of w
/// and must be updated in place, so the next call continues where this one left off.
inline void momentum_step(Eigen::VectorXd& w, Eigen::VectorXd& velocity,
                          const Eigen::VectorXd& g, double learning_rate,
                          double momentum) {
//! [signature]
  // BEGIN SOLUTION
  velocity = momentum * velocity + g;
  w -= learning_rate * velocity;
  // END SOLUTION
  // STARTER: (void)w; (void)velocity; (void)g; (void)learning_rate; (void)momentum;
}

}  // namespace exercises
